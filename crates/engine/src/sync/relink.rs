//! New hires and leavers in the links: an Add payroll implemented links the
//! Worknice person to the new MicrOpay employee (in Worknice and here); an
//! employee deleted in MicrOpay is unlinked, and the Worknice person stays
//! (Paybridge never deletes one).

use paybridge_store::{LinkHow, LinkRecord};
use paybridge_worknice::{NewPersonConnection, WorkniceError};

use super::apply::{masked, ApplyContext, WriteOutcome};
use super::plan::{EmployeeAction, EmployeePlan};
use crate::retry::{retrying, READ_RETRY};

impl ApplyContext<'_> {
    /// Carries out the employee's Link or Unlink; `None` when it has none.
    pub(super) async fn relink(&self, employee: &EmployeePlan) -> Option<WriteOutcome> {
        let action = employee.action?;
        let code = employee.emp_code.clone()?;
        let person_id = employee.worknice_person_id.clone()?;
        let outcome = match action {
            EmployeeAction::Link => {
                let id_employee = employee.id_employee?;
                self.link(&code, id_employee, &person_id).await
            }
            EmployeeAction::Unlink => self.unlink(&code, &person_id).await,
            EmployeeAction::Add => return None,
        };
        let operation = match action {
            EmployeeAction::Link => "connect-person",
            _ => "remove-person-connection",
        };
        self.audit("worknice", Some(code), operation, "", &outcome)
            .await;
        Some(outcome)
    }

    async fn link(&self, code: &str, id_employee: i64, person_id: &str) -> WriteOutcome {
        let connection = NewPersonConnection {
            remote_id: id_employee.to_string(),
            employee_code: code.to_owned(),
        };
        // Linking twice to the same record changes nothing: safe to retry.
        let connected = retrying(&READ_RETRY, "link a new hire in Worknice", || {
            self.engine.requests.worknice();
            self.worknice.connect_person(person_id, &connection)
        })
        .await;
        if let Err(error) = connected {
            return failed(&error);
        }
        let link = LinkRecord {
            emp_code: code.to_owned(),
            id_employee,
            worknice_person_id: person_id.to_owned(),
            how: LinkHow::Matched,
            linked_at: self.engine.clock.now(),
        };
        match self
            .engine
            .with_store(move |store| store.links().record(&link, &[]))
            .await
        {
            Ok(()) => WriteOutcome::Written,
            Err(error) => WriteOutcome::RetryLater(error.message),
        }
    }

    async fn unlink(&self, code: &str, person_id: &str) -> WriteOutcome {
        let removed = retrying(&READ_RETRY, "unlink a Worknice person", || {
            self.engine.requests.worknice();
            self.worknice.remove_person_connection(person_id)
        })
        .await;
        match removed {
            Ok(()) | Err(WorkniceError::PersonNotFound { .. }) => {}
            Err(error) => return failed(&error),
        }
        let code = code.to_owned();
        match self
            .engine
            .with_store(move |store| store.links().remove(&code).map(|_| ()))
            .await
        {
            Ok(()) => WriteOutcome::Written,
            Err(error) => WriteOutcome::RetryLater(error.message),
        }
    }
}

fn failed(error: &WorkniceError) -> WriteOutcome {
    let reason = masked(&error.to_string());
    if crate::retry::Temporary::is_temporary(error) {
        WriteOutcome::RetryLater(reason)
    } else {
        WriteOutcome::Refused(reason)
    }
}

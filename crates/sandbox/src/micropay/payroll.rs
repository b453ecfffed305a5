//! The payroll database behind the sandbox: employees that change, the
//! employees deleted from it, and the change requests waiting for a payroll
//! user, with the clock that stamps them (injectable, so tests never sleep).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::NaiveDateTime;
use serde_json::Value;

use super::edits::EmployeeEdit;
use crate::dataset::{SeedEmployee, SeedLookup, SeedTax, DEFAULT_PAY_POINT};
use paybridge_domain::Sensitive;

/// Where a change request is, as `ChangeStatus` names it (inferred spellings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestState {
    Received,
    PickedUp,
    Implemented,
    Rejected,
}

impl RequestState {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Received => "Received",
            Self::PickedUp => "PickedUp",
            Self::Implemented => "Implemented",
            Self::Rejected => "Rejected",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChangeType {
    Add,
    Change,
    Delete,
}

impl ChangeType {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "add" => Some(Self::Add),
            "change" => Some(Self::Change),
            "delete" => Some(Self::Delete),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Add => "Add",
            Self::Change => "Change",
            Self::Delete => "Delete",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ChangeRequest {
    pub id: i64,
    pub change_type: ChangeType,
    pub emp_code: String,
    pub edit: EmployeeEdit,
    /// The body as posted (keys lower-cased; TFNs and account numbers
    /// masked), for `/sandbox/requests`.
    pub submitted: Value,
    pub effective_date: Option<String>,
    /// Sent through `ChangeEmployeeImmediate`: implemented on arrival.
    pub immediate: bool,
    pub state: RequestState,
    /// A status read has seen it as received: the next one finds it picked up.
    pub seen_received: bool,
    pub received_at: NaiveDateTime,
    pub picked_up_at: Option<NaiveDateTime>,
    pub implemented_at: Option<NaiveDateTime>,
    pub rejected_at: Option<NaiveDateTime>,
    pub error_message: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct DeletedRecord {
    pub id_employee: i64,
    pub emp_code: String,
    pub deleted_at: NaiveDateTime,
}

/// Why payroll could not act on a request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ActionRefused {
    NoSuchRequest,
    AlreadyDecided(RequestState),
    EmployeeMissing,
    /// An Add for a code payroll has by now (created by hand meanwhile).
    EmployeeExists,
}

/// `ErrorMessage`'s limit in the reference.
const ERROR_MESSAGE_LIMIT: usize = 500;

#[derive(Debug)]
pub(crate) struct Payroll {
    pub employees: Vec<SeedEmployee>,
    pub deleted: Vec<DeletedRecord>,
    pub requests: Vec<ChangeRequest>,
}

impl Payroll {
    pub(crate) fn new(employees: Vec<SeedEmployee>) -> Self {
        Self {
            employees,
            deleted: Vec::new(),
            requests: Vec::new(),
        }
    }

    pub(crate) fn employee_mut(&mut self, emp_code: &str) -> Option<&mut SeedEmployee> {
        self.employees
            .iter_mut()
            .find(|e| !e.emp_code.is_empty() && e.emp_code.eq_ignore_ascii_case(emp_code))
    }

    pub(crate) fn has_employee(&self, emp_code: &str) -> bool {
        self.employees
            .iter()
            .any(|e| !e.emp_code.is_empty() && e.emp_code.eq_ignore_ascii_case(emp_code))
    }

    /// The Adds for this code, decided or not.
    fn adds_for<'a>(&'a self, emp_code: &'a str) -> impl Iterator<Item = &'a ChangeRequest> {
        self.requests.iter().filter(move |r| {
            r.change_type == ChangeType::Add && r.emp_code.eq_ignore_ascii_case(emp_code)
        })
    }

    /// An Add for this code was rejected: the reference says later Changes
    /// and a second Add for it are not created.
    /// Returns payroll's reason (the latest, when there are several).
    pub(crate) fn add_was_rejected<'a>(&'a self, emp_code: &'a str) -> Option<&'a str> {
        self.adds_for(emp_code)
            .filter(|r| r.state == RequestState::Rejected)
            .last()
            .map(|r| r.error_message.as_deref().unwrap_or_default())
    }

    /// An Add for this code waits for payroll.
    pub(crate) fn add_is_pending(&self, emp_code: &str) -> bool {
        self.adds_for(emp_code)
            .any(|r| matches!(r.state, RequestState::Received | RequestState::PickedUp))
    }

    pub(crate) fn next_request_id(&self) -> i64 {
        self.requests.last().map_or(1, |r| r.id + 1)
    }

    pub(crate) fn request_mut(&mut self, id: i64) -> Option<&mut ChangeRequest> {
        self.requests.iter_mut().find(|r| r.id == id)
    }

    /// Payroll implements the request: its edit reaches the employee.
    pub(crate) fn implement(
        &mut self,
        id: i64,
        lookups: &[SeedLookup],
        now: NaiveDateTime,
    ) -> Result<(), ActionRefused> {
        let request = self.undecided(id)?.clone();
        match request.change_type {
            ChangeType::Add => {
                if self.has_employee(&request.emp_code) {
                    return Err(ActionRefused::EmployeeExists);
                }
                let mut employee = self.new_employee(&request.emp_code, now);
                request.edit.apply(&mut employee, lookups, now);
                self.employees.push(employee);
            }
            ChangeType::Change => {
                let employee = self
                    .employee_mut(&request.emp_code)
                    .ok_or(ActionRefused::EmployeeMissing)?;
                request.edit.apply(employee, lookups, now);
            }
            ChangeType::Delete => {
                if !self.delete(&request.emp_code, now) {
                    return Err(ActionRefused::EmployeeMissing);
                }
            }
        }
        let request = self.request_mut(id).ok_or(ActionRefused::NoSuchRequest)?;
        request.picked_up_at.get_or_insert(now);
        request.implemented_at = Some(now);
        request.state = RequestState::Implemented;
        Ok(())
    }

    /// Payroll rejects the request. Rejecting an Add also rejects the
    /// Changes that waited on it: no record after a rejected Add is created.
    pub(crate) fn reject(
        &mut self,
        id: i64,
        message: String,
        now: NaiveDateTime,
    ) -> Result<(), ActionRefused> {
        let request = self.undecided(id)?;
        let rejected_add =
            (request.change_type == ChangeType::Add).then(|| request.emp_code.clone());
        mark_rejected(request, message.clone(), now);
        let Some(emp_code) = rejected_add.filter(|code| !self.has_employee(code)) else {
            return Ok(());
        };
        let reason = format!("The Add for EmpCode {emp_code} was rejected by payroll: {message}");
        let reason: String = reason.chars().take(ERROR_MESSAGE_LIMIT).collect();
        for waiting in self.requests.iter_mut().filter(|r| {
            r.change_type == ChangeType::Change
                && r.emp_code.eq_ignore_ascii_case(&emp_code)
                && matches!(r.state, RequestState::Received | RequestState::PickedUp)
        }) {
            mark_rejected(waiting, reason.clone(), now);
        }
        Ok(())
    }

    fn undecided(&mut self, id: i64) -> Result<&mut ChangeRequest, ActionRefused> {
        let request = self.request_mut(id).ok_or(ActionRefused::NoSuchRequest)?;
        match request.state {
            RequestState::Received | RequestState::PickedUp => Ok(request),
            decided => Err(ActionRefused::AlreadyDecided(decided)),
        }
    }

    /// Removes the employee and lists them for `api/DeletedEmployees`.
    pub(crate) fn delete(&mut self, emp_code: &str, now: NaiveDateTime) -> bool {
        let Some(index) = self
            .employees
            .iter()
            .position(|e| !e.emp_code.is_empty() && e.emp_code.eq_ignore_ascii_case(emp_code))
        else {
            return false;
        };
        let employee = self.employees.remove(index);
        self.deleted.push(DeletedRecord {
            id_employee: employee.id_employee,
            emp_code: employee.emp_code,
            deleted_at: now,
        });
        true
    }

    /// A blank employee under `emp_code`, as payroll's "New Employee" starts one.
    pub(crate) fn new_employee(&self, emp_code: &str, now: NaiveDateTime) -> SeedEmployee {
        let id_employee = self
            .employees
            .iter()
            .map(|e| e.id_employee)
            .chain(self.deleted.iter().map(|d| d.id_employee))
            .max()
            .unwrap_or(1000)
            + 1;
        SeedEmployee {
            id_employee,
            emp_code: emp_code.to_owned(),
            first_name: String::new(),
            surname: String::new(),
            email: String::new(),
            hired_date: now.date(),
            terminated: false,
            middle_name: None,
            preferred_name: None,
            title: String::new(),
            gender: String::new(),
            date_of_birth: None,
            address: crate::dataset::SeedAddress {
                line1: String::new(),
                suburb: String::new(),
                state: String::new(),
                postcode: String::new(),
            },
            mobile: String::new(),
            location: String::new(),
            payroll_company: String::new(),
            pay_frequency: String::new(),
            pay_point: DEFAULT_PAY_POINT.to_owned(),
            termination_date: None,
            changed_at: now,
            tax: SeedTax {
                tfn: Sensitive::new(String::new()),
                basis_of_payment: "FullTime".to_owned(),
                australian_resident: true,
                tax_free_threshold: false,
                help_debt: false,
                working_holiday_maker: false,
            },
            bank_accounts: Vec::new(),
            super_funds: Vec::new(),
            leave_balances: Vec::new(),
            defects: Vec::new(),
        }
    }

    /// What the passage of time does by itself: with an auto-accept delay,
    /// requests older than it are implemented, or rejected with the reason
    /// when they cannot be (a Change whose Add still waits, waits).
    pub(crate) fn settle(
        &mut self,
        auto_accept: Option<Duration>,
        lookups: &[SeedLookup],
        now: NaiveDateTime,
    ) {
        let Some(delay) = auto_accept.and_then(|d| chrono::Duration::from_std(d).ok()) else {
            return;
        };
        let due: Vec<i64> = self
            .requests
            .iter()
            .filter(|r| matches!(r.state, RequestState::Received | RequestState::PickedUp))
            .filter(|r| r.received_at + delay <= now)
            .map(|r| r.id)
            .collect();
        for id in due {
            // As payroll's import would: what cannot be implemented fails
            // with the reason, except a Change still waiting on its Add.
            let code = self
                .request_mut(id)
                .map(|r| r.emp_code.clone())
                .unwrap_or_default();
            let reason = match self.implement(id, lookups, now) {
                Err(ActionRefused::EmployeeExists) => {
                    format!("An employee with EmpCode {code} already exists in payroll.")
                }
                Err(ActionRefused::EmployeeMissing) if !self.add_is_pending(&code) => {
                    format!("No employee with EmpCode {code} exists in payroll.")
                }
                _ => continue,
            };
            let _ = self.reject(id, reason, now);
        }
    }
}

fn mark_rejected(request: &mut ChangeRequest, message: String, now: NaiveDateTime) {
    request.picked_up_at.get_or_insert(now);
    request.rejected_at = Some(now);
    request.error_message = Some(message);
    request.state = RequestState::Rejected;
}

/// The sandbox's time: the wall clock, or an instant a test pinned and moves.
#[derive(Debug, Default)]
pub(crate) struct SandboxClock {
    pinned: Mutex<Option<NaiveDateTime>>,
}

impl SandboxClock {
    pub(crate) fn now(&self) -> NaiveDateTime {
        self.pinned
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .unwrap_or_else(|| chrono::Utc::now().naive_utc())
    }

    pub(crate) fn pin(&self, instant: NaiveDateTime) {
        *self.pinned.lock().unwrap_or_else(PoisonError::into_inner) = Some(instant);
    }

    /// Moves a pinned clock on (pins it at now + `by` if it was not pinned).
    pub(crate) fn advance(&self, by: Duration) {
        let now = self.now();
        let by = chrono::Duration::from_std(by).unwrap_or_default();
        self.pin(now + by);
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

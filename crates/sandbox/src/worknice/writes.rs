//! The write side of the sandbox: creating people and keeping person
//! connections. Each write runs under the state's write lock, so the
//! duplicate check and the insert cannot interleave with another request.
//!
//! Inferred: Worknice's own rules for these writes are not published. The
//! checks here are the ones an HR system must make to stay consistent
//! (employee codes unique, one balance-of-pay account, a TFN that passes its
//! checksum, by the sandbox's own check in `tfn_check.rs`); their messages never repeat the values they refuse.

use chrono::NaiveDate;
use paybridge_domain::Bsb;

use super::records::{SandboxConnection, SandboxPersonDetails};
use super::schema::PersonConnectionStatus;
use super::{seed, PersonStatus, SandboxPerson, WorkniceState};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum WriteError {
    #[error("A person with employee code {employee_code} already exists.")]
    EmployeeCodeTaken { employee_code: String },
    #[error("{0}")]
    Invalid(String),
    #[error("There is no person with id {person_id}.")]
    PersonNotFound { person_id: String },
    #[error("Person {person_id} is already connected to remote record {remote_id}.")]
    PersonConnectedElsewhere {
        person_id: String,
        remote_id: String,
    },
    #[error("Remote record {remote_id} is already connected to person {person_id}.")]
    RemoteConnectedElsewhere {
        remote_id: String,
        person_id: String,
    },
}

/// Employee codes are compared trimmed and without regard to case.
/// Inferred: how Worknice compares them is not published.
fn code_key(code: &str) -> String {
    code.trim().to_ascii_lowercase()
}

impl WorkniceState {
    pub(crate) fn person_by_employee_code(&self, code: &str) -> Option<&SandboxPerson> {
        self.by_code
            .get(&code_key(code))
            .and_then(|&index| self.people.get(index))
    }

    /// Adds a person to the list and its indexes; the first person with a
    /// code keeps it in the index.
    pub(crate) fn add_person(&mut self, person: SandboxPerson) {
        let index = self.people.len();
        if let Some(code) = person.employee_code.as_deref() {
            self.by_code.entry(code_key(code)).or_insert(index);
        }
        self.by_id.entry(person.id.clone()).or_insert(index);
        self.people.push(person);
    }

    /// Adds a person with `details`; `today` decides whether they have started.
    pub(crate) fn create_person(
        &mut self,
        mut details: SandboxPersonDetails,
        today: NaiveDate,
    ) -> Result<SandboxPerson, WriteError> {
        details.employee_code = details.employee_code.trim().to_owned();
        check(&mut details)?;
        if self
            .person_by_employee_code(&details.employee_code)
            .is_some()
        {
            return Err(WriteError::EmployeeCodeTaken {
                employee_code: details.employee_code,
            });
        }
        let given_name = details
            .preferred_name
            .as_deref()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or(&details.first_name);
        let person = SandboxPerson {
            id: seed::id_from(&mut self.id_rng),
            display_name: format!("{} {}", given_name.trim(), details.last_name.trim()),
            status: match details.start_date {
                Some(start) if start > today => PersonStatus::PreStart,
                _ => PersonStatus::Active,
            },
            employee_code: Some(details.employee_code.clone()),
            start_date: details.start_date,
            profile_email: details.email.clone(),
            profile_phone: details.mobile_phone.clone(),
            location: None,
            position_title: None,
        };
        self.details.insert(person.id.clone(), details);
        self.add_person(person.clone());
        Ok(person)
    }

    /// Connecting again to the same remote record returns the connection
    /// already held; anything that would give either side a second partner
    /// is refused.
    pub(crate) fn connect_person(
        &mut self,
        person_id: &str,
        remote_id: &str,
        employee_code: &str,
    ) -> Result<SandboxConnection, WriteError> {
        if !self.by_id.contains_key(person_id) {
            return Err(WriteError::PersonNotFound {
                person_id: person_id.to_owned(),
            });
        }
        if remote_id.trim().is_empty() {
            return Err(WriteError::Invalid("The remote id is missing.".to_owned()));
        }
        let held = |index: Option<&usize>| index.map(|&index| &self.connections[index]);
        if let Some(held) = held(self.connection_by_person.get(person_id)) {
            return if held.remote_id == remote_id {
                Ok(held.clone())
            } else {
                Err(WriteError::PersonConnectedElsewhere {
                    person_id: person_id.to_owned(),
                    remote_id: held.remote_id.clone(),
                })
            };
        }
        if let Some(held) = held(self.connection_by_remote.get(remote_id)) {
            return Err(WriteError::RemoteConnectedElsewhere {
                remote_id: remote_id.to_owned(),
                person_id: held.person_id.clone(),
            });
        }
        let connection = SandboxConnection {
            person_id: person_id.to_owned(),
            remote_id: remote_id.to_owned(),
            employee_code: employee_code.trim().to_owned(),
            status: PersonConnectionStatus::Connected,
        };
        let index = self.connections.len();
        self.connection_by_person
            .insert(connection.person_id.clone(), index);
        self.connection_by_remote
            .insert(connection.remote_id.clone(), index);
        self.connections.push(connection.clone());
        Ok(connection)
    }

    /// True when there was a connection to remove.
    pub(crate) fn remove_connection(&mut self, person_id: &str) -> bool {
        let Some(index) = self.connection_by_person.remove(person_id) else {
            return false;
        };
        let removed = self.connections.remove(index);
        self.connection_by_remote.remove(&removed.remote_id);
        // Rare (an unlink): the later connections moved down by one.
        for (i, connection) in self.connections.iter().enumerate().skip(index) {
            self.connection_by_person
                .insert(connection.person_id.clone(), i);
            self.connection_by_remote
                .insert(connection.remote_id.clone(), i);
        }
        true
    }
}

/// Refuses what an HR system could not store; tidies the BSB and TFN into
/// their canonical forms.
fn check(details: &mut SandboxPersonDetails) -> Result<(), WriteError> {
    let invalid = |message: String| Err(WriteError::Invalid(message));
    if details.employee_code.is_empty() {
        return invalid("The employee code is missing.".to_owned());
    }
    if details.first_name.trim().is_empty() || details.last_name.trim().is_empty() {
        return invalid("A person needs a first name and a last name.".to_owned());
    }
    for account in &mut details.bank_accounts {
        let order = account.order;
        account.bsb = Bsb::parse(&account.bsb)
            .map_err(|error| WriteError::Invalid(format!("Bank account {order}: {error}.")))?
            .as_str()
            .to_owned();
        let digits = account.account_number.expose();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return invalid(format!(
                "Bank account {order}: the account number must be digits only."
            ));
        }
        if account.balance_of_pay && account.fixed_amount_cents.is_some_and(|cents| cents != 0) {
            return invalid(format!(
                "Bank account {order} takes the balance of pay, so it cannot also have a fixed amount."
            ));
        }
        if !account.balance_of_pay && account.fixed_amount_cents.is_none_or(|cents| cents < 0) {
            return invalid(format!(
                "Bank account {order} needs a fixed amount of zero or more."
            ));
        }
    }
    let balance_accounts = details
        .bank_accounts
        .iter()
        .filter(|account| account.balance_of_pay)
        .count();
    if !details.bank_accounts.is_empty() && balance_accounts != 1 {
        return invalid(format!(
            "Exactly one bank account must take the balance of pay; {balance_accounts} do."
        ));
    }
    if let Some(tax) = &mut details.tax_details {
        let tfn = super::tfn_check::checked_tfn(tax.tfn.expose())
            .map_err(|refusal| WriteError::Invalid(refusal.to_owned()))?;
        tax.tfn = paybridge_domain::Sensitive::new(tfn);
    }
    Ok(())
}

//! The write side of the sandbox: creating people and keeping person
//! connections. Each write runs under the state's write lock, so the
//! duplicate check and the insert cannot interleave with another request.
//!
//! Inferred: Worknice's own rules for these writes are not published.
//! Employee codes are unique; what else is refused is in `checks.rs`.

use chrono::{DateTime, NaiveDate, Utc};

use super::records::{SandboxConnection, SandboxPersonDetails};
use super::schema::PersonConnectionStatus;
use super::{checks, seed, PersonStatus, SandboxPerson, WorkniceState};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum WriteError {
    #[error("A person with employee code {employee_code} already exists.")]
    EmployeeCodeTaken { employee_code: String },
    #[error("A leave type with code {code} already exists.")]
    LeaveTypeCodeTaken { code: String },
    /// `field` is the input's path, e.g. `bankAccounts[1].bsb`.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
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
pub(super) fn code_key(code: &str) -> String {
    code.trim().to_ascii_lowercase()
}

impl WorkniceState {
    pub(crate) fn person_by_employee_code(&self, code: &str) -> Option<&SandboxPerson> {
        self.by_code
            .get(&code_key(code))
            .and_then(|&index| self.people.get(index))
    }

    /// Adds a person to the list and its indexes; the first person with a
    /// code keeps it in the index. A person added without details gets what
    /// the list shows (see [`SandboxPersonDetails::from_listed`]).
    pub(crate) fn add_person(&mut self, person: SandboxPerson) {
        let index = self.people.len();
        if let Some(code) = person.employee_code.as_deref() {
            self.by_code.entry(code_key(code)).or_insert(index);
        }
        self.by_id.entry(person.id.clone()).or_insert(index);
        if !self.details.contains_key(&person.id) {
            let stamp = self.stamp();
            self.details.insert(
                person.id.clone(),
                SandboxPersonDetails::from_listed(&person, stamp),
            );
        }
        self.people.push(person);
    }

    /// A moment later than every `updatedAt` given so far, so an edit always
    /// moves it forward, however quickly edits follow each other.
    pub(crate) fn stamp(&mut self) -> DateTime<Utc> {
        let now = Utc::now();
        let stamp = match self.last_stamp {
            Some(last) if now <= last => last + chrono::Duration::milliseconds(1),
            _ => now,
        };
        self.last_stamp = Some(stamp);
        stamp
    }

    /// Adds a person with `details`, linked to the payroll record
    /// `remote_id` when one is given, in one step: either both happen or
    /// neither does. `today` decides whether they have started.
    pub(crate) fn create_person(
        &mut self,
        mut details: SandboxPersonDetails,
        remote_id: Option<&str>,
        today: NaiveDate,
    ) -> Result<SandboxPerson, WriteError> {
        details.employee_code = details.employee_code.trim().to_owned();
        check(&mut details)?;
        // The code first: a create sent again after its answer was lost
        // hears that its person exists, which says more than that its
        // record is linked.
        if self
            .person_by_employee_code(&details.employee_code)
            .is_some()
        {
            return Err(WriteError::EmployeeCodeTaken {
                employee_code: details.employee_code,
            });
        }
        if let Some(remote_id) = remote_id {
            self.check_remote_free(remote_id)?;
        }
        let person = self.insert(details, None, today)?;
        if let Some(remote_id) = remote_id {
            let code = person.employee_code.clone().unwrap_or_default();
            self.connect_person(&person.id, remote_id, &code)?;
        }
        Ok(person)
    }

    /// Refuses a remote record that is missing or already linked.
    fn check_remote_free(&self, remote_id: &str) -> Result<(), WriteError> {
        if remote_id.trim().is_empty() {
            return Err(WriteError::Invalid {
                field: "connection.remoteId".to_owned(),
                message: "The remote id is missing.".to_owned(),
            });
        }
        match self.connection_by_remote.get(remote_id) {
            Some(&index) => Err(WriteError::RemoteConnectedElsewhere {
                remote_id: remote_id.to_owned(),
                person_id: self.connections[index].person_id.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Stores a checked person (an empty employee code is none: a new hire
    /// without an Employee ID yet), refusing a code somebody has.
    pub(crate) fn insert(
        &mut self,
        mut details: SandboxPersonDetails,
        job: Option<(Option<String>, Option<String>)>,
        today: NaiveDate,
    ) -> Result<SandboxPerson, WriteError> {
        let code = Some(details.employee_code.trim().to_owned()).filter(|code| !code.is_empty());
        if let Some(code) = &code {
            if self.person_by_employee_code(code).is_some() {
                return Err(WriteError::EmployeeCodeTaken {
                    employee_code: code.clone(),
                });
            }
        }
        let (position_title, location) = job.unwrap_or_default();
        let person = SandboxPerson {
            id: seed::id_from(&mut self.id_rng),
            display_name: display_name(&details),
            status: match details.start_date {
                Some(start) if start > today => PersonStatus::PreStart,
                _ => PersonStatus::Active,
            },
            employee_code: code,
            start_date: details.start_date,
            profile_email: details.email.clone(),
            profile_phone: details.mobile_phone.clone(),
            location,
            position_title,
        };
        details.updated_at = self.stamp();
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
            return Err(WriteError::Invalid {
                field: "remoteId".to_owned(),
                message: "The remote id is missing.".to_owned(),
            });
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
    if details.employee_code.is_empty() {
        return Err(WriteError::Invalid {
            field: "employeeCode".to_owned(),
            message: "The employee code is missing.".to_owned(),
        });
    }
    checks::names(&details.first_name, &details.last_name)?;
    checks::bank_accounts(&mut details.bank_accounts)?;
    if let Some(tax) = &mut details.tax_details {
        checks::tax_details(tax)?;
    }
    Ok(())
}

/// "Janie Citizen": the preferred name when there is one.
pub(super) fn display_name(details: &SandboxPersonDetails) -> String {
    let given_name = details
        .preferred_name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or(&details.first_name);
    format!("{} {}", given_name.trim(), details.last_name.trim())
}

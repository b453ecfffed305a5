//! Changing a person already in Worknice, as an HR admin or an integration
//! would: only the fields given change (bank accounts and super funds are
//! replaced as whole sets), each changed group is checked, and `updatedAt`
//! moves forward. Nobody is ever deleted: leaving is archiving.

use chrono::NaiveDate;

use super::records::{
    SandboxAddress, SandboxBankAccount, SandboxPersonDetails, SandboxSuperFund, SandboxTaxDetails,
};
use super::writes::{code_key, display_name, WriteError};
use super::{checks, PersonStatus, SandboxPerson, WorkniceState};

/// The fields to change; `None` leaves a field as it is, and `Some(None)`
/// clears a field that may be empty.
#[derive(Debug, Clone, Default)]
pub(crate) struct PersonEdit {
    pub employee_code: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub middle_name: Option<Option<String>>,
    pub preferred_name: Option<Option<String>>,
    pub title: Option<Option<String>>,
    pub gender: Option<Option<String>>,
    pub date_of_birth: Option<Option<NaiveDate>>,
    pub email: Option<Option<String>>,
    pub mobile_phone: Option<Option<String>>,
    pub residential_address: Option<Option<SandboxAddress>>,
    pub postal_address: Option<Option<SandboxAddress>>,
    pub tax_details: Option<Option<SandboxTaxDetails>>,
    /// Replaces every account.
    pub bank_accounts: Option<Vec<SandboxBankAccount>>,
    /// Replaces every fund.
    pub super_funds: Option<Vec<SandboxSuperFund>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub termination_date: Option<Option<NaiveDate>>,
    pub position_title: Option<Option<String>>,
    pub location: Option<Option<String>>,
}

fn set<T>(field: &mut T, edit: Option<T>) {
    if let Some(value) = edit {
        *field = value;
    }
}

impl WorkniceState {
    fn index_of(&self, person_id: &str) -> Result<usize, WriteError> {
        self.by_id
            .get(person_id)
            .copied()
            .ok_or_else(|| WriteError::PersonNotFound {
                person_id: person_id.to_owned(),
            })
    }

    /// Applies `edit` to the person with this id, or changes nothing and
    /// says which field was refused.
    pub(crate) fn update_person(
        &mut self,
        person_id: &str,
        edit: PersonEdit,
    ) -> Result<SandboxPerson, WriteError> {
        let index = self.index_of(person_id)?;
        let mut details = self.details.get(person_id).cloned().unwrap_or_else(|| {
            SandboxPersonDetails::from_listed(&self.people[index], Default::default())
        });
        let mut person = self.people[index].clone();

        if let Some(code) = &edit.employee_code {
            let code = code.trim().to_owned();
            if code.is_empty() {
                return Err(WriteError::Invalid {
                    field: "employeeCode".to_owned(),
                    message:
                        "An Employee ID, once given, cannot be taken away; correct it instead."
                            .to_owned(),
                });
            }
            if let Some(other) = self.person_by_employee_code(&code) {
                if other.id != person_id {
                    return Err(WriteError::EmployeeCodeTaken {
                        employee_code: code,
                    });
                }
            }
            details.employee_code = code;
        }
        let names_changed = edit.first_name.is_some() || edit.last_name.is_some();
        set(&mut details.first_name, edit.first_name);
        set(&mut details.last_name, edit.last_name);
        set(&mut details.middle_name, edit.middle_name);
        let preferred_changed = edit.preferred_name.is_some();
        set(&mut details.preferred_name, edit.preferred_name);
        set(&mut details.title, edit.title);
        set(&mut details.gender, edit.gender);
        set(&mut details.date_of_birth, edit.date_of_birth);
        set(&mut details.email, edit.email);
        set(&mut details.mobile_phone, edit.mobile_phone);
        set(&mut details.residential_address, edit.residential_address);
        set(&mut details.postal_address, edit.postal_address);
        set(&mut details.start_date, edit.start_date);
        set(&mut details.termination_date, edit.termination_date);
        if names_changed {
            checks::names(&details.first_name, &details.last_name)?;
        }
        if let Some(mut accounts) = edit.bank_accounts {
            checks::bank_accounts(&mut accounts)?;
            details.bank_accounts = accounts;
        }
        set(&mut details.super_funds, edit.super_funds);
        if let Some(mut tax) = edit.tax_details {
            if let Some(tax) = &mut tax {
                checks::tax_details(tax)?;
            }
            details.tax_details = tax;
        }
        if let (Some(start), Some(end)) = (details.start_date, details.termination_date) {
            if end < start {
                return Err(WriteError::Invalid {
                    field: "tenure.terminationDate".to_owned(),
                    message: "The termination date is before the start date.".to_owned(),
                });
            }
        }
        set(&mut person.position_title, edit.position_title);
        set(&mut person.location, edit.location);

        // Everything checked: now the change is made, all of it.
        if names_changed || preferred_changed {
            person.display_name = display_name(&details);
        }
        person.profile_email = details.email.clone();
        person.profile_phone = details.mobile_phone.clone();
        person.start_date = details.start_date;
        let new_code = Some(details.employee_code.clone()).filter(|code| !code.is_empty());
        if new_code != person.employee_code {
            if let Some(old) = &person.employee_code {
                if self.by_code.get(&code_key(old)) == Some(&index) {
                    self.by_code.remove(&code_key(old));
                }
            }
            if let Some(code) = &new_code {
                self.by_code.insert(code_key(code), index);
            }
            person.employee_code = new_code;
        }
        details.updated_at = self.stamp();
        self.details.insert(person_id.to_owned(), details);
        self.people[index] = person.clone();
        Ok(person)
    }

    /// Archives the person (they have left), with their termination date
    /// when one is given. Archiving an archived person changes nothing else.
    pub(crate) fn archive_person(
        &mut self,
        person_id: &str,
        termination_date: Option<NaiveDate>,
    ) -> Result<SandboxPerson, WriteError> {
        let index = self.index_of(person_id)?;
        if termination_date.is_some() {
            self.update_person(
                person_id,
                PersonEdit {
                    termination_date: Some(termination_date),
                    ..PersonEdit::default()
                },
            )?;
        }
        if self.people[index].status != PersonStatus::Archived {
            self.people[index].status = PersonStatus::Archived;
            let stamp = self.stamp();
            if let Some(details) = self.details.get_mut(person_id) {
                details.updated_at = stamp;
            }
        }
        Ok(self.people[index].clone())
    }
}

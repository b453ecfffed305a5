//! Fields an HR admin has locked on one person: an integration's
//! `updatePerson` that would change one is refused, naming the field, as
//! Worknice refuses a write to a record it will not let an integration
//! change. Nothing the sync can see beforehand says so, which is why the
//! sandbox offers it: tests and demos use it to make Worknice say no.
//!
//! Inferred: Worknice's own locking rules are not published.

use std::collections::BTreeSet;

use super::edits::PersonEdit;
use super::writes::WriteError;
use super::WorkniceState;

/// Every field path a lock may name, as `updatePerson`'s input spells it.
pub(crate) const LOCKABLE: [&str; 16] = [
    "employeeCode",
    "personalDetails.firstName",
    "personalDetails.lastName",
    "personalDetails.middleName",
    "personalDetails.preferredName",
    "personalDetails.title",
    "personalDetails.gender",
    "personalDetails.dateOfBirth",
    "profile.email",
    "profile.mobilePhone",
    "residentialAddress",
    "postalAddress",
    "taxDetails",
    "bankAccounts",
    "superFunds",
    "tenure.startDate",
];

/// The termination date is lockable too; kept apart so `LOCKABLE` stays the
/// list an edit is checked against in one pass (see `edited`).
const TERMINATION: &str = "tenure.terminationDate";

pub(crate) fn is_lockable(field: &str) -> bool {
    field == TERMINATION || LOCKABLE.contains(&field)
}

/// The field paths `edit` changes, in `LOCKABLE`'s order.
fn edited(edit: &PersonEdit) -> Vec<&'static str> {
    let given = [
        edit.employee_code.is_some(),
        edit.first_name.is_some(),
        edit.last_name.is_some(),
        edit.middle_name.is_some(),
        edit.preferred_name.is_some(),
        edit.title.is_some(),
        edit.gender.is_some(),
        edit.date_of_birth.is_some(),
        edit.email.is_some(),
        edit.mobile_phone.is_some(),
        edit.residential_address.is_some(),
        edit.postal_address.is_some(),
        edit.tax_details.is_some(),
        edit.bank_accounts.is_some(),
        edit.super_funds.is_some(),
        edit.start_date.is_some(),
    ];
    let mut fields: Vec<&'static str> = LOCKABLE
        .iter()
        .zip(given)
        .filter(|(_, given)| *given)
        .map(|(field, _)| *field)
        .collect();
    if edit.termination_date.is_some() {
        fields.push(TERMINATION);
    }
    fields
}

impl WorkniceState {
    /// Replaces the person's locked fields (none: unlocked).
    pub(crate) fn set_locks(&mut self, person_id: &str, fields: BTreeSet<String>) {
        if fields.is_empty() {
            self.locked.remove(person_id);
        } else {
            self.locked.insert(person_id.to_owned(), fields);
        }
    }

    /// Refuses an integration's edit that changes a locked field.
    pub(crate) fn check_unlocked(
        &self,
        person_id: &str,
        edit: &PersonEdit,
    ) -> Result<(), WriteError> {
        let Some(locked) = self.locked.get(person_id) else {
            return Ok(());
        };
        match edited(edit)
            .into_iter()
            .find(|field| locked.contains(*field))
        {
            Some(field) => Err(WriteError::Invalid {
                field: field.to_owned(),
                message: "An HR admin has locked this field for this person; it cannot be \
                          changed by an integration until it is unlocked in Worknice."
                    .to_owned(),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_is_refused_only_for_a_locked_field_it_changes() {
        let mut state = WorkniceState::new(
            "org".to_owned(),
            "Org".to_owned(),
            Vec::new(),
            rand::SeedableRng::seed_from_u64(1),
        );
        state.set_locks(
            "p1",
            BTreeSet::from(["personalDetails.lastName".to_owned()]),
        );
        let last_name = PersonEdit {
            last_name: Some("Nguyen".to_owned()),
            ..PersonEdit::default()
        };
        let email = PersonEdit {
            email: Some(Some("a@example.com".to_owned())),
            ..PersonEdit::default()
        };
        let refused = state
            .check_unlocked("p1", &last_name)
            .expect_err("a locked field");
        assert!(
            matches!(&refused, WriteError::Invalid { field, .. } if field == "personalDetails.lastName"),
            "{refused:?}"
        );
        assert!(!refused.to_string().contains("Nguyen"), "{refused}");
        assert_eq!(state.check_unlocked("p1", &email), Ok(()));
        assert_eq!(state.check_unlocked("p2", &last_name), Ok(()));
        state.set_locks("p1", BTreeSet::new());
        assert_eq!(state.check_unlocked("p1", &last_name), Ok(()));
    }
}

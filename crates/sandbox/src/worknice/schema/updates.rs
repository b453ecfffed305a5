//! `updatePerson`'s input. Inferred as a whole. A field left out is left as
//! it is; a nullable field sent as `null` is cleared; bank accounts and
//! super funds, when given, replace the whole set.

use async_graphql::{InputObject, MaybeUndefined};

use super::super::edits::PersonEdit;
use super::super::writes::WriteError;
use super::date;
use super::inputs::{self, AddressInput, BankAccountInput, SuperFundInput, TaxDetailsInput};

/// Inferred: the groups of a person that can change; each may be left out.
#[derive(InputObject, Debug, Default)]
pub struct UpdatePersonInput {
    /// Setting it gives a new hire their Employee ID; it cannot be cleared.
    employee_code: Option<String>,
    personal_details: Option<PersonalDetailsUpdate>,
    profile: Option<ProfileUpdate>,
    residential_address: MaybeUndefined<AddressInput>,
    postal_address: MaybeUndefined<AddressInput>,
    /// The whole group; `null` removes it.
    tax_details: MaybeUndefined<TaxDetailsInput>,
    /// Replaces every account (`[]` removes them all).
    bank_accounts: Option<Vec<BankAccountInput>>,
    /// Replaces every fund (`[]` removes them all).
    super_funds: Option<Vec<SuperFundInput>>,
    tenure: Option<TenureUpdate>,
}

#[derive(InputObject, Debug, Default)]
pub struct PersonalDetailsUpdate {
    first_name: Option<String>,
    last_name: Option<String>,
    middle_name: MaybeUndefined<String>,
    preferred_name: MaybeUndefined<String>,
    title: MaybeUndefined<String>,
    gender: MaybeUndefined<String>,
    /// `YYYY-MM-DD`.
    date_of_birth: MaybeUndefined<String>,
}

#[derive(InputObject, Debug, Default)]
pub struct ProfileUpdate {
    email: MaybeUndefined<String>,
    mobile_phone: MaybeUndefined<String>,
}

#[derive(InputObject, Debug, Default)]
pub struct TenureUpdate {
    /// `YYYY-MM-DD`.
    start_date: MaybeUndefined<String>,
    /// `YYYY-MM-DD`. Setting it does not archive the person (`archivePerson` does).
    termination_date: MaybeUndefined<String>,
}

/// `None` when left out, `Some(None)` when sent as null.
fn edit<T>(value: MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(value) => Some(Some(value)),
    }
}

fn date_edit(
    field: &str,
    value: MaybeUndefined<String>,
) -> Result<Option<Option<chrono::NaiveDate>>, WriteError> {
    edit(value).map(|text| date(field, text)).transpose()
}

impl UpdatePersonInput {
    pub(super) fn into_edit(self) -> Result<PersonEdit, WriteError> {
        let personal = self.personal_details.unwrap_or_default();
        let profile = self.profile.unwrap_or_default();
        let tenure = self.tenure.unwrap_or_default();
        Ok(PersonEdit {
            employee_code: self.employee_code,
            first_name: personal.first_name,
            last_name: personal.last_name,
            middle_name: edit(personal.middle_name),
            preferred_name: edit(personal.preferred_name),
            title: edit(personal.title),
            gender: edit(personal.gender),
            date_of_birth: date_edit("personalDetails.dateOfBirth", personal.date_of_birth)?,
            email: edit(profile.email),
            mobile_phone: edit(profile.mobile_phone),
            residential_address: edit(self.residential_address)
                .map(|address| address.map(AddressInput::into_record)),
            postal_address: edit(self.postal_address)
                .map(|address| address.map(AddressInput::into_record)),
            tax_details: edit(self.tax_details).map(|tax| tax.map(TaxDetailsInput::into_record)),
            bank_accounts: self.bank_accounts.map(inputs::bank_accounts),
            super_funds: self.super_funds.map(inputs::super_funds).transpose()?,
            start_date: date_edit("tenure.startDate", tenure.start_date)?,
            termination_date: date_edit("tenure.terminationDate", tenure.termination_date)?,
            position_title: None,
            location: None,
        })
    }
}

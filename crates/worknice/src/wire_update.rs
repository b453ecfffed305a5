//! The variables of `UpdatePerson`: only what is set goes out; a field
//! cleared goes out as `null`. Inferred as a whole. Sensitive values leave
//! only here and in `wire_write.rs`, through `Sensitive::serialize_exposed`.

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use serde::Serialize;

use crate::error::WorkniceError;
use crate::person_details::{
    WorkniceAddress, WorkniceBankAccount, WorkniceSuperFund, WorkniceTaxDetails,
};
use crate::person_update::PersonUpdate;
use crate::wire::GraphQlError;

/// `extensions.code` of a value the server cannot store.
pub(crate) const BAD_USER_INPUT: &str = "BAD_USER_INPUT";

/// A `BAD_USER_INPUT` refusal naming its field, as [`WorkniceError::InvalidField`].
pub(crate) fn invalid_field(error: &GraphQlError) -> Option<WorkniceError> {
    let field = error.field()?;
    (error.code() == Some(BAD_USER_INPUT)).then(|| WorkniceError::InvalidField {
        field: field.to_owned(),
        message: error
            .message
            .strip_prefix(&format!("{field}: "))
            .unwrap_or(&error.message)
            .to_owned(),
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UpdatePersonInput<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    employee_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    personal_details: Option<PersonalUpdate<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<ProfileUpdate<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    residential_address: Option<Option<AddressInput<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postal_address: Option<Option<AddressInput<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tax_details: Option<Option<TaxInput<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bank_accounts: Option<Vec<BankInput<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    super_funds: Option<Vec<SuperInput<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenure: Option<TenureUpdate>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonalUpdate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    middle_name: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_name: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_of_birth: Option<Option<NaiveDate>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ProfileUpdate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_phone: Option<Option<&'a str>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TenureUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Option<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    termination_date: Option<Option<NaiveDate>>,
}

#[derive(Debug, Serialize)]
struct AddressInput<'a> {
    street: &'a str,
    suburb: &'a str,
    state: &'a str,
    postcode: &'a str,
    country: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TaxInput<'a> {
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    tfn: &'a Sensitive<String>,
    basis_of_payment: &'a str,
    australian_resident: bool,
    tax_free_threshold: bool,
    help_debt: bool,
    sfss_debt: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct BankInput<'a> {
    bsb: &'a str,
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    account_number: &'a Sensitive<String>,
    account_name: &'a str,
    fixed_amount_cents: Option<i64>,
    balance_of_pay: bool,
    order: u16,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SuperInput<'a> {
    fund_code: &'a str,
    fund_name: &'a str,
    usi: Option<&'a str>,
    membership_number: &'a str,
    date_joined: Option<NaiveDate>,
}

fn text(value: &Option<Option<String>>) -> Option<Option<&str>> {
    value.as_ref().map(Option::as_deref)
}

fn address(address: &WorkniceAddress) -> AddressInput<'_> {
    AddressInput {
        street: &address.street,
        suburb: &address.suburb,
        state: &address.state,
        postcode: &address.postcode,
        country: &address.country,
    }
}

fn tax(tax: &WorkniceTaxDetails) -> TaxInput<'_> {
    TaxInput {
        tfn: &tax.tfn,
        basis_of_payment: &tax.basis_of_payment,
        australian_resident: tax.australian_resident,
        tax_free_threshold: tax.tax_free_threshold,
        help_debt: tax.help_debt,
        sfss_debt: tax.sfss_debt,
    }
}

fn bank(account: &WorkniceBankAccount) -> BankInput<'_> {
    BankInput {
        bsb: &account.bsb,
        account_number: &account.account_number,
        account_name: &account.account_name,
        fixed_amount_cents: account.fixed_amount_cents,
        balance_of_pay: account.balance_of_pay,
        order: account.order,
    }
}

fn super_fund(fund: &WorkniceSuperFund) -> SuperInput<'_> {
    SuperInput {
        fund_code: &fund.fund_code,
        fund_name: &fund.fund_name,
        usi: fund.usi.as_deref(),
        membership_number: &fund.membership_number,
        date_joined: fund.date_joined,
    }
}

impl<'a> UpdatePersonInput<'a> {
    pub fn from_update(update: &'a PersonUpdate) -> Self {
        let profile_changed = update.email.is_some() || update.mobile_phone.is_some();
        let tenure_changed = update.start_date.is_some() || update.termination_date.is_some();
        Self {
            employee_code: update.employee_code.as_deref().map(str::trim),
            personal_details: update.personal.as_ref().map(|personal| PersonalUpdate {
                first_name: personal.first_name.as_deref(),
                last_name: personal.last_name.as_deref(),
                middle_name: text(&personal.middle_name),
                preferred_name: text(&personal.preferred_name),
                title: text(&personal.title),
                gender: text(&personal.gender),
                date_of_birth: personal.date_of_birth,
            }),
            profile: profile_changed.then(|| ProfileUpdate {
                email: text(&update.email),
                mobile_phone: text(&update.mobile_phone),
            }),
            residential_address: update
                .residential_address
                .as_ref()
                .map(|value| value.as_ref().map(address)),
            postal_address: update
                .postal_address
                .as_ref()
                .map(|value| value.as_ref().map(address)),
            tax_details: update.tax.as_ref().map(|value| value.as_ref().map(tax)),
            bank_accounts: update
                .bank_accounts
                .as_ref()
                .map(|accounts| accounts.iter().map(bank).collect()),
            super_funds: update
                .super_funds
                .as_ref()
                .map(|funds| funds.iter().map(super_fund).collect()),
            tenure: tenure_changed.then_some(TenureUpdate {
                start_date: update.start_date,
                termination_date: update.termination_date,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person_update::PersonalDetailsUpdate;

    #[test]
    fn only_what_is_set_goes_out_and_a_cleared_field_goes_out_as_null() {
        let update = PersonUpdate {
            personal: Some(PersonalDetailsUpdate {
                first_name: Some("Jo".to_owned()),
                middle_name: Some(None),
                ..PersonalDetailsUpdate::default()
            }),
            mobile_phone: Some(Some("0400 000 000".to_owned())),
            bank_accounts: Some(Vec::new()),
            termination_date: Some(NaiveDate::from_ymd_opt(2026, 3, 31)),
            ..PersonUpdate::default()
        };
        let json = serde_json::to_value(UpdatePersonInput::from_update(&update)).expect("json");
        assert_eq!(
            json,
            serde_json::json!({
                "personalDetails": { "firstName": "Jo", "middleName": null },
                "profile": { "mobilePhone": "0400 000 000" },
                "bankAccounts": [],
                "tenure": { "terminationDate": "2026-03-31" },
            })
        );
    }
}

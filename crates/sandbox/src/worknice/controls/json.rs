//! The JSON the `/sandbox/` controls read and write, camelCase, grouped as
//! the GraphQL API groups a person. Sensitive values are in the clear here:
//! it is the sandbox's own data, shown to the tests and demos driving it.

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use serde::{Deserialize, Deserializer, Serialize};

use super::super::records::{
    SandboxAddress, SandboxBankAccount, SandboxPersonDetails, SandboxSuperFund, SandboxTaxDetails,
};
use super::super::{PersonConnectionStatus, PersonStatus, SandboxConnection, SandboxPerson};

/// Everyone, as `GET /sandbox/people` lists them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PersonView {
    id: String,
    display_name: String,
    status: &'static str,
    employee_code: Option<String>,
    updated_at: Option<String>,
    personal_details: PersonalJson,
    profile: ProfileJson,
    residential_address: Option<AddressJson>,
    postal_address: Option<AddressJson>,
    tax_details: Option<TaxJson>,
    bank_accounts: Vec<BankJson>,
    super_funds: Vec<SuperJson>,
    tenure: TenureJson,
    job: JobJson,
    connection: Option<ConnectionJson>,
}

pub(super) fn status_name(status: PersonStatus) -> &'static str {
    match status {
        PersonStatus::Active => "ACTIVE",
        PersonStatus::PreStart => "PRE_START",
        PersonStatus::Archived => "ARCHIVED",
    }
}

impl PersonView {
    pub(super) fn new(
        person: &SandboxPerson,
        details: Option<&SandboxPersonDetails>,
        connection: Option<&SandboxConnection>,
    ) -> Self {
        let details = details
            .cloned()
            .unwrap_or_else(|| SandboxPersonDetails::from_listed(person, Default::default()));
        Self {
            id: person.id.clone(),
            display_name: person.display_name.clone(),
            status: status_name(person.status),
            employee_code: person.employee_code.clone(),
            updated_at: Some(
                details
                    .updated_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            ),
            personal_details: PersonalJson {
                first_name: Some(details.first_name),
                last_name: Some(details.last_name),
                middle_name: Some(details.middle_name),
                preferred_name: Some(details.preferred_name),
                title: Some(details.title),
                gender: Some(details.gender),
                date_of_birth: Some(details.date_of_birth),
            },
            profile: ProfileJson {
                email: Some(details.email),
                mobile_phone: Some(details.mobile_phone),
            },
            residential_address: details.residential_address.map(AddressJson::from),
            postal_address: details.postal_address.map(AddressJson::from),
            tax_details: details.tax_details.map(TaxJson::from),
            bank_accounts: details
                .bank_accounts
                .into_iter()
                .map(BankJson::from)
                .collect(),
            super_funds: details
                .super_funds
                .into_iter()
                .map(SuperJson::from)
                .collect(),
            tenure: TenureJson {
                start_date: Some(details.start_date),
                termination_date: Some(details.termination_date),
            },
            job: JobJson {
                position_title: Some(person.position_title.clone()),
                location: Some(person.location.clone()),
                start_date: None,
            },
            connection: connection.map(|connection| ConnectionJson {
                remote_id: connection.remote_id.clone(),
                status: connection_status_name(connection.status),
            }),
        }
    }
}

fn connection_status_name(status: PersonConnectionStatus) -> &'static str {
    match status {
        PersonConnectionStatus::Connected => "CONNECTED",
        PersonConnectionStatus::LocalOnly => "LOCAL_ONLY",
        PersonConnectionStatus::Merged => "MERGED",
        PersonConnectionStatus::RemoteOnly => "REMOTE_ONLY",
    }
}

/// `null` is kept apart from absent: `Some(None)` clears the field.
pub(super) fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct PersonalJson {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub middle_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub preferred_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub gender: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub date_of_birth: Option<Option<NaiveDate>>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct ProfileJson {
    #[serde(default, deserialize_with = "nullable")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub mobile_phone: Option<Option<String>>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct TenureJson {
    #[serde(default, deserialize_with = "nullable")]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub termination_date: Option<Option<NaiveDate>>,
}

/// A person's current job. `startDate` is read only for a hire (their job
/// starts when they do); an edit changes it through `tenure`.
#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct JobJson {
    #[serde(default, deserialize_with = "nullable")]
    pub position_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub location: Option<Option<String>>,
    #[serde(default, skip_serializing)]
    pub start_date: Option<NaiveDate>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConnectionJson {
    remote_id: String,
    status: &'static str,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct AddressJson {
    street: String,
    suburb: String,
    state: String,
    postcode: String,
    #[serde(default = "australia")]
    country: String,
}

fn australia() -> String {
    "Australia".to_owned()
}

impl From<SandboxAddress> for AddressJson {
    fn from(address: SandboxAddress) -> Self {
        Self {
            street: address.street,
            suburb: address.suburb,
            state: address.state,
            postcode: address.postcode,
            country: address.country,
        }
    }
}

impl From<AddressJson> for SandboxAddress {
    fn from(address: AddressJson) -> Self {
        Self {
            street: address.street,
            suburb: address.suburb,
            state: address.state,
            postcode: address.postcode,
            country: address.country,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct TaxJson {
    tfn: String,
    basis_of_payment: String,
    australian_resident: bool,
    tax_free_threshold: bool,
    #[serde(default)]
    help_debt: bool,
    #[serde(default)]
    sfss_debt: bool,
}

impl From<SandboxTaxDetails> for TaxJson {
    fn from(tax: SandboxTaxDetails) -> Self {
        Self {
            tfn: tax.tfn.expose().clone(),
            basis_of_payment: tax.basis_of_payment,
            australian_resident: tax.australian_resident,
            tax_free_threshold: tax.tax_free_threshold,
            help_debt: tax.help_debt,
            sfss_debt: tax.sfss_debt,
        }
    }
}

impl From<TaxJson> for SandboxTaxDetails {
    fn from(tax: TaxJson) -> Self {
        Self {
            tfn: Sensitive::new(tax.tfn),
            basis_of_payment: tax.basis_of_payment,
            australian_resident: tax.australian_resident,
            tax_free_threshold: tax.tax_free_threshold,
            help_debt: tax.help_debt,
            sfss_debt: tax.sfss_debt,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct BankJson {
    bsb: String,
    account_number: String,
    account_name: String,
    #[serde(default)]
    fixed_amount_cents: Option<i64>,
    balance_of_pay: bool,
    order: u16,
}

impl From<SandboxBankAccount> for BankJson {
    fn from(account: SandboxBankAccount) -> Self {
        Self {
            bsb: account.bsb,
            account_number: account.account_number.expose().clone(),
            account_name: account.account_name,
            fixed_amount_cents: account.fixed_amount_cents,
            balance_of_pay: account.balance_of_pay,
            order: account.order,
        }
    }
}

impl From<BankJson> for SandboxBankAccount {
    fn from(account: BankJson) -> Self {
        Self {
            bsb: account.bsb,
            account_number: Sensitive::new(account.account_number),
            account_name: account.account_name,
            fixed_amount_cents: account.fixed_amount_cents,
            balance_of_pay: account.balance_of_pay,
            order: account.order,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct SuperJson {
    fund_code: String,
    fund_name: String,
    #[serde(default)]
    usi: Option<String>,
    membership_number: String,
    #[serde(default)]
    date_joined: Option<NaiveDate>,
}

impl From<SandboxSuperFund> for SuperJson {
    fn from(fund: SandboxSuperFund) -> Self {
        Self {
            fund_code: fund.fund_code,
            fund_name: fund.fund_name,
            usi: fund.usi,
            membership_number: fund.membership_number,
            date_joined: fund.date_joined,
        }
    }
}

impl From<SuperJson> for SandboxSuperFund {
    fn from(fund: SuperJson) -> Self {
        Self {
            fund_code: fund.fund_code,
            fund_name: fund.fund_name,
            usi: fund.usi,
            membership_number: fund.membership_number,
            date_joined: fund.date_joined,
        }
    }
}

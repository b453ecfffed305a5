//! The JSON of the write operations in `documents.graphql`: the variables
//! Paybridge sends and the answers it reads. Inferred as a whole: Worknice
//! publishes no write API. Sensitive values leave only here, through
//! `Sensitive::serialize_exposed`.

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use serde::{Deserialize, Serialize};

use crate::model::{PersonConnection, PersonConnectionStatus};
use crate::new_person::NewPerson;
use crate::person_details::WorkniceAddress;
use crate::wire::Person;

/// `extensions.code` values the sandbox defines for refused writes
/// (`paybridge_sandbox::worknice::error_codes`; the write tests prove they
/// agree).
pub(crate) mod codes {
    pub const EMPLOYEE_CODE_TAKEN: &str = "EMPLOYEE_CODE_TAKEN";
    pub const CONNECTION_CONFLICT: &str = "CONNECTION_CONFLICT";
    pub const PERSON_NOT_FOUND: &str = "PERSON_NOT_FOUND";
    pub const LEAVE_TYPE_CODE_TAKEN: &str = "LEAVE_TYPE_CODE_TAKEN";
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreatePersonInput<'a> {
    employee_code: &'a str,
    personal_details: PersonalDetailsInput<'a>,
    profile: ProfileInput<'a>,
    tenure: TenureInput,
    residential_address: Option<AddressInput<'a>>,
    postal_address: Option<AddressInput<'a>>,
    bank_accounts: Vec<BankAccountInput<'a>>,
    super_funds: Vec<SuperFundInput<'a>>,
    tax_details: Option<TaxDetailsInput<'a>>,
    /// Links the person to a payroll record as they are created.
    #[serde(skip_serializing_if = "Option::is_none")]
    connection: Option<NewConnectionInput<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NewConnectionInput<'a> {
    remote_id: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonalDetailsInput<'a> {
    first_name: &'a str,
    last_name: &'a str,
    middle_name: Option<&'a str>,
    preferred_name: Option<&'a str>,
    title: Option<&'a str>,
    gender: Option<&'a str>,
    date_of_birth: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ProfileInput<'a> {
    email: Option<&'a str>,
    mobile_phone: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TenureInput {
    start_date: Option<NaiveDate>,
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
struct BankAccountInput<'a> {
    bsb: &'a str,
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    account_number: Sensitive<String>,
    account_name: &'a str,
    fixed_amount_cents: Option<i64>,
    balance_of_pay: bool,
    order: u16,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SuperFundInput<'a> {
    fund_code: &'a str,
    fund_name: &'a str,
    usi: Option<&'a str>,
    membership_number: &'a str,
    date_joined: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TaxDetailsInput<'a> {
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    tfn: Sensitive<String>,
    basis_of_payment: &'a str,
    australian_resident: bool,
    tax_free_threshold: bool,
    help_debt: bool,
    sfss_debt: bool,
}

impl<'a> CreatePersonInput<'a> {
    pub fn from_new(person: &'a NewPerson) -> Self {
        let address = |address: &'a WorkniceAddress| AddressInput {
            street: &address.street,
            suburb: &address.suburb,
            state: &address.state,
            postcode: &address.postcode,
            country: &address.country,
        };
        Self {
            employee_code: person.employee_code.trim(),
            personal_details: PersonalDetailsInput {
                first_name: &person.first_name,
                last_name: &person.last_name,
                middle_name: person.middle_name.as_deref(),
                preferred_name: person.preferred_name.as_deref(),
                title: person.title.as_deref(),
                gender: person.gender.as_deref(),
                date_of_birth: person.date_of_birth,
            },
            profile: ProfileInput {
                email: person.email.as_deref(),
                mobile_phone: person.mobile_phone.as_deref(),
            },
            tenure: TenureInput {
                start_date: person.start_date,
            },
            residential_address: person.residential_address.as_ref().map(address),
            postal_address: person.postal_address.as_ref().map(address),
            bank_accounts: person
                .bank_accounts
                .iter()
                .map(|account| BankAccountInput {
                    bsb: &account.bsb,
                    account_number: account.account_number.clone(),
                    account_name: &account.account_name,
                    fixed_amount_cents: account.fixed_amount_cents,
                    balance_of_pay: account.balance_of_pay,
                    order: account.order,
                })
                .collect(),
            super_funds: person
                .super_funds
                .iter()
                .map(|fund| SuperFundInput {
                    fund_code: &fund.fund_code,
                    fund_name: &fund.fund_name,
                    usi: fund.usi.as_deref(),
                    membership_number: &fund.membership_number,
                    date_joined: fund.date_joined,
                })
                .collect(),
            tax_details: person.tax_details.as_ref().map(|tax| TaxDetailsInput {
                tfn: tax.tfn.clone(),
                basis_of_payment: &tax.basis_of_payment,
                australian_resident: tax.australian_resident,
                tax_free_threshold: tax.tax_free_threshold,
                help_debt: tax.help_debt,
                sfss_debt: tax.sfss_debt,
            }),
            connection: None,
        }
    }

    /// The same person, linked to the payroll record `remote_id` as they
    /// are created.
    pub fn connected_to(mut self, remote_id: &'a str) -> Self {
        self.connection = Some(NewConnectionInput { remote_id });
        self
    }
}

/// A person as `PersonWithConnection` selects them: the list's fields and
/// their connection, if any.
#[derive(Debug, Deserialize)]
pub(crate) struct PersonWithConnectionWire {
    #[serde(flatten)]
    pub person: Person,
    pub connection: Option<Connection>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreatePersonData {
    pub create_person: Option<PersonWithConnectionWire>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConnectPersonInput<'a> {
    pub person_id: &'a str,
    pub remote_id: &'a str,
    pub employee_code: &'a str,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PersonByEmployeeCodeOrg {
    pub person_by_employee_code: Option<PersonWithConnectionWire>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConnectPersonData {
    pub connect_person: Connection,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PersonConnectionsOrg {
    pub person_connections: Vec<Connection>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RemovePersonConnectionData {
    #[allow(dead_code)] // Whether there was a link to remove: either way it is gone.
    pub remove_person_connection: bool,
}

/// Nullable sides: a `LOCAL_ONLY` or `REMOTE_ONLY` entry may lack one.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Connection {
    person_id: Option<String>,
    remote_id: Option<String>,
    employee_code: Option<String>,
    status: PersonConnectionStatus,
}

impl Connection {
    /// `None` unless it links a person to a remote record.
    pub fn into_model(self) -> Option<PersonConnection> {
        Some(PersonConnection {
            person_id: self.person_id.filter(|id| !id.is_empty())?,
            remote_id: self.remote_id.filter(|id| !id.is_empty())?,
            employee_code: self.employee_code.unwrap_or_default(),
            status: self.status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person_details::{WorkniceBankAccount, WorkniceTaxDetails};

    #[test]
    fn sensitive_values_go_out_in_the_variables_and_nowhere_else() {
        let person = NewPerson {
            employee_code: " E100 ".to_owned(),
            first_name: "Jane".to_owned(),
            last_name: "Citizen".to_owned(),
            middle_name: None,
            preferred_name: None,
            title: None,
            gender: None,
            date_of_birth: NaiveDate::from_ymd_opt(1990, 2, 3),
            start_date: None,
            email: None,
            mobile_phone: None,
            residential_address: None,
            postal_address: None,
            bank_accounts: vec![WorkniceBankAccount {
                bsb: "062-000".to_owned(),
                account_number: Sensitive::new("98765432".to_owned()),
                account_name: "J Citizen".to_owned(),
                fixed_amount_cents: None,
                balance_of_pay: true,
                order: 1,
            }],
            super_funds: Vec::new(),
            tax_details: Some(WorkniceTaxDetails {
                tfn: Sensitive::new("123456782".to_owned()),
                basis_of_payment: "F".to_owned(),
                australian_resident: true,
                tax_free_threshold: true,
                help_debt: false,
                sfss_debt: false,
            }),
        };
        let input = CreatePersonInput::from_new(&person);
        let json = serde_json::to_value(&input).expect("serializes");
        assert_eq!(json["employeeCode"], "E100");
        assert_eq!(json["personalDetails"]["dateOfBirth"], "1990-02-03");
        assert_eq!(json["bankAccounts"][0]["accountNumber"], "98765432");
        assert_eq!(
            json["bankAccounts"][0]["fixedAmountCents"],
            serde_json::Value::Null
        );
        assert_eq!(json["taxDetails"]["tfn"], "123456782");
        let debug = format!("{input:?}");
        assert!(!debug.contains("98765432") && !debug.contains("123456782"));
    }

    #[test]
    fn connections_without_both_sides_are_not_links() {
        let read = |json: &str| {
            serde_json::from_str::<Connection>(json)
                .expect("a connection")
                .into_model()
        };
        let linked =
            read(r#"{"personId":"p1","remoteId":"42","employeeCode":"E1","status":"CONNECTED"}"#)
                .expect("a link");
        assert_eq!(linked.remote_id, "42");
        assert_eq!(linked.status, PersonConnectionStatus::Connected);
        assert_eq!(
            read(r#"{"personId":"p1","remoteId":null,"employeeCode":null,"status":"LOCAL_ONLY"}"#),
            None
        );
    }
}

//! The JSON of the full person read (`...PersonDetails` in
//! `documents.graphql`), read person by person: one person Worknice sends
//! with a field Paybridge cannot read is reported as unreadable, never
//! failing the page. Inferred as a whole.

use chrono::{DateTime, NaiveDate, Utc};
use paybridge_domain::Sensitive;
use serde::Deserialize;

use crate::model::WorknicePerson;
use crate::person_details::{
    PeopleDetailsPage, WorkniceAddress, WorkniceBankAccount, WorknicePersonDetails,
    WorknicePersonalDetails, WorkniceSuperFund, WorkniceTaxDetails,
};
use crate::wire::{self, at_most_max_people, Person};
use crate::wire_write::Connection;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PeopleDetailsOrg {
    pub people_page: PageWire,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PageWire {
    next_cursor: Option<String>,
    total_count: u64,
    #[serde(deserialize_with = "at_most_max_people")]
    people: Vec<serde_json::Value>,
}

impl PageWire {
    /// How many people the page sent, readable or not.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn into_page(self) -> PeopleDetailsPage {
        let mut people = Vec::with_capacity(self.people.len());
        let mut unreadable = Vec::new();
        for value in self.people {
            match read_person(value) {
                Ok(person) => people.push(person),
                Err(Some(salvaged)) => unreadable.push(*salvaged),
                Err(None) => {}
            }
        }
        PeopleDetailsPage {
            people,
            unreadable,
            next_cursor: self.next_cursor.filter(|cursor| !cursor.is_empty()),
            total_count: self.total_count,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PersonDetailsByCodeOrg {
    pub person_by_employee_code: Option<serde_json::Value>,
}

/// One person, or what can be read of them (`None` when not even an id or
/// an employee code can).
pub(crate) fn read_person(
    value: serde_json::Value,
) -> Result<WorknicePersonDetails, Option<Box<WorknicePerson>>> {
    let read = DetailsWire::deserialize(&value)
        .map_err(|_| describe(&value))
        .and_then(DetailsWire::into_model);
    read.map_err(|reason| {
        tracing::warn!("a Worknice person had fields Paybridge cannot read: {reason}");
        wire::salvage(&value, reason).map(Box::new)
    })
}

/// Which groups of a person cannot be read, named, never with their values.
fn describe(value: &serde_json::Value) -> String {
    let base = wire::describe_unreadable(value);
    let mut problems: Vec<String> = Vec::new();
    let group = |key: &str| value.get(key).cloned().unwrap_or(serde_json::Value::Null);
    let fails = |key: &str, ok: bool| (!ok).then(|| format!("its {key} cannot be read"));
    problems.extend(fails(
        "personalDetails",
        Option::<PersonalWire>::deserialize(group("personalDetails")).is_ok(),
    ));
    problems.extend(fails(
        "profile",
        Option::<ProfileWire>::deserialize(group("profile")).is_ok(),
    ));
    for key in ["residentialAddress", "postalAddress"] {
        problems.extend(fails(
            key,
            Option::<AddressWire>::deserialize(group(key)).is_ok(),
        ));
    }
    problems.extend(fails(
        "taxDetails",
        Option::<TaxWire>::deserialize(group("taxDetails")).is_ok(),
    ));
    problems.extend(fails(
        "bankAccounts",
        Option::<Vec<BankWire>>::deserialize(group("bankAccounts")).is_ok(),
    ));
    problems.extend(fails(
        "superFunds",
        Option::<Vec<SuperWire>>::deserialize(group("superFunds")).is_ok(),
    ));
    problems.extend(fails(
        "tenure",
        Option::<TenureWire>::deserialize(group("tenure")).is_ok(),
    ));
    if problems.is_empty() {
        base
    } else if base.starts_with("a field has a value") {
        problems.join("; ")
    } else {
        format!("{base}; {}", problems.join("; "))
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DetailsWire {
    #[serde(flatten)]
    listed: Person,
    updated_at: Option<String>,
    personal_details: Option<PersonalWire>,
    profile: Option<ProfileWire>,
    residential_address: Option<AddressWire>,
    postal_address: Option<AddressWire>,
    tax_details: Option<TaxWire>,
    #[serde(default)]
    bank_accounts: Option<Vec<BankWire>>,
    #[serde(default)]
    super_funds: Option<Vec<SuperWire>>,
    tenure: Option<TenureWire>,
    connection: Option<Connection>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersonalWire {
    first_name: Option<String>,
    last_name: Option<String>,
    middle_name: Option<String>,
    preferred_name: Option<String>,
    title: Option<String>,
    gender: Option<String>,
    date_of_birth: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileWire {
    email: Option<String>,
    mobile_phone: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AddressWire {
    street: String,
    suburb: String,
    state: String,
    postcode: String,
    country: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TaxWire {
    tfn: Sensitive<String>,
    basis_of_payment: String,
    australian_resident: bool,
    tax_free_threshold: bool,
    help_debt: bool,
    sfss_debt: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BankWire {
    bsb: String,
    account_number: Sensitive<String>,
    account_name: String,
    fixed_amount_cents: Option<i64>,
    balance_of_pay: bool,
    order: u16,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuperWire {
    fund_code: String,
    fund_name: String,
    usi: Option<String>,
    membership_number: String,
    date_joined: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TenureWire {
    start_date: Option<String>,
    termination_date: Option<String>,
}

/// A `YYYY-MM-DD` date (or a timestamp starting with one); the error names
/// the field, never the value.
fn date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>, String> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => text
            .get(..10)
            .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
            .map(Some)
            .ok_or_else(|| format!("its {field} is not a date")),
    }
}

impl DetailsWire {
    fn into_model(self) -> Result<WorknicePersonDetails, String> {
        let listed = self.listed.into_model()?;
        let personal = match self.personal_details {
            Some(personal) => WorknicePersonalDetails {
                date_of_birth: date(
                    "personalDetails.dateOfBirth",
                    personal.date_of_birth.as_deref(),
                )?,
                first_name: personal.first_name.unwrap_or_default(),
                last_name: personal.last_name.unwrap_or_default(),
                middle_name: personal.middle_name,
                preferred_name: personal.preferred_name,
                title: personal.title,
                gender: personal.gender,
            },
            None => WorknicePersonalDetails::default(),
        };
        let (email, mobile_phone) = match self.profile {
            Some(profile) => (profile.email, profile.mobile_phone),
            None => (listed.profile_email.clone(), listed.profile_phone.clone()),
        };
        let (start_date, termination_date) = match &self.tenure {
            Some(tenure) => (
                date("tenure.startDate", tenure.start_date.as_deref())?,
                date("tenure.terminationDate", tenure.termination_date.as_deref())?,
            ),
            None => (listed.start_date, None),
        };
        let updated_at = self
            .updated_at
            .as_deref()
            .map(|text| {
                DateTime::parse_from_rfc3339(text.trim())
                    .map(|at| at.with_timezone(&Utc))
                    .map_err(|_| "its updatedAt is not a timestamp".to_owned())
            })
            .transpose()?;
        let super_funds = self
            .super_funds
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(index, fund)| {
                Ok(WorkniceSuperFund {
                    date_joined: date(
                        &format!("superFunds[{index}].dateJoined"),
                        fund.date_joined.as_deref(),
                    )?,
                    fund_code: fund.fund_code,
                    fund_name: fund.fund_name,
                    usi: fund.usi,
                    membership_number: fund.membership_number,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(WorknicePersonDetails {
            id: listed.id,
            display_name: listed.display_name,
            status: listed.status,
            employee_code: listed.employee_code,
            personal,
            email,
            mobile_phone,
            residential_address: self.residential_address.map(AddressWire::into_model),
            postal_address: self.postal_address.map(AddressWire::into_model),
            tax: self.tax_details.map(|tax| WorkniceTaxDetails {
                tfn: tax.tfn,
                basis_of_payment: tax.basis_of_payment,
                australian_resident: tax.australian_resident,
                tax_free_threshold: tax.tax_free_threshold,
                help_debt: tax.help_debt,
                sfss_debt: tax.sfss_debt,
            }),
            bank_accounts: self
                .bank_accounts
                .unwrap_or_default()
                .into_iter()
                .map(|account| WorkniceBankAccount {
                    bsb: account.bsb,
                    account_number: account.account_number,
                    account_name: account.account_name,
                    fixed_amount_cents: account.fixed_amount_cents,
                    balance_of_pay: account.balance_of_pay,
                    order: account.order,
                })
                .collect(),
            super_funds,
            start_date,
            termination_date,
            position_title: listed.position_title,
            location: listed.location,
            connection: self.connection.and_then(Connection::into_model),
            updated_at,
        })
    }
}

impl AddressWire {
    fn into_model(self) -> WorkniceAddress {
        WorkniceAddress {
            street: self.street,
            suburb: self.suburb,
            state: self.state,
            postcode: self.postcode,
            country: self.country,
        }
    }
}

//! A Worknice person with every field the sync compares: personal details,
//! profile, addresses, tax, bank accounts, super funds, tenure, the job,
//! the link to payroll and when they last changed. Tax file numbers and
//! account numbers are [`Sensitive`], so `Debug` never shows them. The same
//! shapes describe what an update sends (see [`crate::PersonUpdate`]).

use chrono::{DateTime, NaiveDate, Utc};
use paybridge_domain::Sensitive;

use crate::model::{PersonConnection, WorknicePerson, WorknicePersonStatus};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorknicePersonDetails {
    pub id: String,
    pub display_name: String,
    pub status: Option<WorknicePersonStatus>,
    /// The payroll employee code (MicrOpay's `EmpCode`); `None` for a new
    /// hire who has no Employee ID yet.
    pub employee_code: Option<String>,
    pub personal: WorknicePersonalDetails,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub residential_address: Option<WorkniceAddress>,
    pub postal_address: Option<WorkniceAddress>,
    pub tax: Option<WorkniceTaxDetails>,
    pub bank_accounts: Vec<WorkniceBankAccount>,
    pub super_funds: Vec<WorkniceSuperFund>,
    pub start_date: Option<NaiveDate>,
    /// Set when they have left or are leaving.
    pub termination_date: Option<NaiveDate>,
    /// `currentJob { position { title } }`.
    pub position_title: Option<String>,
    /// `location { name }`.
    pub location: Option<String>,
    /// Their link to a payroll record, if any.
    pub connection: Option<PersonConnection>,
    /// When anything about them last changed in Worknice.
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorknicePersonalDetails {
    pub first_name: String,
    pub last_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub title: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkniceAddress {
    pub street: String,
    pub suburb: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkniceTaxDetails {
    /// Nine (or eight) digits.
    pub tfn: Sensitive<String>,
    pub basis_of_payment: String,
    pub australian_resident: bool,
    pub tax_free_threshold: bool,
    pub help_debt: bool,
    pub sfss_debt: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkniceBankAccount {
    /// `NNN-NNN`.
    pub bsb: String,
    pub account_number: Sensitive<String>,
    pub account_name: String,
    /// `None` on the account that takes the balance of pay.
    pub fixed_amount_cents: Option<i64>,
    pub balance_of_pay: bool,
    pub order: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkniceSuperFund {
    pub fund_code: String,
    pub fund_name: String,
    pub usi: Option<String>,
    pub membership_number: String,
    pub date_joined: Option<NaiveDate>,
}

/// One page of [`crate::WorkniceClient::people_details_page`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleDetailsPage {
    pub people: Vec<WorknicePersonDetails>,
    /// People on this page Paybridge could not read whole, kept by what can
    /// be read (id, name, employee code) with `unreadable` saying what was
    /// wrong, never failing the page.
    pub unreadable: Vec<WorknicePerson>,
    /// Pass it to the next call; `None` on the last page.
    pub next_cursor: Option<String>,
    /// Everyone the pages hold together.
    pub total_count: u64,
}

/// Every sensitive value among `tax` and `bank_accounts`, for scrubbing a
/// server's message that might echo one back.
pub(crate) fn secrets_of<'a>(
    tax: Option<&'a WorkniceTaxDetails>,
    bank_accounts: &'a [WorkniceBankAccount],
) -> impl Iterator<Item = &'a str> {
    bank_accounts
        .iter()
        .map(|account| account.account_number.expose().as_str())
        .chain(tax.map(|tax| tax.tfn.expose().as_str()))
}

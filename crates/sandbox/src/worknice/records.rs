//! What the sandbox keeps about people created through the API and about
//! person connections, as read-only views for tests. Sensitive values stay
//! wrapped, so a failing assertion cannot print them.

use chrono::{DateTime, NaiveDate, Utc};
use paybridge_domain::Sensitive;

use super::schema::PersonConnectionStatus;

/// Everything Worknice holds about a person beyond the fields the people
/// list shows: what `createPerson` was given, what seeding drew for a seeded
/// person, and what edits changed since.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxPersonDetails {
    /// Empty for a new hire who has no Employee ID yet.
    pub employee_code: String,
    pub first_name: String,
    pub last_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub title: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub residential_address: Option<SandboxAddress>,
    pub postal_address: Option<SandboxAddress>,
    pub bank_accounts: Vec<SandboxBankAccount>,
    pub super_funds: Vec<SandboxSuperFund>,
    pub tax_details: Option<SandboxTaxDetails>,
    pub termination_date: Option<NaiveDate>,
    /// Moved forward by every change to the person, through the API or the
    /// `/sandbox/` controls.
    pub updated_at: DateTime<Utc>,
}

impl SandboxPersonDetails {
    /// What is known of a person added with only the people list's fields
    /// (see `WorkniceServer::add_person`): the name split at its last space.
    pub(crate) fn from_listed(person: &super::SandboxPerson, updated_at: DateTime<Utc>) -> Self {
        let name = person.display_name.trim();
        let (first_name, last_name) = name.rsplit_once(' ').unwrap_or((name, ""));
        Self {
            employee_code: person.employee_code.clone().unwrap_or_default(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            middle_name: None,
            preferred_name: None,
            title: None,
            gender: None,
            date_of_birth: None,
            start_date: person.start_date,
            email: person.profile_email.clone(),
            mobile_phone: person.profile_phone.clone(),
            residential_address: None,
            postal_address: None,
            bank_accounts: Vec::new(),
            super_funds: Vec::new(),
            tax_details: None,
            termination_date: None,
            updated_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxAddress {
    pub street: String,
    pub suburb: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxBankAccount {
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
pub struct SandboxSuperFund {
    pub fund_code: String,
    pub fund_name: String,
    pub usi: Option<String>,
    pub membership_number: String,
    pub date_joined: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxTaxDetails {
    /// Nine digits, no spaces.
    pub tfn: Sensitive<String>,
    pub basis_of_payment: String,
    pub australian_resident: bool,
    pub tax_free_threshold: bool,
    pub help_debt: bool,
    pub sfss_debt: bool,
}

/// A Worknice person linked to a record in the payroll system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConnection {
    pub person_id: String,
    /// MicrOpay's `idEmployee`.
    pub remote_id: String,
    pub employee_code: String,
    pub status: PersonConnectionStatus,
}

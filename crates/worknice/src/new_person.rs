//! What the caller hands over to create a Worknice person: plain types,
//! independent of the wire shapes (see `wire_write.rs`). Tax file numbers and
//! account numbers are [`Sensitive`], so `Debug` never shows them.

use std::fmt;

use chrono::NaiveDate;
use paybridge_domain::Sensitive;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    /// The payroll employee code (MicrOpay's `EmpCode`); unique in Worknice.
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
    pub residential_address: Option<NewAddress>,
    pub postal_address: Option<NewAddress>,
    pub bank_accounts: Vec<NewBankAccount>,
    pub super_funds: Vec<NewSuperFund>,
    pub tax_details: Option<NewTaxDetails>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAddress {
    pub street: String,
    pub suburb: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBankAccount {
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
pub struct NewSuperFund {
    pub fund_code: String,
    pub fund_name: String,
    pub usi: Option<String>,
    pub membership_number: String,
    pub date_joined: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTaxDetails {
    pub tfn: Sensitive<String>,
    pub basis_of_payment: String,
    pub australian_resident: bool,
    pub tax_free_threshold: bool,
    pub help_debt: bool,
    pub sfss_debt: bool,
}

impl NewPerson {
    /// Every sensitive value the person carries, for scrubbing a server's
    /// message that might echo one back.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        self.bank_accounts
            .iter()
            .map(|account| account.account_number.expose().as_str())
            .chain(self.tax_details.iter().map(|tax| tax.tfn.expose().as_str()))
    }
}

/// "Jane Citizen (E001)": for progress lines and messages.
impl fmt::Display for NewPerson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given = self
            .preferred_name
            .as_deref()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or(&self.first_name);
        write!(f, "{given} {} ({})", self.last_name, self.employee_code)
    }
}

/// Links a Worknice person to a payroll record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPersonConnection {
    /// MicrOpay's `idEmployee`.
    pub remote_id: String,
    pub employee_code: String,
}

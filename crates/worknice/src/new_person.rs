//! What the caller hands over to create a Worknice person: plain types,
//! independent of the wire shapes (see `wire_write.rs`). Tax file numbers and
//! account numbers are `Sensitive`, so `Debug` never shows them. The groups
//! (address, bank, super, tax) are the same types the full person read gives.

use std::fmt;

use crate::person_details::{
    WorkniceAddress, WorkniceBankAccount, WorkniceSuperFund, WorkniceTaxDetails,
};
use chrono::NaiveDate;

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
    pub residential_address: Option<WorkniceAddress>,
    pub postal_address: Option<WorkniceAddress>,
    pub bank_accounts: Vec<WorkniceBankAccount>,
    pub super_funds: Vec<WorkniceSuperFund>,
    pub tax_details: Option<WorkniceTaxDetails>,
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

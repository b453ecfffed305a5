//! What an update changes in a Worknice person: only the groups and fields
//! that are set. `None` leaves a field as it is; `Some(None)` clears a field
//! that may be empty; bank accounts and super funds, when set, replace the
//! whole set (an empty list removes them all).

use chrono::NaiveDate;

use crate::person_details::{
    secrets_of, WorkniceAddress, WorkniceBankAccount, WorkniceSuperFund, WorkniceTaxDetails,
};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonUpdate {
    /// Gives a new hire their Employee ID; Worknice never clears one.
    pub employee_code: Option<String>,
    pub personal: Option<PersonalDetailsUpdate>,
    pub email: Option<Option<String>>,
    pub mobile_phone: Option<Option<String>>,
    pub residential_address: Option<Option<WorkniceAddress>>,
    pub postal_address: Option<Option<WorkniceAddress>>,
    /// The whole tax group; `Some(None)` removes it.
    pub tax: Option<Option<WorkniceTaxDetails>>,
    pub bank_accounts: Option<Vec<WorkniceBankAccount>>,
    pub super_funds: Option<Vec<WorkniceSuperFund>>,
    pub start_date: Option<Option<NaiveDate>>,
    /// Setting it does not archive the person: see `archive_person`.
    pub termination_date: Option<Option<NaiveDate>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalDetailsUpdate {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub middle_name: Option<Option<String>>,
    pub preferred_name: Option<Option<String>>,
    pub title: Option<Option<String>>,
    pub gender: Option<Option<String>>,
    pub date_of_birth: Option<Option<NaiveDate>>,
}

impl PersonUpdate {
    /// Every sensitive value the update sends, for scrubbing a server's
    /// message that might echo one back.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        let accounts = self.bank_accounts.as_deref().unwrap_or_default();
        secrets_of(self.tax.as_ref().and_then(Option::as_ref), accounts)
    }
}

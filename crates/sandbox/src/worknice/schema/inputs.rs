//! The inputs of the create and connect mutations, and what they become in
//! the sandbox's records. Inferred as a whole.

use async_graphql::{InputObject, ID};
use paybridge_domain::Sensitive;

use super::super::records::{
    SandboxAddress, SandboxBankAccount, SandboxPersonDetails, SandboxSuperFund, SandboxTaxDetails,
};
use super::super::writes::WriteError;
use super::date;

/// Inferred: `connectPerson`'s argument.
#[derive(InputObject, Debug)]
pub struct ConnectPersonInput {
    pub(super) person_id: ID,
    /// MicrOpay's `idEmployee`.
    pub(super) remote_id: ID,
    pub(super) employee_code: String,
}

/// Inferred: the payroll record a new person is linked to as they are
/// created, so that one request both creates and connects them.
#[derive(InputObject, Debug)]
pub struct NewConnectionInput {
    /// MicrOpay's `idEmployee`.
    pub(super) remote_id: ID,
}

/// Inferred: grouped the way a remote person offered to Worknice is
/// (personal details, profile, tenure, addresses, bank accounts, super
/// funds, tax details). Dates are `YYYY-MM-DD` strings, as `startDate` is.
#[derive(InputObject, Debug)]
pub struct CreatePersonInput {
    employee_code: String,
    personal_details: PersonalDetailsInput,
    profile: Option<ProfileInput>,
    tenure: Option<TenureInput>,
    residential_address: Option<AddressInput>,
    postal_address: Option<AddressInput>,
    #[graphql(default)]
    bank_accounts: Vec<BankAccountInput>,
    #[graphql(default)]
    super_funds: Vec<SuperFundInput>,
    tax_details: Option<TaxDetailsInput>,
    /// Links the new person to this payroll record in the same step: both
    /// happen or neither does (a record already linked is `CONNECTION_CONFLICT`).
    pub(super) connection: Option<NewConnectionInput>,
}

#[derive(InputObject, Debug)]
pub struct PersonalDetailsInput {
    first_name: String,
    last_name: String,
    middle_name: Option<String>,
    preferred_name: Option<String>,
    title: Option<String>,
    gender: Option<String>,
    date_of_birth: Option<String>,
}

#[derive(InputObject, Debug)]
pub struct ProfileInput {
    email: Option<String>,
    mobile_phone: Option<String>,
}

#[derive(InputObject, Debug)]
pub struct TenureInput {
    start_date: Option<String>,
}

#[derive(InputObject, Debug)]
pub struct AddressInput {
    street: String,
    suburb: String,
    state: String,
    postcode: String,
    country: String,
}

#[derive(InputObject)]
pub struct BankAccountInput {
    /// `NNN-NNN`.
    bsb: String,
    account_number: String,
    account_name: String,
    /// Absent on the account that takes the balance of pay.
    fixed_amount_cents: Option<i64>,
    balance_of_pay: bool,
    order: u16,
}

#[derive(InputObject, Debug)]
pub struct SuperFundInput {
    fund_code: String,
    fund_name: String,
    usi: Option<String>,
    membership_number: String,
    date_joined: Option<String>,
}

#[derive(InputObject)]
pub struct TaxDetailsInput {
    tfn: String,
    basis_of_payment: String,
    australian_resident: bool,
    tax_free_threshold: bool,
    help_debt: bool,
    sfss_debt: bool,
}

// Hand-written so the account number and TFN never reach a log.
impl std::fmt::Debug for BankAccountInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankAccountInput")
            .field("bsb", &self.bsb)
            .field("account_number", &"<redacted>")
            .field("order", &self.order)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for TaxDetailsInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaxDetailsInput")
            .field("tfn", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl CreatePersonInput {
    pub(super) fn into_details(self) -> Result<SandboxPersonDetails, WriteError> {
        let personal = self.personal_details;
        let profile = self.profile;
        Ok(SandboxPersonDetails {
            employee_code: self.employee_code,
            first_name: personal.first_name,
            last_name: personal.last_name,
            middle_name: personal.middle_name,
            preferred_name: personal.preferred_name,
            title: personal.title,
            gender: personal.gender,
            date_of_birth: date("personalDetails.dateOfBirth", personal.date_of_birth)?,
            start_date: date("tenure.startDate", self.tenure.and_then(|t| t.start_date))?,
            email: profile.as_ref().and_then(|p| p.email.clone()),
            mobile_phone: profile.and_then(|p| p.mobile_phone),
            residential_address: self.residential_address.map(AddressInput::into_record),
            postal_address: self.postal_address.map(AddressInput::into_record),
            bank_accounts: bank_accounts(self.bank_accounts),
            super_funds: super_funds(self.super_funds)?,
            tax_details: self.tax_details.map(TaxDetailsInput::into_record),
            termination_date: None,
            updated_at: Default::default(),
        })
    }
}

pub(super) fn bank_accounts(accounts: Vec<BankAccountInput>) -> Vec<SandboxBankAccount> {
    accounts
        .into_iter()
        .map(|account| SandboxBankAccount {
            bsb: account.bsb,
            account_number: Sensitive::new(account.account_number),
            account_name: account.account_name,
            fixed_amount_cents: account.fixed_amount_cents,
            balance_of_pay: account.balance_of_pay,
            order: account.order,
        })
        .collect()
}

pub(super) fn super_funds(funds: Vec<SuperFundInput>) -> Result<Vec<SandboxSuperFund>, WriteError> {
    funds
        .into_iter()
        .enumerate()
        .map(|(index, fund)| {
            Ok(SandboxSuperFund {
                date_joined: date(&format!("superFunds[{index}].dateJoined"), fund.date_joined)?,
                fund_code: fund.fund_code,
                fund_name: fund.fund_name,
                usi: fund.usi,
                membership_number: fund.membership_number,
            })
        })
        .collect()
}

impl TaxDetailsInput {
    pub(super) fn into_record(self) -> SandboxTaxDetails {
        SandboxTaxDetails {
            tfn: Sensitive::new(self.tfn),
            basis_of_payment: self.basis_of_payment,
            australian_resident: self.australian_resident,
            tax_free_threshold: self.tax_free_threshold,
            help_debt: self.help_debt,
            sfss_debt: self.sfss_debt,
        }
    }
}

impl AddressInput {
    pub(super) fn into_record(self) -> SandboxAddress {
        SandboxAddress {
            street: self.street,
            suburb: self.suburb,
            state: self.state,
            postcode: self.postcode,
            country: self.country,
        }
    }
}

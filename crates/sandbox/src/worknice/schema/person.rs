//! A person as the API shows them. The list's fields are published; the
//! details (personal, tax, bank, super, tenure, the connection and
//! `updatedAt`) are inferred, grouped the way a remote person offered to
//! Worknice is, and resolved only when a query selects them.

use async_graphql::{ComplexObject, Context, Enum, SimpleObject, ID};

use super::super::records::{
    SandboxAddress, SandboxBankAccount, SandboxConnection, SandboxPersonDetails, SandboxSuperFund,
    SandboxTaxDetails,
};
use super::super::{read, SandboxPerson};
use super::{format_date, state, PersonStatus};

/// Published fields, plus the inferred details below them.
#[derive(SimpleObject, Debug)]
#[graphql(complex)]
pub struct Person {
    id: ID,
    display_name: String,
    status: Option<PersonStatus>,
    /// The payroll employee code (MicrOpay's `EmpCode`), when set.
    employee_code: Option<String>,
    /// ISO 8601 date, `YYYY-MM-DD`. Inferred: a plain String, not a custom scalar.
    start_date: Option<String>,
    profile_email: Option<String>,
    profile_phone: Option<String>,
    location: Option<Location>,
    current_job: Option<Job>,
}

impl Person {
    fn details<T>(
        &self,
        ctx: &Context<'_>,
        view: impl FnOnce(&SandboxPersonDetails) -> T,
    ) -> Option<T> {
        read(state(ctx)).details.get(self.id.as_str()).map(view)
    }
}

#[ComplexObject]
impl Person {
    /// Inferred.
    async fn personal_details(&self, ctx: &Context<'_>) -> Option<PersonalDetails> {
        self.details(ctx, |details| PersonalDetails {
            first_name: details.first_name.clone(),
            last_name: details.last_name.clone(),
            middle_name: details.middle_name.clone(),
            preferred_name: details.preferred_name.clone(),
            title: details.title.clone(),
            gender: details.gender.clone(),
            date_of_birth: details.date_of_birth.map(format_date),
        })
    }

    /// Inferred.
    async fn profile(&self, ctx: &Context<'_>) -> Option<Profile> {
        self.details(ctx, |details| Profile {
            email: details.email.clone(),
            mobile_phone: details.mobile_phone.clone(),
        })
    }

    /// Inferred.
    async fn residential_address(&self, ctx: &Context<'_>) -> Option<Address> {
        self.details(ctx, |details| {
            details.residential_address.as_ref().map(Address::from)
        })
        .flatten()
    }

    /// Inferred.
    async fn postal_address(&self, ctx: &Context<'_>) -> Option<Address> {
        self.details(ctx, |details| {
            details.postal_address.as_ref().map(Address::from)
        })
        .flatten()
    }

    /// Inferred. The TFN in full: the API is for integrations the
    /// organisation trusts with it.
    async fn tax_details(&self, ctx: &Context<'_>) -> Option<TaxDetails> {
        self.details(ctx, |details| {
            details.tax_details.as_ref().map(TaxDetails::from)
        })
        .flatten()
    }

    /// Inferred.
    async fn bank_accounts(&self, ctx: &Context<'_>) -> Vec<BankAccount> {
        self.details(ctx, |details| {
            details
                .bank_accounts
                .iter()
                .map(BankAccount::from)
                .collect()
        })
        .unwrap_or_default()
    }

    /// Inferred.
    async fn super_funds(&self, ctx: &Context<'_>) -> Vec<SuperFund> {
        self.details(ctx, |details| {
            details.super_funds.iter().map(SuperFund::from).collect()
        })
        .unwrap_or_default()
    }

    /// Inferred.
    async fn tenure(&self, ctx: &Context<'_>) -> Option<Tenure> {
        self.details(ctx, |details| Tenure {
            start_date: details.start_date.map(format_date),
            termination_date: details.termination_date.map(format_date),
        })
    }

    /// Inferred: when anything about the person last changed, RFC 3339.
    async fn updated_at(&self, ctx: &Context<'_>) -> Option<String> {
        self.details(ctx, |details| {
            details
                .updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        })
    }

    /// Inferred: the person's link to a payroll record, if any.
    async fn connection(&self, ctx: &Context<'_>) -> Option<PersonConnection> {
        let state = read(state(ctx));
        state
            .connection_by_person
            .get(self.id.as_str())
            .map(|&index| PersonConnection::from(&state.connections[index]))
    }
}

#[derive(SimpleObject, Debug)]
pub struct Location {
    name: Option<String>,
}

#[derive(SimpleObject, Debug)]
pub struct Job {
    position: Option<Position>,
}

#[derive(SimpleObject, Debug)]
pub struct Position {
    title: Option<String>,
}

impl From<&SandboxPerson> for Person {
    fn from(person: &SandboxPerson) -> Self {
        Self {
            id: ID(person.id.clone()),
            display_name: person.display_name.clone(),
            status: Some(person.status),
            employee_code: person.employee_code.clone(),
            start_date: person.start_date.map(format_date),
            profile_email: person.profile_email.clone(),
            profile_phone: person.profile_phone.clone(),
            location: person
                .location
                .clone()
                .map(|name| Location { name: Some(name) }),
            current_job: person.position_title.clone().map(|title| Job {
                position: Some(Position { title: Some(title) }),
            }),
        }
    }
}

/// Inferred: one page of `peoplePage`.
#[derive(SimpleObject, Debug)]
pub struct PeoplePage {
    pub(super) people: Vec<Person>,
    /// Absent on the last page.
    pub(super) next_cursor: Option<String>,
    /// Everyone the pages hold together.
    pub(super) total_count: u64,
}

/// Inferred.
#[derive(SimpleObject, Debug)]
pub struct PersonalDetails {
    first_name: String,
    last_name: String,
    middle_name: Option<String>,
    preferred_name: Option<String>,
    title: Option<String>,
    gender: Option<String>,
    /// `YYYY-MM-DD`.
    date_of_birth: Option<String>,
}

/// Inferred.
#[derive(SimpleObject, Debug)]
pub struct Profile {
    email: Option<String>,
    mobile_phone: Option<String>,
}

/// Inferred.
#[derive(SimpleObject, Debug)]
pub struct Address {
    street: String,
    suburb: String,
    state: String,
    postcode: String,
    country: String,
}

impl From<&SandboxAddress> for Address {
    fn from(address: &SandboxAddress) -> Self {
        Self {
            street: address.street.clone(),
            suburb: address.suburb.clone(),
            state: address.state.clone(),
            postcode: address.postcode.clone(),
            country: address.country.clone(),
        }
    }
}

/// Inferred.
#[derive(SimpleObject)]
pub struct TaxDetails {
    tfn: String,
    basis_of_payment: String,
    australian_resident: bool,
    tax_free_threshold: bool,
    help_debt: bool,
    sfss_debt: bool,
}

impl From<&SandboxTaxDetails> for TaxDetails {
    fn from(tax: &SandboxTaxDetails) -> Self {
        Self {
            tfn: tax.tfn.expose().clone(),
            basis_of_payment: tax.basis_of_payment.clone(),
            australian_resident: tax.australian_resident,
            tax_free_threshold: tax.tax_free_threshold,
            help_debt: tax.help_debt,
            sfss_debt: tax.sfss_debt,
        }
    }
}

/// Inferred.
#[derive(SimpleObject)]
pub struct BankAccount {
    /// `NNN-NNN`.
    bsb: String,
    account_number: String,
    account_name: String,
    /// Absent on the account that takes the balance of pay.
    fixed_amount_cents: Option<i64>,
    balance_of_pay: bool,
    order: u16,
}

impl From<&SandboxBankAccount> for BankAccount {
    fn from(account: &SandboxBankAccount) -> Self {
        Self {
            bsb: account.bsb.clone(),
            account_number: account.account_number.expose().clone(),
            account_name: account.account_name.clone(),
            fixed_amount_cents: account.fixed_amount_cents,
            balance_of_pay: account.balance_of_pay,
            order: account.order,
        }
    }
}

/// Inferred.
#[derive(SimpleObject, Debug)]
pub struct SuperFund {
    fund_code: String,
    fund_name: String,
    usi: Option<String>,
    membership_number: String,
    /// `YYYY-MM-DD`.
    date_joined: Option<String>,
}

impl From<&SandboxSuperFund> for SuperFund {
    fn from(fund: &SandboxSuperFund) -> Self {
        Self {
            fund_code: fund.fund_code.clone(),
            fund_name: fund.fund_name.clone(),
            usi: fund.usi.clone(),
            membership_number: fund.membership_number.clone(),
            date_joined: fund.date_joined.map(format_date),
        }
    }
}

/// Inferred.
#[derive(SimpleObject, Debug)]
pub struct Tenure {
    /// `YYYY-MM-DD`.
    start_date: Option<String>,
    /// `YYYY-MM-DD`; set when they have left or are leaving.
    termination_date: Option<String>,
}

/// Published: the statuses of a person connection.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonConnectionStatus {
    Connected,
    LocalOnly,
    Merged,
    RemoteOnly,
}

/// Inferred: the fields of a person connection.
#[derive(SimpleObject, Debug)]
pub struct PersonConnection {
    person_id: ID,
    /// The payroll system's id for the record (MicrOpay's `idEmployee`).
    remote_id: ID,
    employee_code: String,
    status: PersonConnectionStatus,
}

impl From<&SandboxConnection> for PersonConnection {
    fn from(connection: &SandboxConnection) -> Self {
        Self {
            person_id: ID(connection.person_id.clone()),
            remote_id: ID(connection.remote_id.clone()),
            employee_code: connection.employee_code.clone(),
            status: connection.status,
        }
    }
}

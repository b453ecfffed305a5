//! The whole Worknice schema the sandbox serves, in one file so it can be
//! swapped for the real one.
//!
//! Published (Worknice's own public integration code, `WorkniceHR/slack`):
//! `session { org { people(includeArchived, status) { id displayName status
//! employeeCode startDate profileEmail profilePhone location { name }
//! currentJob { position { title } } } } }`, `status: [ACTIVE]`, and that
//! integrations keep person connections with the statuses CONNECTED,
//! LOCAL_ONLY, MERGED and REMOTE_ONLY.
//! Everything marked "Inferred" in a description is a guess; the SDL this
//! produces is checked in as `schema.graphql` (see the test in `tests.rs`).
//! The write side (the `Mutation` type, its inputs, `personByEmployeeCode`,
//! `personConnections`) and the error codes below are inferred as a whole.

use async_graphql::{
    Context, EmptySubscription, Enum, ErrorExtensions, InputObject, Object, Schema, SimpleObject,
    ID,
};
use chrono::NaiveDate;
use paybridge_domain::Sensitive;

use super::records::{
    SandboxAddress, SandboxBankAccount, SandboxConnection, SandboxPersonDetails, SandboxSuperFund,
    SandboxTaxDetails,
};
use super::writes::WriteError;
use super::{read, write, SandboxPerson, SharedState};

pub type WorkniceSchema = Schema<Query, Mutation, EmptySubscription>;

pub(crate) fn build(state: SharedState) -> WorkniceSchema {
    Schema::build(Query, Mutation, EmptySubscription)
        .data(state)
        .finish()
}

/// `extensions.code` of a GraphQL error. Inferred: Worknice publishes no
/// error codes; these follow the usual GraphQL-server convention.
pub mod error_codes {
    /// `createPerson` with an employee code another person already has.
    pub const EMPLOYEE_CODE_TAKEN: &str = "EMPLOYEE_CODE_TAKEN";
    /// `connectPerson` that would give a person or a remote record a second partner.
    pub const CONNECTION_CONFLICT: &str = "CONNECTION_CONFLICT";
    /// A person id that names nobody.
    pub const PERSON_NOT_FOUND: &str = "PERSON_NOT_FOUND";
    /// Input the server cannot store (bad BSB, TFN checksum, …).
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
}

impl WriteError {
    fn code(&self) -> &'static str {
        match self {
            Self::EmployeeCodeTaken { .. } => error_codes::EMPLOYEE_CODE_TAKEN,
            Self::Invalid(_) => error_codes::BAD_USER_INPUT,
            Self::PersonNotFound { .. } => error_codes::PERSON_NOT_FOUND,
            Self::PersonConnectedElsewhere { .. } | Self::RemoteConnectedElsewhere { .. } => {
                error_codes::CONNECTION_CONFLICT
            }
        }
    }

    fn into_graphql(self) -> async_graphql::Error {
        let code = self.code();
        async_graphql::Error::new(self.to_string()).extend_with(|_, e| e.set("code", code))
    }
}

/// Where a person is in their employment.
/// Inferred: only `ACTIVE` is published; `PRE_START` and `ARCHIVED` are guesses.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonStatus {
    /// Published.
    Active,
    /// Inferred: accepted an offer, not started yet.
    PreStart,
    /// Inferred: left the organisation; hidden unless `includeArchived`.
    Archived,
}

#[derive(Debug)]
pub struct Query;

#[Object]
impl Query {
    /// The caller's session, identified by the `worknice-api-token` header.
    async fn session(&self) -> Session {
        Session
    }
}

#[derive(Debug)]
pub struct Session;

#[Object]
impl Session {
    /// The organisation the API token belongs to.
    async fn org(&self) -> Org {
        Org
    }
}

#[derive(Debug)]
pub struct Org;

#[Object]
impl Org {
    /// Inferred: not seen in published queries.
    async fn id(&self, ctx: &Context<'_>) -> ID {
        ID(read(state(ctx)).org_id.clone())
    }

    /// Inferred: the organisation's display name; not seen in published queries.
    async fn name(&self, ctx: &Context<'_>) -> String {
        read(state(ctx)).organisation.clone()
    }

    /// Published. Inferred: the default of `includeArchived` and that an
    /// absent `status` means every status.
    async fn people(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_archived: bool,
        status: Option<Vec<PersonStatus>>,
    ) -> Vec<Person> {
        read(state(ctx))
            .people
            .iter()
            .filter(|person| include_archived || !person.is_archived())
            .filter(|person| {
                status
                    .as_ref()
                    .is_none_or(|wanted| wanted.contains(&person.status))
            })
            .map(Person::from)
            .collect()
    }

    /// Inferred: the person with this employee code, archived or not.
    /// Codes are compared trimmed and without regard to case.
    async fn person_by_employee_code(
        &self,
        ctx: &Context<'_>,
        employee_code: String,
    ) -> Option<Person> {
        read(state(ctx))
            .person_by_employee_code(&employee_code)
            .map(Person::from)
    }

    /// Published: connections have the statuses below. Inferred: this field,
    /// and that it lists only people linked to a remote record.
    async fn person_connections(&self, ctx: &Context<'_>) -> Vec<PersonConnection> {
        read(state(ctx))
            .connections
            .iter()
            .map(PersonConnection::from)
            .collect()
    }
}

/// Inferred as a whole.
#[derive(Debug)]
pub struct Mutation;

#[Object]
impl Mutation {
    /// Inferred. Adds a person with their personal, bank, super and tax details.
    /// Fails with `EMPLOYEE_CODE_TAKEN` if any person (archived included)
    /// has the employee code, and with `BAD_USER_INPUT` for details that
    /// cannot be stored.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        input: CreatePersonInput,
    ) -> async_graphql::Result<Person> {
        let details = input.into_details().map_err(WriteError::into_graphql)?;
        let today = chrono::Local::now().date_naive();
        write(state(ctx))
            .create_person(details, today)
            .map(|person| Person::from(&person))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Links a person to a remote record. Connecting a person again to the
    /// same record returns the existing connection; a person or record
    /// already linked elsewhere fails with `CONNECTION_CONFLICT`.
    async fn connect_person(
        &self,
        ctx: &Context<'_>,
        input: ConnectPersonInput,
    ) -> async_graphql::Result<PersonConnection> {
        write(state(ctx))
            .connect_person(&input.person_id, &input.remote_id, &input.employee_code)
            .map(|connection| PersonConnection::from(&connection))
            .map_err(WriteError::into_graphql)
    }

    /// Inferred. Unlinks a person from their remote record. True if there was a link;
    /// removing one that is not there is not an error.
    async fn remove_person_connection(&self, ctx: &Context<'_>, person_id: ID) -> bool {
        write(state(ctx)).remove_connection(&person_id)
    }
}

fn state<'a>(ctx: &Context<'a>) -> &'a SharedState {
    ctx.data_unchecked::<SharedState>()
}

/// Published fields only.
#[derive(SimpleObject, Debug)]
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
            start_date: person
                .start_date
                .map(|date| date.format("%Y-%m-%d").to_string()),
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

/// Inferred: `connectPerson`'s argument.
#[derive(InputObject, Debug)]
pub struct ConnectPersonInput {
    person_id: ID,
    /// MicrOpay's `idEmployee`.
    remote_id: ID,
    employee_code: String,
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
    fn into_details(self) -> Result<SandboxPersonDetails, WriteError> {
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
            date_of_birth: date("date of birth", personal.date_of_birth)?,
            start_date: date("start date", self.tenure.and_then(|t| t.start_date))?,
            email: profile.as_ref().and_then(|p| p.email.clone()),
            mobile_phone: profile.and_then(|p| p.mobile_phone),
            residential_address: self.residential_address.map(AddressInput::into_record),
            postal_address: self.postal_address.map(AddressInput::into_record),
            bank_accounts: self
                .bank_accounts
                .into_iter()
                .map(|account| SandboxBankAccount {
                    bsb: account.bsb,
                    account_number: Sensitive::new(account.account_number),
                    account_name: account.account_name,
                    fixed_amount_cents: account.fixed_amount_cents,
                    balance_of_pay: account.balance_of_pay,
                    order: account.order,
                })
                .collect(),
            super_funds: self
                .super_funds
                .into_iter()
                .map(|fund| {
                    Ok(SandboxSuperFund {
                        date_joined: date("date joined the super fund", fund.date_joined)?,
                        fund_code: fund.fund_code,
                        fund_name: fund.fund_name,
                        usi: fund.usi,
                        membership_number: fund.membership_number,
                    })
                })
                .collect::<Result<_, WriteError>>()?,
            tax_details: self.tax_details.map(|tax| SandboxTaxDetails {
                tfn: Sensitive::new(tax.tfn),
                basis_of_payment: tax.basis_of_payment,
                australian_resident: tax.australian_resident,
                tax_free_threshold: tax.tax_free_threshold,
                help_debt: tax.help_debt,
                sfss_debt: tax.sfss_debt,
            }),
        })
    }
}

impl AddressInput {
    fn into_record(self) -> SandboxAddress {
        SandboxAddress {
            street: self.street,
            suburb: self.suburb,
            state: self.state,
            postcode: self.postcode,
            country: self.country,
        }
    }
}

fn date(what: &str, text: Option<String>) -> Result<Option<NaiveDate>, WriteError> {
    text.filter(|text| !text.trim().is_empty())
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                WriteError::Invalid(format!("The {what} must be a date like 2024-07-01."))
            })
        })
        .transpose()
}

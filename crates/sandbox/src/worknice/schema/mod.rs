//! The whole Worknice schema the sandbox serves, in one place so it can be
//! swapped for the real one: the reads here, the people's fields in
//! `person.rs`, the writes in `mutation.rs` with their inputs in `inputs.rs`
//! and `updates.rs`.
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
//! `personConnections`), the paged read, a person's details and the error
//! codes below are inferred as a whole.

mod inputs;
mod leave;
mod leave_requests;
mod mutation;
mod person;
mod updates;

use async_graphql::{Context, EmptySubscription, Enum, ErrorExtensions, Object, Schema, ID};
use chrono::NaiveDate;

use super::writes::WriteError;
use super::{read, SharedState};

pub use leave::{CreateLeaveTypeInput, LeaveBalance, LeaveBalanceInput, LeaveType};
pub use leave_requests::{CreatePayrollLeaveRequestInput, LeaveRequest, LeaveRequestsPage};
pub use mutation::Mutation;
pub use person::{PeoplePage, Person, PersonConnection, PersonConnectionStatus};

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
    /// `createLeaveType` with a code another leave type already has.
    pub const LEAVE_TYPE_CODE_TAKEN: &str = "LEAVE_TYPE_CODE_TAKEN";
    /// `connectPerson` that would give a person or a remote record a second partner.
    pub const CONNECTION_CONFLICT: &str = "CONNECTION_CONFLICT";
    /// A person id that names nobody.
    pub const PERSON_NOT_FOUND: &str = "PERSON_NOT_FOUND";
    /// Input the server cannot store (bad BSB, TFN checksum, …); the error's
    /// `extensions.field` names the field, e.g. `bankAccounts[0].bsb`.
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
}

/// The most people one page of `peoplePage` holds.
pub const MAX_PAGE_SIZE: usize = 1000;

impl WriteError {
    fn code(&self) -> &'static str {
        match self {
            Self::EmployeeCodeTaken { .. } => error_codes::EMPLOYEE_CODE_TAKEN,
            Self::LeaveTypeCodeTaken { .. } => error_codes::LEAVE_TYPE_CODE_TAKEN,
            Self::Invalid { .. } => error_codes::BAD_USER_INPUT,
            Self::PersonNotFound { .. } => error_codes::PERSON_NOT_FOUND,
            Self::PersonConnectedElsewhere { .. } | Self::RemoteConnectedElsewhere { .. } => {
                error_codes::CONNECTION_CONFLICT
            }
        }
    }

    fn into_graphql(self) -> async_graphql::Error {
        let code = self.code();
        let field = match &self {
            Self::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        async_graphql::Error::new(self.to_string()).extend_with(|_, e| {
            e.set("code", code);
            if let Some(field) = field {
                e.set("field", field);
            }
        })
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

    /// Inferred: the leave types employees request leave in, in the order
    /// they were made.
    async fn leave_types(&self, ctx: &Context<'_>) -> Vec<LeaveType> {
        read(state(ctx))
            .leave_types
            .iter()
            .map(LeaveType::from)
            .collect()
    }

    /// Inferred: the leave balances employees see for the person with this
    /// employee code; null for a code nobody has.
    async fn leave_balances(
        &self,
        ctx: &Context<'_>,
        employee_code: String,
    ) -> Option<Vec<LeaveBalance>> {
        read(state(ctx))
            .leave_balances_of(&employee_code)
            .map(|balances| balances.iter().map(LeaveBalance::from).collect())
    }

    /// Inferred: leave requests with one of `statuses` (every status when
    /// absent) changed at or after `updatedSince` (RFC 3339), oldest change
    /// first, in pages of at most `first` (up to 1,000); pass a page's
    /// `nextCursor` as `after` for the next one.
    async fn leave_requests_page(
        &self,
        ctx: &Context<'_>,
        statuses: Option<Vec<super::leave_requests::LeaveRequestStatus>>,
        updated_since: Option<String>,
        #[graphql(default = 500)] first: i32,
        after: Option<String>,
    ) -> async_graphql::Result<LeaveRequestsPage> {
        leave_requests::page(&read(state(ctx)), statuses, updated_since, first, after)
    }

    /// Inferred: the request that came from payroll with this external id
    /// (the payroll system's id for it); null if there is none.
    async fn leave_request_by_external_id(
        &self,
        ctx: &Context<'_>,
        external_id: String,
    ) -> Option<LeaveRequest> {
        let state = read(state(ctx));
        state
            .leave_request_by_external_id(&external_id)
            .map(|request| LeaveRequest::new(&state, request))
    }

    /// Inferred: the people in pages of at most `first` (up to 1,000), in the
    /// same order as `people`; pass a page's `nextCursor` as `after` for the
    /// next one. For reading every person with their details without one
    /// answer the size of the whole organisation.
    async fn people_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_archived: bool,
        #[graphql(default = 500)] first: i32,
        after: Option<String>,
    ) -> async_graphql::Result<PeoplePage> {
        let first = usize::try_from(first)
            .ok()
            .filter(|&first| (1..=MAX_PAGE_SIZE).contains(&first))
            .ok_or_else(|| bad_input("first", "A page holds 1 to 1000 people."))?;
        let start = match after.as_deref() {
            None => 0,
            Some(cursor) => cursor
                .parse::<usize>()
                .map_err(|_| bad_input("after", "That is not a cursor this server gave."))?,
        };
        let state = read(state(ctx));
        let listed: Vec<usize> = state
            .people
            .iter()
            .enumerate()
            .filter(|(_, person)| include_archived || !person.is_archived())
            .map(|(index, _)| index)
            .collect();
        let people = listed
            .iter()
            .skip(start)
            .take(first)
            .map(|&index| Person::from(&state.people[index]))
            .collect();
        let end = start.saturating_add(first);
        Ok(PeoplePage {
            people,
            next_cursor: (end < listed.len()).then(|| end.to_string()),
            total_count: listed.len() as u64,
        })
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

fn state<'a>(ctx: &Context<'a>) -> &'a SharedState {
    ctx.data_unchecked::<SharedState>()
}

fn bad_input(field: &str, message: &str) -> async_graphql::Error {
    WriteError::Invalid {
        field: field.to_owned(),
        message: message.to_owned(),
    }
    .into_graphql()
}

/// A `YYYY-MM-DD` date from an input; `field` names it in the refusal.
fn date(field: &str, text: Option<String>) -> Result<Option<NaiveDate>, WriteError> {
    text.filter(|text| !text.trim().is_empty())
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| WriteError::Invalid {
                field: field.to_owned(),
                message: "It must be a date like 2024-07-01.".to_owned(),
            })
        })
        .transpose()
}

fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

//! The whole Worknice schema the sandbox serves, in one file so it can be
//! swapped for the real one.
//!
//! Published (Worknice's own public integration code, `WorkniceHR/slack`):
//! `session { org { people(includeArchived, status) { id displayName status
//! employeeCode startDate profileEmail profilePhone location { name }
//! currentJob { position { title } } } } }`, and `status: [ACTIVE]`.
//! Everything marked "Inferred" in a description is a guess; the SDL this
//! produces is checked in as `schema.graphql` (see the test in `tests.rs`).

use async_graphql::{
    Context, EmptyMutation, EmptySubscription, Enum, Object, Schema, SimpleObject, ID,
};

use super::{read, SandboxPerson, SharedState};

pub type WorkniceSchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub(crate) fn build(state: SharedState) -> WorkniceSchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(state)
        .finish()
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

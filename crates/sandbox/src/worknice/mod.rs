//! Worknice's GraphQL API as a local server: `POST /api/graphql` with the
//! `worknice-api-token` header, seeded from the shared [`Dataset`], with the
//! same per-route faults as the MicrOpay sandbox.
//!
//! The schema lives in [`schema`] (one module, so it can be swapped for the
//! real one); its SDL is checked in beside it as `schema.graphql`. People
//! created, edited and connected through the API, or through the
//! `/sandbox/` controls (`controls`), are kept for the life of the process,
//! and shown read-only to tests ([`WorkniceServer::people`],
//! [`WorkniceServer::person_details`], [`WorkniceServer::connections`]).

mod auth;
mod calendar;
mod checks;
mod controls;
mod edits;
mod leave_balances;
mod leave_from_payroll;
mod leave_requests;
mod leave_types;
mod locks;
mod records;
pub mod schema;
mod seed;
mod tfn_check;
mod writes;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::dataset::Dataset;
use crate::faults::Faults;
use crate::WorkniceCredentials;

pub use calendar::{CalendarEntry, ON_LEAVE};
pub use leave_balances::SandboxLeaveBalance;
pub use leave_requests::{
    LeaveRequestSource, LeaveRequestStatus, PayrollLeaveStatus, SandboxLeaveRequest,
};
pub use leave_types::SandboxLeaveType;
pub use records::{
    SandboxAddress, SandboxBankAccount, SandboxConnection, SandboxPersonDetails, SandboxSuperFund,
    SandboxTaxDetails,
};
pub use schema::{error_codes, PersonConnectionStatus, PersonStatus};

/// The path Worknice serves its API on.
pub const GRAPHQL_PATH: &str = "/api/graphql";

/// One Worknice person as the sandbox holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxPerson {
    pub id: String,
    pub display_name: String,
    pub status: PersonStatus,
    /// `None` for people who exist only in Worknice.
    pub employee_code: Option<String>,
    pub start_date: Option<chrono::NaiveDate>,
    pub profile_email: Option<String>,
    pub profile_phone: Option<String>,
    pub location: Option<String>,
    pub position_title: Option<String>,
}

impl SandboxPerson {
    pub fn is_archived(&self) -> bool {
        self.status == PersonStatus::Archived
    }
}

/// Everything the server knows. Lives as long as the process, behind a lock,
/// so later mutations (new people, person connections) can change it.
#[derive(Debug)]
pub(crate) struct WorkniceState {
    pub org_id: String,
    pub organisation: String,
    pub people: Vec<SandboxPerson>,
    /// Everything else Worknice holds about each person, by person id.
    pub details: HashMap<String, SandboxPersonDetails>,
    /// The latest `updatedAt` given (see `WorkniceState::stamp`).
    pub(crate) last_stamp: Option<chrono::DateTime<chrono::Utc>>,
    pub connections: Vec<SandboxConnection>,
    /// Ids for created people: seeded, so a run is repeatable.
    pub id_rng: ChaCha8Rng,
    /// Indexes into `people`, so a write or a look-up costs the same
    /// however many people there are (see `writes`).
    pub(crate) by_code: HashMap<String, usize>,
    pub(crate) by_id: HashMap<String, usize>,
    /// Indexes into `connections`, by person id and by remote id.
    pub(crate) connection_by_person: HashMap<String, usize>,
    pub(crate) connection_by_remote: HashMap<String, usize>,
    /// Fields an HR admin locked, by person id (see `locks`).
    pub(crate) locked: HashMap<String, std::collections::BTreeSet<String>>,
    /// The organisation's leave types (see `leave_types`).
    pub(crate) leave_types: Vec<SandboxLeaveType>,
    /// People's leave balances, by person id (see `leave_balances`).
    pub(crate) leave_balances: HashMap<String, Vec<SandboxLeaveBalance>>,
    /// Leave requests, in the order they were made (see `leave_requests`).
    pub(crate) leave_requests: Vec<SandboxLeaveRequest>,
}

impl WorkniceState {
    pub(crate) fn new(
        org_id: String,
        organisation: String,
        people: Vec<SandboxPerson>,
        rng: ChaCha8Rng,
    ) -> Self {
        let mut state = Self {
            org_id,
            organisation,
            people: Vec::with_capacity(people.len()),
            details: HashMap::new(),
            last_stamp: None,
            connections: Vec::new(),
            id_rng: rng,
            by_code: HashMap::new(),
            by_id: HashMap::new(),
            connection_by_person: HashMap::new(),
            connection_by_remote: HashMap::new(),
            locked: HashMap::new(),
            leave_types: Vec::new(),
            leave_balances: HashMap::new(),
            leave_requests: Vec::new(),
        };
        for person in people {
            state.add_person(person);
        }
        state
    }
}

pub(crate) type SharedState = Arc<RwLock<WorkniceState>>;

fn read(state: &SharedState) -> RwLockReadGuard<'_, WorkniceState> {
    // A poisoned lock only means a resolver panicked; the data is still whole.
    state
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write(state: &SharedState) -> RwLockWriteGuard<'_, WorkniceState> {
    state
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// GraphQL requests executed, by the `operationName` the client sent
/// ("(anonymous)" without one). Requests refused for their token or answered
/// by a fault before reaching the schema are not counted.
#[derive(Debug, Clone, Default)]
struct RequestCounter(Arc<Mutex<BTreeMap<String, u64>>>);

impl RequestCounter {
    fn count(&self, operation: Option<&str>) {
        let mut counts = self.lock();
        *counts
            .entry(operation.unwrap_or(ANONYMOUS).to_owned())
            .or_default() += 1;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u64>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The key [`WorkniceServer::requests_by_operation`] uses for requests
/// without an `operationName`.
pub const ANONYMOUS: &str = "(anonymous)";

#[derive(Clone)]
struct Served {
    schema: schema::WorkniceSchema,
    counter: RequestCounter,
}

#[derive(Debug)]
pub struct WorkniceServer {
    credentials: WorkniceCredentials,
    faults: Faults,
    state: SharedState,
    counter: RequestCounter,
    local_addr: SocketAddr,
}

impl WorkniceServer {
    /// Serves on `listener` until `shutdown` is cancelled. Must be called
    /// inside a Tokio runtime.
    pub fn start(
        listener: TcpListener,
        dataset: &Dataset,
        seed: u64,
        shutdown: CancellationToken,
    ) -> std::io::Result<Self> {
        let local_addr = listener.local_addr()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ SEED_SALT);
        let token = format!("wn-sandbox-{:032x}", rng.random::<u128>());
        let org_id = seed::id_from(&mut rng);
        let people = seed::people(dataset, &mut rng);
        let details = seed::details(dataset, &people);
        let mut state = WorkniceState::new(org_id, dataset.organisation.clone(), people, rng);
        state.details.extend(details);
        // Their own draws, so the people's ids stay what they were.
        state.leave_types =
            leave_types::seeded(&mut ChaCha8Rng::seed_from_u64(seed ^ LEAVE_TYPES_SALT));
        let state = Arc::new(RwLock::new(state));
        let faults = Faults::new(seed);
        let counter = RequestCounter::default();

        let mut router = Router::new()
            .route(GRAPHQL_PATH, post(graphql))
            .route_layer(axum::middleware::from_fn_with_state(
                auth::ApiToken::new(token.clone()),
                auth::require_api_token,
            ))
            .with_state(Served {
                schema: schema::build(state.clone()),
                counter: counter.clone(),
            });
        // The controls need no token, so they are served only where nobody
        // but this computer can reach them.
        if local_addr.ip().is_loopback() {
            router = router.merge(controls::router(state.clone()));
        }
        crate::serve::spawn_with_faults("Worknice", listener, router, &faults, shutdown);

        Ok(Self {
            credentials: WorkniceCredentials {
                url: format!("http://{local_addr}"),
                token,
            },
            faults,
            state,
            counter,
            local_addr,
        })
    }

    /// The base URL (the client appends `/api/graphql`) and the API token.
    pub fn credentials(&self) -> &WorkniceCredentials {
        &self.credentials
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    pub fn organisation(&self) -> String {
        read(&self.state).organisation.clone()
    }

    /// A snapshot of every person, archived ones included, in the order the
    /// API lists them.
    pub fn people(&self) -> Vec<SandboxPerson> {
        read(&self.state).people.clone()
    }

    /// Adds a person as if someone had made them in Worknice meanwhile (a
    /// test's way to change Worknice behind a running import).
    pub fn add_person(&self, person: SandboxPerson) {
        write(&self.state).add_person(person);
    }

    /// Everything held about this person beyond the list's fields (what
    /// `createPerson` or seeding stored, as edited since); `None` for an
    /// unknown id.
    pub fn person_details(&self, person_id: &str) -> Option<SandboxPersonDetails> {
        read(&self.state).details.get(person_id).cloned()
    }

    /// Every leave type, in the order they were made.
    pub fn leave_types(&self) -> Vec<SandboxLeaveType> {
        read(&self.state).leave_types.clone()
    }

    /// Deletes a leave type, as an HR admin can in Worknice; false for an
    /// unknown id. Balances people hold of it go with it.
    pub fn delete_leave_type(&self, id: &str) -> bool {
        let mut state = write(&self.state);
        let before = state.leave_types.len();
        state.leave_types.retain(|t| t.id != id);
        for balances in state.leave_balances.values_mut() {
            balances.retain(|b| b.leave_type_id != id);
        }
        state.leave_types.len() < before
    }

    /// The balances Worknice shows the person with this code (none set:
    /// empty; `None` for a code nobody has).
    pub fn leave_balances(&self, employee_code: &str) -> Option<Vec<SandboxLeaveBalance>> {
        read(&self.state).leave_balances_of(employee_code)
    }

    /// Every leave request, in the order they were made.
    pub fn leave_requests(&self) -> Vec<SandboxLeaveRequest> {
        read(&self.state).leave_requests.clone()
    }

    /// Every person connection, in the order they were made.
    pub fn connections(&self) -> Vec<SandboxConnection> {
        read(&self.state).connections.clone()
    }

    /// GraphQL requests executed so far, all operations together.
    pub fn requests_served(&self) -> u64 {
        self.counter.lock().values().sum()
    }

    /// GraphQL requests executed so far with this `operationName`.
    pub fn requests_served_for(&self, operation: &str) -> u64 {
        self.counter.lock().get(operation).copied().unwrap_or(0)
    }

    /// GraphQL requests executed so far, by `operationName`.
    pub fn requests_by_operation(&self) -> BTreeMap<String, u64> {
        self.counter.lock().clone()
    }
}

/// Keeps the token and ids apart from the MicrOpay sandbox's draws for the
/// same seed ("WORKNICE" in ASCII).
const SEED_SALT: u64 = 0x574F_524B_4E49_4345;

/// Keeps the leave types' ids apart from the people's ("LEAVE" in ASCII).
const LEAVE_TYPES_SALT: u64 = 0x004C_4541_5645;

async fn graphql(State(served): State<Served>, request: GraphQLRequest) -> GraphQLResponse {
    let request = request.into_inner();
    served.counter.count(request.operation_name.as_deref());
    served.schema.execute(request).await.into()
}

#[cfg(test)]
mod edits_tests;
#[cfg(test)]
mod leave_requests_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_support;

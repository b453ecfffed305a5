//! Worknice's GraphQL API as a local server: `POST /api/graphql` with the
//! `worknice-api-token` header, seeded from the shared [`Dataset`], with the
//! same per-route faults as the MicrOpay sandbox.
//!
//! The schema lives in [`schema`] (one file, so it can be swapped for the real
//! one); its SDL is checked in beside it as `schema.graphql`.

mod auth;
pub mod schema;
mod seed;

use std::net::SocketAddr;
use std::sync::{Arc, RwLock, RwLockReadGuard};

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

pub use schema::PersonStatus;

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
}

pub(crate) type SharedState = Arc<RwLock<WorkniceState>>;

fn read(state: &SharedState) -> RwLockReadGuard<'_, WorkniceState> {
    // A poisoned lock only means a resolver panicked; the data is still whole.
    state
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Debug)]
pub struct WorkniceServer {
    credentials: WorkniceCredentials,
    faults: Faults,
    state: SharedState,
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
        let state = Arc::new(RwLock::new(WorkniceState {
            org_id: seed::id_from(&mut rng),
            organisation: dataset.organisation.clone(),
            people: seed::people(dataset, &mut rng),
        }));
        let faults = Faults::new(seed);

        let router = Router::new()
            .route(GRAPHQL_PATH, post(graphql))
            .route_layer(axum::middleware::from_fn_with_state(
                auth::ApiToken::new(token.clone()),
                auth::require_api_token,
            ))
            .with_state(schema::build(state.clone()));
        crate::serve::spawn_with_faults("Worknice", listener, router, &faults, shutdown);

        Ok(Self {
            credentials: WorkniceCredentials {
                url: format!("http://{local_addr}"),
                token,
            },
            faults,
            state,
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
}

/// Keeps the token and ids apart from the MicrOpay sandbox's draws for the
/// same seed ("WORKNICE" in ASCII).
const SEED_SALT: u64 = 0x574F_524B_4E49_4345;

async fn graphql(
    State(schema): State<schema::WorkniceSchema>,
    request: GraphQLRequest,
) -> GraphQLResponse {
    schema.execute(request.into_inner()).await.into()
}

#[cfg(test)]
mod tests;

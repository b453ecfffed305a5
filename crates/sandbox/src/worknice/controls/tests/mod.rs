//! The `/sandbox/` controls over real HTTP: what every control shares
//! (faults never reach them, loopback only) here; people and hires in
//! `people.rs`, leave requests and the calendar in `leave.rs`.

mod leave;
mod people;

use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::dataset::Dataset;
use crate::faults::{Fault, FaultKind};
use crate::worknice::{WorkniceServer, GRAPHQL_PATH};

struct Running {
    server: WorkniceServer,
    shutdown: CancellationToken,
    http: reqwest::Client,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn start_on(host: &str, seed: u64) -> Running {
    let listener = TcpListener::bind((host, 0)).await.expect("bind");
    let shutdown = CancellationToken::new();
    let server = WorkniceServer::start(
        listener,
        &Dataset::generate(seed, 30),
        seed,
        shutdown.clone(),
    )
    .expect("start");
    Running {
        server,
        shutdown,
        http: reqwest::Client::new(),
    }
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.server.local_addr().port())
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        crate::test_http::get(&self.http, self.url(path)).await
    }

    async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        crate::test_http::post(&self.http, self.url(path), body).await
    }

    async fn person(&self, code: &str) -> Value {
        let (status, people) = self.get("/sandbox/people").await;
        assert_eq!(status, 200);
        people
            .as_array()
            .expect("a list")
            .iter()
            .find(|p| p["employeeCode"] == code)
            .cloned()
            .expect("listed")
    }

    fn seeded_code(&self) -> String {
        self.server
            .people()
            .into_iter()
            .find(|p| p.employee_code.is_some() && !p.is_archived())
            .and_then(|p| p.employee_code)
            .expect("a matched person")
    }
}

#[tokio::test]
async fn faults_never_touch_the_controls_but_do_touch_the_api() {
    let running = start_on("127.0.0.1", 95).await;
    running
        .server
        .faults()
        .add(Fault::rate("", FaultKind::Status(503), 1.0));
    let (status, _) = running.get("/sandbox/people").await;
    assert_eq!(status, 200);
    let api = running
        .http
        .post(running.url(GRAPHQL_PATH))
        .json(&json!({ "query": "{ session { org { name } } }" }))
        .send()
        .await
        .expect("send");
    assert_eq!(api.status().as_u16(), 503);
}

#[tokio::test]
async fn the_controls_are_served_only_on_a_loopback_address() {
    let running = start_on("0.0.0.0", 96).await;
    let (status, _) = running.get("/sandbox/people").await;
    assert_eq!(status, 404);
}

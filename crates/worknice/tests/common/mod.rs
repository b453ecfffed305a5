//! Shared by the test binaries: a Worknice sandbox on 127.0.0.1 and a client for it.
#![allow(dead_code)] // Each binary uses its own subset.

use std::time::Duration;

use paybridge_domain::Sensitive;
use paybridge_sandbox::dataset::Dataset;
use paybridge_sandbox::worknice::WorkniceServer;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{RetryPolicy, WorkniceClient, WorkniceConfig};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use url::Url;

pub struct Running {
    pub server: WorkniceServer,
    pub shutdown: CancellationToken,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub async fn start(seed: u64) -> Running {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind a free port");
    let shutdown = CancellationToken::new();
    let server = WorkniceServer::start(
        listener,
        &Dataset::generate(seed, 45),
        seed,
        shutdown.clone(),
    )
    .expect("start the Worknice sandbox");
    Running { server, shutdown }
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
    }
}

pub fn config(base_url: &str, token: &str) -> WorkniceConfig {
    WorkniceConfig {
        base_url: Url::parse(base_url).expect("a URL"),
        token: Sensitive::new(token.to_owned()),
        timeout: Duration::from_secs(5),
        retry: fast_retry(),
        max_response_bytes: WorkniceConfig::MAX_RESPONSE_BYTES,
    }
}

pub fn client_for(running: &Running) -> WorkniceClient {
    let credentials = running.server.credentials();
    WorkniceClient::new(config(&credentials.url, &credentials.token)).expect("a valid config")
}

/// Counts every request: a zero-length latency fault that always fires.
pub fn count_requests(running: &Running) {
    running
        .server
        .faults()
        .add(Fault::rate("", FaultKind::Latency(Duration::ZERO), 1.0));
}

pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

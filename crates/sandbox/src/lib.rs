//! Both vendors' APIs as local HTTP servers on 127.0.0.1, for tests, the
//! demo and the benchmarks. They speak the real wire formats (paths, headers,
//! JSON casing, paging, error bodies), are seeded deterministically, check
//! credentials, and take faults per route (see [`faults`]).

pub mod dataset;
pub mod faults;
pub mod micropay;
mod serve;
#[cfg(test)]
mod test_http;
pub mod worknice;

use serde::Serialize;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use faults::{Fault, FaultKind, Faults};
pub use micropay::{LeaveApplicationState, SandboxLeaveApplication};

#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub employees: usize,
    pub seed: u64,
    /// 0 picks a free port.
    pub micropay_port: u16,
    pub worknice_port: u16,
    /// false: MicrOpay answers as a payroll database without the Web API purchased.
    pub api_access: bool,
    /// Some: MicrOpay's payroll user implements every change request this
    /// many milliseconds after it was received (`paybridge sandbox
    /// --auto-accept-ms N`). None: only by hand, through `/sandbox/`.
    pub auto_accept_ms: Option<u64>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            employees: 250,
            seed: 1,
            micropay_port: 0,
            worknice_port: 0,
            api_access: true,
            auto_accept_ms: None,
        }
    }
}

/// What a client needs to reach the sandbox. These are sandbox-only
/// credentials, so printing them (the CLI's one JSON line) is intended.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MicropayCredentials {
    pub url: String,
    pub username: String,
    pub password: String,
    pub api_key: String,
    pub payroll_company: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkniceCredentials {
    pub url: String,
    pub token: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SandboxCredentials {
    pub micropay: MicropayCredentials,
    pub worknice: WorkniceCredentials,
}

/// Both servers, running until [`Sandbox::shutdown`] or drop.
#[derive(Debug)]
pub struct Sandbox {
    pub credentials: SandboxCredentials,
    pub micropay: micropay::MicropayServer,
    pub worknice: worknice::WorkniceServer,
    shutdown: CancellationToken,
}

impl Sandbox {
    pub async fn start(options: SandboxOptions) -> std::io::Result<Self> {
        let dataset = dataset::Dataset::generate(options.seed, options.employees);
        Self::start_with_dataset(options, dataset).await
    }

    /// Serves `dataset` instead of the one `options` would generate, so a
    /// test can plant values of its own (the privacy canary does).
    /// `options.employees` is not used.
    pub async fn start_with_dataset(
        options: SandboxOptions,
        dataset: dataset::Dataset,
    ) -> std::io::Result<Self> {
        let shutdown = CancellationToken::new();
        let micropay_listener = TcpListener::bind(("127.0.0.1", options.micropay_port)).await?;
        let worknice_listener = TcpListener::bind(("127.0.0.1", options.worknice_port)).await?;
        let micropay = micropay::MicropayServer::start(
            micropay_listener,
            &dataset,
            options.api_access,
            options.seed,
            shutdown.child_token(),
        )?;
        micropay.set_auto_accept(options.auto_accept_ms.map(std::time::Duration::from_millis));
        let worknice = worknice::WorkniceServer::start(
            worknice_listener,
            &dataset,
            options.seed,
            shutdown.child_token(),
        )?;
        let credentials = SandboxCredentials {
            micropay: micropay.credentials().clone(),
            worknice: worknice.credentials().clone(),
        };
        Ok(Self {
            credentials,
            micropay,
            worknice,
            shutdown,
        })
    }

    pub fn shutdown(&self) {
        self.shutdown.cancel();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

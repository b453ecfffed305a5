//! MicrOpay's Web API as a local server: `api/EmployeeDetails` (paged and
//! single), lookups and deleted employees, with Basic auth plus `Api-Key`,
//! a "no API access" mode, a payroll-server-offline switch and faults.
//! Wire shapes: `micropay/wire.rs`; inferred error bodies: `micropay/vendor_errors.rs`.

mod routes;
mod vendor_errors;
mod wire;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::dataset::{Dataset, SeedEmployee, SeedLookup};
use crate::faults::Faults;
use crate::MicropayCredentials;

/// A running MicrOpay sandbox. Stops when its shutdown token is cancelled.
#[derive(Debug)]
pub struct MicropayServer {
    state: Arc<MicropayState>,
    faults: Faults,
    address: SocketAddr,
}

#[derive(Debug)]
pub(crate) struct MicropayState {
    pub(crate) employees: Vec<SeedEmployee>,
    pub(crate) lookups: Vec<SeedLookup>,
    pub(crate) lookup_types: Vec<String>,
    pub(crate) credentials: MicropayCredentials,
    pub(crate) api_access: bool,
    pub(crate) payroll_online: AtomicBool,
    /// Requests that got past the faults to a handler.
    pub(crate) requests_served: AtomicU64,
}

impl MicropayServer {
    pub fn start(
        listener: TcpListener,
        dataset: &Dataset,
        api_access: bool,
        seed: u64,
        shutdown: CancellationToken,
    ) -> std::io::Result<Self> {
        let address = listener.local_addr()?;
        let (username, password, api_key) = sandbox_secrets(seed);
        let state = Arc::new(MicropayState {
            employees: dataset.employees.clone(),
            lookups: dataset.lookups.clone(),
            lookup_types: dataset.lookup_types(),
            credentials: MicropayCredentials {
                url: format!("http://{address}"),
                username,
                password,
                api_key,
                payroll_company: dataset.organisation.clone(),
            },
            api_access,
            payroll_online: AtomicBool::new(true),
            requests_served: AtomicU64::new(0),
        });
        // A separate stream from the data's, so adding faults never shifts the data.
        let faults = Faults::new(seed ^ 0x6661_756c_7473);
        crate::serve::spawn_with_faults(
            "MicrOpay",
            listener,
            routes::router(state.clone()),
            &faults,
            shutdown,
        );
        Ok(Self {
            state,
            faults,
            address,
        })
    }

    pub fn credentials(&self) -> &MicropayCredentials {
        &self.state.credentials
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// false: reads of live employee data answer as "payroll server offline"
    /// (lookups still answer: MicrOpay's cloud keeps a copy of them).
    pub fn set_payroll_online(&self, online: bool) {
        self.state.payroll_online.store(online, Ordering::SeqCst);
    }

    pub fn employee_count(&self) -> usize {
        self.state.employees.len()
    }

    /// A copy of the employees as seeded.
    pub fn employees(&self) -> Vec<SeedEmployee> {
        self.state.employees.clone()
    }

    /// Requests that reached a handler (after faults), authenticated or not.
    pub fn requests_served(&self) -> u64 {
        self.state.requests_served.load(Ordering::SeqCst)
    }
}

/// Fixed per seed: the same `--seed` always prints the same credentials.
fn sandbox_secrets(seed: u64) -> (String, String, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6d69_6372_6f70_6179);
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let password: String = (0..20)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    let hex = |rng: &mut ChaCha8Rng, n: usize| -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[rng.random_range(0..16)]))
            .collect()
    };
    let api_key = format!(
        "{}-{}-{}-{}-{}",
        hex(&mut rng, 8),
        hex(&mut rng, 4),
        hex(&mut rng, 4),
        hex(&mut rng, 4),
        hex(&mut rng, 12)
    );
    ("sandbox".to_owned(), password, api_key)
}

#[cfg(test)]
mod tests {
    use super::sandbox_secrets;

    #[test]
    fn credentials_are_fixed_per_seed() {
        assert_eq!(sandbox_secrets(1), sandbox_secrets(1));
        assert_ne!(sandbox_secrets(1).1, sandbox_secrets(2).1);
        assert_ne!(sandbox_secrets(1).2, sandbox_secrets(2).2);
    }
}

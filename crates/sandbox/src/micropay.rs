//! MicrOpay's Web API as a local server: `api/EmployeeDetails` (paged and
//! single), lookups and deleted employees, change requests that wait for a
//! payroll user (`micropay/change_requests.rs`), leave balances (inferred,
//! `micropay/leave_balances.rs`), with Basic auth plus
//! `Api-Key`, a "no API access" mode, a payroll-server-offline switch and
//! faults; and payroll's own hand under `/sandbox/` (`micropay/controls.rs`).
//! Wire shapes: `micropay/wire.rs`; inferred error bodies: `micropay/vendor_errors.rs`.

mod change_requests;
mod controls;
mod edits;
mod leave_applications;
mod leave_balances;
mod leave_controls;
mod leave_entry;
mod leave_hours;
mod payroll;
mod routes;
mod vendor_errors;
mod wire;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::NaiveDateTime;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::dataset::{Dataset, SeedEmployee, SeedLookup};
use crate::faults::Faults;
use crate::MicropayCredentials;

pub use leave_applications::{LeaveApplicationState, SandboxLeaveApplication};

/// A running MicrOpay sandbox. Stops when its shutdown token is cancelled.
#[derive(Debug)]
pub struct MicropayServer {
    state: Arc<MicropayState>,
    faults: Faults,
    address: SocketAddr,
}

#[derive(Debug)]
pub(crate) struct MicropayState {
    /// Employees, deleted employees and change requests; lock with [`Self::payroll`].
    payroll: Mutex<payroll::Payroll>,
    pub(crate) clock: payroll::SandboxClock,
    /// Payroll implements every request this long after it was received.
    auto_accept: Mutex<Option<Duration>>,
    pub(crate) lookups: Vec<SeedLookup>,
    pub(crate) lookup_types: Vec<String>,
    pub(crate) credentials: MicropayCredentials,
    pub(crate) api_access: bool,
    pub(crate) payroll_online: AtomicBool,
    /// Requests that got past the faults to a handler.
    pub(crate) requests_served: AtomicU64,
    /// Each `api/EmployeeDetails` list page served: its `changedSince`.
    pub(crate) employee_list_reads: Mutex<Vec<Option<NaiveDateTime>>>,
    /// The inferred `api/LeaveBalance` and its controls.
    pub(crate) leave_balances: leave_balances::LeaveBalanceDesk,
    /// Every `api/LeaveApplication` received, in id order (ids from 1).
    pub(crate) leave_applications: Mutex<Vec<SandboxLeaveApplication>>,
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
        let state = Arc::new(MicropayState::new(
            dataset,
            MicropayCredentials {
                url: format!("http://{address}"),
                username,
                password,
                api_key,
                payroll_company: dataset.organisation.clone(),
            },
            api_access,
        ));
        // A separate stream from the data's, so adding faults never shifts the data.
        let faults = Faults::new(seed ^ 0x6661_756c_7473);
        crate::serve::spawn_with_faults_and_controls(
            "MicrOpay",
            listener,
            routes::router(state.clone()),
            controls::router(state.clone()),
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
        self.state.payroll().employees.len()
    }

    /// A copy of the employees as payroll has them now (as seeded, plus
    /// every implemented change and every edit through `/sandbox/`).
    pub fn employees(&self) -> Vec<SeedEmployee> {
        self.state.payroll().employees.clone()
    }

    /// Payroll implements each change request this long after receiving it
    /// (`None`: only by hand, through `/sandbox/requests/{id}/accept`).
    pub fn set_auto_accept(&self, delay: Option<Duration>) {
        *payroll::lock(&self.state.auto_accept) = delay;
    }

    /// Stops the sandbox's clock at `instant`: employee edits, change
    /// requests and deletions are stamped with it until it is moved.
    pub fn pin_clock(&self, instant: NaiveDateTime) {
        self.state.clock.pin(instant);
    }

    /// Moves the (pinned) clock on; pins it first if it was running.
    pub fn advance_clock(&self, by: Duration) {
        self.state.clock.advance(by);
    }

    /// The sandbox's current time.
    pub fn now(&self) -> NaiveDateTime {
        self.state.clock.now()
    }

    /// Requests that reached a handler (after faults), authenticated or not.
    pub fn requests_served(&self) -> u64 {
        self.state.requests_served.load(Ordering::SeqCst)
    }

    /// The `changedSince` of every `api/EmployeeDetails` list page served so
    /// far, in order (`None`: a page of everyone), so tests can say what a
    /// sync asked for.
    pub fn employee_list_reads(&self) -> Vec<Option<NaiveDateTime>> {
        payroll::lock(&self.state.employee_list_reads).clone()
    }

    /// Every leave application received, as payroll has it now.
    pub fn leave_applications(&self) -> Vec<SandboxLeaveApplication> {
        payroll::lock(&self.state.leave_applications).clone()
    }
}

impl MicropayServer {
    /// The EmpCode of every `api/LeaveBalance` read that reached the
    /// endpoint, in order, so tests can count balance reads.
    pub fn leave_balance_reads(&self) -> Vec<String> {
        self.state.leave_balances.reads()
    }

    /// true: `api/LeaveBalance` answers 404, as a database without it would.
    pub fn set_leave_balances_unavailable(&self, unavailable: bool) {
        self.state.leave_balances.set_unavailable(unavailable);
    }
}

impl MicropayState {
    pub(crate) fn new(
        dataset: &Dataset,
        credentials: MicropayCredentials,
        api_access: bool,
    ) -> Self {
        Self {
            payroll: Mutex::new(payroll::Payroll::new(dataset.employees.clone())),
            clock: payroll::SandboxClock::default(),
            auto_accept: Mutex::new(None),
            lookups: dataset.lookups.clone(),
            lookup_types: dataset.lookup_types(),
            credentials,
            api_access,
            payroll_online: AtomicBool::new(true),
            requests_served: AtomicU64::new(0),
            employee_list_reads: Mutex::new(Vec::new()),
            leave_balances: leave_balances::LeaveBalanceDesk::new(&dataset.leave_categories),
            leave_applications: Mutex::new(Vec::new()),
        }
    }

    /// The payroll database, after whatever the auto-accept delay has done
    /// by now. The payroll user works on the payroll server: while it is
    /// off, nothing is implemented. Never held across an await.
    pub(crate) fn payroll(&self) -> MutexGuard<'_, payroll::Payroll> {
        let mut payroll = payroll::lock(&self.payroll);
        if self.payroll_online.load(Ordering::SeqCst) {
            let auto_accept = *payroll::lock(&self.auto_accept);
            payroll.settle(auto_accept, &self.lookups, self.clock.now());
        }
        payroll
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

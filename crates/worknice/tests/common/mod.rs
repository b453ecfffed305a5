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

/// Checksum-valid, and not anyone's real TFN.
pub const SAMPLE_TFN: &str = "123456782";
pub const SAMPLE_ACCOUNT: &str = "99887766";

/// A new person with every group filled in, one balance-of-pay account.
pub fn sample_person(employee_code: &str) -> paybridge_worknice::NewPerson {
    use paybridge_worknice::{
        NewPerson, WorkniceAddress, WorkniceBankAccount, WorkniceSuperFund, WorkniceTaxDetails,
    };
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    NewPerson {
        employee_code: employee_code.to_owned(),
        first_name: "Jane".to_owned(),
        last_name: "Citizen".to_owned(),
        middle_name: Some("Anne".to_owned()),
        preferred_name: None,
        title: Some("Ms".to_owned()),
        gender: Some("F".to_owned()),
        date_of_birth: date(1990, 2, 3),
        start_date: date(2021, 7, 1),
        email: Some("jane.citizen@example.com.au".to_owned()),
        mobile_phone: Some("0412 345 678".to_owned()),
        residential_address: Some(WorkniceAddress {
            street: "1 George St".to_owned(),
            suburb: "Sydney".to_owned(),
            state: "NSW".to_owned(),
            postcode: "2000".to_owned(),
            country: "Australia".to_owned(),
        }),
        postal_address: None,
        bank_accounts: vec![WorkniceBankAccount {
            bsb: "062-000".to_owned(),
            account_number: Sensitive::new(SAMPLE_ACCOUNT.to_owned()),
            account_name: "J Citizen".to_owned(),
            fixed_amount_cents: None,
            balance_of_pay: true,
            order: 1,
        }],
        super_funds: vec![WorkniceSuperFund {
            fund_code: "AUST".to_owned(),
            fund_name: "AustralianSuper".to_owned(),
            usi: Some("STA0100AU".to_owned()),
            membership_number: "M-100200".to_owned(),
            date_joined: date(2021, 7, 1),
        }],
        tax_details: Some(WorkniceTaxDetails {
            tfn: Sensitive::new(SAMPLE_TFN.to_owned()),
            basis_of_payment: "F".to_owned(),
            australian_resident: true,
            tax_free_threshold: true,
            help_debt: false,
            sfss_debt: false,
        }),
    }
}

pub fn connection_to(
    remote_id: &str,
    employee_code: &str,
) -> paybridge_worknice::NewPersonConnection {
    paybridge_worknice::NewPersonConnection {
        remote_id: remote_id.to_owned(),
        employee_code: employee_code.to_owned(),
    }
}

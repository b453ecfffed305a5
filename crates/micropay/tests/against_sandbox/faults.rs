use std::time::{Duration, Instant};

use paybridge_micropay::{EmployeeQuery, MicropayClient, MicropayErrorKind};
use paybridge_sandbox::{Fault, FaultKind};

use crate::{client, config, sandbox};

const EMPLOYEES: &str = "/api/EmployeeDetails";

#[tokio::test]
async fn server_errors_are_retried_until_success() {
    let sandbox = sandbox(20, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::times(EMPLOYEES, FaultKind::Status(503), 2));
    let page = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect("third try");
    assert!(!page.items.is_empty());
    assert_eq!(sandbox.micropay.faults().fired(), 2);
}

#[tokio::test]
async fn server_errors_beyond_the_retry_budget_fail_as_server_errors() {
    let sandbox = sandbox(5, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::times(EMPLOYEES, FaultKind::Status(500), 10));
    let error = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("always 500");
    assert_eq!(error.kind(), MicropayErrorKind::Server);
    assert_eq!(
        sandbox.micropay.faults().fired(),
        4,
        "one try and three retries"
    );
}

#[tokio::test]
async fn rate_limits_wait_at_least_the_retry_after() {
    let sandbox = sandbox(5, true).await;
    sandbox.micropay.faults().add(Fault::times(
        EMPLOYEES,
        FaultKind::RateLimited {
            retry_after_secs: 1,
        },
        1,
    ));
    let started = Instant::now();
    client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect("after the pause");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.micropay.faults().fired(), 1);
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_fails_as_rate_limited() {
    let sandbox = sandbox(5, true).await;
    sandbox.micropay.faults().add(Fault::times(
        EMPLOYEES,
        FaultKind::RateLimited {
            retry_after_secs: 3600,
        },
        1,
    ));
    let started = Instant::now();
    let error = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("an hour is too long");
    assert_eq!(error.kind(), MicropayErrorKind::RateLimited);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let sandbox = sandbox(5, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::times(EMPLOYEES, FaultKind::DropConnection, 1));
    let page = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect("retried");
    assert_eq!(page.items.len(), 5);
    assert_eq!(sandbox.micropay.faults().fired(), 1);
}

#[tokio::test]
async fn malformed_json_is_reported_not_retried() {
    let sandbox = sandbox(5, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::times(EMPLOYEES, FaultKind::MalformedBody, 1));
    let error = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("cut-off JSON");
    assert_eq!(error.kind(), MicropayErrorKind::MalformedResponse);
    assert_eq!(sandbox.micropay.faults().fired(), 1);
}

#[tokio::test]
async fn a_slow_answer_times_out_as_unreachable() {
    let sandbox = sandbox(5, true).await;
    sandbox.micropay.faults().add(Fault::times(
        EMPLOYEES,
        FaultKind::Latency(Duration::from_secs(3)),
        10,
    ));
    let mut config = config(&sandbox.credentials.micropay);
    config.timeout = Duration::from_millis(200);
    config.retry.max_retries = 1;
    let error = MicropayClient::new(config)
        .expect("valid")
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("too slow");
    assert_eq!(error.kind(), MicropayErrorKind::Unreachable);
    assert_eq!(
        sandbox.micropay.faults().fired(),
        2,
        "the timeout was retried once"
    );
}

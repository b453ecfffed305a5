//! The client's retries against the sandbox's injected faults.

mod common;

use std::time::{Duration, Instant};

use common::{client_for, config, start};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{RetryPolicy, WorkniceClient, WorkniceError, WorkniceErrorKind};

#[tokio::test]
async fn server_errors_are_retried_until_success() {
    let running = start(16).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 2));
    let organisation = client_for(&running)
        .organisation()
        .await
        .expect("third try succeeds");
    assert_eq!(organisation.name, running.server.organisation());
    assert_eq!(running.server.faults().fired(), 2);
}

#[tokio::test]
async fn server_errors_give_up_after_the_retry_budget() {
    let running = start(17).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(500), 10));
    let error = client_for(&running)
        .organisation()
        .await
        .expect_err("always failing");
    assert!(
        matches!(error, WorkniceError::Server { status: 500 }),
        "{error:?}"
    );
    assert_eq!(
        running.server.faults().fired(),
        4,
        "one try and three retries"
    );
}

#[tokio::test]
async fn rate_limits_wait_as_long_as_retry_after_says() {
    let running = start(18).await;
    running.server.faults().add(Fault::times(
        GRAPHQL_PATH,
        FaultKind::RateLimited {
            retry_after_secs: 1,
        },
        1,
    ));
    let started = Instant::now();
    client_for(&running)
        .people(false)
        .await
        .expect("after waiting");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(running.server.faults().fired(), 1);
}

#[tokio::test]
async fn a_rate_limit_longer_than_the_limit_is_reported_not_waited_out() {
    let running = start(19).await;
    running.server.faults().add(Fault::times(
        GRAPHQL_PATH,
        FaultKind::RateLimited {
            retry_after_secs: 600,
        },
        1,
    ));
    let started = Instant::now();
    let error = client_for(&running)
        .organisation()
        .await
        .expect_err("too long to wait");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(error, WorkniceError::RateLimited { retry_after: Some(wait) } if wait == Duration::from_secs(600)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let running = start(20).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::DropConnection, 1));
    let people = client_for(&running)
        .people(true)
        .await
        .expect("the retry succeeds");
    assert_eq!(people.len(), running.server.people().len());
    assert_eq!(running.server.faults().fired(), 1);
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let running = start(21).await;
    running.server.faults().add(Fault::times(
        GRAPHQL_PATH,
        FaultKind::Latency(Duration::from_secs(3)),
        1,
    ));
    let mut config = config(
        &running.server.credentials().url,
        &running.server.credentials().token,
    );
    config.timeout = Duration::from_millis(500);
    let client = WorkniceClient::new(config.clone()).expect("config");
    client.organisation().await.expect("the retry is fast");

    running.server.faults().add(Fault::times(
        GRAPHQL_PATH,
        FaultKind::Latency(Duration::from_secs(3)),
        1,
    ));
    config.retry = RetryPolicy::none();
    let error = WorkniceClient::new(config)
        .expect("config")
        .organisation()
        .await
        .expect_err("too slow");
    assert!(matches!(error, WorkniceError::TimedOut { .. }), "{error:?}");
    assert_eq!(error.kind(), WorkniceErrorKind::Unreachable);
}

#[tokio::test]
async fn malformed_json_is_reported_without_retrying() {
    let running = start(22).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::MalformedBody, 1));
    let client = client_for(&running);
    let error = client.people(false).await.expect_err("truncated JSON");
    assert_eq!(
        error.kind(),
        WorkniceErrorKind::MalformedResponse,
        "{error:?}"
    );
    assert_eq!(running.server.faults().fired(), 1);
    client.people(false).await.expect("the next read is fine");
}

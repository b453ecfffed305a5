//! Writes under faults: sent again only when MicrOpay said up front that
//! it did nothing; otherwise the outcome is reported as unknown and the
//! change is not duplicated.

use std::time::Instant;

use paybridge_micropay::{ChangeEmployee, MicropayError};
use paybridge_sandbox::{Fault, FaultKind, Sandbox};
use serde_json::Value;

use crate::{client, controls, sandbox};

fn a_change() -> ChangeEmployee {
    let mut change = ChangeEmployee::change("E0002");
    change.details.preferred_name = Some("Sam".to_owned());
    change
}

async fn stored(sandbox: &Sandbox) -> usize {
    match controls::get(sandbox, "/sandbox/requests").await {
        Value::Array(requests) => requests.len(),
        other => panic!("a list, not {other}"),
    }
}

#[tokio::test]
async fn a_connection_dropped_after_the_write_is_outcome_unknown_and_not_resent() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.faults().add(Fault::times(
        "/api/ChangeEmployee",
        FaultKind::DropAfterApply,
        1,
    ));
    let error = client
        .submit_change(&a_change())
        .await
        .expect_err("no answer");
    assert!(
        matches!(error, MicropayError::OutcomeUnknown { .. }),
        "{error:?}"
    );
    assert!(error.outcome_unknown() && !error.is_retryable());
    assert_eq!(stored(&sandbox).await, 1, "stored once, never sent again");
}

#[tokio::test]
async fn a_server_error_while_writing_is_outcome_unknown_and_sent_once() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.faults().add(Fault::times(
        "/api/ChangeEmployee",
        FaultKind::Status(500),
        3,
    ));
    let error = client.submit_change(&a_change()).await.expect_err("a 500");
    assert!(error.outcome_unknown(), "{error:?}");
    assert_eq!(sandbox.micropay.faults().fired(), 1, "not sent again");
}

#[tokio::test]
async fn unavailable_and_rate_limited_writes_are_sent_again_once_through() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let faults = sandbox.micropay.faults();
    faults.add(Fault::times(
        "/api/ChangeEmployee",
        FaultKind::Status(503),
        1,
    ));
    faults.add(Fault::times(
        "/api/ChangeEmployee",
        FaultKind::RateLimited {
            retry_after_secs: 1,
        },
        1,
    ));
    let started = Instant::now();
    client
        .submit_change(&a_change())
        .await
        .expect("through in the end");
    assert_eq!(faults.fired(), 2);
    assert!(
        started.elapsed().as_millis() >= 1000,
        "Retry-After honoured"
    );
    assert_eq!(stored(&sandbox).await, 1, "one request, not three");
}

#[tokio::test]
async fn a_refusal_is_never_sent_again() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let before = sandbox.micropay.requests_served();
    let error = client
        .submit_change(&ChangeEmployee::change("ZZ404"))
        .await
        .expect_err("no such employee");
    let MicropayError::ChangeRefused { messages } = &error else {
        panic!("a refusal, not {error:?}");
    };
    assert!(messages.iter().any(|m| m.contains("ZZ404")), "{messages:?}");
    assert_eq!(sandbox.micropay.requests_served() - before, 1);
    assert_eq!(stored(&sandbox).await, 0);
}

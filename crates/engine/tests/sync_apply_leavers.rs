//! Leavers and passing trouble in "Sync now": a termination date reaches
//! Worknice, an employee deleted in MicrOpay is unlinked (the Worknice
//! person stays), and a Worknice that keeps failing leaves the run partial
//! with the employee's old baseline, so the next run writes it.

mod common;
mod sync_common;

use std::time::Duration;

use paybridge_engine::{Patience, RunResult};
use paybridge_sandbox::{Fault, FaultKind};
use serde_json::json;

use common::setup;
use sync_common::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_termination_reaches_worknice_and_a_deleted_employee_is_unlinked_not_deleted() {
    let s = setup(25, 61).await;
    let codes = synced(&s).await;
    let (leaver, deleted) = (codes[0].clone(), codes[1].clone());
    let base = micropay_url(&s);
    let client = reqwest::Client::new();
    for (path, body) in [
        (
            format!("{base}/sandbox/employees/{leaver}/terminate"),
            json!({"terminationDate": "2026-11-30"}),
        ),
        (
            format!("{base}/sandbox/employees/{deleted}/delete"),
            json!({}),
        ),
    ] {
        let answer = client
            .post(&path)
            .json(&body)
            .send()
            .await
            .expect("answers");
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
    }
    let people_before = worknice_people(&s).await.len();

    let run = sync(&s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    let person = worknice_person(&s, &leaver).await;
    assert_eq!(
        person["tenure"]["terminationDate"], "2026-11-30",
        "{person}"
    );

    let store = s.open_store();
    assert!(
        store.links().get(&deleted).expect("reads").is_none(),
        "unlinked"
    );
    assert!(
        store.baselines().get(&deleted).expect("reads").is_empty(),
        "forgotten"
    );
    assert_eq!(
        worknice_people(&s).await.len(),
        people_before,
        "nobody deleted"
    );
    let kept = worknice_person(&s, &deleted).await;
    assert!(kept["connection"].is_null(), "unlinked in Worknice: {kept}");
    let record = record_for(&run, &deleted);
    assert_eq!(record["action"], "unlink", "{record}");
    assert_eq!(record["outcome"], "unlinked", "{record}");

    let quiet = sync(&s).await;
    assert_eq!(quiet.summary.counts.written, 0, "{:?}", quiet.summary);
    assert_eq!(worknice_people(&s).await.len(), people_before);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_worknice_failing_past_the_retries_leaves_the_run_partial_and_the_next_run_writes_it() {
    let s = setup(25, 62).await;
    let codes = synced(&s).await;
    edit_in_micropay(&s, &codes[0], json!({"preferredName": "Robin"})).await;
    s.engine.set_import_patience(Patience {
        per_employee: Duration::from_secs(2),
        breaker_cool_down: Duration::from_secs(1),
    });
    s.sandbox.worknice.faults().add(
        Fault::rate("/api/graphql", FaultKind::Status(503), 1.0).for_operation("UpdatePerson"),
    );
    let partial = sync(&s).await;
    assert_eq!(
        partial.summary.result,
        RunResult::Partial,
        "{:?}",
        partial.summary
    );
    assert_eq!(partial.summary.retry_later, 1);
    assert_eq!(partial.summary.counts.written, 0);
    assert!(partial.summary.message.is_some());
    assert!(record_for(&partial, &codes[0])["writeError"].is_string());

    s.sandbox.worknice.faults().clear();
    let next = sync(&s).await;
    assert_eq!(next.summary.result, RunResult::Done, "{:?}", next.summary);
    assert_eq!(next.summary.counts.written, 1, "the old baseline was kept");
    let person = worknice_person(&s, &codes[0]).await;
    assert_eq!(person["personalDetails"]["preferredName"], "Robin");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_429_from_worknice_is_waited_out_for_its_retry_after_then_written_once() {
    let s = setup(20, 63).await;
    let codes = synced(&s).await;
    edit_in_micropay(&s, &codes[0], json!({"preferredName": "Rowan"})).await;
    s.sandbox.worknice.faults().add(
        Fault::times(
            "/api/graphql",
            FaultKind::RateLimited {
                retry_after_secs: 2,
            },
            1,
        )
        .for_operation("UpdatePerson"),
    );
    let updates_before = s.sandbox.worknice.requests_served_for("UpdatePerson");
    let started = std::time::Instant::now();
    let run = sync(&s).await;
    let took = started.elapsed();
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    assert_eq!(run.summary.counts.written, 1);
    assert!(
        took >= Duration::from_secs(2),
        "Retry-After honoured: {took:?}"
    );
    assert_eq!(s.sandbox.worknice.faults().fired(), 1, "one 429");
    assert_eq!(
        s.sandbox.worknice.requests_served_for("UpdatePerson") - updates_before,
        1,
        "written once, after the wait"
    );
    let person = worknice_person(&s, &codes[0]).await;
    assert_eq!(person["personalDetails"]["preferredName"], "Rowan");
}

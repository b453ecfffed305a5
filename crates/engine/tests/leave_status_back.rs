//! Payroll's status comes back to the Worknice leave request, against both
//! sandboxes over HTTP: TRANSFERRED once MicrOpay took it, PROCESSED or
//! DECLINED (with payroll's message) once payroll decided, each written once.

mod common;
mod leave_common;
mod sync_common;

use paybridge_engine::{RunResult, SettingsTrigger};
use paybridge_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

use common::Setup;
use leave_common::*;
use sync_common::*;

/// A payroll user processes or declines application `id` on the MicrOpay
/// sandbox's desk.
async fn decide(s: &Setup, id: i64, what: &str, body: Value) {
    let url = format!("{}/sandbox/leave-applications/{id}/{what}", micropay_url(s));
    post_control(&url, body).await;
}

/// The Worknice request's payroll status and message, as Worknice has it.
fn payroll_status(s: &Setup, id: &str) -> (Option<String>, Option<String>) {
    let request = s
        .sandbox
        .worknice
        .leave_requests()
        .into_iter()
        .find(|r| r.id == id)
        .expect("the request");
    let status = request
        .payroll_status
        .map(|status| format!("{status:?}").to_uppercase());
    (status, request.payroll_message)
}

#[tokio::test(flavor = "multi_thread")]
async fn payroll_s_decision_comes_back_to_the_worknice_request_once() {
    let (s, codes) = leave_ready(401).await;
    let processed = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    let declined = approved_leave(&s, &codes[1], "Annual Leave", None).await;
    let first = leave_counts(&sync(&s).await);
    assert_eq!((first.transferred, first.processed), (2, 0), "{first:?}");
    assert_eq!(
        payroll_status(&s, &processed).0.as_deref(),
        Some("TRANSFERRED")
    );
    assert_eq!(
        payroll_status(&s, &declined).0.as_deref(),
        Some("TRANSFERRED")
    );

    decide(&s, application_of(&s, &codes[0]), "process", json!({})).await;
    decide(
        &s,
        application_of(&s, &codes[1]),
        "decline",
        json!({"message": "No annual leave balance left"}),
    )
    .await;
    let second = leave_counts(&sync(&s).await);
    assert_eq!((second.processed, second.declined), (1, 1), "{second:?}");
    assert_eq!(
        payroll_status(&s, &processed).0.as_deref(),
        Some("PROCESSED")
    );
    assert_eq!(
        payroll_status(&s, &declined),
        (
            Some("DECLINED".to_owned()),
            Some("No annual leave balance left".to_owned())
        )
    );

    let stamps = |s: &Setup| -> Vec<_> {
        s.sandbox
            .worknice
            .leave_requests()
            .into_iter()
            .map(|r| (r.id, r.updated_at))
            .collect()
    };
    let updated = stamps(&s);
    let third = leave_counts(&sync(&s).await);
    assert_eq!((third.processed, third.declined), (0, 0), "{third:?}");
    assert_eq!(stamps(&s), updated, "nothing more written");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_private_category_s_decline_reaches_worknice_without_payroll_s_words() {
    let (s, codes) = leave_ready(402).await;
    s.engine
        .set_leave_visibility("FDV", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let request = approved_leave(&s, &codes[0], "FDV", None).await;
    let first = leave_counts(&sync(&s).await);
    assert_eq!(first.transferred, 1, "{first:?}");
    decide(
        &s,
        application_of(&s, &codes[0]),
        "decline",
        json!({"message": "FDV leave needs the statutory declaration"}),
    )
    .await;
    let second = leave_counts(&sync(&s).await);
    assert_eq!(second.declined, 1, "{second:?}");
    let (status, message) = payroll_status(&s, &request);
    assert_eq!(status.as_deref(), Some("DECLINED"));
    let message = message.expect("a message");
    assert!(!message.contains("FDV"), "{message}");
    assert!(!message.contains("statutory"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn with_faults_on_the_status_still_arrives_in_one_run() {
    let (s, codes) = leave_ready(403).await;
    let request = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    sync(&s).await;
    decide(&s, application_of(&s, &codes[0]), "process", json!({})).await;
    let micropay = s.sandbox.micropay.faults();
    micropay.add(Fault::times(LEAVE_PATH, FaultKind::Status(503), 1));
    micropay.add(Fault::times(LEAVE_PATH, FaultKind::DropConnection, 1));
    let worknice = s.sandbox.worknice.faults();
    worknice.add(Fault::times(
        "/api/graphql",
        FaultKind::RateLimited {
            retry_after_secs: 0,
        },
        2,
    ));
    worknice.add(Fault::times("/api/graphql", FaultKind::Status(503), 1));
    let run = sync(&s).await;
    assert_eq!(leave_counts(&run).processed, 1, "{:?}", run.summary);
    assert_eq!(run.summary.result, paybridge_engine::RunResult::Done);
    assert_eq!(payroll_status(&s, &request).0.as_deref(), Some("PROCESSED"));
    assert_eq!(micropay.fired(), 2, "both MicrOpay faults were met");
    assert!(worknice.fired() >= 3, "the Worknice faults were met");
}

#[tokio::test(flavor = "multi_thread")]
async fn outcomes_not_read_leave_every_open_request_for_the_next_run() {
    let (s, codes) = leave_ready(404).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    approved_leave(&s, &codes[1], "Annual Leave", None).await;
    let first = leave_counts(&sync(&s).await);
    assert_eq!(first.transferred, 2, "{first:?}");
    decide(&s, application_of(&s, &codes[0]), "process", json!({})).await;

    // MicrOpay refuses the list read (a 400 is not retried): neither outcome is known.
    s.sandbox
        .micropay
        .faults()
        .add(Fault::times(LEAVE_PATH, FaultKind::Status(400), 1));
    let unread = sync(&s).await;
    assert_eq!(unread.summary.result, RunResult::Partial, "{unread:?}");
    let message = unread.summary.message.clone().unwrap_or_default();
    assert!(
        message.contains("brought back to 2 Worknice leave request(s)"),
        "{message}"
    );

    let next = leave_counts(&sync(&s).await);
    assert_eq!(next.processed, 1, "read and written next run: {next:?}");
}

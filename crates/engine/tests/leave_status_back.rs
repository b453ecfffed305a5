//! Payroll's status comes back to the Worknice leave request, against both
//! sandboxes over HTTP: TRANSFERRED once MicrOpay took it, PROCESSED or
//! DECLINED (with payroll's message) once payroll decided, each written once.

mod common;
mod leave_common;
mod sync_common;

use serde_json::{json, Value};

use common::Setup;
use leave_common::*;
use sync_common::*;

/// A payroll user processes or declines application `id` on the MicrOpay
/// sandbox's desk.
async fn decide(s: &Setup, id: i64, what: &str, body: Value) {
    let response = reqwest::Client::new()
        .post(format!(
            "{}/sandbox/leave-applications/{id}/{what}",
            micropay_url(s)
        ))
        .json(&body)
        .send()
        .await
        .expect("the control answers");
    assert!(
        response.status().is_success(),
        "{what}: {}",
        response.status()
    );
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

/// MicrOpay's id for the application of employee `code`.
fn application_of(s: &Setup, code: &str) -> i64 {
    s.sandbox
        .micropay
        .leave_applications()
        .iter()
        .find(|a| a.emp_code == code)
        .expect("an application")
        .id
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

//! `paybridge sync` SIGKILLed at seeded random points while it sends
//! approved leave requests to MicrOpay, then run again: every request ends
//! as exactly one LeaveApplication (or held), never two.

use serde_json::{json, Value};

mod common;
mod sync_profile;

use common::SandboxProcess;
use sync_profile::*;

const REQUESTS: usize = 5;

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_killed_while_sending_leave_sends_each_request_once() {
    // Some answers lost after MicrOpay stored the application, and slow
    // look-ups after them: kills land while a stored application's row is
    // still queued, so a run that sent a queued row again without looking
    // it up would make a second application.
    let slow = [
        "--micropay-fault",
        "path=/api/LeaveApplication,drop-after-apply,rate=0.6",
        "--micropay-fault",
        "path=/api/LeaveApplication,latency-ms=400",
    ];
    let sandbox = SandboxProcess::start(12, 17, &slow);
    let profile = Profile::imported_and_synced(&sandbox).await;
    profile.annual_leave_requests_on();
    let codes = profile.unchanged_codes(REQUESTS);
    let base = worknice_base(&sandbox);
    for code in &codes {
        let made = post_control(
            format!("{base}/sandbox/leave-requests"),
            json!({"employeeCode": code, "category": "Annual Leave",
                   "startDate": "2026-11-02", "endDate": "2026-11-03"}),
        )
        .await;
        let id = made["id"].as_str().expect("an id");
        post_control(
            format!("{base}/sandbox/leave-requests/{id}/approve"),
            json!({}),
        )
        .await;
    }

    profile.kill_syncs(2028, 6, 800..2500).await;

    // Run again until a run has nothing left to send.
    let mut last = Value::Null;
    for _ in 0..4 {
        let output = profile.run(&["sync", "--json"]);
        last = serde_json::from_slice(&output.stdout).expect("JSON");
        let leave = &last["leaveRequests"];
        if output.status.code() == Some(0) && leave["pending"] == 0 && leave["transferred"] == 0 {
            break;
        }
    }
    let leave = &last["leaveRequests"];
    assert_eq!(leave["read"], REQUESTS, "{last}");
    assert_eq!(leave["pending"], 0, "{last}");
    assert_eq!(leave["transferred"], 0, "all settled before: {last}");

    let micropay = sandbox.field("micropay", "url");
    let applications: Vec<Value> = reqwest::get(format!(
        "{}/sandbox/leave-applications",
        micropay.trim_end_matches('/')
    ))
    .await
    .expect("answers")
    .json()
    .await
    .expect("a list");
    for code in &codes {
        let sent = applications
            .iter()
            .filter(|a| a["empCode"] == code.as_str())
            .count();
        assert!(
            sent <= 1,
            "{code}: at most one application: {applications:?}"
        );
    }
    let held = leave["held"].as_u64().expect("held");
    assert_eq!(
        applications.len() as u64 + held,
        REQUESTS as u64,
        "each request sent once or held: {last}"
    );
    assert_eq!(leave["alreadyTransferred"], applications.len(), "{last}");
}

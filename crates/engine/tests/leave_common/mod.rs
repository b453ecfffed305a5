//! Leave-request helpers shared by the leave transfer tests: linked
//! employees with the requests option on, requests made and approved in the
//! Worknice sandbox, the step's counts with their invariant checked.

#![allow(dead_code)]

use chrono::NaiveDate;
use paybridge_engine::{LeaveOptionName, LeaveTransferCounts, SettingsTrigger};
use paybridge_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

use crate::common::{setup, Setup};
use crate::sync_common::*;

pub const LEAVE_PATH: &str = "/api/LeaveApplication";

/// Linked employees, the requests option on and annual leave shown.
pub async fn leave_ready(seed: u64) -> (Setup, Vec<String>) {
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    leave_ready_on(setup(6, seed).await, start).await
}

/// `s` synced, the requests option on and annual leave shown: the codes of
/// the linked employees current and hired before `hired_before`.
pub async fn leave_ready_on(s: Setup, hired_before: NaiveDate) -> (Setup, Vec<String>) {
    synced(&s).await;
    s.engine
        .set_leave_option(LeaveOptionName::Requests, true, SettingsTrigger::Cli)
        .await
        .expect("option on");
    s.engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let current: Vec<String> = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .filter(|e| e.termination_date.is_none() && e.hired_date < hired_before)
        .map(|e| e.emp_code)
        .filter(|code| s.open_store().links().get(code).expect("reads").is_some())
        .collect();
    assert!(current.len() >= 2, "{current:?}");
    (s, current)
}

/// A `/sandbox/` control call at `url`: its JSON answer (null when none),
/// failing on a non-2xx.
pub async fn post_control(url: &str, body: Value) -> Value {
    let response = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("the control answers");
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{url}: {status} {body}");
    body
}

/// A Worknice sandbox control call (`path` from `/sandbox/`).
pub async fn control(s: &Setup, path: &str, body: Value) -> Value {
    post_control(&format!("{}{path}", worknice_base(s)), body).await
}

/// A request made and approved in Worknice: its id.
pub async fn approved_leave(s: &Setup, code: &str, category: &str, hours: Option<f64>) -> String {
    let made = control(
        s,
        "/sandbox/leave-requests",
        json!({
            "employeeCode": code, "category": category,
            "startDate": "2026-03-02", "endDate": "2026-03-03",
            "hours": hours, "partDay": false,
        }),
    )
    .await;
    let id = made["id"].as_str().expect("an id").to_owned();
    control(
        s,
        &format!("/sandbox/leave-requests/{id}/approve"),
        json!({}),
    )
    .await;
    id
}

pub fn leave_counts(detail: &paybridge_engine::SyncRunDetail) -> LeaveTransferCounts {
    let counts = detail
        .summary
        .counts
        .leave_requests
        .unwrap_or_else(|| panic!("the leave step ran: {:?}", detail.summary));
    assert_eq!(
        counts.read,
        counts.transferred + counts.already_transferred + counts.held + counts.pending,
        "{counts:?}"
    );
    counts
}

/// The next `POST api/LeaveApplication` meets `fault` once.
pub fn fault_next_leave(s: &Setup, fault: FaultKind) {
    s.sandbox
        .micropay
        .faults()
        .add(Fault::times(LEAVE_PATH, fault, 1));
}

pub fn applications_for(s: &Setup, code: &str) -> usize {
    s.sandbox
        .micropay
        .leave_applications()
        .iter()
        .filter(|a| a.emp_code == code)
        .count()
}

/// MicrOpay's id for the application of employee `code`.
pub fn application_of(s: &Setup, code: &str) -> i64 {
    s.sandbox
        .micropay
        .leave_applications()
        .iter()
        .find(|a| a.emp_code == code)
        .expect("an application")
        .id
}

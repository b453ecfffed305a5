//! The MicrOpay sandbox's `/sandbox/` controls, driven as a script would
//! (no auth), and helpers the other tests use to play payroll.

use std::time::Duration;

use base64::Engine as _;
use chrono::NaiveDate;
use paybridge_micropay::{ChangeEmployee, ChangeRequestState, EmployeeQuery};
use paybridge_sandbox::{Fault, FaultKind, Sandbox};
use serde_json::{json, Value};

use crate::{auto_accepting_sandbox, client, in_2026, sandbox};

fn url(sandbox: &Sandbox, path: &str) -> String {
    format!("{}{path}", sandbox.credentials.micropay.url)
}

/// POST to a control; the status and the JSON answer.
pub async fn post(sandbox: &Sandbox, path: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(url(sandbox, path))
        .json(&body)
        .send()
        .await
        .expect("the control answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Payroll accepts request `id` by hand; the status and the JSON answer.
pub async fn accept(sandbox: &Sandbox, id: impl std::fmt::Display) -> (u16, Value) {
    post(
        sandbox,
        &format!("/sandbox/requests/{id}/accept"),
        json!({}),
    )
    .await
}

/// Payroll rejects request `id` by hand, saying why.
pub async fn reject(sandbox: &Sandbox, id: impl std::fmt::Display, message: &str) -> (u16, Value) {
    post(
        sandbox,
        &format!("/sandbox/requests/{id}/reject"),
        json!({ "message": message }),
    )
    .await
}

pub async fn get(sandbox: &Sandbox, path: &str) -> Value {
    reqwest::get(url(sandbox, path))
        .await
        .expect("the control answers")
        .json()
        .await
        .expect("JSON")
}

/// POST to the Web API itself, authenticated, bypassing the client's checks.
pub async fn post_api(sandbox: &Sandbox, path: &str, body: Value) -> (u16, Value) {
    let credentials = &sandbox.credentials.micropay;
    let key = base64::engine::general_purpose::STANDARD.encode(&credentials.api_key);
    let response = reqwest::Client::new()
        .post(url(sandbox, &format!("/{path}")))
        .basic_auth(&credentials.username, Some(&credentials.password))
        .header("Api-Key", key)
        .json(&body)
        .send()
        .await
        .expect("the API answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn at(day: u32, hour: u32) -> chrono::NaiveDateTime {
    in_2026(7, day, hour)
}

#[tokio::test]
async fn payroll_edits_and_creates_employees_and_changed_since_sees_them() {
    let sandbox = sandbox(20, true).await;
    sandbox.micropay.pin_clock(at(1, 9));
    let client = client(&sandbox.credentials.micropay);
    let (status, body) = post(
        &sandbox,
        "/sandbox/employees/E0007",
        json!({"preferredName": "Bex", "employeeDetail": {"hecs": true}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["preferredName"], "Bex");
    let (status, body) = post(
        &sandbox,
        "/sandbox/employees/E0007",
        json!({"nickname": "Bex", "employeeBanks": [{"bsb": "1"}]}),
    )
    .await;
    assert_eq!(status, 400);
    let error = body["error"].as_str().expect("an error");
    assert!(
        error.contains("nickname") && error.contains("employeeBanks[0].bsb"),
        "{error}"
    );
    let (status, body) = post(
        &sandbox,
        "/sandbox/employees/E0007",
        json!({"firstName": "A name far longer than twenty"}),
    )
    .await;
    assert_eq!(status, 400, "payroll's screen has the same limits: {body}");

    sandbox.micropay.pin_clock(at(2, 9));
    let (status, _) = post(
        &sandbox,
        "/sandbox/employees/P0001",
        json!({"surname": "Walker", "firstName": "Tess"}),
    )
    .await;
    assert_eq!(status, 200, "a missing employee is created");
    let walker = client.employee("P0001").await.expect("created");
    assert_eq!(walker.surname, "Walker");

    let changed = client
        .employees_changed_since(at(1, 12))
        .await
        .expect("changed since");
    let codes: Vec<&str> = changed.iter().map(|e| e.emp_code.as_str()).collect();
    assert_eq!(codes, ["P0001"]);
    let changed = client
        .employees_changed_since(at(1, 9))
        .await
        .expect("changed since");
    assert_eq!(changed.len(), 2, "E0007 and P0001");
    let bex = changed
        .iter()
        .find(|e| e.emp_code == "E0007")
        .expect("E0007");
    assert_eq!(bex.preferred_name, "Bex");
    assert_eq!(bex.employee_detail.as_ref().map(|t| t.hecs), Some(true));
}

/// `?keepChangedAt=true` edits as a direct database edit in payroll would:
/// the value changes, but `changedSince` does not see it.
#[tokio::test]
async fn an_edit_that_keeps_changed_at_is_missed_by_changed_since() {
    let sandbox = sandbox(20, true).await;
    sandbox.micropay.pin_clock(at(3, 9));
    let client = client(&sandbox.credentials.micropay);
    let (status, body) = post(
        &sandbox,
        "/sandbox/employees/E0005?keepChangedAt=true",
        json!({"preferredName": "Quiet"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        client.employee("E0005").await.expect("read").preferred_name,
        "Quiet"
    );
    let changed = client
        .employees_changed_since(at(3, 8))
        .await
        .expect("changed since");
    assert!(changed.is_empty(), "{:?}", changed.len());
    let (status, _) = post(
        &sandbox,
        "/sandbox/employees/E0005",
        json!({"preferredName": "Loud"}),
    )
    .await;
    assert_eq!(status, 200);
    let changed = client
        .employees_changed_since(at(3, 8))
        .await
        .expect("changed since");
    let codes: Vec<&str> = changed.iter().map(|e| e.emp_code.as_str()).collect();
    assert_eq!(codes, ["E0005"], "a normal edit is seen");
}

#[tokio::test]
async fn terminations_and_deletions_reach_the_reads() {
    let sandbox = sandbox(20, true).await;
    sandbox.micropay.pin_clock(at(10, 9));
    let client = client(&sandbox.credentials.micropay);
    let (status, body) = post(
        &sandbox,
        "/sandbox/employees/E0002/terminate",
        json!({"terminationDate": "2026-06-30"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = post(&sandbox, "/sandbox/employees/E0002/terminate", json!({})).await;
    assert_eq!(status, 400, "the date is required");
    let changed = client
        .employees_changed_since(at(10, 8))
        .await
        .expect("changed since");
    assert_eq!(changed.len(), 1);
    assert_eq!(
        changed[0].termination_date,
        NaiveDate::from_ymd_opt(2026, 6, 30)
    );
    let active = client
        .all_employees(&EmployeeQuery::default())
        .await
        .expect("active");
    assert!(active.iter().all(|e| e.emp_code != "E0002"));

    sandbox.micropay.pin_clock(at(11, 9));
    let (status, _) = post(&sandbox, "/sandbox/employees/E0003/delete", json!({})).await;
    assert_eq!(status, 200);
    let (status, _) = post(&sandbox, "/sandbox/employees/E0003/delete", json!({})).await;
    assert_eq!(status, 404, "already gone");
    let deleted = client
        .deleted_employees(NaiveDate::from_ymd_opt(2026, 7, 11).expect("date"))
        .await
        .expect("deleted");
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].emp_code, "E0003");
    assert_eq!(
        deleted[0].deleted_date,
        NaiveDate::from_ymd_opt(2026, 7, 11)
    );
    let none = client
        .deleted_employees(NaiveDate::from_ymd_opt(2026, 7, 12).expect("date"))
        .await
        .expect("deleted");
    assert!(none.is_empty());
    assert!(client.employee("E0003").await.is_err());
}

#[tokio::test]
async fn requests_are_listed_masked_and_faults_never_touch_the_controls() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let mut change = ChangeEmployee::change("E0004");
    change.details.middle_name = Some("Jo".to_owned());
    let id = client.submit_change(&change).await.expect("sent");
    let (status, body) = post_api(
        &sandbox,
        "api/ChangeEmployee",
        json!({
            "ChangeType": "Change", "EmpCode": "E0004",
            "ChangeEmployeeDetail": {"ChangeType": "Change", "TFN": "876543210"},
        }),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    sandbox
        .micropay
        .faults()
        .add(Fault::rate("/", FaultKind::Status(500), 1.0));
    let listed = get(&sandbox, "/sandbox/requests").await;
    let listed = listed.as_array().expect("a list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["changeEmployeeId"], id.0);
    assert_eq!(listed[0]["changeStatus"], "Received");
    assert_eq!(listed[0]["empCode"], "E0004");
    let text = Value::Array(listed.clone()).to_string();
    assert!(
        !text.contains("876543210") && text.contains("210"),
        "TFN masked: {text}"
    );
    let (status, _) = accept(&sandbox, id).await;
    assert_eq!(status, 200, "the controls work while every API call fails");
    let (status, _) = accept(&sandbox, 999).await;
    assert_eq!(status, 404);
    let (status, _) = post(&sandbox, "/sandbox/requests/2/reject", json!({})).await;
    assert_eq!(status, 400, "a rejection needs a message");
    sandbox.micropay.faults().clear();
    assert_eq!(
        client.employee("E0004").await.expect("E0004").middle_name,
        "Jo"
    );
}

#[tokio::test]
async fn the_auto_accept_delay_implements_requests_without_payroll() {
    let sandbox = auto_accepting_sandbox(60_000, at(20, 9)).await;
    let client = client(&sandbox.credentials.micropay);
    let mut change = ChangeEmployee::change("E0006");
    change.details.first_name = Some("Rowan".to_owned());
    let id = client.submit_change(&change).await.expect("sent");
    sandbox.micropay.advance_clock(Duration::from_secs(59));
    let waiting = client.change_request_status(id).await.expect("status");
    assert_eq!(waiting.state, ChangeRequestState::Received);
    assert_ne!(
        client.employee("E0006").await.expect("E0006").first_name,
        "Rowan"
    );
    sandbox.micropay.advance_clock(Duration::from_secs(1));
    let done = client.change_request_status(id).await.expect("status");
    assert_eq!(done.state, ChangeRequestState::Implemented);
    assert_eq!(
        client.employee("E0006").await.expect("E0006").first_name,
        "Rowan"
    );
}

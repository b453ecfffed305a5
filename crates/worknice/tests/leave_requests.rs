//! Leave requests against the Worknice sandbox over HTTP: made and approved
//! through its controls, read by status and changed-since in pages, payroll's
//! answer written back, reads and the idempotent write retried under faults.

mod common;

use common::{client_for, start, Running};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{LeaveRequestStatus, PayrollLeaveStatus};
use serde_json::{json, Value};

/// A running sandbox and one HTTP client for its controls (making one per
/// call costs more than the call).
struct Controls {
    running: Running,
    http: reqwest::Client,
}

async fn control(controls: &Controls, path: &str, body: Option<Value>) -> (u16, Value) {
    let (running, http) = (&controls.running, &controls.http);
    let url = format!("{}{path}", running.server.credentials().url);
    let request = match body {
        Some(body) => http.post(url).json(&body),
        None => http.post(url),
    };
    let response = request.send().await.expect("the control answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn someone(running: &Running) -> String {
    running
        .server
        .people()
        .into_iter()
        .find_map(|p| p.employee_code)
        .expect("someone with a code")
}

/// A request made through the controls: its id.
async fn request_leave(controls: &Controls, code: &str, category: &str) -> String {
    let (status, made) = control(
        controls,
        "/sandbox/leave-requests",
        Some(json!({
            "employeeCode": code, "category": category,
            "startDate": "2026-03-02", "endDate": "2026-03-02", "hours": 4.0, "partDay": true,
        })),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    made["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn approved_requests_are_read_with_their_type_and_hours_and_take_payroll_status() {
    let controls = Controls {
        running: start(71).await,
        http: reqwest::Client::new(),
    };
    let running = &controls.running;
    let client = client_for(running);
    let code = someone(running);
    let approved = request_leave(&controls, &code, "TOIL").await;
    let _waiting = request_leave(&controls, &code, "annual leave").await;
    let (status, _) = control(
        &controls,
        &format!("/sandbox/leave-requests/{approved}/approve"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let read = client
        .leave_requests(&[LeaveRequestStatus::Approved], None)
        .await
        .expect("read");
    assert_eq!(read.len(), 1);
    let request = &read[0];
    assert_eq!(request.id, approved);
    assert_eq!(request.employee_code.as_deref(), Some(code.as_str()));
    assert_eq!(
        request.leave_type.as_ref().map(|t| t.code.as_str()),
        Some("TOIL")
    );
    assert_eq!((request.hours, request.part_day), (Some(4.0), true));

    let since = client
        .leave_requests(&[], Some(request.updated_at))
        .await
        .expect("read");
    assert_eq!(since.len(), 1, "only the approval is that recent");

    let answered = client
        .set_leave_request_payroll_status(
            &approved,
            PayrollLeaveStatus::Processed,
            Some("Paid 9 March"),
        )
        .await
        .expect("set");
    assert_eq!(answered.payroll_status, Some(PayrollLeaveStatus::Processed));
    let held = running.server.leave_requests();
    assert_eq!(held[0].payroll_message.as_deref(), Some("Paid 9 March"));
    let (twice, _) = control(
        &controls,
        &format!("/sandbox/leave-requests/{approved}/decline"),
        None,
    )
    .await;
    assert_eq!(twice, 409, "an approved request cannot be declined");
}

#[tokio::test]
async fn many_requests_are_read_across_pages_and_a_503_is_retried() {
    let controls = Controls {
        running: start(72).await,
        http: reqwest::Client::new(),
    };
    let running = &controls.running;
    let client = client_for(running);
    let code = someone(running);
    for _ in 0..501 {
        request_leave(&controls, &code, "ANNUAL").await;
    }
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1).for_operation("LeaveRequestsPage"),
    );
    let read = client
        .leave_requests(&[LeaveRequestStatus::Submitted], None)
        .await
        .expect("read");
    assert_eq!(read.len(), 501, "two pages of 500");
    assert_eq!(running.server.faults().fired(), 1);
}

#[tokio::test]
async fn payroll_status_is_written_through_a_503_and_a_429_and_an_unknown_id_is_an_error() {
    let controls = Controls {
        running: start(73).await,
        http: reqwest::Client::new(),
    };
    let running = &controls.running;
    let client = client_for(running);
    let code = someone(running);
    let id = request_leave(&controls, &code, "ANNUAL").await;
    let faults = running.server.faults();
    faults.add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1)
            .for_operation("SetLeaveRequestPayrollStatus"),
    );
    faults.add(
        Fault::times(
            GRAPHQL_PATH,
            FaultKind::RateLimited {
                retry_after_secs: 0,
            },
            1,
        )
        .for_operation("SetLeaveRequestPayrollStatus"),
    );
    client
        .set_leave_request_payroll_status(&id, PayrollLeaveStatus::Declined, Some("No balance"))
        .await
        .expect("written after the faults");
    assert_eq!(faults.fired(), 2);
    let held = running.server.leave_requests();
    assert_eq!(held[0].payroll_message.as_deref(), Some("No balance"));
    client
        .set_leave_request_payroll_status("no-such-request", PayrollLeaveStatus::Processed, None)
        .await
        .expect_err("no such request");
}

//! Leave keyed in payroll, created in the Worknice sandbox over HTTP:
//! approved with its external id, found by it after a lost answer, a
//! second create with it refused, and set cancelled (idempotently) later.

mod common;

use chrono::NaiveDate;
use common::{client_for, start};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{LeaveRequestSource, LeaveRequestStatus, NewPayrollLeaveRequest};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// A person with an employee code and a leave type of the sandbox: their ids.
async fn person_and_type(
    running: &common::Running,
    client: &paybridge_worknice::WorkniceClient,
) -> (String, String) {
    let person = running
        .server
        .people()
        .into_iter()
        .find(|p| p.employee_code.is_some())
        .expect("someone with a code");
    let leave_type = client
        .leave_types()
        .await
        .expect("types")
        .into_iter()
        .next()
        .expect("a leave type");
    (person.id, leave_type.id)
}

#[tokio::test]
async fn payroll_leave_is_created_approved_once_found_by_external_id_and_cancelled() {
    let running = start(81).await;
    let client = client_for(&running);
    let (person_id, leave_type_id) = person_and_type(&running, &client).await;
    let new = NewPayrollLeaveRequest {
        person_id: person_id.clone(),
        leave_type_id: leave_type_id.clone(),
        start_date: day("2026-03-02"),
        end_date: day("2026-03-04"),
        hours: Some(22.8),
        external_id: "17".to_owned(),
    };
    assert_eq!(
        client
            .leave_request_by_external_id("17")
            .await
            .expect("read"),
        None
    );
    let created = client
        .create_payroll_leave_request(&new)
        .await
        .expect("created");
    assert_eq!(created.status, LeaveRequestStatus::Approved);
    assert_eq!(created.source, Some(LeaveRequestSource::Payroll));
    assert_eq!(created.external_id.as_deref(), Some("17"));
    assert!(created.is_from_payroll());
    assert_eq!(
        (created.start_date, created.hours),
        (day("2026-03-02"), Some(22.8))
    );
    assert_eq!(created.person_id, person_id);

    let again = client
        .create_payroll_leave_request(&new)
        .await
        .expect_err("a second create with the same external id is refused");
    assert!(!again.outcome_unknown(), "{again}");
    let found = client
        .leave_request_by_external_id("17")
        .await
        .expect("read")
        .expect("found");
    assert_eq!(found.id, created.id);
    assert_eq!(running.server.leave_requests().len(), 1);

    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1)
            .for_operation("SetPayrollLeaveRequestStatus"),
    );
    let cancelled = client
        .set_payroll_leave_request_status(&created.id, LeaveRequestStatus::Cancelled)
        .await
        .expect("cancelled through a 503");
    assert_eq!(cancelled.status, LeaveRequestStatus::Cancelled);
    let stamp = running.server.leave_requests()[0].updated_at;
    client
        .set_payroll_leave_request_status(&created.id, LeaveRequestStatus::Cancelled)
        .await
        .expect("idempotent");
    assert_eq!(running.server.leave_requests()[0].updated_at, stamp);
    assert_eq!(running.server.faults().fired(), 1);
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_not_resent_and_is_found_by_external_id() {
    let running = start(82).await;
    let client = client_for(&running);
    let (person_id, leave_type_id) = person_and_type(&running, &client).await;
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1)
            .for_operation("CreatePayrollLeaveRequest"),
    );
    let error = client
        .create_payroll_leave_request(&NewPayrollLeaveRequest {
            person_id,
            leave_type_id,
            start_date: day("2026-03-02"),
            end_date: day("2026-03-02"),
            hours: None,
            external_id: "5".to_owned(),
        })
        .await
        .expect_err("the answer is lost");
    assert!(error.outcome_unknown(), "{error}");
    assert_eq!(running.server.leave_requests().len(), 1, "sent once");
    let found = client
        .leave_request_by_external_id("5")
        .await
        .expect("read")
        .expect("it was made");
    assert_eq!(found.status, LeaveRequestStatus::Approved);
}

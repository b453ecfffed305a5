//! Leave applications against the MicrOpay sandbox over HTTP: posted once,
//! read back through the documented list, refused as payroll would, and
//! under faults sent again only when MicrOpay said it did nothing.

use chrono::NaiveDate;
use paybridge_micropay::{LeaveAmount, LeaveApplication, LeaveApplicationId, MicropayError};
use paybridge_sandbox::{Fault, FaultKind, LeaveApplicationState, Sandbox};
use serde_json::json;

use crate::{client, controls, sandbox};

/// Annual leave in March for the sandbox's first current employee.
fn annual_leave(sandbox: &Sandbox) -> LeaveApplication {
    let employee = sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|e| e.termination_date.is_none())
        .expect("a current employee");
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    LeaveApplication {
        emp_code: employee.emp_code,
        leave_type: "AnnualLeave".to_owned(),
        leave_code: None,
        leave_reason: "HOL".to_owned(),
        start_date: start.max(employee.hired_date),
        end_date: NaiveDate::from_ymd_opt(2026, 3, 6)
            .expect("a date")
            .max(employee.hired_date),
        amount: LeaveAmount::WholeDays,
    }
}

#[tokio::test]
async fn an_application_is_taken_listed_and_processed_by_payroll() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let application = annual_leave(&sandbox);
    let id = client
        .submit_leave_application(&application)
        .await
        .expect("taken");
    let listed = client
        .leave_applications(LeaveApplicationId(1))
        .await
        .expect("listed");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id(), id);
    assert!(application.is_listed_as(&listed[0]));
    assert_eq!(listed[0].change_status.as_deref(), Some("Received"));

    let (status, _) = controls::post(
        &sandbox,
        &format!("/sandbox/leave-applications/{id}/process"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let held = sandbox.micropay.leave_applications();
    assert_eq!(held[0].state, LeaveApplicationState::Processed);
    let (again, _) = controls::post(
        &sandbox,
        &format!("/sandbox/leave-applications/{id}/decline"),
        json!({ "message": "too late" }),
    )
    .await;
    assert_eq!(again, 409, "decided once");
    let later = client
        .leave_applications(LeaveApplicationId(id.0 + 1))
        .await
        .expect("listed");
    assert!(later.is_empty(), "fromId leaves out the earlier ones");
}

#[tokio::test]
async fn payroll_refuses_an_unknown_employee_or_code_naming_the_field() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let mut nobody = annual_leave(&sandbox);
    nobody.emp_code = "NOBODY".to_owned();
    let refused = client
        .submit_leave_application(&nobody)
        .await
        .expect_err("refused");
    assert!(
        matches!(&refused, MicropayError::ChangeRefused { messages } if messages.iter().any(|m| m.contains("NOBODY"))),
        "{refused:?}"
    );
    let mut no_code = annual_leave(&sandbox);
    no_code.leave_type = "UserDefinedLeave".to_owned();
    let refused = client
        .submit_leave_application(&no_code)
        .await
        .expect_err("refused");
    assert!(refused.is_refusal(), "{refused:?}");
    assert!(sandbox.micropay.leave_applications().is_empty());
}

#[tokio::test]
async fn a_503_or_a_429_is_sent_again_and_stored_once() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let faults = sandbox.micropay.faults();
    faults.add(Fault::times(
        "/api/LeaveApplication",
        FaultKind::Status(503),
        1,
    ));
    faults.add(Fault::times(
        "/api/LeaveApplication",
        FaultKind::RateLimited {
            retry_after_secs: 0,
        },
        1,
    ));
    client
        .submit_leave_application(&annual_leave(&sandbox))
        .await
        .expect("taken after the faults");
    assert_eq!(faults.fired(), 2);
    assert_eq!(sandbox.micropay.leave_applications().len(), 1);
}

#[tokio::test]
async fn a_lost_answer_is_outcome_unknown_and_found_in_the_list() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.faults().add(Fault::times(
        "/api/LeaveApplication",
        FaultKind::DropAfterApply,
        1,
    ));
    let application = annual_leave(&sandbox);
    let error = client
        .submit_leave_application(&application)
        .await
        .expect_err("no answer");
    assert!(error.outcome_unknown(), "{error:?}");
    assert_eq!(sandbox.micropay.leave_applications().len(), 1, "not resent");
    let listed = client
        .leave_applications(LeaveApplicationId(1))
        .await
        .expect("listed");
    assert_eq!(
        listed
            .iter()
            .filter(|v| application.is_listed_as(v))
            .count(),
        1
    );
}

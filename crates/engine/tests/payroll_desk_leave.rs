//! Leave applications on the Payroll desk, against the engine's own built-in
//! sandbox over HTTP: an application sent as Paybridge sends it is listed
//! as received and processed (its hours come off the balance) or declined
//! with payroll's message; leave payroll keyed of a private category is
//! never named, nor payroll's message on it; a cancelled one is told apart. Run inside
//! `scripts/in-test-session.sh` (the connections' secrets go to the keyring).

mod common;
mod desk_common;

use chrono::NaiveDate;
use paybridge_engine::{DeskLeaveApplication, DeskLeaveStatus, ErrorCode, NOT_THE_SANDBOX};
use paybridge_micropay::{LeaveAmount, LeaveApplication, MicropayClient};
use serde_json::{json, Value};

use desk_common::{desk_setup, DeskSetup};

/// A current full-time employee of the built-in sandbox (7.6 hours a day).
const CODE: &str = "E0004";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// Annual leave sent to MicrOpay as Paybridge sends it: its id.
async fn send_annual_leave(client: &MicropayClient, amount: LeaveAmount) -> i64 {
    let reason = client
        .lookup("LeaveReason")
        .await
        .expect("the leave reasons")
        .into_iter()
        .find(|reason| reason.active)
        .expect("an active reason")
        .code;
    let application = LeaveApplication {
        emp_code: CODE.to_owned(),
        leave_type: "AnnualLeave".to_owned(),
        leave_code: None,
        leave_reason: reason,
        // A Tuesday and a Wednesday: two working days.
        start_date: day("2027-03-02"),
        end_date: day("2027-03-03"),
        amount,
    };
    client
        .submit_leave_application(&application)
        .await
        .expect("sent")
        .0
}

/// A `/sandbox/` control of the desk's sandbox: its JSON answer.
async fn control(desk: &DeskSetup, path: &str, body: Value) -> Value {
    let response = reqwest::Client::new()
        .post(format!("{}/sandbox/{path}", desk.micropay_url))
        .json(&body)
        .send()
        .await
        .expect("the control answers");
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{path}: {status} {body}");
    body
}

/// Leave payroll keys in MicrOpay directly: its id.
async fn keyed_by_payroll(desk: &DeskSetup, leave_type: &str, code: Option<&str>) -> i64 {
    let entered = control(
        desk,
        "leave-applications",
        json!({
            "empCode": CODE, "leaveType": leave_type, "leaveCode": code,
            "startDate": "2027-04-06", "endDate": "2027-04-06",
        }),
    )
    .await;
    entered["leaveApplicationId"].as_i64().expect("an id")
}

async fn annual_hours(client: &MicropayClient) -> f64 {
    client
        .leave_balances(CODE)
        .await
        .expect("balances")
        .balances
        .iter()
        .find(|balance| balance.leave_type == "AnnualLeave")
        .expect("an annual leave balance")
        .hours
}

async fn listed(desk: &DeskSetup, id: i64) -> DeskLeaveApplication {
    let listed = desk.engine.desk_leave_applications().await.expect("listed");
    listed
        .into_iter()
        .find(|application| application.id == id)
        .unwrap_or_else(|| panic!("application {id} is listed"))
}

#[tokio::test]
async fn leave_sent_as_paybridge_sends_it_is_listed_received_and_processing_takes_its_hours() {
    let desk = desk_setup().await;
    let employee = desk.client.employee(CODE).await.expect("the employee");
    let before = annual_hours(&desk.client).await;
    let first = send_annual_leave(&desk.client, LeaveAmount::WholeDays).await;
    let id = send_annual_leave(&desk.client, LeaveAmount::Hours(7.5)).await;

    let all = desk.engine.desk_leave_applications().await.expect("listed");
    let ids: Vec<i64> = all.iter().map(|application| application.id).collect();
    assert_eq!(ids, vec![id, first], "newest first");
    let application = &all[0];
    assert_eq!(application.emp_code, CODE);
    assert_eq!(
        application.employee_name.as_deref(),
        Some(format!("{} {}", employee.first_name, employee.surname).as_str())
    );
    assert_eq!(application.category, "Annual leave");
    assert_eq!(
        (
            application.start_date.as_str(),
            application.end_date.as_str()
        ),
        ("2027-03-02", "2027-03-03")
    );
    assert_eq!((application.hours, application.days), (Some(7.5), None));
    assert_eq!(application.status, DeskLeaveStatus::Received);
    assert_eq!((all[1].hours, all[1].days), (None, Some(2.0)));

    let processed = desk.engine.desk_process_leave(id).await.expect("processed");
    assert_eq!(processed.status, DeskLeaveStatus::Processed);
    assert_eq!(processed.category, "Annual leave");
    assert_eq!(listed(&desk, id).await.status, DeskLeaveStatus::Processed);
    let after = annual_hours(&desk.client).await;
    assert!((before - after - 7.5).abs() < 1e-9, "{before} → {after}");

    let again = desk
        .engine
        .desk_process_leave(id)
        .await
        .expect_err("decided already");
    assert_eq!(again.code, ErrorCode::Conflict, "{}", again.message);
    let unknown = desk
        .engine
        .desk_process_leave(id + 100)
        .await
        .expect_err("no such application");
    assert_eq!(unknown.code, ErrorCode::NotFound, "{}", unknown.message);
    assert_eq!(listed(&desk, first).await.status, DeskLeaveStatus::Received);
}

#[tokio::test]
async fn declining_needs_payroll_s_message_shows_it_and_leaves_the_balance() {
    let desk = desk_setup().await;
    let before = annual_hours(&desk.client).await;
    let id = send_annual_leave(&desk.client, LeaveAmount::WholeDays).await;

    let refused = desk
        .engine
        .desk_decline_leave(id, "  ")
        .await
        .expect_err("a message is required");
    assert_eq!(refused.code, ErrorCode::Validation);
    assert_eq!(listed(&desk, id).await.status, DeskLeaveStatus::Received);

    let declined = desk
        .engine
        .desk_decline_leave(id, " No cover that week ")
        .await
        .expect("declined");
    assert_eq!(declined.status, DeskLeaveStatus::Declined);
    let shown = listed(&desk, id).await;
    assert_eq!(shown.status, DeskLeaveStatus::Declined);
    assert_eq!(shown.message.as_deref(), Some("No cover that week"));
    assert_eq!(annual_hours(&desk.client).await, before);
    let again = desk
        .engine
        .desk_decline_leave(id, "twice")
        .await
        .expect_err("decided already");
    assert_eq!(again.code, ErrorCode::Conflict, "{}", again.message);
}

#[tokio::test]
async fn a_private_category_is_never_named_and_cancelled_leave_is_told_apart() {
    let desk = desk_setup().await;
    let private = keyed_by_payroll(&desk, "UserDefinedLeave", Some("FDV")).await;
    let jury = keyed_by_payroll(&desk, "UserDefinedLeave", Some("JURY")).await;
    control(
        &desk,
        &format!("leave-applications/{jury}/cancel"),
        Value::Null,
    )
    .await;
    let declined = desk
        .engine
        .desk_decline_leave(private, "FDV balance is used up")
        .await
        .expect("declined");
    assert_eq!(declined.category, "Leave of a private category");

    let all = desk.engine.desk_leave_applications().await.expect("listed");
    let shown = |id: i64| {
        all.iter()
            .find(|application| application.id == id)
            .expect("listed")
    };
    assert_eq!(shown(private).category, "Leave of a private category");
    assert_eq!(shown(private).status, DeskLeaveStatus::Declined);
    // Payroll's words may name the code: not shown, as in Worknice.
    assert_eq!(
        shown(private).message.as_deref(),
        Some("Payroll's message is not shown: the leave is of a private category.")
    );
    assert_eq!(shown(private).days, Some(1.0));
    let text = format!("{all:?} {declined:?}");
    assert!(
        !text.contains("FDV") && !text.to_lowercase().contains("violence"),
        "{text}"
    );
    assert_eq!(shown(jury).category, "Jury Duty");
    assert_eq!(shown(jury).status, DeskLeaveStatus::Cancelled);
}

#[tokio::test]
async fn the_desk_refuses_leave_on_a_micropay_that_is_not_the_built_in_sandbox() {
    // Connected to a sandbox the engine did not start: as good as a real payroll.
    let setup = common::setup(5, 7).await;
    let refusals = [
        setup.engine.desk_leave_applications().await.map(|_| ()),
        setup.engine.desk_process_leave(1).await.map(|_| ()),
        setup.engine.desk_decline_leave(1, "No").await.map(|_| ()),
    ];
    for refused in refusals {
        let refused = refused.expect_err("not the sandbox");
        assert!(
            refused.message.starts_with(NOT_THE_SANDBOX),
            "{}",
            refused.message
        );
    }
}

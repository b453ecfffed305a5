//! The Payroll desk against the engine's own built-in sandbox: change
//! requests sent as Paybridge sends them are accepted or rejected as payroll
//! would, and employees edited as payroll would. Run inside
//! `scripts/in-test-session.sh` (the connections' secrets go to the keyring).

mod common;
mod desk_common;

use paybridge_domain::Sensitive;
use paybridge_engine::{
    DeskChangeType, DeskRequestStatus, ErrorCode, PayrollEdit, NOT_THE_SANDBOX,
};
use paybridge_micropay::{ChangeEmployee, MicropayClient};

use desk_common::desk_setup;

async fn submit_first_name(client: &MicropayClient, code: &str, first_name: &str) -> i64 {
    let mut change = ChangeEmployee::change(code);
    change.details.first_name = Some(first_name.to_owned());
    client.submit_change(&change).await.expect("sent").0
}

#[tokio::test]
async fn a_submitted_change_is_listed_as_received_and_accepting_it_implements_it() {
    let desk = desk_setup().await;
    assert!(
        desk.engine
            .payroll_desk_status()
            .await
            .expect("status")
            .available
    );
    let before = desk.client.employee("E0004").await.expect("E0004");
    let id = submit_first_name(&desk.client, "E0004", "Rowan").await;

    let listed = desk.engine.payroll_desk_requests().await.expect("listed");
    let request = listed.iter().find(|r| r.id == id).expect("the request");
    assert_eq!(request.emp_code, "E0004");
    assert_eq!(request.change_type, DeskChangeType::Change);
    assert_eq!(request.status, DeskRequestStatus::Received);
    assert_eq!(
        request.employee_name.as_deref(),
        Some(format!("{} {}", before.first_name, before.surname).as_str())
    );
    assert!(
        request
            .changes
            .iter()
            .any(|c| c.field == "First name" && c.value == "Rowan"),
        "{:?}",
        request.changes
    );

    let accepted = desk.engine.accept_request(id).await.expect("accepted");
    assert_eq!(accepted.status, DeskRequestStatus::Implemented);
    assert_eq!(
        desk.client
            .employee("E0004")
            .await
            .expect("E0004")
            .first_name,
        "Rowan"
    );
    let again = desk.engine.accept_request(id).await.expect_err("decided");
    assert_eq!(again.code, ErrorCode::Conflict, "{}", again.message);
}

#[tokio::test]
async fn requests_are_listed_newest_first_with_tax_file_numbers_masked() {
    let desk = desk_setup().await;
    let first = submit_first_name(&desk.client, "E0004", "Ann").await;
    let mut change = ChangeEmployee::change("E0006");
    change.tax = Some(paybridge_micropay::TaxChanges {
        tfn: Some(Sensitive::new("876543210".to_owned())),
        ..Default::default()
    });
    let fund = desk
        .client
        .employee("E0006")
        .await
        .expect("E0006")
        .employee_supers[0]
        .fund_code
        .clone();
    change.supers = Some(vec![paybridge_micropay::SuperFundChange {
        fund_code: fund,
        membership_number: Some("55512345678".to_owned()),
        date_joined: None,
        contribution_type: "Employer".to_owned(),
        contribution_code: None,
        contribution_percentage: None,
    }]);
    let second = desk.client.submit_change(&change).await.expect("sent").0;

    let listed = desk.engine.payroll_desk_requests().await.expect("listed");
    let ids: Vec<i64> = listed.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![second, first]);
    let text = format!("{listed:?}");
    assert!(!text.contains("876543210"), "{text}");
    assert!(!text.contains("55512345678"), "{text}");
    let shown = |field: &str| {
        listed[0]
            .changes
            .iter()
            .find(|c| c.field.ends_with(field))
            .map(|c| c.value.clone())
    };
    assert_eq!(shown("Tax file number").as_deref(), Some("•••••• 210"));
    let member = shown("Member number").expect("the member number is listed");
    assert!(
        member.ends_with(" 678") && member.starts_with('•'),
        "{member}"
    );
}

#[tokio::test]
async fn rejecting_needs_payroll_s_reason_and_shows_it() {
    let desk = desk_setup().await;
    let id = submit_first_name(&desk.client, "E0006", "Nope").await;

    let refused = desk
        .engine
        .reject_request(id, "   ")
        .await
        .expect_err("a reason is required");
    assert_eq!(refused.code, ErrorCode::Validation);
    assert!(refused.message.contains("why"), "{}", refused.message);
    let still = desk.engine.payroll_desk_requests().await.expect("listed");
    assert_eq!(still[0].status, DeskRequestStatus::Received);

    let rejected = desk
        .engine
        .reject_request(id, "Spelling: check the birth certificate")
        .await
        .expect("rejected");
    assert_eq!(rejected.status, DeskRequestStatus::Rejected);
    let listed = desk.engine.payroll_desk_requests().await.expect("listed");
    assert_eq!(listed[0].status, DeskRequestStatus::Rejected);
    assert_eq!(
        listed[0].message.as_deref(),
        Some("Spelling: check the birth certificate")
    );
    assert_ne!(
        desk.client
            .employee("E0006")
            .await
            .expect("E0006")
            .first_name,
        "Nope"
    );
}

#[tokio::test]
async fn editing_as_payroll_shows_in_employee_details() {
    let desk = desk_setup().await;
    desk.engine
        .edit_employee_as_payroll(
            "E0005",
            PayrollEdit {
                first_name: Some(" Bea ".to_owned()),
                mobile_phone: Some("0412 345 678".to_owned()),
                suburb_city: Some("Ballarat".to_owned()),
                ..PayrollEdit::default()
            },
        )
        .await
        .expect("edited");
    let employee = desk.client.employee("E0005").await.expect("E0005");
    assert_eq!(employee.first_name, "Bea");
    assert_eq!(employee.mobile_phone, "0412 345 678");
    assert_eq!(employee.suburb_city, "Ballarat");

    let empty = desk
        .engine
        .edit_employee_as_payroll("E0005", PayrollEdit::default())
        .await
        .expect_err("nothing to change");
    assert_eq!(empty.code, ErrorCode::Validation);
    let bad = desk
        .engine
        .edit_employee_as_payroll(
            "E0005",
            PayrollEdit {
                first_name: Some("x".repeat(200)),
                ..PayrollEdit::default()
            },
        )
        .await
        .expect_err("longer than MicrOpay takes");
    assert_eq!(bad.code, ErrorCode::Validation, "{}", bad.message);
    assert!(bad.message.contains("longer"), "{}", bad.message);
}

#[tokio::test]
async fn the_desk_refuses_a_micropay_that_is_not_the_built_in_sandbox() {
    // Connected to a sandbox the engine did not start: as good as a real payroll.
    let setup = common::setup(5, 7).await;
    assert!(
        !setup
            .engine
            .payroll_desk_status()
            .await
            .expect("status")
            .available
    );
    let refused = setup
        .engine
        .payroll_desk_requests()
        .await
        .expect_err("not the sandbox");
    assert!(
        refused.message.starts_with(NOT_THE_SANDBOX),
        "{}",
        refused.message
    );
    let refused = setup
        .engine
        .edit_employee_as_payroll(
            "E0001",
            PayrollEdit {
                first_name: Some("X".to_owned()),
                ..PayrollEdit::default()
            },
        )
        .await
        .expect_err("not the sandbox");
    assert!(refused.message.starts_with(NOT_THE_SANDBOX));
    assert_ne!(setup.employee(0).first_name, "X");
}

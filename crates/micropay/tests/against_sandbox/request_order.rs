//! The order payroll takes requests in: a Change may follow an Add that is
//! still waiting, but is implemented only once the employee exists; a
//! Delete (which the reference allows, though Paybridge never sends one)
//! removes the employee on acceptance.

use paybridge_micropay::{ChangeEmployee, ChangeRequestState};
use serde_json::json;

use crate::{client, controls, dated_add, in_2026, placement_of, sandbox};

#[tokio::test]
async fn a_change_waiting_on_its_add_is_implemented_after_it() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let placement = placement_of(&sandbox.micropay.employees()[0]);
    let add = client
        .submit_change(&dated_add("N0050", "Rossi", placement))
        .await
        .expect("the Add");
    let mut change = ChangeEmployee::change("N0050");
    change.details.first_name = Some("Gia".to_owned());
    let follow_up = client
        .submit_change(&change)
        .await
        .expect("a Change may follow a waiting Add");

    let early = controls::accept(&sandbox, follow_up).await;
    assert_eq!(early.0, 409, "no employee yet: {}", early.1);
    let status = client
        .change_request_status(follow_up)
        .await
        .expect("status");
    assert!(!status.is_final(), "still waiting: {status:?}");

    controls::accept(&sandbox, add).await;
    let accepted = controls::accept(&sandbox, follow_up).await;
    assert_eq!(accepted.0, 200, "{}", accepted.1);
    let hired = client.employee("N0050").await.expect("created");
    assert_eq!(
        (hired.first_name.as_str(), hired.surname.as_str()),
        ("Gia", "Rossi")
    );
    let status = client
        .change_request_status(follow_up)
        .await
        .expect("status");
    assert_eq!(status.state, ChangeRequestState::Implemented);
}

#[tokio::test]
async fn an_accepted_delete_lists_the_employee_as_deleted() {
    let sandbox = sandbox(10, true).await;
    let when = in_2026(8, 3, 8);
    sandbox.micropay.pin_clock(when);
    let client = client(&sandbox.credentials.micropay);
    let (status, body) = controls::post_api(
        &sandbox,
        "api/ChangeEmployee",
        json!({"ChangeType": "Delete", "EmpCode": "E0008"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id = body["changeEmployeeId"].as_i64().expect("an id");
    assert!(
        client.employee("E0008").await.is_ok(),
        "not before payroll accepts"
    );
    controls::accept(&sandbox, id).await;
    assert!(client.employee("E0008").await.is_err());
    let deleted = client
        .deleted_employees(when.date())
        .await
        .expect("deleted list");
    assert_eq!(
        deleted
            .iter()
            .map(|d| d.emp_code.as_str())
            .collect::<Vec<_>>(),
        ["E0008"]
    );
}

#[tokio::test]
async fn changes_are_taken_while_the_payroll_server_is_off_and_picked_up_when_it_is_back() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.set_payroll_online(false);
    let mut change = ChangeEmployee::change("E0004");
    change.details.preferred_name = Some("Kit".to_owned());
    let id = client
        .submit_change(&change)
        .await
        .expect("stored in the cloud");
    for _ in 0..3 {
        let status = client
            .change_request_status(id)
            .await
            .expect("status from the cloud");
        assert_eq!(
            status.state,
            ChangeRequestState::Received,
            "nothing picks it up"
        );
    }
    let immediate = paybridge_micropay::ImmediateChange {
        emp_code: "E0004".to_owned(),
        email: Some("kit@example.com.au".to_owned()),
        ..paybridge_micropay::ImmediateChange::default()
    };
    let offline = client
        .submit_immediate(&immediate)
        .await
        .expect_err("immediate is live");
    assert_eq!(
        offline.kind(),
        paybridge_micropay::MicropayErrorKind::PayrollServerOffline
    );
    sandbox.micropay.set_payroll_online(true);
    let states = [
        client
            .change_request_status(id)
            .await
            .expect("status")
            .state,
        client
            .change_request_status(id)
            .await
            .expect("status")
            .state,
    ];
    assert_eq!(
        states,
        [ChangeRequestState::Received, ChangeRequestState::PickedUp]
    );
}

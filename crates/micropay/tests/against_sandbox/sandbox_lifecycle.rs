//! The MicrOpay sandbox's request lifecycle at its edges: the auto-accept
//! delay waits for the payroll server, an Add never makes a second employee
//! with one code, and a Change that cannot be implemented (its Add was
//! rejected, its employee deleted) does not wait for ever.

use std::time::Duration;

use paybridge_micropay::{ChangeEmployee, ChangeRequestState, Placement};
use paybridge_sandbox::Sandbox;
use serde_json::json;

use crate::{auto_accepting_sandbox, client, controls, dated_add, in_2026, sandbox};

fn first_placement(sandbox: &Sandbox) -> Placement {
    crate::placement_of(&sandbox.micropay.employees()[0])
}

fn with_code(sandbox: &Sandbox, code: &str) -> usize {
    sandbox
        .micropay
        .employees()
        .iter()
        .filter(|e| e.emp_code == code)
        .count()
}

#[tokio::test]
async fn the_auto_accept_delay_waits_while_the_payroll_server_is_off() {
    let sandbox = auto_accepting_sandbox(60_000, in_2026(8, 3, 9)).await;
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.set_payroll_online(false);
    let mut change = ChangeEmployee::change("E0006");
    change.details.first_name = Some("Noor".to_owned());
    let id = client.submit_change(&change).await.expect("stored");
    sandbox.micropay.advance_clock(Duration::from_secs(600));
    let waiting = client.change_request_status(id).await.expect("status");
    assert_eq!(
        waiting.state,
        ChangeRequestState::Received,
        "nobody implements it while the payroll server is off"
    );
    assert_eq!(waiting.implemented_at, None);
    sandbox.micropay.set_payroll_online(true);
    let done = client.change_request_status(id).await.expect("status");
    assert_eq!(done.state, ChangeRequestState::Implemented);
    assert_eq!(
        client.employee("E0006").await.expect("E0006").first_name,
        "Noor"
    );
}

#[tokio::test]
async fn an_add_for_an_employee_payroll_created_meanwhile_makes_no_second_one() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let add = client
        .submit_change(&dated_add("N0070", "Haddad", first_placement(&sandbox)))
        .await
        .expect("the Add");
    let (status, body) = controls::post(
        &sandbox,
        "/sandbox/employees/N0070",
        json!({"surname": "Haddad", "firstName": "Sami"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = controls::accept(&sandbox, add).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(with_code(&sandbox, "N0070"), 1, "one employee per code");
    let status = client.change_request_status(add).await.expect("status");
    assert!(!status.is_final(), "left for payroll to reject: {status:?}");
}

#[tokio::test]
async fn the_auto_accept_delay_rejects_an_add_for_an_employee_payroll_has() {
    let sandbox = auto_accepting_sandbox(1_000, in_2026(8, 4, 9)).await;
    let client = client(&sandbox.credentials.micropay);
    let add = client
        .submit_change(&dated_add("N0071", "Ito", first_placement(&sandbox)))
        .await
        .expect("the Add");
    controls::post(
        &sandbox,
        "/sandbox/employees/N0071",
        json!({"surname": "Ito"}),
    )
    .await;
    sandbox.micropay.advance_clock(Duration::from_secs(5));
    let status = client.change_request_status(add).await.expect("status");
    assert_eq!(status.state, ChangeRequestState::Rejected);
    assert!(
        status
            .message
            .as_deref()
            .is_some_and(|m| m.contains("N0071")),
        "{status:?}"
    );
    assert_eq!(with_code(&sandbox, "N0071"), 1);
}

#[tokio::test]
async fn a_change_waiting_on_an_add_is_rejected_with_it() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let add = client
        .submit_change(&dated_add("N0072", "Moreau", first_placement(&sandbox)))
        .await
        .expect("the Add");
    let mut change = ChangeEmployee::change("N0072");
    change.details.first_name = Some("Luc".to_owned());
    let follow_up = client.submit_change(&change).await.expect("the Change");
    let (status, body) = controls::reject(&sandbox, add, "Not starting with us").await;
    assert_eq!(status, 200, "{body}");
    let status = client
        .change_request_status(follow_up)
        .await
        .expect("status");
    assert_eq!(status.state, ChangeRequestState::Rejected, "{status:?}");
    let message = status.message.unwrap_or_default();
    assert!(
        message.contains("Add") && message.contains("Not starting with us"),
        "{message}"
    );
    assert!(
        !message.contains(['\'', '"']),
        "ErrorMessage allows no quotes: {message}"
    );
    assert_eq!(with_code(&sandbox, "N0072"), 0);
}

#[tokio::test]
async fn the_auto_accept_delay_rejects_a_change_whose_employee_was_deleted() {
    let sandbox = auto_accepting_sandbox(1_000, in_2026(8, 5, 9)).await;
    let client = client(&sandbox.credentials.micropay);
    let mut change = ChangeEmployee::change("E0004");
    change.details.first_name = Some("Ada".to_owned());
    let id = client.submit_change(&change).await.expect("the Change");
    let (status, body) =
        controls::post(&sandbox, "/sandbox/employees/E0004/delete", json!({})).await;
    assert_eq!(status, 200, "{body}");
    sandbox.micropay.advance_clock(Duration::from_secs(5));
    let status = client.change_request_status(id).await.expect("status");
    assert_eq!(
        status.state,
        ChangeRequestState::Rejected,
        "not pending for ever"
    );
    assert!(
        status
            .message
            .as_deref()
            .is_some_and(|m| m.contains("E0004")),
        "{status:?}"
    );
}

/// Payroll invents no date of birth: an Add without one leaves it blank
/// (the sandbox used to fill in 1970-01-01, which the next sync then wrote
/// to Worknice), and one that carries it keeps it.
#[tokio::test]
async fn an_add_without_a_date_of_birth_leaves_it_blank() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let blank = client
        .submit_change(&dated_add("N0072", "Haddad", first_placement(&sandbox)))
        .await
        .expect("the Add");
    let mut dated = dated_add("N0073", "Ito", first_placement(&sandbox));
    dated.details.date_of_birth = chrono::NaiveDate::from_ymd_opt(1991, 7, 4);
    let dated = client.submit_change(&dated).await.expect("the Add");
    for id in [blank, dated] {
        let (status, body) = controls::accept(&sandbox, id).await;
        assert_eq!(status, 200, "{body}");
    }
    let blank = client.employee("N0072").await.expect("N0072");
    assert_eq!(blank.date_of_birth, None, "no date invented");
    let dated = client.employee("N0073").await.expect("N0073");
    assert_eq!(
        dated.date_of_birth,
        chrono::NaiveDate::from_ymd_opt(1991, 7, 4)
    );
}

//! Change requests over real HTTP: submitted, read back as payroll moves
//! them along, accepted or rejected through the sandbox's `/sandbox/` controls.

use paybridge_domain::Sensitive;
use paybridge_micropay::{
    BankAccountChange, ChangeEmployee, ChangeRequestState, ImmediateChange, MicropayError,
    Placement, TaxChanges,
};
use serde_json::{json, Value};

use crate::{client, controls, dated_add, sandbox};

fn placement_of(sandbox: &paybridge_sandbox::Sandbox) -> Placement {
    let seeded = sandbox.micropay.employees();
    let e = seeded
        .iter()
        .find(|e| e.emp_code == "E0001")
        .expect("E0001");
    crate::placement_of(e)
}

fn start() -> chrono::NaiveDateTime {
    crate::in_2026(6, 1, 9)
}

#[tokio::test]
async fn a_change_goes_received_picked_up_implemented_and_shows_in_reads() {
    let sandbox = sandbox(30, true).await;
    sandbox.micropay.pin_clock(start());
    let client = client(&sandbox.credentials.micropay);
    let mut change = ChangeEmployee::change("E0003");
    change.details.first_name = Some("Marguerite".to_owned());
    let id = client
        .submit_change(&change)
        .await
        .expect("accepted for payroll");

    let first = client.change_request_status(id).await.expect("status");
    assert_eq!(first.state, ChangeRequestState::Received);
    assert_eq!(first.received_at, Some(start()));
    let second = client.change_request_status(id).await.expect("status");
    assert_eq!(second.state, ChangeRequestState::PickedUp);
    assert!(second.picked_up_at.is_some() && !second.is_final());
    // Not applied until payroll accepts it.
    let before = client.employee("E0003").await.expect("E0003");
    assert_ne!(before.first_name, "Marguerite");

    let later = start() + chrono::Duration::hours(2);
    sandbox.micropay.pin_clock(later);
    let accepted = controls::accept(&sandbox, id).await;
    assert_eq!(accepted.0, 200, "{}", accepted.1);
    let done = client.change_request_status(id).await.expect("status");
    assert_eq!(done.state, ChangeRequestState::Implemented);
    assert_eq!(done.implemented_at, Some(later));
    assert_eq!(done.message, None);

    let after = client.employee("E0003").await.expect("E0003");
    assert_eq!(after.first_name, "Marguerite");
    let changed = client
        .employees_changed_since(start() + chrono::Duration::hours(1))
        .await
        .expect("changed since");
    let codes: Vec<&str> = changed.iter().map(|e| e.emp_code.as_str()).collect();
    assert_eq!(
        codes,
        ["E0003"],
        "only the edited employee changed after that instant"
    );
}

#[tokio::test]
async fn a_rejected_change_carries_payrolls_message_and_changes_nothing() {
    let sandbox = sandbox(20, true).await;
    let client = client(&sandbox.credentials.micropay);
    let before = client.employee("E0002").await.expect("E0002");
    let mut change = ChangeEmployee::change("E0002");
    change.details.surname = Some("Different".to_owned());
    let id = client
        .submit_change(&change)
        .await
        .expect("accepted for payroll");
    let answer =
        controls::reject(&sandbox, id, "Surname change needs a marriage certificate").await;
    assert_eq!(answer.0, 200, "{}", answer.1);
    let status = client.change_request_status(id).await.expect("status");
    assert_eq!(status.state, ChangeRequestState::Rejected);
    assert_eq!(
        status.message.as_deref(),
        Some("Surname change needs a marriage certificate")
    );
    assert!(status.rejected_at.is_some() && status.is_final());
    assert_eq!(
        client.employee("E0002").await.expect("E0002").surname,
        before.surname
    );
    // A decided request cannot be decided again.
    let again = controls::accept(&sandbox, id).await;
    assert_eq!(again.0, 409, "{}", again.1);
}

#[tokio::test]
async fn an_add_creates_the_employee_with_banks_and_a_rejected_add_blocks_later_changes() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let placement = placement_of(&sandbox);
    let tfn = paybridge_domain::tfn::with_check_digit([4, 5, 6, 1, 2, 3, 7, 8])
        .or_else(|| paybridge_domain::tfn::with_check_digit([4, 5, 6, 1, 2, 3, 7, 9]))
        .expect("a checksum-valid TFN");
    let mut add = dated_add("N0001", "Okafor", placement.clone());
    add.details.first_name = Some("Chidi".to_owned());
    add.tax = Some(TaxChanges {
        tfn: Some(Sensitive::new(tfn.clone())),
        ..TaxChanges::default()
    });
    add.banks = Some(vec![BankAccountChange {
        bsb: "062000".to_owned(),
        account_number: Sensitive::new("12345678".to_owned()),
        account_name: "C Okafor".to_owned(),
        bank_name: None,
        pay_amount_cents: 0,
        balance_of_pay: true,
        order: 0,
    }]);
    let id = client.submit_change(&add).await.expect("the Add is taken");
    let missing = client
        .employee("N0001")
        .await
        .expect_err("not before payroll accepts");
    assert_eq!(
        missing.kind(),
        paybridge_micropay::MicropayErrorKind::NotFound
    );
    // A second Add while the first waits is refused.
    let second = client.submit_change(&add).await.expect_err("only one Add");
    assert!(
        matches!(second, MicropayError::ChangeRefused { .. }),
        "{second:?}"
    );

    controls::accept(&sandbox, id).await;
    let hired = client.employee("N0001").await.expect("created by the Add");
    assert_eq!(
        (hired.first_name.as_str(), hired.surname.as_str()),
        ("Chidi", "Okafor")
    );
    assert_eq!(hired.employee_banks.len(), 1);
    assert_eq!(hired.employee_banks[0].bsb_code, "062-000");
    assert_eq!(
        hired
            .employee_detail
            .as_ref()
            .map(|t| t.tfn.expose().clone()),
        Some(tfn)
    );

    let refused = dated_add("N0002", "Nguyen", placement);
    let id = client
        .submit_change(&refused)
        .await
        .expect("the Add is taken");
    controls::reject(&sandbox, id, "Duplicate of E0004").await;
    let mut change = ChangeEmployee::change("N0002");
    change.details.first_name = Some("Linh".to_owned());
    let blocked = client
        .submit_change(&change)
        .await
        .expect_err("a rejected Add blocks Changes");
    let MicropayError::ChangeRefused { messages } = &blocked else {
        panic!("a refusal, not {blocked:?}");
    };
    assert!(
        messages.iter().any(|m| m.contains("rejected")),
        "{messages:?}"
    );
    let again = client
        .submit_change(&refused)
        .await
        .expect_err("and a second Add");
    assert!(again.is_refusal() && !again.is_retryable());
}

#[tokio::test]
async fn the_server_refuses_what_the_reference_refuses_with_its_reasons() {
    let sandbox = sandbox(10, true).await;
    // Posted raw, past the client's own checks, to see the server's.
    let (status, body) = controls::post_api(
        &sandbox,
        "api/ChangeEmployee",
        json!({
            "ChangeType": "Add", "EmpCode": "E0001", "FirstName": "A name far longer than twenty",
            "Location": "NOWHERE",
            "ChangeEmployeeBanks": [
                {"BSBCode": "062000", "AccountNumber": "1", "AccountName": "x", "BalanceOfPay": true, "PayAmount": 5},
                {"BSBCode": "062-000", "AccountNumber": "2", "AccountName": "y", "BalanceOfPay": true}
            ],
            "ChangeEmployeeSuperConts": [{"FundCode": "NOFUND", "ContributionType": "Employer"}]
        }),
    )
    .await;
    assert_eq!(status, 400);
    let model_state = body["modelState"].as_object().expect("model state");
    for field in [
        "changeEmployee.FirstName",
        "changeEmployee.Location",
        "changeEmployee.EmpCode",
        "changeEmployee.Surname",
        "changeEmployee.PayPoint",
        "changeEmployee.HiredDate",
        "changeEmployee.ChangeEmployeeBanks[0].BSBCode",
        "changeEmployee.ChangeEmployeeBanks[0].PayAmount",
        "changeEmployee.ChangeEmployeeBanks",
        "changeEmployee.ChangeEmployeeSuperConts[0].FundCode",
    ] {
        assert!(
            model_state.contains_key(field),
            "{field} in {model_state:?}"
        );
    }
    let (status, body) = controls::post_api(
        &sandbox,
        "api/ChangeEmployee",
        json!({"ChangeType": "Change", "EmpCode": "ZZ404"}),
    )
    .await;
    assert_eq!(status, 400, "a Change for a missing employee: {body}");
    let (status, _) =
        controls::post_api(&sandbox, "api/ChangeEmployee", json!({"EmpCode": "E0001"})).await;
    assert_eq!(status, 400, "ChangeType is required");
    let requests = controls::get(&sandbox, "/sandbox/requests").await;
    assert_eq!(
        requests,
        Value::Array(Vec::new()),
        "nothing refused was stored"
    );
}

#[tokio::test]
async fn problems_are_found_before_sending_in_a_payroll_officers_words() {
    let sandbox = sandbox(5, true).await;
    let client = client(&sandbox.credentials.micropay);
    let mut change = ChangeEmployee::change("E0001");
    change.details.first_name = Some("Bartholomew-Alexander".to_owned());
    change.tax = Some(TaxChanges {
        tfn: Some(Sensitive::new("123456789".to_owned())),
        ..TaxChanges::default()
    });
    change.banks = Some(vec![BankAccountChange {
        bsb: "06200".to_owned(),
        account_number: Sensitive::new("98765432".to_owned()),
        account_name: "B A".to_owned(),
        bank_name: None,
        pay_amount_cents: 1000,
        balance_of_pay: true,
        order: 0,
    }]);
    let error = client.submit_change(&change).await.expect_err("not sent");
    let MicropayError::InvalidChange { problems } = &error else {
        panic!("checked before sending, not {error:?}");
    };
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages.contains(&"First name is longer than MicrOpay's 20 characters."),
        "{messages:?}"
    );
    assert!(problems.iter().any(|p| p.field == "EmployeeDetail.TFN"));
    assert!(problems
        .iter()
        .any(|p| p.field == "ChangeEmployeeBanks[0].BSBCode"));
    assert!(problems
        .iter()
        .any(|p| p.field == "ChangeEmployeeBanks[0].PayAmount"));
    for shown in [
        error.to_string(),
        format!("{error:?}"),
        format!("{change:?}"),
    ] {
        assert!(
            !shown.contains("123456789") && !shown.contains("98765432"),
            "{shown}"
        );
    }
    assert_eq!(
        sandbox.micropay.requests_served(),
        0,
        "nothing reached MicrOpay"
    );
    let placement = placement_of(&sandbox);
    let mut add = ChangeEmployee::add("N0009", "", placement);
    add.details.pay_point = None;
    let fields: Vec<String> = add.problems().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["Surname", "PayPoint"]);
}

#[tokio::test]
async fn immediate_changes_apply_at_once_for_contact_details_only() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let change = ImmediateChange {
        emp_code: "E0005".to_owned(),
        mobile_phone: Some("0412 345 678".to_owned()),
        ..ImmediateChange::default()
    };
    client.submit_immediate(&change).await.expect("applied");
    let employee = client.employee("E0005").await.expect("E0005");
    assert_eq!(employee.mobile_phone, "0412 345 678");
    let (status, body) = controls::post_api(
        &sandbox,
        "api/ChangeEmployeeImmediate",
        json!({"ChangeType": "Change", "EmpCode": "E0005", "Surname": "Nope"}),
    )
    .await;
    assert_eq!(status, 400, "a surname affects pay: {body}");
    let (status, _) = controls::post_api(
        &sandbox,
        "api/ChangeEmployeeImmediate",
        json!({"ChangeType": "Add", "EmpCode": "N0100", "MobilePhone": "0400 000 000"}),
    )
    .await;
    assert_eq!(status, 400, "only Changes");
    let missing = ImmediateChange {
        emp_code: "ZZ404".to_owned(),
        email: Some("a@b.au".to_owned()),
        ..ImmediateChange::default()
    };
    let error = client
        .submit_immediate(&missing)
        .await
        .expect_err("no such employee");
    assert!(error.is_refusal(), "{error:?}");
}

//! The write side over real HTTP against the Worknice sandbox: creating
//! people, refusing duplicates, never sending a create twice, and person
//! connections.

mod common;

use chrono::NaiveDate;
use common::{client_for, count_requests, start};
use paybridge_domain::Sensitive;
use paybridge_sandbox::worknice::{PersonConnectionStatus as SandboxStatus, GRAPHQL_PATH};
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{
    NewPerson, NewPersonConnection, PersonConnectionStatus, WorkniceAddress, WorkniceBankAccount,
    WorkniceError, WorkniceErrorKind, WorknicePersonStatus, WorkniceSuperFund, WorkniceTaxDetails,
};

/// Checksum-valid, and not anyone's real TFN.
const TFN: &str = "123456782";
const FIXED_ACCOUNT: &str = "11223344";
const BALANCE_ACCOUNT: &str = "99887766";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn new_person(employee_code: &str) -> NewPerson {
    NewPerson {
        employee_code: employee_code.to_owned(),
        first_name: "Jane".to_owned(),
        last_name: "Citizen".to_owned(),
        middle_name: Some("Anne".to_owned()),
        preferred_name: Some("Janie".to_owned()),
        title: Some("Ms".to_owned()),
        gender: Some("Female".to_owned()),
        date_of_birth: Some(date(1990, 2, 3)),
        start_date: Some(date(2021, 7, 1)),
        email: Some("jane.citizen@example.com.au".to_owned()),
        mobile_phone: Some("0412 345 678".to_owned()),
        residential_address: Some(WorkniceAddress {
            street: "1 George St".to_owned(),
            suburb: "Sydney".to_owned(),
            state: "NSW".to_owned(),
            postcode: "2000".to_owned(),
            country: "Australia".to_owned(),
        }),
        postal_address: None,
        bank_accounts: vec![
            WorkniceBankAccount {
                bsb: "062-000".to_owned(),
                account_number: Sensitive::new(FIXED_ACCOUNT.to_owned()),
                account_name: "J Citizen Savings".to_owned(),
                fixed_amount_cents: Some(20_000),
                balance_of_pay: false,
                order: 1,
            },
            WorkniceBankAccount {
                bsb: "033-001".to_owned(),
                account_number: Sensitive::new(BALANCE_ACCOUNT.to_owned()),
                account_name: "J Citizen".to_owned(),
                fixed_amount_cents: None,
                balance_of_pay: true,
                order: 2,
            },
        ],
        super_funds: vec![WorkniceSuperFund {
            fund_code: "AUST".to_owned(),
            fund_name: "AustralianSuper".to_owned(),
            usi: Some("STA0100AU".to_owned()),
            membership_number: "M-100200".to_owned(),
            date_joined: Some(date(2021, 7, 1)),
        }],
        tax_details: Some(WorkniceTaxDetails {
            tfn: Sensitive::new(TFN.to_owned()),
            basis_of_payment: "F".to_owned(),
            australian_resident: true,
            tax_free_threshold: true,
            help_debt: false,
            sfss_debt: false,
        }),
    }
}

fn assert_no_secrets(text: &str) {
    for secret in [TFN, FIXED_ACCOUNT, BALANCE_ACCOUNT] {
        assert!(!text.contains(secret), "a secret leaked into: {text}");
    }
}

fn people_with_code(running: &common::Running, code: &str) -> usize {
    running
        .server
        .people()
        .iter()
        .filter(|p| p.employee_code.as_deref() == Some(code))
        .count()
}

#[tokio::test]
async fn a_created_person_is_listed_found_by_code_and_stored_with_details() {
    let running = start(31).await;
    let client = client_for(&running);
    let created = client
        .create_person(&new_person("NEW001"))
        .await
        .expect("created");
    assert_eq!(created.employee_code.as_deref(), Some("NEW001"));
    assert_eq!(created.display_name, "Janie Citizen");
    assert_eq!(created.status, Some(WorknicePersonStatus::Active));
    assert_eq!(created.start_date, Some(date(2021, 7, 1)));
    assert_eq!(
        created.profile_email.as_deref(),
        Some("jane.citizen@example.com.au")
    );

    let listed = client.people(false).await.expect("people");
    assert_eq!(
        listed.iter().filter(|p| p.id == created.id).count(),
        1,
        "listed once"
    );
    let found = client
        .person_by_employee_code("new001 ")
        .await
        .expect("lookup");
    assert_eq!(
        found,
        Some(created.clone()),
        "codes match trimmed, any case"
    );
    assert_eq!(
        client
            .person_by_employee_code("NOPE")
            .await
            .expect("lookup"),
        None
    );

    let details = running
        .server
        .person_details(&created.id)
        .expect("details stored");
    assert_eq!(details.first_name, "Jane");
    assert_eq!(details.date_of_birth, Some(date(1990, 2, 3)));
    assert_eq!(
        details.residential_address.map(|a| a.postcode),
        Some("2000".to_owned())
    );
    let accounts: Vec<(&str, &str, Option<i64>, bool)> = details
        .bank_accounts
        .iter()
        .map(|a| {
            (
                a.bsb.as_str(),
                a.account_number.expose().as_str(),
                a.fixed_amount_cents,
                a.balance_of_pay,
            )
        })
        .collect();
    assert_eq!(
        accounts,
        [
            ("062-000", FIXED_ACCOUNT, Some(20_000), false),
            ("033-001", BALANCE_ACCOUNT, None, true)
        ]
    );
    assert_eq!(details.super_funds[0].usi.as_deref(), Some("STA0100AU"));
    let tax = details.tax_details.expect("tax details");
    assert_eq!(tax.tfn.expose(), TFN);
    assert!(tax.tax_free_threshold && !tax.help_debt);
    assert_eq!(running.server.requests_served_for("CreatePerson"), 1);
}

#[tokio::test]
async fn a_duplicate_employee_code_is_a_conflict_and_creates_nothing() {
    let running = start(32).await;
    let client = client_for(&running);
    client
        .create_person(&new_person("DUP1"))
        .await
        .expect("first");
    let error = client
        .create_person(&new_person("DUP1"))
        .await
        .expect_err("second");
    assert_eq!(error.kind(), WorkniceErrorKind::Conflict, "{error:?}");
    assert_eq!(
        error.to_string(),
        "Worknice already has a person with employee code DUP1. Link that person instead of \
         creating another."
    );
    assert!(!error.outcome_unknown());
    assert_eq!(people_with_code(&running, "DUP1"), 1);

    // A seeded person's code is taken too.
    let seeded = running
        .server
        .people()
        .into_iter()
        .find_map(|p| p.employee_code)
        .expect("a seeded employee code");
    let error = client
        .create_person(&new_person(&seeded))
        .await
        .expect_err("taken");
    assert!(
        matches!(&error, WorkniceError::EmployeeCodeTaken { employee_code } if *employee_code == seeded),
        "{error:?}"
    );
    assert_eq!(people_with_code(&running, &seeded), 1);
}

#[tokio::test]
async fn concurrent_creates_of_one_code_make_exactly_one_person() {
    let running = start(33).await;
    let client = client_for(&running);
    let person = new_person("RACE1");
    let attempts = create_concurrently(&client, &person, 8).await;
    let created = attempts.iter().filter(|result| result.is_ok()).count();
    assert_eq!(created, 1);
    assert!(attempts
        .iter()
        .filter_map(|result| result.as_ref().err())
        .all(|error| error.kind() == WorkniceErrorKind::Conflict));
    assert_eq!(people_with_code(&running, "RACE1"), 1);
}

async fn create_concurrently(
    client: &paybridge_worknice::WorkniceClient,
    person: &NewPerson,
    n: usize,
) -> Vec<Result<paybridge_worknice::WorknicePerson, WorkniceError>> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (client, person) = (client.clone(), person.clone());
        tasks.spawn(async move { client.create_person(&person).await });
    }
    tasks.join_all().await
}

#[tokio::test]
async fn a_create_is_sent_once_even_when_the_server_fails() {
    let running = start(34).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1));
    count_requests(&running);
    let client = client_for(&running);
    let before = running.server.people().len();
    let error = client
        .create_person(&new_person("ONCE1"))
        .await
        .expect_err("the 503 is reported");
    assert!(
        matches!(error, WorkniceError::Server { status: 503 }),
        "{error:?}"
    );
    assert_eq!(running.server.faults().fired(), 1, "one request: no retry");
    assert_eq!(running.server.requests_served(), 0);
    assert_eq!(running.server.people().len(), before);

    client
        .create_person(&new_person("ONCE1"))
        .await
        .expect("the caller's own second try");
    assert_eq!(people_with_code(&running, "ONCE1"), 1);
}

#[tokio::test]
async fn a_lost_answer_to_a_create_leaves_exactly_one_person() {
    let running = start(35).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1));
    let client = client_for(&running);
    let error = client
        .create_person(&new_person("LOST1"))
        .await
        .expect_err("the answer was cut off");
    assert!(
        matches!(error, WorkniceError::ConnectionDropped { .. }),
        "{error:?}"
    );
    assert!(error.outcome_unknown());
    assert_no_secrets(&error.to_string());
    assert_eq!(running.server.faults().fired(), 1);
    assert_eq!(running.server.requests_served_for("CreatePerson"), 1);
    assert_eq!(
        people_with_code(&running, "LOST1"),
        1,
        "the write happened, once"
    );

    // What a caller does next: look the person up rather than create again.
    let found = client
        .person_by_employee_code("LOST1")
        .await
        .expect("lookup")
        .expect("the person exists");
    let retry = client
        .create_person(&new_person("LOST1"))
        .await
        .expect_err("taken");
    assert_eq!(retry.kind(), WorkniceErrorKind::Conflict);
    assert_eq!(people_with_code(&running, "LOST1"), 1);
    assert!(running.server.person_details(&found.id).is_some());
}

#[tokio::test]
async fn a_fault_aimed_at_create_person_lets_reads_through() {
    let running = start(37).await;
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("CreatePerson"),
    );
    let client = client_for(&running);

    client
        .people(false)
        .await
        .expect("a read is not the aimed-at operation");
    assert_eq!(running.server.faults().fired(), 0);
    let error = client
        .create_person(&new_person("AIMED1"))
        .await
        .expect_err("the create's answer is cut off");
    assert!(error.outcome_unknown(), "{error:?}");
    assert_eq!(running.server.faults().fired(), 1);
    assert_eq!(people_with_code(&running, "AIMED1"), 1);
}

#[tokio::test]
async fn connecting_is_idempotent_and_refuses_a_second_partner() {
    let running = start(36).await;
    let client = client_for(&running);
    let first = client
        .create_person(&new_person("LINK1"))
        .await
        .expect("created");
    let second = client
        .create_person(&new_person("LINK2"))
        .await
        .expect("created");
    let link = |remote_id: &str, code: &str| NewPersonConnection {
        remote_id: remote_id.to_owned(),
        employee_code: code.to_owned(),
    };

    let connection = client
        .connect_person(&first.id, &link("101", "LINK1"))
        .await
        .expect("linked");
    assert_eq!(connection.person_id, first.id);
    assert_eq!(connection.remote_id, "101");
    assert_eq!(connection.employee_code, "LINK1");
    assert_eq!(connection.status, PersonConnectionStatus::Connected);
    let again = client
        .connect_person(&first.id, &link("101", "LINK1"))
        .await
        .expect("same link again");
    assert_eq!(again, connection);
    assert_eq!(running.server.connections().len(), 1);

    let elsewhere = client
        .connect_person(&first.id, &link("202", "LINK1"))
        .await
        .expect_err("already linked to 101");
    assert_eq!(
        elsewhere.kind(),
        WorkniceErrorKind::Conflict,
        "{elsewhere:?}"
    );
    let taken_remote = client
        .connect_person(&second.id, &link("101", "LINK2"))
        .await
        .expect_err("101 is linked to the first person");
    assert!(
        matches!(&taken_remote, WorkniceError::ConnectionConflict { person_id, remote_id }
            if *person_id == second.id && remote_id == "101"),
        "{taken_remote:?}"
    );
    let nobody = client
        .connect_person("no-such-person", &link("303", "X"))
        .await
        .expect_err("unknown person");
    assert_eq!(nobody.kind(), WorkniceErrorKind::PersonNotFound);

    let stored = running.server.connections();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, SandboxStatus::Connected);
    assert_eq!(
        client.person_connections().await.expect("connections"),
        vec![connection]
    );
}

#[tokio::test]
async fn removing_a_connection_is_idempotent_and_frees_both_sides() {
    let running = start(37).await;
    let client = client_for(&running);
    let person = client
        .create_person(&new_person("UNLINK1"))
        .await
        .expect("created");
    let link = NewPersonConnection {
        remote_id: "501".to_owned(),
        employee_code: "UNLINK1".to_owned(),
    };
    client
        .connect_person(&person.id, &link)
        .await
        .expect("linked");

    client
        .remove_person_connection(&person.id)
        .await
        .expect("removed");
    assert!(running.server.connections().is_empty());
    client
        .remove_person_connection(&person.id)
        .await
        .expect("removing again is fine");
    client
        .remove_person_connection("no-such-person")
        .await
        .expect("nothing to remove is fine");
    assert!(client
        .person_connections()
        .await
        .expect("connections")
        .is_empty());

    let relinked = client
        .connect_person(
            &person.id,
            &NewPersonConnection {
                remote_id: "502".to_owned(),
                ..link
            },
        )
        .await
        .expect("free to link elsewhere");
    assert_eq!(relinked.remote_id, "502");
    assert_eq!(
        running.server.requests_served_for("RemovePersonConnection"),
        3
    );
}

#[tokio::test]
async fn refused_details_are_reported_without_the_secrets() {
    let running = start(38).await;
    let client = client_for(&running);
    let mut bad_tfn = new_person("BAD1");
    if let Some(tax) = bad_tfn.tax_details.as_mut() {
        tax.tfn = Sensitive::new("123456789".to_owned());
    }
    let error = client.create_person(&bad_tfn).await.expect_err("checksum");
    assert_eq!(error.kind(), WorkniceErrorKind::GraphQl, "{error:?}");
    assert!(error.to_string().contains("checksum"), "{error}");
    assert!(!error.to_string().contains("123456789"));

    let mut two_balances = new_person("BAD2");
    two_balances.bank_accounts[0].balance_of_pay = true;
    two_balances.bank_accounts[0].fixed_amount_cents = None;
    let error = client
        .create_person(&two_balances)
        .await
        .expect_err("two balance accounts");
    assert!(error.to_string().contains("balance of pay"), "{error}");
    assert_no_secrets(&error.to_string());
    assert_no_secrets(&format!("{error:?}"));
    assert_eq!(people_with_code(&running, "BAD1"), 0);
    assert_eq!(people_with_code(&running, "BAD2"), 0);
}

#[test]
fn new_person_debug_and_display_never_show_tfn_or_account_numbers() {
    let person = new_person("E100");
    let debug = format!("{person:?}");
    assert_no_secrets(&debug);
    assert!(debug.contains("Citizen"), "Debug is still useful: {debug}");
    assert_eq!(person.to_string(), "Janie Citizen (E100)");
    let conflict = WorkniceError::EmployeeCodeTaken {
        employee_code: "E100".to_owned(),
    };
    assert_no_secrets(&conflict.to_string());
    assert_no_secrets(&format!("{conflict:?}"));
}

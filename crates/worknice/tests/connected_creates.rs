//! One write per person over real HTTP against the Worknice sandbox: a
//! create that carries its connection, several of them in one request with
//! an answer per person, and a lost answer found again by employee code.

mod common;

use common::{client_for, connection_to, sample_person, start, SAMPLE_TFN};
use paybridge_domain::Sensitive;
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{
    NewPerson, NewPersonConnection, PersonConnectionStatus, WorkniceError, WorkniceErrorKind,
    MAX_PEOPLE_PER_REQUEST,
};

#[tokio::test]
async fn one_request_creates_and_connects_a_person() {
    let running = start(81).await;
    let client = client_for(&running);
    let made = client
        .create_connected_person(&sample_person("ONE1"), &connection_to("501", "ONE1"))
        .await
        .expect("created");
    assert_eq!(made.person.employee_code.as_deref(), Some("ONE1"));
    assert_eq!(made.connection.person_id, made.person.id);
    assert_eq!(made.connection.remote_id, "501");
    assert_eq!(made.connection.status, PersonConnectionStatus::Connected);
    assert_eq!(running.server.requests_served(), 1, "one request in all");
    let connections = running.server.connections();
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0].person_id, made.person.id);
}

#[tokio::test]
async fn a_record_linked_already_creates_nobody() {
    let running = start(82).await;
    let client = client_for(&running);
    client
        .create_connected_person(&sample_person("TWO1"), &connection_to("502", "TWO1"))
        .await
        .expect("first");
    let error = client
        .create_connected_person(&sample_person("TWO2"), &connection_to("502", "TWO2"))
        .await
        .expect_err("the record is linked to TWO1");
    assert_eq!(error.kind(), WorkniceErrorKind::Conflict, "{error:?}");
    assert!(running
        .server
        .people()
        .iter()
        .all(|p| p.employee_code.as_deref() != Some("TWO2")));
}

#[tokio::test]
async fn a_lost_answer_is_found_again_by_employee_code_with_its_connection() {
    let running = start(83).await;
    let client = client_for(&running);
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("CreatePerson"),
    );
    let error = client
        .create_connected_person(&sample_person("LOST1"), &connection_to("503", "LOST1"))
        .await
        .expect_err("the answer was cut off");
    assert!(error.outcome_unknown(), "{error:?}");
    assert_eq!(
        running.server.requests_served_for("CreatePerson"),
        1,
        "never resent"
    );
    let (found, link) = client
        .connected_person_by_employee_code("lost1")
        .await
        .expect("a look-up")
        .expect("it was created");
    assert_eq!(found.employee_code.as_deref(), Some("LOST1"));
    assert_eq!(
        link.map(|c| c.remote_id),
        Some("503".to_owned()),
        "and connected"
    );
}

fn with_bad_tfn(mut person: NewPerson) -> NewPerson {
    if let Some(tax) = &mut person.tax_details {
        tax.tfn = Sensitive::new("123456789".to_owned());
    }
    person
}

#[tokio::test]
async fn several_people_go_in_one_request_and_one_refusal_fails_only_that_person() {
    let running = start(84).await;
    let client = client_for(&running);
    let seeded = running
        .server
        .people()
        .into_iter()
        .find_map(|p| p.employee_code)
        .expect("a seeded code");
    let people: Vec<(NewPerson, NewPersonConnection)> = vec![
        (sample_person("B1"), connection_to("601", "B1")),
        (
            with_bad_tfn(sample_person("B2")),
            connection_to("602", "B2"),
        ),
        (sample_person(&seeded), connection_to("603", &seeded)),
        (sample_person("B4"), connection_to("604", "B4")),
    ];
    let outcomes = client
        .create_connected_people(&people)
        .await
        .expect("the request is answered");
    assert_eq!(running.server.requests_served_for("CreatePeople"), 1);
    assert_eq!(running.server.requests_served(), 1);
    assert_eq!(outcomes.len(), 4);
    let made: Vec<&str> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().ok())
        .map(|m| m.connection.remote_id.as_str())
        .collect();
    assert_eq!(made, ["601", "604"]);
    assert!(
        matches!(&outcomes[1], Err(WorkniceError::InvalidField { field, .. }) if field == "taxDetails.tfn"),
        "{:?}",
        outcomes[1]
    );
    assert!(!format!("{:?}", outcomes[1]).contains("123456789"));
    assert!(
        matches!(&outcomes[2], Err(WorkniceError::EmployeeCodeTaken { employee_code }) if *employee_code == seeded),
        "{:?}",
        outcomes[2]
    );
    for code in ["B1", "B4"] {
        let found = running
            .server
            .people()
            .into_iter()
            .filter(|p| p.employee_code.as_deref() == Some(code))
            .count();
        assert_eq!(found, 1, "{code} created once");
    }
    assert!(running
        .server
        .people()
        .iter()
        .all(|p| p.employee_code.as_deref() != Some("B2")));
    let linked: Vec<String> = running
        .server
        .connections()
        .into_iter()
        .map(|c| c.remote_id)
        .collect();
    assert_eq!(linked, ["601", "604"]);
    let details = running
        .server
        .person_details(&outcomes[0].as_ref().expect("B1").person.id)
        .expect("details");
    assert_eq!(
        details
            .tax_details
            .map(|t| t.tfn.expose().clone())
            .as_deref(),
        Some(SAMPLE_TFN)
    );
}

#[tokio::test]
async fn a_batch_whose_answer_is_lost_is_not_resent_and_each_person_is_found_by_code() {
    let running = start(85).await;
    let client = client_for(&running);
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("CreatePeople"),
    );
    let people: Vec<(NewPerson, NewPersonConnection)> = (0..3)
        .map(|n| {
            let code = format!("L{n}");
            (
                sample_person(&code),
                connection_to(&format!("70{n}"), &code),
            )
        })
        .collect();
    let error = client
        .create_connected_people(&people)
        .await
        .expect_err("the answer was cut off");
    assert!(error.outcome_unknown(), "{error:?}");
    assert_eq!(
        running.server.requests_served_for("CreatePeople"),
        1,
        "never resent"
    );
    for (person, connection) in &people {
        let found = client
            .person_details_by_employee_code(&person.employee_code)
            .await
            .expect("a look-up")
            .expect("created all the same");
        assert_eq!(
            found.connection.map(|c| c.remote_id),
            Some(connection.remote_id.clone())
        );
    }
}

#[tokio::test]
async fn more_than_the_batch_limit_is_refused_before_sending() {
    let running = start(86).await;
    let client = client_for(&running);
    let people: Vec<(NewPerson, NewPersonConnection)> = (0..=MAX_PEOPLE_PER_REQUEST)
        .map(|n| {
            (
                sample_person(&format!("M{n}")),
                connection_to(&n.to_string(), "x"),
            )
        })
        .collect();
    assert!(client.create_connected_people(&people).await.is_err());
    assert_eq!(running.server.requests_served(), 0);
    assert!(client
        .create_connected_people(&[])
        .await
        .expect("nothing to send")
        .is_empty());
}

#[tokio::test]
async fn a_batch_of_one_refused_person_is_that_persons_refusal() {
    let running = start(87).await;
    let client = client_for(&running);
    let seeded = running
        .server
        .people()
        .into_iter()
        .find_map(|p| p.employee_code)
        .expect("a seeded code");
    let outcomes = client
        .create_connected_people(&[(sample_person(&seeded), connection_to("801", &seeded))])
        .await
        .expect("the request is answered");
    assert!(
        matches!(&outcomes[0], Err(WorkniceError::EmployeeCodeTaken { employee_code }) if *employee_code == seeded),
        "{:?}",
        outcomes[0]
    );
}

//! Updates and archiving over real HTTP against the Worknice sandbox: only
//! what is given changes, sets are replaced whole, a refused value names its
//! field and changes nothing, and passing trouble is retried.

mod common;

use chrono::NaiveDate;
use common::{client_for, connection_to, sample_person, start, SAMPLE_TFN};
use paybridge_domain::Sensitive;
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{
    PersonUpdate, PersonalDetailsUpdate, WorkniceBankAccount, WorkniceError, WorkniceErrorKind,
    WorknicePersonStatus, WorkniceTaxDetails,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

async fn created(running: &common::Running, code: &str) -> String {
    client_for(running)
        .create_connected_person(
            &sample_person(code),
            &connection_to(&format!("R-{code}"), code),
        )
        .await
        .expect("created")
        .person
        .id
}

#[tokio::test]
async fn only_the_given_fields_change_and_sets_are_replaced_whole() {
    let running = start(71).await;
    let client = client_for(&running);
    let id = created(&running, "UPD1").await;
    let before = running.server.person_details(&id).expect("details");

    let update = PersonUpdate {
        personal: Some(PersonalDetailsUpdate {
            preferred_name: Some(Some("Janie".to_owned())),
            middle_name: Some(None),
            ..PersonalDetailsUpdate::default()
        }),
        bank_accounts: Some(vec![
            WorkniceBankAccount {
                bsb: "033001".to_owned(),
                account_number: Sensitive::new("11112222".to_owned()),
                account_name: "J Citizen Savings".to_owned(),
                fixed_amount_cents: Some(5_000),
                balance_of_pay: false,
                order: 1,
            },
            WorkniceBankAccount {
                bsb: "062-001".to_owned(),
                account_number: Sensitive::new("33334444".to_owned()),
                account_name: "J Citizen".to_owned(),
                fixed_amount_cents: None,
                balance_of_pay: true,
                order: 2,
            },
        ]),
        super_funds: Some(Vec::new()),
        termination_date: Some(Some(date(2026, 6, 30))),
        ..PersonUpdate::default()
    };
    let after = client.update_person(&id, &update).await.expect("updated");
    assert_eq!(after.display_name, "Janie Citizen");
    assert_eq!(after.personal.middle_name, None, "cleared");
    assert_eq!(after.personal.first_name, "Jane", "left as it was");
    assert_eq!(after.mobile_phone, before.mobile_phone, "left as it was");
    assert_eq!(
        after.tax.as_ref().map(|t| t.tfn.expose().as_str()),
        Some(SAMPLE_TFN),
        "left as it was"
    );
    assert_eq!(
        after
            .bank_accounts
            .iter()
            .map(|a| a.bsb.as_str())
            .collect::<Vec<_>>(),
        ["033-001", "062-001"],
        "the whole set replaced, BSBs tidied"
    );
    assert!(after.super_funds.is_empty());
    assert_eq!(after.termination_date, Some(date(2026, 6, 30)));
    assert_eq!(
        after.status,
        Some(WorknicePersonStatus::Active),
        "not archived by a date"
    );
    assert!(
        after.updated_at > before_stamp(&before),
        "updatedAt moves forward"
    );
    assert_eq!(running.server.requests_served_for("UpdatePerson"), 1);
}

fn before_stamp(
    details: &paybridge_sandbox::worknice::SandboxPersonDetails,
) -> Option<chrono::DateTime<chrono::Utc>> {
    Some(details.updated_at)
}

#[tokio::test]
async fn a_refused_value_names_its_field_changes_nothing_and_never_shows_the_value() {
    let running = start(72).await;
    let client = client_for(&running);
    let id = created(&running, "UPD2").await;
    let before = running.server.person_details(&id).expect("details");
    let bad_tfn = "123456789";
    let update = PersonUpdate {
        personal: Some(PersonalDetailsUpdate {
            first_name: Some("Changed".to_owned()),
            ..PersonalDetailsUpdate::default()
        }),
        tax: Some(Some(WorkniceTaxDetails {
            tfn: Sensitive::new(bad_tfn.to_owned()),
            basis_of_payment: "F".to_owned(),
            australian_resident: true,
            tax_free_threshold: false,
            help_debt: false,
            sfss_debt: false,
        })),
        ..PersonUpdate::default()
    };
    let error = client
        .update_person(&id, &update)
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, WorkniceError::InvalidField { field, .. } if field == "taxDetails.tfn"),
        "{error:?}"
    );
    assert_eq!(error.kind(), WorkniceErrorKind::GraphQl);
    assert!(!error.is_transient() && !error.outcome_unknown());
    let message = error.to_string();
    assert!(
        message.contains("taxDetails.tfn") && message.contains("checksum"),
        "{message}"
    );
    assert!(!message.contains(bad_tfn), "{message}");
    assert_eq!(
        running.server.person_details(&id).expect("details"),
        before,
        "nothing changed, not even the first name"
    );

    let nobody = client
        .update_person("no-such-person", &PersonUpdate::default())
        .await
        .expect_err("nobody");
    assert_eq!(
        nobody.kind(),
        WorkniceErrorKind::PersonNotFound,
        "{nobody:?}"
    );
}

#[tokio::test]
async fn an_update_meets_the_faults_aimed_at_it_and_is_retried() {
    let running = start(73).await;
    let client = client_for(&running);
    let id = created(&running, "UPD3").await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 2).for_operation("UpdatePerson"));
    let update = PersonUpdate {
        mobile_phone: Some(Some("0499 999 999".to_owned())),
        ..PersonUpdate::default()
    };
    let after = client.update_person(&id, &update).await.expect("third try");
    assert_eq!(after.mobile_phone.as_deref(), Some("0499 999 999"));
    assert_eq!(running.server.faults().fired(), 2);
}

#[tokio::test]
async fn archiving_keeps_the_person_with_their_termination_date() {
    let running = start(74).await;
    let client = client_for(&running);
    let id = created(&running, "ARC1").await;
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("ArchivePerson"),
    );
    let archived = client
        .archive_person(&id, Some(date(2026, 5, 1)))
        .await
        .expect("archived, after a lost answer");
    assert_eq!(archived.status, Some(WorknicePersonStatus::Archived));
    assert_eq!(archived.termination_date, Some(date(2026, 5, 1)));
    assert_eq!(running.server.faults().fired(), 1);
    let people = running.server.people();
    assert_eq!(
        people.iter().filter(|p| p.id == id).count(),
        1,
        "never deleted"
    );
    assert!(client
        .people(false)
        .await
        .expect("people")
        .iter()
        .all(|p| p.id != id));
    let found = client
        .person_details_by_employee_code("ARC1")
        .await
        .expect("a read")
        .expect("still there");
    assert_eq!(found.status, Some(WorknicePersonStatus::Archived));
}

#[tokio::test]
async fn a_field_or_group_sent_as_cleared_is_emptied_and_the_rest_kept() {
    let running = start(75).await;
    let client = client_for(&running);
    let id = created(&running, "UPD4").await;
    let ended = client
        .update_person(
            &id,
            &PersonUpdate {
                termination_date: Some(Some(date(2026, 6, 30))),
                ..PersonUpdate::default()
            },
        )
        .await
        .expect("a termination date");
    assert_eq!(ended.termination_date, Some(date(2026, 6, 30)));
    assert!(ended.tax.is_some() && ended.residential_address.is_some());

    let cleared = client
        .update_person(
            &id,
            &PersonUpdate {
                email: Some(None),
                residential_address: Some(None),
                tax: Some(None),
                termination_date: Some(None),
                ..PersonUpdate::default()
            },
        )
        .await
        .expect("cleared");
    assert_eq!(cleared.email, None);
    assert_eq!(cleared.residential_address, None);
    assert!(cleared.tax.is_none(), "the whole tax group removed");
    assert_eq!(cleared.termination_date, None);
    assert_eq!(cleared.mobile_phone, ended.mobile_phone, "left as it was");
    assert_eq!(cleared.start_date, ended.start_date, "left as it was");
    assert_eq!(cleared.bank_accounts, ended.bank_accounts, "left as it was");
    let stored = running.server.person_details(&id).expect("details");
    assert!(stored.tax_details.is_none() && stored.email.is_none());
}

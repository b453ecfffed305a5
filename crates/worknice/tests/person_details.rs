//! The full person read over real HTTP against the Worknice sandbox: every
//! person, page by page, with every field the sync compares; one person by
//! employee code; an unreadable person reported on their own.

mod common;

use std::collections::HashSet;

use common::{client_for, connection_to, sample_person, start, SAMPLE_ACCOUNT, SAMPLE_TFN};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{PersonConnectionStatus, WorknicePersonStatus};

#[tokio::test]
async fn every_person_is_read_once_across_pages_with_their_payroll_details() {
    let running = start(61).await;
    let client = client_for(&running);
    let mut ids = HashSet::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    let mut total;
    loop {
        let page = client
            .people_details_page(true, after.as_deref(), 7)
            .await
            .expect("a page");
        assert!(page.people.len() <= 7);
        assert!(page.unreadable.is_empty());
        total = page.total_count;
        for person in &page.people {
            assert!(ids.insert(person.id.clone()), "{} read twice", person.id);
        }
        pages += 1;
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => break,
        }
    }
    let everyone = running.server.people();
    assert_eq!(ids.len(), everyone.len());
    assert_eq!(total, everyone.len() as u64);
    assert_eq!(pages, everyone.len().div_ceil(7));

    // A seeded person with a payroll code carries what payroll holds.
    let seeded = everyone
        .iter()
        .find(|p| p.employee_code.is_some() && !p.is_archived())
        .expect("a matched person");
    let code = seeded.employee_code.clone().expect("a code");
    let read = client
        .person_details_by_employee_code(&code.to_lowercase())
        .await
        .expect("a read")
        .expect("found");
    let held = running.server.person_details(&seeded.id).expect("details");
    assert_eq!(read.id, seeded.id);
    assert_eq!(read.personal.first_name, held.first_name);
    assert_eq!(read.personal.date_of_birth, held.date_of_birth);
    let tax = read.tax.as_ref().expect("tax details");
    let held_tax = held.tax_details.as_ref().expect("held tax");
    assert_eq!(tax.tfn.expose(), held_tax.tfn.expose());
    assert_eq!(tax.tax_free_threshold, held_tax.tax_free_threshold);
    assert_eq!(read.bank_accounts.len(), held.bank_accounts.len());
    assert_eq!(read.super_funds.len(), held.super_funds.len());
    assert_eq!(read.start_date, seeded.start_date);
    assert_eq!(read.position_title, seeded.position_title);
    assert!(read.updated_at.is_some());
    assert!(
        !format!("{read:?}").contains(tax.tfn.expose()),
        "Debug never shows the TFN"
    );
    assert_eq!(
        client
            .person_details_by_employee_code("NOBODY")
            .await
            .expect("a read"),
        None
    );
}

#[tokio::test]
async fn a_created_and_connected_person_reads_back_whole() {
    let running = start(62).await;
    let client = client_for(&running);
    let created = client
        .create_connected_person(&sample_person("FULL1"), &connection_to("9001", "FULL1"))
        .await
        .expect("created");
    let read = client
        .person_details_by_employee_code("FULL1")
        .await
        .expect("a read")
        .expect("found");
    assert_eq!(read.id, created.person.id);
    assert_eq!(read.status, Some(WorknicePersonStatus::Active));
    assert_eq!(read.personal.middle_name.as_deref(), Some("Anne"));
    assert_eq!(read.mobile_phone.as_deref(), Some("0412 345 678"));
    assert_eq!(
        read.residential_address
            .as_ref()
            .map(|a| a.postcode.as_str()),
        Some("2000")
    );
    assert_eq!(
        read.tax.as_ref().map(|t| t.tfn.expose().as_str()),
        Some(SAMPLE_TFN)
    );
    assert_eq!(
        read.bank_accounts
            .iter()
            .map(|a| (
                a.bsb.as_str(),
                a.account_number.expose().as_str(),
                a.balance_of_pay
            ))
            .collect::<Vec<_>>(),
        [("062-000", SAMPLE_ACCOUNT, true)]
    );
    assert_eq!(read.super_funds[0].usi.as_deref(), Some("STA0100AU"));
    assert_eq!(read.termination_date, None);
    let connection = read.connection.expect("connected");
    assert_eq!(
        (connection.remote_id.as_str(), connection.status),
        ("9001", PersonConnectionStatus::Connected)
    );
}

#[tokio::test]
async fn an_unreadable_person_is_reported_on_their_own_and_the_page_is_read() {
    let running = start(63).await;
    let client = client_for(&running);
    let code = running
        .server
        .people()
        .into_iter()
        .find(|p| p.employee_code.is_some() && !p.is_archived())
        .and_then(|p| p.employee_code)
        .expect("a code");
    running.server.faults().add(Fault::times(
        GRAPHQL_PATH,
        FaultKind::UnreadablePerson { code: code.clone() },
        1,
    ));
    let page = client
        .people_details_page(false, None, 1000)
        .await
        .expect("the page is read");
    assert_eq!(page.unreadable.len(), 1);
    let unreadable = &page.unreadable[0];
    assert_eq!(unreadable.employee_code.as_deref(), Some(code.as_str()));
    let reason = unreadable.unreadable.as_deref().expect("a reason");
    assert!(
        reason.contains("id") && reason.contains("displayName"),
        "{reason}"
    );
    let not_archived = running
        .server
        .people()
        .iter()
        .filter(|p| !p.is_archived())
        .count();
    assert_eq!(page.people.len() + 1, not_archived, "everyone else is read");
}

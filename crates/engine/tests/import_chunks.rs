//! The import sends new people 50 to a request: how many requests go, and
//! what one person's refusal inside a chunk does to the rest. The engine
//! against both sandboxes over real HTTP.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use paybridge_engine::{ImportProgressUpdate, ImportSelection, NoProgress};
use paybridge_sandbox::worknice::{PersonStatus, SandboxPerson};
use paybridge_sandbox::{Fault, FaultKind};

use common::{assert_accounted, setup, Setup};

#[tokio::test(flavor = "multi_thread")]
async fn new_people_go_fifty_to_a_request_and_each_is_created_once() {
    let s = setup(180, 41).await;
    let summary = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&summary);
    assert!(summary.created > 100, "{summary:?}");
    let worknice = &s.sandbox.worknice;
    assert_eq!(
        worknice.requests_served_for("CreatePeople"),
        u64::from(summary.created.div_ceil(50)),
        "one request per 50 new people"
    );
    assert_eq!(worknice.requests_served_for("CreatePerson"), 0);
    assert!(
        summary.linked > 50,
        "more than a chunk of links: {summary:?}"
    );
    assert_eq!(
        worknice.requests_served_for("ConnectPeople"),
        u64::from(summary.linked.div_ceil(50)),
        "one link request per 50 matched people"
    );
    assert_eq!(worknice.requests_served_for("ConnectPerson"), 0);
    for employee in s.sandbox.micropay.employees() {
        assert!(s.people_with_code(&employee.emp_code) <= 1);
    }
    assert_eq!(
        worknice.connections().len() as u32,
        summary.created + summary.linked
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn one_refused_person_in_a_chunk_is_held_with_worknices_reason_and_the_rest_are_created() {
    let s = setup(40, 42).await;
    let new = five_new_employees(&s).await;
    let taken = new[2].clone();
    // Somebody makes a person with one of the codes after the import has
    // read Worknice: Worknice refuses that alias of the chunk alone.
    let armed = AtomicBool::new(false);
    let arm = |_: ImportProgressUpdate| {
        if !armed.swap(true, Ordering::SeqCst) {
            s.sandbox.worknice.add_person(SandboxPerson {
                id: "someone-else".to_owned(),
                display_name: "Somebody Else".to_owned(),
                status: PersonStatus::Active,
                employee_code: Some(taken.clone()),
                start_date: None,
                profile_email: None,
                profile_phone: None,
                location: None,
                position_title: None,
            });
        }
    };
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(new.clone()), false, &arm)
        .await
        .expect("imports");
    assert_accounted(&summary);
    assert_eq!(summary.created, 4, "{summary:?}");
    assert_eq!(summary.held.len(), 1, "{summary:?}");
    assert_eq!(summary.held[0].emp_code, taken);
    assert!(
        summary.held[0]
            .reason
            .contains("did not see when the run started"),
        "{:?}",
        summary.held
    );
    let worknice = &s.sandbox.worknice;
    assert_eq!(worknice.requests_served_for("CreatePeople"), 1);
    assert_eq!(
        worknice.requests_served_for("CreatePerson"),
        0,
        "nothing resent"
    );
    for code in &new {
        assert_eq!(s.people_with_code(code), 1, "{code}");
    }
    assert!(worknice
        .connections()
        .iter()
        .all(|connection| connection.employee_code != taken));
    assert_eq!(worknice.connections().len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chunk_refused_as_a_whole_is_sent_one_by_one_and_nobody_is_held_for_it() {
    let s = setup(40, 43).await;
    let new = five_new_employees(&s).await;
    // Worknice refuses the chunk's request as it stands (as a GraphQL
    // server answers one person's value it cannot read, with a 400):
    // nothing in it was created, and nothing says whose value it was.
    let worknice = &s.sandbox.worknice;
    worknice
        .faults()
        .add(Fault::times("/api/graphql", FaultKind::Status(400), 1).for_operation("CreatePeople"));
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(new.clone()), false, &NoProgress)
        .await
        .expect("imports");
    assert_eq!(worknice.faults().fired(), 1);
    assert_accounted(&summary);
    assert!(summary.held.is_empty(), "{:?}", summary.held);
    assert_eq!(summary.created, 5, "{summary:?}");
    assert_eq!(
        worknice.requests_served_for("CreatePerson"),
        5,
        "each sent alone"
    );
    for code in &new {
        assert_eq!(s.people_with_code(code), 1, "{code}");
    }
}

/// Five current employees not in Worknice yet: one chunk's worth to import.
async fn five_new_employees(s: &Setup) -> Vec<String> {
    let new: Vec<String> = s.new_codes().await.into_iter().take(5).collect();
    assert_eq!(new.len(), 5);
    new
}

/// A link request refused as a whole (a 400) may be one person's doing:
/// each is then sent alone, so the others are not held for it.
#[tokio::test(flavor = "multi_thread")]
async fn a_chunk_of_links_refused_as_a_whole_is_sent_one_by_one_not_held() {
    let s = setup(60, 41).await;
    s.sandbox.worknice.faults().add(
        Fault::times("/api/graphql", FaultKind::Status(400), 1).for_operation("ConnectPeople"),
    );
    let summary = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("the import runs to the end");
    assert_accounted(&summary);
    assert!(summary.linked > 1, "{summary:?}");
    let worknice = &s.sandbox.worknice;
    assert_eq!(worknice.faults().fired(), 1);
    assert!(
        !summary
            .held
            .iter()
            .any(|held| held.reason.contains("did not link")),
        "{:?}",
        summary.held
    );
    assert!(worknice.requests_served_for("ConnectPerson") > 1);
}

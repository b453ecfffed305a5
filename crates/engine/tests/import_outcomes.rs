//! How the import settles what Worknice answers when a create goes wrong:
//! a refusal is held at once, a lost answer is never guessed at, a person
//! nobody saw is not linked, and one item that cannot be settled never
//! stops the rest. The engine against both sandboxes over real HTTP.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use paybridge_domain::Sensitive;
use paybridge_engine::{
    ImportProgressUpdate, ImportSelection, ImportSummary, LinkState, NoProgress,
};
use paybridge_sandbox::worknice::{PersonStatus, SandboxPerson, GRAPHQL_PATH};
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{NewPersonConnection, WorkniceClient, WorkniceConfig};

use common::{assert_accounted, setup, Setup};

async fn new_codes(s: &Setup, n: usize) -> Vec<String> {
    let candidates = s.engine.employees().await.expect("employees load");
    let codes: Vec<String> = candidates
        .iter()
        .filter(|c| c.link_state == LinkState::New && !c.terminated)
        .take(n)
        .map(|c| c.emp_code.clone())
        .collect();
    assert_eq!(codes.len(), n, "enough new employees");
    codes
}

fn only(code: &str) -> ImportSelection {
    ImportSelection::EmpCodes(vec![code.to_owned()])
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plain_refusal_of_the_create_is_held_at_once_not_retried() {
    let s = setup(30, 21).await;
    let code = new_codes(&s, 1).await.remove(0);
    s.sandbox
        .worknice
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(422), 1).for_operation("CreatePeople"));
    let summary = s
        .engine
        .import(only(&code), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&summary);
    assert_eq!(summary.held_count, 1, "{summary:?}");
    assert!(
        summary.held[0].reason.contains("did not accept"),
        "{:?}",
        summary.held
    );
    assert_eq!(summary.retry_next_run_count, 0);
    assert_eq!(
        s.sandbox.worknice.requests_served_for("CreatePeople"),
        0,
        "the refused create is not sent again"
    );
    assert_eq!(
        s.sandbox
            .worknice
            .requests_served_for("PersonByEmployeeCode"),
        0,
        "a refusal needs no look-up"
    );
    assert_eq!(s.people_with_code(&code), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_create_whose_look_up_fails_is_never_held_nor_stops_later_runs() {
    let s = setup(30, 22).await;
    let codes = new_codes(&s, 2).await;
    let (lost, other) = (&codes[0], &codes[1]);
    let worknice = &s.sandbox.worknice;
    // The create goes through and its answer is cut off; every look-up is
    // refused with a 400 until the faults are cleared.
    worknice.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("CreatePeople"),
    );
    for operation in ["PersonByEmployeeCode", "PeopleByEmployeeCode"] {
        worknice
            .faults()
            .add(Fault::rate(GRAPHQL_PATH, FaultKind::Status(400), 1.0).for_operation(operation));
    }
    let first = s
        .engine
        .import(only(lost), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&first);
    assert_eq!(
        first.held_count, 0,
        "not held without its person: {first:?}"
    );
    assert_eq!(first.retry_next_run_count, 1, "{first:?}");
    assert_eq!(s.people_with_code(lost), 1, "the create went through");

    // Still no look-up: the run goes on and sends no second create.
    let creates = worknice.requests_served_for("CreatePeople");
    let second = s
        .engine
        .import(only(lost), false, &NoProgress)
        .await
        .expect("one unsettled item does not stop the import");
    assert_accounted(&second);
    assert_eq!(second.retry_next_run_count, 1, "{second:?}");
    assert!(second.partial);
    assert_eq!(worknice.requests_served_for("CreatePeople"), creates);

    // Worknice answers again: recovery links the person it made, and the run
    // counts them although they are outside its selection.
    worknice.faults().clear();
    let third = s
        .engine
        .import(only(other), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&third);
    assert_eq!((third.listed, third.created), (2, 2), "{third:?}");
    assert_eq!(s.people_with_code(lost), 1, "no duplicate");
    assert_eq!(s.people_with_code(other), 1);
    assert_eq!(
        worknice.requests_served_for("ConnectPerson")
            + worknice.requests_served_for("ConnectPeople"),
        0,
        "the interrupted create carried its link: recovery records it, sends none"
    );
    let links = s.engine.employees().await.expect("employees load");
    assert!(links
        .iter()
        .filter(|c| c.emp_code == *lost || c.emp_code == *other)
        .all(|c| matches!(c.link_state, LinkState::AlreadyLinked { .. })));
}

/// Imports `code`; at the first progress update, after the import has read
/// Worknice, somebody else makes a person with that code.
async fn import_while_somebody_else_takes(s: &Setup, code: &str) -> ImportSummary {
    let armed = AtomicBool::new(false);
    let arm = |_: ImportProgressUpdate| {
        if !armed.swap(true, Ordering::SeqCst) {
            s.sandbox.worknice.add_person(SandboxPerson {
                id: "someone-else".to_owned(),
                display_name: "Somebody Else".to_owned(),
                status: PersonStatus::Active,
                employee_code: Some(code.to_owned()),
                start_date: None,
                profile_email: None,
                profile_phone: None,
                location: None,
                position_title: None,
            });
        }
    };
    s.engine
        .import(only(code), false, &arm)
        .await
        .expect("imports")
}

#[tokio::test(flavor = "multi_thread")]
async fn code_taken_by_a_person_nobody_saw_is_held_not_linked() {
    let s = setup(30, 23).await;
    let code = new_codes(&s, 1).await.remove(0);
    let worknice = &s.sandbox.worknice;
    // Someone makes a person with the code after the import read Worknice.
    let summary = import_while_somebody_else_takes(&s, &code).await;
    assert_accounted(&summary);
    assert_eq!((summary.created, summary.linked), (0, 0), "{summary:?}");
    assert_eq!(summary.held_count, 1);
    assert!(
        summary.held[0]
            .reason
            .contains("did not see when the run started"),
        "{:?}",
        summary.held
    );
    assert!(worknice.connections().is_empty(), "nobody was linked");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_create_then_code_taken_by_somebody_else_is_not_claimed() {
    let s = setup(30, 24).await;
    let code = new_codes(&s, 1).await.remove(0);
    let worknice = &s.sandbox.worknice;
    // The first create's answer is lost before it is applied (a 503), and
    // meanwhile somebody else takes the code.
    worknice
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1).for_operation("CreatePeople"));
    let summary = import_while_somebody_else_takes(&s, &code).await;
    assert_accounted(&summary);
    assert_eq!(summary.created, 0, "not claimed as created: {summary:?}");
    assert_eq!(summary.held_count, 1, "{summary:?}");
    assert!(worknice.connections().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_payroll_record_linked_to_another_person_is_held_and_nobody_is_created() {
    let s = setup(30, 25).await;
    let code = new_codes(&s, 1).await.remove(0);
    let id_employee = s
        .sandbox
        .micropay
        .employees()
        .iter()
        .find(|employee| employee.emp_code == code)
        .expect("seeded")
        .id_employee;
    // In Worknice, somebody linked another person to this payroll record.
    let worknice = &s.sandbox.worknice;
    worknice.add_person(SandboxPerson {
        id: "linked-elsewhere".to_owned(),
        display_name: "Somebody Else".to_owned(),
        status: PersonStatus::Active,
        employee_code: Some("ELSEWHERE-1".to_owned()),
        start_date: None,
        profile_email: None,
        profile_phone: None,
        location: None,
        position_title: None,
    });
    let credentials = worknice.credentials();
    WorkniceClient::new(
        WorkniceConfig::parse(&credentials.url, Sensitive::new(credentials.token.clone()))
            .expect("sandbox config"),
    )
    .expect("a client")
    .connect_person(
        "linked-elsewhere",
        &NewPersonConnection {
            remote_id: id_employee.to_string(),
            employee_code: "ELSEWHERE-1".to_owned(),
        },
    )
    .await
    .expect("linked");

    let summary = s
        .engine
        .import(only(&code), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&summary);
    assert_eq!((summary.created, summary.held_count), (0, 1), "{summary:?}");
    assert_eq!(
        worknice.requests_served_for("CreatePeople"),
        1,
        "tried once"
    );
    assert_eq!(
        worknice.requests_served_for("PersonByEmployeeCode"),
        0,
        "a refusal needs no look-up"
    );
    assert_eq!(s.people_with_code(&code), 0, "nobody was created");
    // Said in a payroll officer's words: which employee, what to do.
    let reason = &summary.held[0].reason;
    assert!(
        reason.contains("already linked to another Worknice person") && reason.contains("unlink"),
        "{reason}"
    );
    assert!(
        !reason.contains(&format!("Worknice person {code}")),
        "{reason}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_termination_date_still_to_come_is_not_a_leaver_yet() {
    let s = setup(40, 25).await;
    let candidates = s.engine.employees().await.expect("employees load");
    let leaver = candidates
        .iter()
        .find(|c| c.terminated && c.link_state == LinkState::New)
        .expect("a leaver Worknice does not have");
    let left = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|e| e.emp_code == leaver.emp_code)
        .and_then(|e| e.termination_date)
        .expect("a termination date");
    // Two days before they leave, whatever this machine's time zone.
    let before_leaving = (left - chrono::Days::new(2))
        .and_hms_opt(12, 0, 0)
        .expect("a time")
        .and_utc();
    let engine = paybridge_engine::Engine::open_with_clock(
        s.options.clone(),
        std::sync::Arc::new(paybridge_engine::FixedClock(before_leaving)),
    )
    .expect("engine opens");
    let summary = engine
        .import(only(&leaver.emp_code), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&summary);
    assert_eq!(summary.created, 1, "still employed that day: {summary:?}");
    assert!(summary.skipped_records.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_token_ends_the_run_as_failed() {
    let s = setup(30, 26).await;
    let codes = new_codes(&s, 6).await;
    s.sandbox
        .worknice
        .faults()
        .add(Fault::rate(GRAPHQL_PATH, FaultKind::Status(401), 1.0).for_operation("CreatePeople"));
    let error = s
        .engine
        .import(ImportSelection::EmpCodes(codes.clone()), false, &NoProgress)
        .await
        .expect_err("the run fails");
    assert_eq!(
        error.code,
        paybridge_engine::ErrorCode::TokenRejected,
        "{error:?}"
    );
    assert!(error.message.contains("API token"), "{error:?}");
    assert!(
        s.sandbox.worknice.faults().fired() <= 4,
        "no employee after the first refusals is sent: {}",
        s.sandbox.worknice.faults().fired()
    );

    // Fixed, the next run does them all.
    s.sandbox.worknice.faults().clear();
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(codes), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&summary);
    assert_eq!(summary.created, 6, "{summary:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_employee_gets_only_so_long_against_a_hung_worknice() {
    let s = setup(30, 27).await;
    let code = new_codes(&s, 1).await.remove(0);
    s.engine.set_import_patience(paybridge_engine::Patience {
        per_employee: std::time::Duration::from_millis(300),
        breaker_cool_down: std::time::Duration::from_millis(100),
    });
    s.sandbox.worknice.faults().add(
        Fault::rate(
            GRAPHQL_PATH,
            FaultKind::Latency(std::time::Duration::from_secs(20)),
            1.0,
        )
        .for_operation("CreatePeople"),
    );
    let started = std::time::Instant::now();
    let summary = s
        .engine
        .import(only(&code), false, &NoProgress)
        .await
        .expect("imports");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "gave up on the employee in time: {:?}",
        started.elapsed()
    );
    assert_accounted(&summary);
    assert_eq!(summary.retry_next_run_count, 1, "{summary:?}");
    assert!(summary.retry_next_run[0].reason.contains("took too long"));

    s.sandbox.worknice.faults().clear();
    let next = s
        .engine
        .import(only(&code), false, &NoProgress)
        .await
        .expect("imports");
    assert_accounted(&next);
    assert_eq!(next.created, 1, "{next:?}");
    assert_eq!(s.people_with_code(&code), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bare_fetch_floor_does_the_same_requests_as_the_picker() {
    let s = setup(30, 28).await;
    let before = s.engine.request_counts();
    s.engine.employees().await.expect("employees load");
    let picker = s.engine.request_counts();
    let (employees, _) = s.engine.bare_fetch().await.expect("fetches");
    let bare = s.engine.request_counts();
    assert_eq!(employees, 30);
    assert_eq!(
        (
            bare.micropay - picker.micropay,
            bare.worknice - picker.worknice
        ),
        (
            picker.micropay - before.micropay,
            picker.worknice - before.worknice
        ),
        "counted the same way"
    );
}

//! What the next run owes the creates an earlier run left unsettled: the
//! look-ups go a chunk's worth to a request, a person found under the code
//! with another name is held rather than claimed, and a chunk Worknice
//! never took (a 429 outlasting the retries) owes no look-up at all, and a
//! create whose commits a power cut lost is linked, not made again. The
//! engine against both sandboxes over real HTTP.

mod common;

use paybridge_engine::{Engine, ImportSelection, ImportSummary, NoProgress};
use paybridge_sandbox::worknice::{PersonStatus, SandboxPerson, GRAPHQL_PATH};
use paybridge_sandbox::{Fault, FaultKind};

use common::{assert_accounted, setup, Setup};

const SEED: u64 = 31;
/// Passing trouble the run cannot wait out: it is left for the next run.
const WAIT_AN_HOUR: FaultKind = FaultKind::RateLimited {
    retry_after_secs: 3600,
};

async fn import(s: &Setup, codes: &[String]) -> ImportSummary {
    let summary = s
        .engine
        .import(
            ImportSelection::EmpCodes(codes.to_vec()),
            false,
            &NoProgress,
        )
        .await
        .expect("the import runs to the end");
    assert_accounted(&summary);
    summary
}

fn look_ups(s: &Setup) -> (u64, u64) {
    let worknice = &s.sandbox.worknice;
    (
        worknice.requests_served_for("PersonByEmployeeCode"),
        worknice.requests_served_for("PeopleByEmployeeCode"),
    )
}

/// Every create's answer is cut off and Worknice cannot be asked about
/// them, one at a time or together: the run leaves them `creating`.
fn lose_every_create(s: &Setup, kind: FaultKind) {
    let faults = s.sandbox.worknice.faults();
    faults.add(Fault::rate(GRAPHQL_PATH, kind, 1.0).for_operation("CreatePeople"));
    for operation in [
        "CreatePerson",
        "PersonByEmployeeCode",
        "PeopleByEmployeeCode",
    ] {
        faults.add(Fault::rate(GRAPHQL_PATH, WAIT_AN_HOUR, 1.0).for_operation(operation));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn interrupted_creates_are_looked_up_a_chunk_at_a_time() {
    let s = setup(150, SEED).await;
    let codes = s.new_codes().await;
    assert!(codes.len() > 60, "more than a chunk: {}", codes.len());
    let codes = &codes[..60];
    lose_every_create(&s, FaultKind::DropAfterApply);
    let lost = import(&s, codes).await;
    assert_eq!(lost.created, 0, "nothing was confirmed: {lost:?}");
    let left = s
        .open_store()
        .imports()
        .unfinished_items()
        .expect("reads")
        .len();
    assert!(left > 50, "more than a chunk left creating: {left}");

    s.sandbox.worknice.faults().clear();
    let before = look_ups(&s);
    let next = import(&s, codes).await;
    let after = look_ups(&s);
    assert!(!next.partial, "{:?}", next.retry_next_run);
    assert_eq!(next.created as usize, codes.len(), "{next:?}");
    assert_eq!(after.0 - before.0, 0, "no look-up one at a time");
    assert_eq!(
        after.1 - before.1,
        left.div_ceil(50) as u64,
        "one look-up per 50 left creating"
    );
    for code in codes {
        assert_eq!(s.people_with_code(code), 1, "{code}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn somebody_else_found_under_an_interrupted_creates_code_is_held_not_linked() {
    let s = setup(30, SEED).await;
    let code = s.new_codes().await.remove(0);
    // The create never reaches Worknice, but the run cannot know that.
    lose_every_create(&s, FaultKind::DropConnection);
    let lost = import(&s, std::slice::from_ref(&code)).await;
    assert_eq!(
        (lost.created, lost.retry_next_run_count),
        (0, 1),
        "{lost:?}"
    );
    assert_eq!(s.people_with_code(&code), 0);
    // Meanwhile someone makes a person with that Employee ID in Worknice.
    s.sandbox.worknice.faults().clear();
    s.sandbox.worknice.add_person(SandboxPerson {
        id: "someone-else".to_owned(),
        display_name: "Quentin Otherperson".to_owned(),
        status: PersonStatus::Active,
        employee_code: Some(code.clone()),
        start_date: None,
        profile_email: None,
        profile_phone: None,
        location: None,
        position_title: None,
    });

    let next = import(&s, std::slice::from_ref(&code)).await;
    assert_eq!((next.created, next.linked), (0, 0), "{next:?}");
    assert_eq!(next.held.len(), 1, "{next:?}");
    assert_eq!(next.held[0].emp_code, code);
    assert!(
        next.held[0].reason.contains("another name"),
        "{}",
        next.held[0].reason
    );
    assert!(
        !s.sandbox
            .worknice
            .connections()
            .iter()
            .any(|c| c.employee_code == code),
        "not linked to somebody else's person"
    );
    assert_eq!(s.open_store().links().get(&code).expect("reads"), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chunk_worknice_kept_asking_to_wait_owes_the_next_run_no_look_up() {
    let s = setup(60, SEED).await;
    let codes = s.new_codes().await;
    let codes = &codes[..codes.len().min(20)];
    s.sandbox
        .worknice
        .faults()
        .add(Fault::rate(GRAPHQL_PATH, WAIT_AN_HOUR, 1.0).for_operation("CreatePeople"));
    let waited = import(&s, codes).await;
    assert!(waited.partial);
    assert_eq!(waited.created, 0, "{waited:?}");
    let creating = s
        .open_store()
        .imports()
        .unfinished_items()
        .expect("reads")
        .into_iter()
        .filter(|item| item.state == paybridge_store::ItemState::Creating)
        .count();
    assert_eq!(creating, 0, "a 429 means nothing was created");

    s.sandbox.worknice.faults().clear();
    let before = look_ups(&s);
    let next = import(&s, codes).await;
    assert_eq!(look_ups(&s), before, "nothing to look up");
    assert!(!next.partial, "{:?}", next.retry_next_run);
    assert_eq!(next.created as usize, codes.len(), "{next:?}");
    for code in codes {
        assert_eq!(s.people_with_code(code), 1, "{code}");
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("reads") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copies");
        }
    }
}

/// With `synchronous = NORMAL` a power cut can lose the last commits: here
/// every one the import made, "creating" included, after Worknice made the
/// person. The next run finds them by Employee ID and links them; it does
/// not create them again.
#[tokio::test(flavor = "multi_thread")]
async fn a_create_whose_commits_a_power_cut_lost_is_linked_next_run_not_made_twice() {
    let mut s = setup(30, SEED).await;
    let code = s.new_codes().await.remove(0);
    // The data folder as the disk would hold it had none of the import's
    // commits reached it (the engine is idle: the copy is consistent).
    let on_disk = tempfile::tempdir().expect("temp dir");
    copy_dir(s.dir.path(), on_disk.path());
    let first = import(&s, std::slice::from_ref(&code)).await;
    assert_eq!(first.created, 1, "{first:?}");

    // The machine comes back with what the disk kept.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    drop(std::mem::replace(
        &mut s.engine,
        Engine::open(common::options(&elsewhere)).expect("opens"),
    ));
    std::fs::remove_dir_all(s.dir.path()).expect("removes");
    copy_dir(on_disk.path(), s.dir.path());
    s.engine = Engine::open(s.options.clone()).expect("the engine opens what the disk kept");
    assert!(s.open_store().links().get(&code).expect("reads").is_none());

    let next = import(&s, std::slice::from_ref(&code)).await;
    assert_eq!((next.created, next.linked), (0, 1), "{next:?}");
    assert!(next.held.is_empty(), "{:?}", next.held);
    assert_eq!(s.people_with_code(&code), 1, "made once");
    let connections = s.sandbox.worknice.connections();
    assert_eq!(
        connections
            .iter()
            .filter(|c| c.employee_code == code)
            .count(),
        1
    );
    assert!(s.open_store().links().get(&code).expect("reads").is_some());
}

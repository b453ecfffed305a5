//! What keeps imports safe around each other: one at a time across engines
//! (processes) on one data folder, cancel before anything is written, and a
//! person created but not linked finishing as created on the next run.

mod common;

use std::time::Duration;

use paybridge_engine::{
    Engine, ErrorCode, ImportProgressUpdate, ImportSelection, LinkState, NoProgress,
};
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_store::{ItemState, LinkHow};

use common::setup;

/// A new, current employee's code.
async fn a_new_employee(engine: &Engine) -> String {
    engine
        .employees()
        .await
        .expect("employees load")
        .into_iter()
        .find(|c| c.link_state == LinkState::New && !c.terminated)
        .expect("a new employee")
        .emp_code
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_engine_on_the_same_data_folder_is_told_an_import_is_running() {
    let s = setup(30, 21).await;
    // The creates take a while (one request for the chunk of new people),
    // so the first import is still running when the second engine asks.
    s.sandbox.worknice.faults().add(
        Fault::rate(
            "/api/graphql",
            FaultKind::Latency(Duration::from_millis(500)),
            1.0,
        )
        .for_operation("CreatePeople"),
    );
    // The same folder and keyring: another window, or `paybridge import`.
    let other = Engine::open(s.options.clone()).expect("a second engine opens");
    let started = tokio::sync::Notify::new();
    let on_progress = |_: ImportProgressUpdate| started.notify_one();

    let (first, second) = tokio::join!(
        s.engine.import(ImportSelection::All, false, &on_progress),
        async {
            started.notified().await;
            other.import(ImportSelection::All, false, &NoProgress).await
        }
    );

    let refused = second.expect_err("the second import is refused");
    assert_eq!(refused.code, ErrorCode::Busy);
    assert!(
        refused
            .message
            .starts_with("Another Paybridge window or command is importing right now"),
        "{}",
        refused.message
    );
    let first = first.expect("the first import finishes");
    assert!(first.created > 0, "{first:?}");
    assert!(
        !other.cancel_import(),
        "the refused engine has no import of its own to cancel"
    );

    // The lock goes with the import: the other engine may import now, and
    // finds nothing left to do.
    let after = other
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("the lock was released");
    assert_eq!((after.created, after.linked), (0, 0));
    for employee in s.sandbox.micropay.employees() {
        assert!(
            s.people_with_code(&employee.emp_code) <= 1,
            "{}",
            employee.emp_code
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_during_the_read_writes_no_backup_and_starts_no_run() {
    let s = setup(30, 22).await;
    // Reading MicrOpay takes a while, as it does with a real payroll.
    s.sandbox.micropay.faults().add(Fault::rate(
        "",
        FaultKind::Latency(Duration::from_millis(100)),
        1.0,
    ));
    let people_before = s.sandbox.worknice.people().len();

    let (summary, ()) = tokio::join!(
        s.engine.import(ImportSelection::All, false, &NoProgress),
        async {
            // True once the import has started (and is reading).
            while !s.engine.cancel_import() {
                tokio::task::yield_now().await;
            }
        }
    );

    let summary = summary.expect("a cancelled import still reports");
    assert!(summary.cancelled);
    assert_eq!((summary.created, summary.linked), (0, 0));
    assert_eq!(summary.backup_id, None);
    assert!(
        s.engine.backups().await.expect("backups").is_empty(),
        "no backup was written"
    );
    assert_eq!(s.sandbox.worknice.requests_served_for("CreatePeople"), 0);
    assert_eq!(s.sandbox.worknice.people().len(), people_before);
    assert!(s.sandbox.worknice.connections().is_empty());
    assert!(!s.engine.cancel_import(), "nothing is running any more");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_person_is_created_already_linked_so_a_refused_link_cannot_strand_them() {
    let s = setup(30, 23).await;
    let code = a_new_employee(&s.engine).await;
    // Worknice would refuse a separate link request; the create carries
    // the link, so none is sent.
    s.sandbox.worknice.faults().add(
        Fault::times("/api/graphql", FaultKind::Status(400), 1).for_operation("ConnectPerson"),
    );

    let first = s
        .engine
        .import(
            ImportSelection::EmpCodes(vec![code.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("imports");
    assert_eq!(s.sandbox.worknice.faults().fired(), 0);
    assert_eq!((first.created, first.linked, first.held.len()), (1, 0, 0));
    assert_eq!(s.people_with_code(&code), 1);
    assert_eq!(s.sandbox.worknice.requests_served_for("CreatePeople"), 1);
    assert_eq!(s.sandbox.worknice.requests_served_for("ConnectPerson"), 0);
    assert_eq!(s.sandbox.worknice.requests_served_for("ConnectPeople"), 0);
    let connections = s.sandbox.worknice.connections();
    assert_eq!(
        connections
            .iter()
            .filter(|c| c.employee_code == code)
            .count(),
        1,
        "linked in Worknice"
    );

    // Recorded as created, with what was imported fingerprinted.
    let store = s.open_store();
    let link = store.links().get(&code).expect("reads").expect("linked");
    assert_eq!(link.how, LinkHow::Created);
    assert!(!store.links().fingerprints(&code).expect("reads").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_during_recovery_leaves_the_unfinished_items_recoverable() {
    let s = setup(30, 24).await;
    let worknice = &s.sandbox.worknice;
    // A chunk's creates are applied but their answer is lost, and the
    // look-ups that would settle them are slow: the chunk is left
    // `creating` when the run stops. Links are slow too, so the run stops
    // before they are recorded and leaves its matches pending, work for the
    // cancelled run below not to reach. (Latency on the creates alone
    // raced: their answer could be recorded before the run was stopped.)
    worknice.faults().add(
        Fault::rate("/api/graphql", FaultKind::DropAfterApply, 1.0).for_operation("CreatePeople"),
    );
    for operation in ["PersonByEmployeeCode", "ConnectPeople"] {
        worknice.faults().add(
            Fault::rate(
                "/api/graphql",
                FaultKind::Latency(Duration::from_millis(3000)),
                1.0,
            )
            .for_operation(operation),
        );
    }
    let codes_before: std::collections::HashSet<Option<String>> = worknice
        .people()
        .into_iter()
        .map(|person| person.employee_code)
        .collect();
    let people_before = worknice.people().len();
    // The run stops with creates in flight, as a killed process would: its
    // items stay unfinished in the outbox.
    tokio::select! {
        summary = s.engine.import(ImportSelection::All, false, &NoProgress) => {
            panic!("the import finished before it was stopped: {summary:?}")
        }
        () = async {
            while worknice.people().len() == people_before {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        } => {}
    }
    worknice.faults().clear();
    let creates_sent = worknice.requests_served_for("CreatePeople");
    let left_creating: Vec<String> = s
        .open_store()
        .imports()
        .unfinished_items()
        .expect("reads")
        .into_iter()
        .filter(|item| item.state == ItemState::Creating)
        .map(|item| item.emp_code)
        .collect();
    // Without one, recovery would look nobody up and the wait below never end.
    assert!(
        !left_creating.is_empty(),
        "the stopped run left creates unfinished"
    );

    // Recovery looks the unfinished creates up (one request for them all);
    // that look-up is slow, and the cancel comes while it is in flight
    // (once answered, the cancel could come after the run's last check).
    let fired = worknice.faults().fired();
    worknice.faults().add(
        Fault::rate(
            "/api/graphql",
            FaultKind::Latency(Duration::from_millis(300)),
            1.0,
        )
        .for_operation("PeopleByEmployeeCode"),
    );
    let (cancelled, ()) = tokio::join!(
        s.engine.import(ImportSelection::All, false, &NoProgress),
        async {
            while worknice.faults().fired() == fired {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            assert!(s.engine.cancel_import(), "the import is still running");
        }
    );
    let cancelled = cancelled.expect("a cancelled import still reports");
    assert!(cancelled.cancelled, "{cancelled:?}");
    // Recovery may send again only a create that never reached Worknice
    // (the stopped run's request was cut off in flight); no new employee is
    // started once the cancel has come.
    let resent = worknice.requests_served_for("CreatePeople") - creates_sent;
    assert!(
        resent <= left_creating.len() as u64,
        "the cancelled run sent {resent} creates for {} unfinished items",
        left_creating.len()
    );
    worknice.faults().clear();

    // The next run finishes what both left: everyone once, linked.
    let last = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("imports");
    assert!(!last.cancelled && !last.partial, "{last:?}");
    for employee in s.sandbox.micropay.employees() {
        assert!(
            s.people_with_code(&employee.emp_code) <= 1,
            "{} is in Worknice twice",
            employee.emp_code
        );
    }
    // Each person the runs created, those the stopped run left unfinished
    // among them, is linked to its employee as created: a create that the
    // cancel lost would come back only as a match of an existing person.
    let store = s.open_store();
    let states = s.engine.employees().await.expect("employees load");
    let created: Vec<String> = worknice
        .people()
        .into_iter()
        .filter(|person| !codes_before.contains(&person.employee_code))
        .filter_map(|person| person.employee_code)
        .collect();
    assert!(!created.is_empty());
    for code in created {
        let row = states
            .iter()
            .find(|row| row.emp_code == code)
            .expect("a MicrOpay employee");
        assert!(
            matches!(row.link_state, LinkState::AlreadyLinked { .. }),
            "{code} has a Worknice person but is not linked: {:?}",
            row.link_state
        );
        let link = store.links().get(&code).expect("reads").expect("linked");
        assert_eq!(link.how, LinkHow::Created, "{code}");
    }
    for code in &left_creating {
        assert_eq!(
            store.links().get(code).expect("reads").map(|link| link.how),
            Some(LinkHow::Created),
            "{code} was being created when the first run stopped"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_that_cannot_be_written_stops_the_import_before_any_worknice_write() {
    let s = setup(30, 24).await;
    let people_before = s.sandbox.worknice.people().len();
    // A file where the backups folder goes: the backup cannot be written.
    let folder = s.options.data_dir.join("backups");
    std::fs::write(&folder, b"not a folder").expect("writes");

    let refused = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect_err("no backup, no import");
    assert_eq!(refused.code, ErrorCode::Storage, "{}", refused.message);
    assert_eq!(s.sandbox.worknice.requests_served_for("CreatePeople"), 0);
    assert_eq!(s.sandbox.worknice.requests_served_for("ConnectPeople"), 0);
    assert_eq!(s.sandbox.worknice.people().len(), people_before);
    assert!(s.sandbox.worknice.connections().is_empty());

    // With the folder back, the next import backs up first and brings
    // everyone across once.
    std::fs::remove_file(&folder).expect("removes");
    let summary = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("imports");
    assert!(summary.backup_id.is_some(), "{summary:?}");
    assert!(summary.created > 0, "{summary:?}");
    common::assert_accounted(&summary);
    for employee in s.sandbox.micropay.employees() {
        assert!(
            s.people_with_code(&employee.emp_code) <= 1,
            "{}",
            employee.emp_code
        );
    }
}

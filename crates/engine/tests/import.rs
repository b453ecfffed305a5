//! Link states and the import, end to end: the engine against both sandbox
//! servers over real HTTP, secrets in the throwaway keyring of
//! scripts/in-test-session.sh.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use paybridge_engine::{
    ImportOptions, ImportProgressUpdate, ImportSelection, LinkState, NoProgress,
};
use paybridge_sandbox::{Fault, FaultKind};

use common::setup;

/// The sandbox's planted defects, by index.
const INVALID_BSB: usize = 4;
const INVALID_TFN: usize = 9;
const TWO_BALANCE_ACCOUNTS: usize = 14;
const NO_EMP_CODE: usize = 19;

fn reasons(state: &LinkState) -> String {
    match state {
        LinkState::CantImport { reasons } => reasons.join(" | "),
        other => panic!("expected can't import, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_link_state_is_reported() {
    let s = setup(40, 11).await;
    let candidates = s.engine.employees().await.expect("employees load");
    assert_eq!(candidates.len(), 40, "terminated employees are listed too");
    let by_id: BTreeMap<i64, _> = candidates.iter().map(|c| (c.id_employee, c)).collect();
    let state = |index: usize| &by_id[&s.employee(index).id_employee].link_state;

    assert!(reasons(state(INVALID_BSB)).contains("Invalid BSB"));
    assert!(reasons(state(INVALID_TFN)).contains("Invalid tax file number"));
    assert!(reasons(state(TWO_BALANCE_ACCOUNTS)).contains("Only one bank account"));
    assert!(reasons(state(NO_EMP_CODE)).contains("No employee code"));
    assert!(by_id[&s.employee(17).id_employee].terminated);
    assert!(!by_id[&s.employee(17).id_employee].location.is_empty());
    assert_eq!(
        by_id[&s.employee(0).id_employee].payroll_company,
        "Demo Pty Ltd"
    );

    // Every Worknice person with a payroll code is a match; the rest are new.
    let worknice: BTreeMap<String, String> = s
        .sandbox
        .worknice
        .people()
        .into_iter()
        .filter_map(|p| p.employee_code.map(|code| (code, p.id)))
        .collect();
    let defects = [INVALID_BSB, INVALID_TFN, TWO_BALANCE_ACCOUNTS, NO_EMP_CODE]
        .map(|index| s.employee(index).id_employee);
    let mut matches = 0;
    for candidate in candidates
        .iter()
        .filter(|c| !defects.contains(&c.id_employee))
    {
        match (&candidate.link_state, worknice.get(&candidate.emp_code)) {
            (LinkState::Matches { worknice_person_id }, Some(id)) => {
                assert_eq!(worknice_person_id, id);
                matches += 1;
            }
            (LinkState::New, None) => {}
            (state, person) => panic!("{}: {state:?} with {person:?}", candidate.emp_code),
        }
    }
    assert!(matches >= 10, "a third are seeded in Worknice: {matches}");

    // Importing one new employee makes it already linked.
    let new_code = candidates
        .iter()
        .find(|c| c.link_state == LinkState::New && !c.terminated)
        .expect("a new employee")
        .emp_code
        .clone();
    let summary = s
        .engine
        .import(
            ImportSelection::EmpCodes(vec![new_code.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("imports");
    assert_eq!(
        (summary.created, summary.linked, summary.held.len()),
        (1, 0, 0)
    );
    let after = s.engine.employees().await.expect("employees load");
    let linked = after
        .iter()
        .find(|c| c.emp_code == new_code)
        .expect("listed");
    assert!(
        matches!(&linked.link_state, LinkState::AlreadyLinked { .. }),
        "{:?}",
        linked.link_state
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn import_all_holds_the_bad_records_links_the_rest_and_a_second_run_creates_nothing() {
    let s = setup(40, 12).await;
    let before = s.engine.employees().await.expect("employees load");
    let current = |state: fn(&LinkState) -> bool| {
        before
            .iter()
            .filter(|c| !c.terminated && state(&c.link_state))
            .count() as u32
    };
    let expect_created = current(|state| *state == LinkState::New);
    // Leavers who match a person are linked too: that creates nothing.
    let expect_linked = before
        .iter()
        .filter(|c| matches!(c.link_state, LinkState::Matches { .. }))
        .count() as u32;
    let matched_leavers: BTreeSet<String> = before
        .iter()
        .filter(|c| c.terminated && matches!(c.link_state, LinkState::Matches { .. }))
        .map(|c| c.emp_code.clone())
        .collect();
    assert!(!matched_leavers.is_empty(), "the sandbox seeds some");
    let people_before = s.sandbox.worknice.people().len();

    let dry = s
        .engine
        .import(ImportSelection::All, true, &NoProgress)
        .await
        .expect("dry run");
    assert_eq!(
        (dry.created, dry.linked, dry.held.len()),
        (expect_created, expect_linked, 4)
    );
    assert_eq!(
        s.sandbox.worknice.people().len(),
        people_before,
        "a dry run writes nothing"
    );
    assert!(s.engine.backups().await.expect("backups").is_empty());

    let updates = std::sync::Mutex::new(Vec::<ImportProgressUpdate>::new());
    let record = |update: ImportProgressUpdate| updates.lock().expect("lock").push(update);
    let first = s
        .engine
        .import(ImportSelection::All, false, &record)
        .await
        .expect("imports");
    assert_eq!(
        (first.created, first.linked),
        (expect_created, expect_linked)
    );
    assert!(
        first.backup_id.is_some(),
        "a backup is taken before the first import"
    );
    let held: BTreeSet<String> = first.held.iter().map(|h| h.emp_code.clone()).collect();
    let expected_held: BTreeSet<String> =
        [INVALID_BSB, INVALID_TFN, TWO_BALANCE_ACCOUNTS, NO_EMP_CODE]
            .iter()
            .map(|&index| s.employee(index).emp_code)
            .collect();
    assert_eq!(held, expected_held);
    assert!(first
        .held
        .iter()
        .all(|h| !h.reason.is_empty() && !h.name.is_empty()));
    let updates = updates.into_inner().expect("lock");
    let last = updates.last().expect("progress was reported");
    assert_eq!(
        (last.done, last.total),
        (
            expect_created + expect_linked,
            expect_created + expect_linked
        )
    );

    // Each current, importable employee is in Worknice exactly once, linked
    // to its own idEmployee.
    let connections = s.sandbox.worknice.connections();
    assert_eq!(connections.len() as u32, expect_created + expect_linked);
    for employee in s.sandbox.micropay.employees() {
        if employee.terminated || expected_held.contains(&employee.emp_code) {
            continue;
        }
        assert_eq!(
            s.people_with_code(&employee.emp_code),
            1,
            "{}",
            employee.emp_code
        );
        let connection = connections
            .iter()
            .find(|c| c.employee_code == employee.emp_code)
            .expect("connected");
        assert_eq!(connection.remote_id, employee.id_employee.to_string());
    }

    // Every MicrOpay employee is accounted for, the terminated ones as
    // skipped with the day they left.
    let terminated: BTreeMap<String, String> = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .filter(|e| !matched_leavers.contains(&e.emp_code))
        .filter_map(|e| {
            let left = e.termination_date?;
            Some((
                e.emp_code,
                format!("terminated on {}", left.format("%Y-%m-%d")),
            ))
        })
        .collect();
    assert!(!terminated.is_empty(), "the sandbox seeds leavers");
    let skipped: BTreeMap<String, String> = first
        .skipped_records
        .iter()
        .map(|r| (r.emp_code.clone(), r.reason.clone()))
        .collect();
    assert_eq!(skipped, terminated);
    assert_eq!(first.listed, 40);
    assert_eq!(
        first.created
            + first.linked
            + first.skipped
            + first.held_count
            + first.retry_next_run_count,
        first.listed
    );
    assert_eq!(first.held_count, 4);
    assert!(!first.partial && first.retry_next_run.is_empty());

    let people_after_first = s.sandbox.worknice.people().len();
    let second = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("imports again");
    assert_eq!((second.created, second.linked), (0, 0));
    assert_eq!(second.already_linked, expect_created + expect_linked);
    assert_eq!(
        second.skipped,
        expect_created + expect_linked + terminated.len() as u32
    );
    assert_eq!(second.held.len(), 4);
    assert_eq!(second.backup_id, None, "one backup is enough");
    assert_eq!(s.sandbox.worknice.people().len(), people_after_first);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_to_create_person_still_ends_with_one_person() {
    let s = setup(30, 13).await;
    let candidates = s.engine.employees().await.expect("employees load");
    let code = candidates
        .iter()
        .find(|c| c.link_state == LinkState::New && !c.terminated)
        .expect("a new employee")
        .emp_code
        .clone();
    // The first Worknice request after the import starts its work is the
    // create: it is applied, and its answer is cut off.
    let armed = std::sync::atomic::AtomicBool::new(false);
    let worknice = &s.sandbox.worknice;
    let arm = |_: ImportProgressUpdate| {
        if !armed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            worknice
                .faults()
                .add(Fault::times("/api/graphql", FaultKind::DropAfterApply, 1));
        }
    };
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(vec![code.clone()]), false, &arm)
        .await
        .expect("imports");
    assert_eq!(
        s.sandbox.worknice.faults().fired(),
        1,
        "the answer was cut off"
    );
    // The create goes as a chunk (of one person here); settling its lost
    // answer sends nothing again, one at a time or otherwise.
    assert_eq!(
        s.sandbox.worknice.requests_served_for("CreatePeople"),
        1,
        "the create was sent once, never again"
    );
    assert_eq!(s.sandbox.worknice.requests_served_for("CreatePerson"), 0);
    assert!(
        s.sandbox
            .worknice
            .requests_served_for("PersonByEmployeeCode")
            >= 1
    );
    assert!(summary.held.is_empty(), "{:?}", summary.held);
    assert_eq!(summary.created, 1);
    assert_eq!(s.people_with_code(&code), 1, "no duplicate person");
    assert_eq!(
        s.sandbox.worknice.requests_served_for("ConnectPerson"),
        0,
        "the look-up shows the link the lost create made"
    );
    assert_eq!(
        s.sandbox
            .worknice
            .connections()
            .iter()
            .filter(|c| c.employee_code == code)
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_codes_are_held_and_former_employees_skipped_unless_included() {
    let s = setup(40, 14).await;
    let candidates = s.engine.employees().await.expect("employees load");
    let leaver = |matched: bool| {
        candidates
            .iter()
            .find(|c| {
                c.terminated
                    && matches!(c.link_state, LinkState::Matches { .. }) == matched
                    && (matched || c.link_state == LinkState::New)
            })
            .expect("a leaver")
            .emp_code
            .clone()
    };
    let (new_leaver, matched_leaver) = (leaver(false), leaver(true));
    let former = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|e| e.emp_code == new_leaver)
        .expect("seeded");
    let left = former.termination_date.expect("a leaver");
    let codes = vec!["NOPE".to_owned(), former.emp_code.clone()];
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(codes.clone()), false, &NoProgress)
        .await
        .expect("imports");
    assert_eq!(summary.listed, 2);
    assert_eq!(summary.held.len(), 1);
    assert!(summary.held[0]
        .reason
        .contains("no employee with this code"));
    assert_eq!(summary.skipped_records.len(), 1);
    assert_eq!(summary.skipped_records[0].emp_code, former.emp_code);
    assert_eq!(
        summary.skipped_records[0].reason,
        format!("terminated on {}", left.format("%Y-%m-%d"))
    );
    assert!(
        s.sandbox.worknice.connections().is_empty(),
        "a skipped leaver is not linked"
    );

    // A leaver Worknice already has is linked: that creates nobody.
    let linked = s
        .engine
        .import(
            ImportSelection::EmpCodes(vec![matched_leaver.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("imports");
    assert_eq!((linked.created, linked.linked), (0, 1), "{linked:?}");
    assert_eq!(s.people_with_code(&matched_leaver), 1);

    // Asked for, they are imported: linked to an archived person who has
    // the code, or created.
    let in_worknice = s.people_with_code(&former.emp_code) > 0;
    let included = s
        .engine
        .import_with(
            ImportSelection::EmpCodes(codes),
            ImportOptions {
                dry_run: false,
                include_terminated: true,
            },
            &NoProgress,
        )
        .await
        .expect("imports");
    assert!(
        included.skipped_records.is_empty(),
        "{:?}",
        included.skipped_records
    );
    let expected = if in_worknice { (0, 1) } else { (1, 0) };
    assert_eq!((included.created, included.linked), expected);
    assert_eq!(s.people_with_code(&former.emp_code), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn preview_masks_the_tfn_and_account_numbers_and_unlink_undoes_a_link() {
    let s = setup(20, 15).await;
    let employee = s.employee(0);
    let preview = s
        .engine
        .employee_preview(&employee.emp_code)
        .await
        .expect("preview");
    let tfn = employee.tax.tfn.expose().clone();
    let shown = serde_json::to_string(&preview).expect("serialises");
    assert!(!shown.contains(&tfn), "TFN shown: {shown}");
    for account in &employee.bank_accounts {
        assert!(!shown.contains(account.account_number.expose().as_str()));
    }
    let tax = preview.tax.expect("tax group");
    assert!(tax.tfn_masked.ends_with(&tfn[6..]), "{}", tax.tfn_masked);
    assert_eq!(preview.bank_accounts.len(), employee.bank_accounts.len());
    assert_eq!(preview.personal.last_name, employee.surname);
    assert!(!preview.super_funds.is_empty());
    assert!(!preview.super_funds[0].fund_name.is_empty());

    s.engine
        .import(
            ImportSelection::EmpCodes(vec![employee.emp_code.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("imports");
    assert_eq!(s.sandbox.worknice.connections().len(), 1);
    s.engine.unlink(&employee.emp_code).await.expect("unlinks");
    assert!(s.sandbox.worknice.connections().is_empty());
    let again = s.engine.employees().await.expect("employees");
    let state = &again
        .iter()
        .find(|c| c.emp_code == employee.emp_code)
        .expect("listed")
        .link_state;
    // The person stays in Worknice with the code, so it now matches.
    assert!(matches!(state, LinkState::Matches { .. }), "{state:?}");
    let missing = s.engine.unlink(&employee.emp_code).await;
    assert_eq!(
        missing.expect_err("not linked").code,
        paybridge_engine::ErrorCode::NotFound
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_import_stops_early_and_the_next_run_finishes_without_duplicates() {
    // Enough employees for more chunks than are sent at once, so a cancel
    // after the first finishes leaves some unsent.
    let s = setup(400, 14).await;
    let stop_after = 10;
    let engine = &s.engine;
    let on_progress = |update: ImportProgressUpdate| {
        if update.done >= stop_after {
            assert!(engine.cancel_import(), "the import is running");
        }
    };

    let before = s.engine.employees().await.expect("employees load");
    let importable: Vec<String> = before
        .iter()
        .filter(|c| match c.link_state {
            LinkState::New => !c.terminated,
            LinkState::Matches { .. } => true,
            _ => false,
        })
        .map(|c| c.emp_code.clone())
        .collect();
    let cancelled = s
        .engine
        .import(ImportSelection::All, false, &on_progress)
        .await
        .expect("a cancelled import still reports");

    assert!(cancelled.cancelled);
    let done_before_cancel = cancelled.created + cancelled.linked;
    assert!(
        (stop_after..importable.len() as u32).contains(&done_before_cancel),
        "cancelled after {done_before_cancel} of {}",
        importable.len()
    );
    common::assert_accounted(&cancelled);

    let finished = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("the next run finishes");
    assert!(!finished.cancelled);
    assert_eq!(
        done_before_cancel + finished.created + finished.linked,
        importable.len() as u32
    );
    for code in importable {
        assert_eq!(s.people_with_code(&code), 1, "{code}");
    }
}

//! "Sync now" end to end: the engine reads both sandbox servers over real
//! HTTP, plans, writes, and records the run (secrets in the throwaway
//! keyring of scripts/in-test-session.sh).

mod common;
mod sync_common;

use paybridge_engine::{ReadRequest, RunResult, SyncPhase, SyncTrigger};
use serde_json::json;

use common::setup;
use sync_common::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_name_edited_in_micropay_reaches_worknice_and_a_second_sync_writes_nothing() {
    let s = setup(30, 21).await;
    let code = import_new_employees(&s).await[0].clone();
    // The first sync after the import adopts what differs (the seeded
    // Worknice-only people, mobile numbers): start from a synced state.
    let first = s
        .engine
        .sync_now(SyncTrigger::Cli, &|_| {})
        .await
        .expect("syncs");
    assert_eq!(first.result, RunResult::Done, "{first:?}");

    edit_in_micropay(&s, &code, json!({"firstName": "Marguerite"})).await;
    let writes_before = worknice_writes(&s);
    let progress = Recorded::default();
    // A full read, so the held count compares with the first sync's (a
    // routine `changedSince` run plans only the employees it read and
    // those linked; sync_changed_since.rs tests those).
    let summary = s
        .engine
        .sync_now_reading(SyncTrigger::Button, &progress.sink(), ReadRequest::Full)
        .await
        .expect("syncs")
        .summary;
    assert_eq!(summary.result, RunResult::Done, "{summary:?}");
    assert_eq!(summary.counts.changed, 1, "{summary:?}");
    assert_eq!(summary.counts.written, 1, "{summary:?}");
    // Held ones (seeded people with data problems) stay held, no more.
    assert_eq!(summary.counts.held, first.counts.held, "{summary:?}");
    assert_eq!(summary.retry_later, 0);
    assert_eq!(worknice_writes(&s), writes_before + 1, "one updatePerson");
    let person = worknice_person(&s, &code).await;
    assert_eq!(
        person["personalDetails"]["firstName"], "Marguerite",
        "{person}"
    );

    let phases: Vec<SyncPhase> = progress
        .0
        .lock()
        .expect("lock")
        .iter()
        .map(|update| {
            assert_eq!(update.run_id, summary.id);
            update.phase
        })
        .collect();
    for phase in [
        SyncPhase::CheckingPayroll,
        SyncPhase::Reading,
        SyncPhase::UpdatingWorknice,
        SyncPhase::Recording,
    ] {
        assert!(phases.contains(&phase), "{phase:?} in {phases:?}");
    }

    // History: the run, its one record, the audit entry.
    let store = s.open_store();
    let run = store
        .sync_runs()
        .get(summary.id)
        .expect("reads")
        .expect("there");
    assert_eq!(
        (run.trigger.as_str(), run.result.as_str()),
        ("button", "done")
    );
    let counts: serde_json::Value = serde_json::from_str(&run.counts).expect("JSON");
    assert_eq!(counts["written"], 1);
    // Every record the run touched: the update, and the held ones.
    let records: Vec<serde_json::Value> = store
        .sync_runs()
        .records(summary.id)
        .expect("reads")
        .iter()
        .map(|record| serde_json::from_str(record).expect("JSON"))
        .collect();
    let updated: Vec<_> = records
        .iter()
        .filter(|record| record["outcome"] != "held")
        .collect();
    assert_eq!(updated.len(), 1, "{records:?}");
    assert_eq!(updated[0]["empCode"], code.as_str());
    assert_eq!(updated[0]["outcome"], "updated");
    assert_eq!(updated[0]["fields"][0]["new"], "Marguerite");
    assert_eq!(records.len() as u64, 1 + summary.counts.held);
    let audit = store
        .sync_runs()
        .audit_trail(Some(summary.id))
        .expect("reads");
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(
        (
            audit[0].side.as_str(),
            audit[0].operation.as_str(),
            audit[0].fields.as_str(),
            audit[0].outcome.as_str()
        ),
        ("worknice", "update-person", "firstName", "written")
    );
    assert_eq!(audit[0].emp_code.as_deref(), Some(code.as_str()));

    // A second sync right after: nothing to write on either side.
    let writes_before = worknice_writes(&s);
    let again = s
        .engine
        .sync_now(SyncTrigger::Schedule, &|_| {})
        .await
        .expect("syncs");
    assert_eq!(again.result, RunResult::Done);
    assert_eq!(
        (again.counts.written, again.counts.changed),
        (0, 0),
        "{again:?}"
    );
    assert_eq!(worknice_writes(&s), writes_before, "no Worknice write");
    assert!(requests(&s).await.is_empty(), "no MicrOpay request");
}

#[tokio::test(flavor = "multi_thread")]
async fn button_and_schedule_together_run_once_each_time_the_other_is_told_busy() {
    let s = setup(20, 22).await;
    synced(&s).await;
    // The app's engine and a second one on the same data folder (the CLI).
    let other = paybridge_engine::Engine::open(s.options.clone()).expect("opens");
    for round in 0..8 {
        let (button, schedule) = tokio::join!(
            s.engine.sync_now(SyncTrigger::Button, &|_| {}),
            other.sync_now(SyncTrigger::Schedule, &|_| {}),
        );
        let (ran, busy) = match (button, schedule) {
            (Ok(ran), Err(busy)) | (Err(busy), Ok(ran)) => (ran, busy),
            other => panic!("round {round}: one runs, one is busy: {other:?}"),
        };
        assert_eq!(ran.result, RunResult::Done, "{ran:?}");
        assert_eq!(busy.code, paybridge_engine::ErrorCode::Busy);
        assert!(
            busy.message
                .starts_with("A sync is already running (started "),
            "{}",
            busy.message
        );
    }
    // One run recorded per round, none left running.
    let runs = s.open_store().sync_runs().list(100).expect("reads");
    assert_eq!(runs.len(), 1 + 8, "{runs:?}");
    assert!(runs.iter().all(|run| run.result == "done"), "{runs:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_sync_ends_partial_and_the_next_run_writes_the_rest() {
    let s = setup(30, 23).await;
    let codes = synced(&s).await;
    for code in &codes[..12] {
        edit_in_micropay(&s, code, json!({"preferredName": "Jo"})).await;
    }
    // Slow updates, so the cancel lands while the run is writing.
    s.sandbox.worknice.faults().add(
        paybridge_sandbox::Fault::rate(
            "/api/graphql",
            paybridge_sandbox::FaultKind::Latency(std::time::Duration::from_millis(400)),
            1.0,
        )
        .for_operation("UpdatePerson"),
    );
    let engine = &s.engine;
    let cancel_once_writing = |update: paybridge_engine::SyncProgressUpdate| {
        if update.phase == SyncPhase::UpdatingWorknice && update.done == 1 {
            assert!(engine.cancel_sync(), "a sync is running");
        }
    };
    let cancelled = engine
        .sync_now(SyncTrigger::Button, &cancel_once_writing)
        .await
        .expect("syncs");
    assert_eq!(cancelled.result, RunResult::Partial, "{cancelled:?}");
    assert!(cancelled.retry_later > 0, "{cancelled:?}");
    assert_eq!(
        cancelled.counts.written + cancelled.retry_later,
        12,
        "{cancelled:?}"
    );
    assert!(!engine.cancel_sync(), "nothing runs now");

    let rest = engine
        .sync_now(SyncTrigger::Button, &|_| {})
        .await
        .expect("syncs");
    assert_eq!(rest.result, RunResult::Done, "{rest:?}");
    assert_eq!(rest.counts.written, cancelled.retry_later, "{rest:?}");
    for code in &codes[..12] {
        assert_eq!(
            worknice_person(&s, code).await["personalDetails"]["preferredName"],
            "Jo"
        );
    }
}

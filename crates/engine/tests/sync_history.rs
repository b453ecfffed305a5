//! Sync history, the status card and the schedule's next run, read through
//! the engine from a real database (secrets in the throwaway keyring of
//! scripts/in-test-session.sh), with both connections saved to a sandbox
//! over HTTP. Runs are written through the store exactly as a sync writes
//! them: the API types serialised to JSON.

mod common;
mod history_setup;

use chrono::Duration;
use history_setup::{record_run, utc, Setup};
use paybridge_engine::{
    Clock, ErrorCode, RunResult, SyncCounts, SyncEmployee, SyncFieldAction, SyncFieldChange,
    SyncGroup, SyncOutcome, SyncRunRecord, SyncSide, SyncTrigger, RUN_STOPPED,
};
use paybridge_store::{ChangeKind, RequestedField};

fn changed_record(emp_code: &str) -> SyncRunRecord {
    SyncRunRecord {
        employee: SyncEmployee {
            emp_code: Some(emp_code.to_owned()),
            name: "Olivia Nguyen".to_owned(),
            id_employee: Some(12),
            worknice_person_id: Some("person-12".to_owned()),
            outcome: SyncOutcome::Updated,
            action: None,
            reasons: Vec::new(),
            fields: vec![SyncFieldChange {
                field: "lastName".to_owned(),
                label: "Surname".to_owned(),
                group: SyncGroup::Personal,
                action: SyncFieldAction::Update,
                write: Some(SyncSide::Worknice),
                old: Some("Nguyen".to_owned()),
                new: Some("Tran".to_owned()),
                micropay: Some("Tran".to_owned()),
                worknice: Some("Nguyen".to_owned()),
                reason: "changed in MicrOpay".to_owned(),
                change_request: None,
            }],
            changed: true,
        },
        write_error: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn history_lists_runs_newest_first_and_a_run_with_its_records() {
    let s = Setup::new(91).await;
    assert!(s.engine.sync_history(50).await.expect("history").is_empty());

    let counts = SyncCounts {
        read: 3,
        changed: 1,
        written: 1,
        held: 0,
        conflicts: 0,
        pending: 0,
        rejected: 0,
        leave_requests: None,
        leave_balances: None,
        leave_from_payroll: None,
    };
    let store = s.store();
    let first = record_run(
        &store,
        "cli",
        utc("2026-06-01T08:00:00Z"),
        1_500,
        "done",
        counts,
        &[changed_record("E001")],
    );
    let partial_counts = SyncCounts {
        read: 3,
        held: 1,
        ..SyncCounts::default()
    };
    let second = record_run(
        &store,
        "schedule",
        utc("2026-06-01T08:30:00Z"),
        250,
        "partial",
        partial_counts,
        &[],
    );

    let runs = s.engine.sync_history(50).await.expect("history");
    let ids: Vec<i64> = runs.iter().map(|run| run.id).collect();
    assert_eq!(ids, [second, first]);
    assert_eq!(runs[0].trigger, SyncTrigger::Schedule);
    assert_eq!(runs[0].result, RunResult::Partial);
    assert_eq!(runs[0].retry_later, 2);
    assert_eq!(runs[0].counts, partial_counts);
    assert_eq!(runs[1].trigger, SyncTrigger::Cli);
    assert_eq!(runs[1].duration_ms, Some(1_500));
    assert_eq!(runs[1].counts, counts);
    assert_eq!(s.engine.sync_history(1).await.expect("history").len(), 1);

    let detail = s.engine.sync_run_detail(first).await.expect("detail");
    assert_eq!(detail.summary, runs[1]);
    assert_eq!(detail.records, [changed_record("E001")]);

    let missing = s
        .engine
        .sync_run_detail(second + 40)
        .await
        .expect_err("no such run");
    assert_eq!(missing.code, ErrorCode::NotFound);
    assert!(
        missing
            .message
            .starts_with(&format!("There is no sync run {}.", second + 40)),
        "{}",
        missing.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn status_says_running_while_the_lease_is_held_and_a_killed_run_failed() {
    let s = Setup::new(92).await;
    let empty = s.engine.sync_status().await.expect("status");
    assert_eq!(empty.last_run, None);
    assert!(!empty.running);
    assert_eq!(empty.next_scheduled_at, None, "the schedule is off");
    assert!(empty.pending_requests.is_empty());

    // A run that has taken the lease and recorded its start, in a live
    // process: it holds the data folder's sync lock.
    let sync_lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(s.options.data_dir.join("sync.lock"))
        .expect("the sync lock file opens");
    sync_lock.try_lock().expect("the sync lock is free");
    let lease = s.engine.acquire_run_lease().await.expect("lease");
    let store = s.store();
    let run = store
        .sync_runs()
        .begin("button", s.clock.now())
        .expect("begin");
    let status = s.engine.sync_status().await.expect("status");
    assert!(status.running);
    let last = status.last_run.expect("a last run");
    assert_eq!((last.id, last.result), (run, RunResult::Running));
    assert_eq!(last.duration_ms, None);
    assert_eq!(last.message, None);

    // Its process is killed: the OS drops its sync lock at once, while its
    // lease has not run out yet; nobody finishes the row.
    drop(sync_lock);
    let status = s.engine.sync_status().await.expect("status");
    assert!(!status.running, "a dead process's lease is not a live run");
    let last = status.last_run.expect("a last run");
    assert_eq!(last.result, RunResult::Failed);
    assert_eq!(last.message.as_deref(), Some(RUN_STOPPED));

    // And once the lease has run out too.
    s.clock.set(lease.expires_at + Duration::seconds(1));
    let status = s.engine.sync_status().await.expect("status");
    assert!(!status.running);
    let last = status.last_run.expect("a last run");
    assert_eq!(last.result, RunResult::Failed);
    assert_eq!(last.message.as_deref(), Some(RUN_STOPPED));
    let listed = s.engine.sync_history(10).await.expect("history");
    assert_eq!(listed[0].result, RunResult::Failed);
    let detail = s.engine.sync_run_detail(run).await.expect("detail");
    assert_eq!(detail.summary.message.as_deref(), Some(RUN_STOPPED));
}

#[tokio::test(flavor = "multi_thread")]
async fn status_lists_the_requests_payroll_has_not_answered_with_field_labels() {
    let s = Setup::new(93).await;
    let store = s.store();
    let requests = store.change_requests();
    let field = |key: &str| RequestedField {
        field: key.to_owned(),
        fingerprinted: key == "tfn",
        // A fingerprint is 64 hex digits; the planted one must not reach the status.
        value: if key == "tfn" {
            "ab".repeat(32)
        } else {
            "Yes".to_owned()
        },
    };
    let open = requests
        .queue(
            "E002",
            ChangeKind::Change,
            &[field("tfn"), field("helpDebt")],
            s.clock.now(),
        )
        .expect("queued");
    requests
        .mark_submitted(open, "MP-77", s.clock.now())
        .expect("submitted");
    let answered = requests
        .queue("E003", ChangeKind::Change, &[field("email")], s.clock.now())
        .expect("queued");
    requests
        .mark_submitted(answered, "MP-78", s.clock.now())
        .expect("submitted");
    requests
        .set_status(
            answered,
            paybridge_store::ChangeStatus::Implemented,
            None,
            s.clock.now(),
        )
        .expect("implemented");

    let status = s.engine.sync_status().await.expect("status");
    assert_eq!(status.pending_requests.len(), 1, "{status:?}");
    let pending = &status.pending_requests[0];
    assert_eq!(pending.id, open);
    assert_eq!(pending.emp_code, "E002");
    assert_eq!(pending.kind, "change");
    assert_eq!(pending.status, "submitted");
    // The store lists a request's fields by key: helpDebt, tfn.
    assert_eq!(pending.fields, ["HELP debt", "Tax file number"]);
    assert_eq!(
        pending.submitted_at.as_deref(),
        Some(s.clock.now().to_rfc3339().as_str())
    );
    let json = serde_json::to_string(&status).expect("json");
    assert!(!json.contains(&"ab".repeat(32)), "{json}");
}

//! Sync history and the append-only audit trail.

use std::path::Path;

use chrono::{DateTime, Utc};
use paybridge_store::{database_path, AuditEntry, DatabaseKey, RunEnd, Store};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn open(dir: &Path) -> Store {
    Store::open(&database_path(dir), &DatabaseKey::from_bytes([5; 32])).expect("opens")
}

fn end(result: &'static str, finished_at: &str) -> RunEnd<'static> {
    RunEnd {
        result,
        counts: r#"{"read":3}"#,
        retry_later: 2,
        message: Some("Worknice was busy"),
        finished_at: at(finished_at),
    }
}

#[test]
fn a_run_is_running_until_finished_once_and_lists_newest_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let runs = store.sync_runs();
    let first = runs
        .begin("cli", at("2026-12-01T09:00:00Z"))
        .expect("begin");
    let second = runs
        .begin("button", at("2026-12-01T10:00:00Z"))
        .expect("begin");
    assert_eq!(
        runs.get(first).expect("get").expect("run").result,
        "running"
    );

    assert!(runs
        .finish(first, end("partial", "2026-12-01T09:01:00Z"))
        .expect("finish"));
    assert!(
        !runs
            .finish(first, end("done", "2026-12-01T09:02:00Z"))
            .expect("finish"),
        "a finished run is never finished again"
    );
    let finished = runs.get(first).expect("get").expect("run");
    assert_eq!(finished.result, "partial");
    assert_eq!(finished.retry_later, 2);
    assert_eq!(finished.counts, r#"{"read":3}"#);
    assert_eq!(finished.finished_at, Some(at("2026-12-01T09:01:00Z")));

    let listed: Vec<i64> = runs
        .list(10)
        .expect("list")
        .iter()
        .map(|run| run.id)
        .collect();
    assert_eq!(listed, vec![second, first]);
    assert_eq!(runs.list(1).expect("list").len(), 1);
    assert!(runs.get(second + 100).expect("get").is_none());
}

#[test]
fn runs_a_dead_process_left_running_are_marked_failed_but_not_the_current_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let runs = store.sync_runs();
    let dead = runs
        .begin("schedule", at("2026-12-01T09:00:00Z"))
        .expect("begin");
    let current = runs
        .begin("cli", at("2026-12-01T09:05:00Z"))
        .expect("begin");
    let marked = runs
        .abandon_running(
            Some(current),
            "Paybridge stopped before this run finished.",
            at("2026-12-01T09:05:00Z"),
        )
        .expect("abandon");
    assert_eq!(marked, 1);
    let dead_row = runs.get(dead).expect("get").expect("run");
    assert_eq!(dead_row.result, "failed");
    assert_eq!(
        dead_row.message.as_deref(),
        Some("Paybridge stopped before this run finished.")
    );
    assert_eq!(
        runs.get(current).expect("get").expect("run").result,
        "running"
    );
}

#[test]
fn records_keep_their_order_across_appends_and_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let runs = store.sync_runs();
    let one = runs
        .begin("cli", at("2026-12-01T09:00:00Z"))
        .expect("begin");
    let two = runs
        .begin("cli", at("2026-12-01T09:10:00Z"))
        .expect("begin");
    runs.add_records(one, &[(Some("E1".into()), "a".into()), (None, "b".into())])
        .expect("add");
    runs.add_records(two, &[(Some("E9".into()), "z".into())])
        .expect("add");
    runs.add_records(one, &[(Some("E2".into()), "c".into())])
        .expect("add");
    assert_eq!(runs.records(one).expect("records"), vec!["a", "b", "c"]);
    assert_eq!(runs.records(two).expect("records"), vec!["z"]);
}

#[test]
fn the_audit_trail_survives_reopening_and_refuses_edits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run_id;
    {
        let store = open(dir.path());
        run_id = store
            .sync_runs()
            .begin("cli", at("2026-12-01T09:00:00Z"))
            .expect("begin");
        for (operation, outcome) in [
            ("update-person", "written"),
            ("change-employee-change", "unknown"),
        ] {
            store
                .sync_runs()
                .audit(&AuditEntry {
                    run_id: Some(run_id),
                    at: at("2026-12-01T09:00:01Z"),
                    side: if operation == "update-person" {
                        "worknice"
                    } else {
                        "micropay"
                    }
                    .into(),
                    emp_code: Some("E1".into()),
                    operation: operation.into(),
                    fields: "first-name,surname".into(),
                    outcome: outcome.into(),
                    detail: None,
                })
                .expect("audit");
        }
    }
    let store = open(dir.path());
    let trail = store.sync_runs().audit_trail(Some(run_id)).expect("trail");
    let seen: Vec<(&str, &str)> = trail
        .iter()
        .map(|entry| (entry.operation.as_str(), entry.outcome.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("update-person", "written"),
            ("change-employee-change", "unknown")
        ]
    );
    assert!(store
        .sync_runs()
        .audit_trail(Some(run_id + 1))
        .expect("trail")
        .is_empty());
    assert_eq!(store.sync_runs().audit_trail(None).expect("trail").len(), 2);
    drop(store);
    // Straight SQL, as a tool or a bug might: the triggers refuse it.
    let conn = rusqlite::Connection::open(database_path(dir.path())).expect("open raw");
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        DatabaseKey::from_bytes([5; 32]).to_hex().expose()
    ))
    .expect("key");
    for statement in [
        "UPDATE sync_audit SET outcome = 'written'",
        "DELETE FROM sync_audit",
    ] {
        let error = conn.execute(statement, []).expect_err(statement);
        assert!(error.to_string().contains("append-only"), "{error}");
    }
}

#[test]
fn the_last_start_is_per_trigger() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let runs = store.sync_runs();
    assert_eq!(runs.last_started("schedule").expect("read"), None);
    runs.begin("schedule", at("2026-12-01T09:00:00Z"))
        .expect("begin");
    runs.begin("schedule", at("2026-12-01T09:15:00Z"))
        .expect("begin");
    runs.begin("button", at("2026-12-01T09:20:00Z"))
        .expect("begin");
    assert_eq!(
        runs.last_started("schedule").expect("read"),
        Some(at("2026-12-01T09:15:00Z"))
    );
    assert_eq!(
        runs.last_started("button").expect("read"),
        Some(at("2026-12-01T09:20:00Z"))
    );
}

/// The sync picks its MicrOpay read from these: the run before it, and
/// the last `done` run that read everyone.
#[test]
fn the_last_full_read_is_the_newest_done_run_whose_counts_say_full() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let runs = store.sync_runs();
    assert_eq!(runs.last_full_read().expect("query"), None);
    assert_eq!(runs.latest_other(None).expect("query"), None);
    let finish = |id, result: &str, counts: &str| {
        runs.finish(
            id,
            RunEnd {
                result,
                counts,
                retry_later: 0,
                message: None,
                finished_at: at("2026-12-01T12:00:00Z"),
            },
        )
        .expect("finish");
    };
    let full = runs
        .begin("cli", at("2026-12-01T09:00:00Z"))
        .expect("begin");
    finish(
        full,
        "done",
        r#"{"read":3,"micropayRead":{"kind":"full","why":"first"}}"#,
    );
    let failed_full = runs
        .begin("cli", at("2026-12-01T10:00:00Z"))
        .expect("begin");
    finish(
        failed_full,
        "failed",
        r#"{"micropayRead":{"kind":"full","why":"x"}}"#,
    );
    let since = runs
        .begin("cli", at("2026-12-01T11:00:00Z"))
        .expect("begin");
    finish(
        since,
        "done",
        r#"{"micropayRead":{"kind":"changedSince","since":"2026-12-01T08:50:00Z"}}"#,
    );
    assert_eq!(
        runs.last_full_read().expect("query"),
        Some(at("2026-12-01T09:00:00Z")),
        "a failed full read does not count"
    );
    let current = runs
        .begin("cli", at("2026-12-01T13:00:00Z"))
        .expect("begin");
    let before = runs
        .latest_other(Some(current))
        .expect("query")
        .expect("a run");
    assert_eq!(before.id, since);
    assert_eq!(
        runs.latest_other(None).expect("query").expect("a run").id,
        current
    );
}

#[test]
fn the_last_balances_send_is_everyone_s_with_none_held_and_none_held_since() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let runs = store.sync_runs();
    let run = |started: &str, counts: &'static str| {
        let id = runs.begin("schedule", at(started)).expect("begin");
        runs.finish(
            id,
            RunEnd {
                result: "done",
                counts,
                retry_later: 0,
                message: None,
                finished_at: at(started),
            },
        )
        .expect("finish");
    };
    assert_eq!(runs.last_balances_sent().expect("reads"), None);
    // Recorded before `everyone` was: everyone's.
    run(
        "2026-12-01T09:00:00Z",
        r#"{"leaveBalances":{"state":"shown","held":0}}"#,
    );
    let daily = Some(at("2026-12-01T09:00:00Z"));
    assert_eq!(runs.last_balances_sent().expect("reads"), daily);
    // Some employees' only: the daily send stands.
    run(
        "2026-12-01T10:00:00Z",
        r#"{"leaveBalances":{"state":"shown","held":0,"everyone":false}}"#,
    );
    assert_eq!(runs.last_balances_sent().expect("reads"), daily);
    // One of some held: everyone's are due again.
    run(
        "2026-12-01T11:00:00Z",
        r#"{"leaveBalances":{"state":"shown","held":1,"everyone":false}}"#,
    );
    assert_eq!(runs.last_balances_sent().expect("reads"), None);
    run(
        "2026-12-01T12:00:00Z",
        r#"{"leaveBalances":{"state":"shown","held":0,"everyone":true}}"#,
    );
    assert_eq!(
        runs.last_balances_sent().expect("reads"),
        Some(at("2026-12-01T12:00:00Z"))
    );
}

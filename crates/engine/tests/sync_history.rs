//! Sync history, the status card and the schedule's next run, read through
//! the engine from a real database (secrets in the throwaway keyring of
//! scripts/in-test-session.sh), with both connections saved to a sandbox
//! over HTTP. Runs are written through the store exactly as a sync writes
//! them: the API types serialised to JSON.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Local, NaiveTime, TimeZone, Utc};
use paybridge_engine::{
    Clock, Engine, ErrorCode, RunResult, SandboxForms, ScheduleRunner, ScheduleStep,
    SettingsTrigger, SyncCounts, SyncEmployee, SyncFieldAction, SyncFieldChange, SyncGroup,
    SyncOutcome, SyncRunRecord, SyncSchedule, SyncSide, SyncTrigger, RUN_STOPPED, SCHEDULE_NAP,
};
use paybridge_sandbox::{Sandbox, SandboxOptions};
use paybridge_store::{ChangeKind, RequestedField, RunEnd, Store};

/// A clock the test moves by hand.
#[derive(Debug)]
struct HandClock(Mutex<DateTime<Utc>>);

impl HandClock {
    fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().expect("clock") = at;
    }
}

impl Clock for HandClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock")
    }
}

struct Setup {
    _sandbox: Sandbox,
    options: paybridge_engine::EngineOptions,
    _dir: tempfile::TempDir,
    engine: Engine,
    clock: Arc<HandClock>,
}

impl Setup {
    async fn new(seed: u64) -> Self {
        let sandbox = Sandbox::start(SandboxOptions {
            employees: 3,
            seed,
            ..SandboxOptions::default()
        })
        .await
        .expect("sandbox starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let options = common::options(&dir);
        let clock = Arc::new(HandClock(Mutex::new(utc("2026-06-01T09:00:00Z"))));
        let engine = Engine::open_with_clock(options.clone(), clock.clone()).expect("engine opens");
        let forms = SandboxForms::from(&sandbox.credentials);
        engine
            .save_micropay(forms.micropay)
            .await
            .expect("MicrOpay saves");
        engine
            .save_worknice(forms.worknice)
            .await
            .expect("Worknice saves");
        Self {
            _sandbox: sandbox,
            options,
            _dir: dir,
            engine,
            clock,
        }
    }

    /// The engine's database, opened beside it as the next process would.
    fn store(&self) -> Store {
        let key = self
            .options
            .secrets_from_env()
            .expect("secret store")
            .key(paybridge_secrets::DATABASE_KEY_ACCOUNT)
            .expect("secret store answers")
            .expect("database key exists");
        Store::open(
            &paybridge_store::database_path(&self.options.data_dir),
            &key,
        )
        .expect("store opens")
    }

    async fn set_schedule(&self, schedule: SyncSchedule) {
        self.engine
            .set_schedule(schedule, SettingsTrigger::App)
            .await
            .expect("schedule saves");
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

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

/// Records a finished run as the sync does; returns its id.
fn record_run(
    store: &Store,
    trigger: &str,
    started: DateTime<Utc>,
    millis: i64,
    result: &str,
    counts: SyncCounts,
    records: &[SyncRunRecord],
) -> i64 {
    let runs = store.sync_runs();
    let id = runs.begin(trigger, started).expect("begin");
    let rows: Vec<(Option<String>, String)> = records
        .iter()
        .map(|record| {
            (
                record.employee.emp_code.clone(),
                serde_json::to_string(record).expect("json"),
            )
        })
        .collect();
    runs.add_records(id, &rows).expect("records");
    let counts = serde_json::to_string(&counts).expect("json");
    let finished = runs
        .finish(
            id,
            RunEnd {
                result,
                counts: &counts,
                retry_later: u64::from(result == "partial") * 2,
                message: (result == "partial").then_some("Worknice was busy: 2 left for next run"),
                finished_at: started + Duration::milliseconds(millis),
            },
        )
        .expect("finish");
    assert!(finished);
    id
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

#[tokio::test(flavor = "multi_thread")]
async fn every_n_minutes_counts_from_the_last_scheduled_start_and_a_missed_run_is_due_once() {
    let s = Setup::new(94).await;
    let set_at = s.clock.now();
    s.set_schedule(SyncSchedule::EveryMinutes { minutes: 15 })
        .await;
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(set_at + Duration::minutes(15)),
        "counted from when it was set"
    );
    let runner = ScheduleRunner::new();
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(SCHEDULE_NAP),
        "a long wait is taken a minute at a time"
    );
    s.clock
        .set(set_at + Duration::minutes(14) + Duration::seconds(50));
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(std::time::Duration::from_secs(10))
    );

    // A scheduled run at 09:15; a button run after it does not move the schedule.
    let store = s.store();
    let run_at = set_at + Duration::minutes(15);
    record_run(
        &store,
        "schedule",
        run_at,
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    record_run(
        &store,
        "button",
        run_at + Duration::minutes(5),
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    s.clock.set(run_at + Duration::minutes(6));
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(run_at + Duration::minutes(15))
    );

    // The app was closed for three hours: due now, once.
    let reopened = run_at + Duration::hours(3);
    s.clock.set(reopened);
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(reopened),
        "due now"
    );
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );
    record_run(
        &store,
        "schedule",
        reopened,
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(reopened + Duration::minutes(15)),
        "the missed runs are not made up one by one"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_try_that_could_not_start_waits_for_the_next_tick() {
    let s = Setup::new(95).await;
    s.set_schedule(SyncSchedule::Hourly).await;
    let set_at = s.clock.now();
    s.clock.set(set_at + Duration::hours(1));
    let mut runner = ScheduleRunner::new();
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );
    // Another run held the lease, so no scheduled run was recorded.
    runner.attempted(&s.engine);
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(SCHEDULE_NAP),
        "not due again at once"
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(set_at + Duration::hours(1)),
        "the status still says the run is due"
    );
    s.clock.set(set_at + Duration::hours(2));
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );

    s.set_schedule(SyncSchedule::Off).await;
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Off
    );
    assert_eq!(s.engine.next_scheduled_sync().await.expect("next"), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn daily_is_the_next_local_time_after_the_last_run() {
    let s = Setup::new(96).await;
    // The computer's own time zone: the engine uses it for daily times.
    let local_today = s.clock.now().with_timezone(&Local).date_naive();
    let local = |days: u64, hh: u32, mm: u32| {
        let date = local_today + chrono::Days::new(days);
        Local
            .from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(hh, mm, 0).expect("time")))
            .earliest()
            .expect("a local time")
            .with_timezone(&Utc)
    };
    s.clock.set(local(0, 6, 0));
    s.set_schedule(SyncSchedule::Daily {
        at: "07:30".to_owned(),
    })
    .await;
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(0, 7, 30))
    );
    // Today's ran; the next is tomorrow's.
    let store = s.store();
    record_run(
        &store,
        "schedule",
        local(0, 7, 30),
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    s.clock.set(local(0, 12, 0));
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(1, 7, 30))
    );
    // Closed over two mornings: one run at start-up, then tomorrow's.
    s.clock.set(local(2, 9, 0));
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(2, 9, 0))
    );
    record_run(
        &store,
        "schedule",
        local(2, 9, 0),
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(3, 7, 30))
    );
    let status = s.engine.sync_status().await.expect("status");
    assert_eq!(status.next_scheduled_at, Some(local(3, 7, 30).to_rfc3339()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_due_step_runs_a_scheduled_sync_that_moves_the_next_one_on() {
    let s = Setup::new(97).await;
    s.set_schedule(SyncSchedule::EveryMinutes { minutes: 30 })
        .await;
    let set_at = s.clock.now();
    let mut runner = ScheduleRunner::new();
    s.clock.set(set_at + Duration::minutes(31));
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );
    // What the app's task does on Due.
    runner.attempted(&s.engine);
    let run = s
        .engine
        .sync_now(SyncTrigger::Schedule, &|_| {})
        .await
        .expect("the scheduled sync runs");
    assert_eq!(run.trigger, SyncTrigger::Schedule);
    assert_eq!(
        run.started_at,
        (set_at + Duration::minutes(31)).to_rfc3339()
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(set_at + Duration::minutes(61)),
        "counted from this run's start"
    );
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(SCHEDULE_NAP)
    );
    let status = s.engine.sync_status().await.expect("status");
    assert_eq!(status.last_run.map(|last| last.id), Some(run.id));
}

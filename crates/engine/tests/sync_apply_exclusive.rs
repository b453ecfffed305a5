//! What keeps a sync apart from everything else on the data folder: an
//! import and a sync never run at once (either one started second is told
//! busy, in plain words), and `sync_now`'s future can be spawned on a
//! multi-threaded runtime (the window and the schedule do).

mod common;

use std::time::Duration;

use paybridge_engine::{
    Engine, ErrorCode, ImportProgressUpdate, ImportSelection, NoProgress, SyncProgress,
    SyncProgressUpdate, SyncTrigger,
};
use paybridge_sandbox::{Fault, FaultKind};

use common::setup;

/// Compiles only while `sync_now`'s future is `Send`: what
/// `tauri::async_runtime::spawn` and an async Tauri command need.
#[allow(dead_code)]
fn sync_now_future_is_send(engine: &Engine, progress: &dyn SyncProgress) {
    fn spawnable<T: Send>(_: &T) {}
    let run = engine.sync_now(SyncTrigger::Button, progress);
    spawnable(&run);
    let detailed = engine.sync_now_detailed(SyncTrigger::Cli, progress);
    spawnable(&detailed);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_spawned_on_the_runtime_runs_to_the_end() {
    let s = setup(10, 31).await;
    let engine = std::sync::Arc::new(Engine::open(s.options.clone()).expect("opens"));
    let spawned = engine.clone();
    let summary = tokio::spawn(async move { spawned.sync_now(SyncTrigger::Button, &|_| {}).await })
        .await
        .expect("the task ends")
        .expect("syncs");
    assert_eq!(
        summary.result,
        paybridge_engine::RunResult::Done,
        "{summary:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_started_while_an_import_runs_is_told_an_import_is_running() {
    let s = setup(30, 32).await;
    // The creates take a while (one request for the chunk of new people),
    // so the import is still running when the sync asks.
    s.sandbox.worknice.faults().add(
        Fault::rate(
            "/api/graphql",
            FaultKind::Latency(Duration::from_millis(500)),
            1.0,
        )
        .for_operation("CreatePeople"),
    );
    let other = Engine::open(s.options.clone()).expect("a second engine opens");
    let started = tokio::sync::Notify::new();
    let on_progress = |_: ImportProgressUpdate| started.notify_one();

    let (import, sync) = tokio::join!(
        s.engine.import(ImportSelection::All, false, &on_progress),
        async {
            started.notified().await;
            other.sync_now(SyncTrigger::Schedule, &|_| {}).await
        }
    );

    let refused = sync.expect_err("the sync is refused while the import runs");
    assert_eq!(refused.code, ErrorCode::Busy);
    assert_eq!(
        refused.message,
        "An import is running right now. Wait for it to finish, then sync again."
    );
    let import = import.expect("the import finishes");
    assert!(import.created > 0, "{import:?}");
    assert!(
        s.open_store()
            .sync_runs()
            .list(10)
            .expect("reads")
            .is_empty(),
        "the refused sync left no run in history"
    );
    // The import's lock went with it: the sync runs now.
    s.sandbox.worknice.faults().clear();
    other
        .sync_now(SyncTrigger::Schedule, &|_| {})
        .await
        .expect("syncs once the import is over");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_started_while_a_sync_runs_is_told_a_sync_is_running() {
    let s = setup(30, 33).await;
    // Every MicrOpay read takes a while, so the sync is still reading when
    // the import asks.
    s.sandbox.micropay.faults().add(Fault::rate(
        "/",
        FaultKind::Latency(Duration::from_millis(100)),
        1.0,
    ));
    let other = Engine::open(s.options.clone()).expect("a second engine opens");
    let started = tokio::sync::Notify::new();
    let on_progress = |_: SyncProgressUpdate| started.notify_one();

    let (sync, import) = tokio::join!(
        s.engine.sync_now(SyncTrigger::Button, &on_progress),
        async {
            started.notified().await;
            other.import(ImportSelection::All, false, &NoProgress).await
        }
    );

    let refused = import.expect_err("the import is refused while the sync runs");
    assert_eq!(refused.code, ErrorCode::Busy);
    assert_eq!(
        refused.message,
        "A sync is running right now. Wait for it to finish, then import again."
    );
    sync.expect("the sync finishes");
    let created = s.open_store().links().all().expect("reads").len();
    assert_eq!(created, 0, "the refused import linked nobody");
    // The sync's locks went with it: the import runs now.
    s.sandbox.micropay.faults().clear();
    let import = other
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("imports once the sync is over");
    assert!(import.created > 0, "{import:?}");
}

/// A clock the test moves on.
#[derive(Debug)]
struct SteppedClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl paybridge_engine::Clock for SteppedClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        *self.0.lock().expect("the clock")
    }
}

impl SteppedClock {
    fn advance(&self, by: chrono::Duration) {
        *self.0.lock().expect("the clock") += by;
    }
}

/// Slows every MicrOpay answer, so a run lasts some seconds.
fn slow_micropay(s: &common::Setup) {
    s.sandbox.micropay.faults().add(Fault::rate(
        "/",
        FaultKind::Latency(Duration::from_millis(1000)),
        1.0,
    ));
}

/// The lease row for the pair, as the database has it now.
fn lease_row(s: &common::Setup, pair: &str) -> Option<paybridge_store::LeaseRecord> {
    let far_past = chrono::DateTime::<chrono::Utc>::MIN_UTC;
    s.open_store()
        .leases()
        .current(pair, far_past)
        .expect("reads")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_renews_its_lease_once_half_of_it_is_gone_by_the_engines_clock() {
    let s = setup(10, 35).await;
    slow_micropay(&s);
    let start = chrono::Utc::now();
    let clock = std::sync::Arc::new(SteppedClock(std::sync::Mutex::new(start)));
    let engine = Engine::open_with_clock(s.options.clone(), clock.clone()).expect("opens");
    let pair = engine.sync_pair_key().await.expect("the pair");
    let first_update = tokio::sync::Notify::new();
    let on_progress = |_: SyncProgressUpdate| first_update.notify_one();
    // 90 s on: past half the lease's two minutes, not past its end.
    let moved = paybridge_engine::RUN_LEASE_TTL / 4 * 3;

    let (run, renewed) = tokio::join!(engine.sync_now(SyncTrigger::Button, &on_progress), async {
        first_update.notified().await;
        let taken = lease_row(&s, &pair).expect("the run holds the lease");
        assert_eq!(taken.expires_at, start + paybridge_engine::RUN_LEASE_TTL);
        clock.advance(moved);
        // Waits (the run is slowed to seconds) for the renewal to land.
        for _ in 0..400 {
            match lease_row(&s, &pair) {
                Some(lease) if lease.expires_at > taken.expires_at => return Some(lease),
                Some(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                None => return None,
            }
        }
        None
    });

    let renewed = renewed.expect("renewed while the run went on");
    assert_eq!(
        renewed.expires_at,
        start + moved + paybridge_engine::RUN_LEASE_TTL,
        "renewed by the engine's clock"
    );
    let run = run.expect("the run ends");
    assert_eq!(run.result, paybridge_engine::RunResult::Done, "{run:?}");
    assert!(lease_row(&s, &pair).is_none(), "released at the end");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_whose_lease_was_taken_stops_partial_and_says_why() {
    let s = setup(10, 36).await;
    slow_micropay(&s);
    let start = chrono::Utc::now();
    let clock = std::sync::Arc::new(SteppedClock(std::sync::Mutex::new(start)));
    let engine = Engine::open_with_clock(s.options.clone(), clock.clone()).expect("opens");
    let pair = engine.sync_pair_key().await.expect("the pair");
    let first_update = tokio::sync::Notify::new();
    let on_progress = |_: SyncProgressUpdate| first_update.notify_one();

    let (run, ()) = tokio::join!(engine.sync_now(SyncTrigger::Button, &on_progress), async {
        first_update.notified().await;
        // Past its end (the run was paused, say): another holder took it.
        let later = start + paybridge_engine::RUN_LEASE_TTL * 2;
        clock.advance(paybridge_engine::RUN_LEASE_TTL * 2);
        let store = s.open_store();
        let outcome = store
            .leases()
            .acquire(&pair, "another-run", later, paybridge_engine::RUN_LEASE_TTL)
            .expect("writes");
        assert!(
            matches!(outcome, paybridge_store::LeaseOutcome::Acquired { .. }),
            "{outcome:?}"
        );
    });

    let run = run.expect("the run ends, recorded");
    assert_eq!(run.result, paybridge_engine::RunResult::Partial, "{run:?}");
    assert!(
        run.message
            .as_deref()
            .is_some_and(|message| message.starts_with("This sync lost its turn")),
        "{run:?}"
    );
    let lease = lease_row(&s, &pair).expect("the other holder keeps it");
    assert_eq!(lease.holder, "another-run");
}

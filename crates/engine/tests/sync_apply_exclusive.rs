//! What keeps a sync apart from everything else on the data folder: an
//! import and a sync never run at once (either one started second is told
//! busy, in plain words), and `sync_now`'s future can be spawned on a
//! multi-threaded runtime (the window and the schedule do).

mod common;

use paybridge_engine::{Engine, SyncProgress, SyncTrigger};

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

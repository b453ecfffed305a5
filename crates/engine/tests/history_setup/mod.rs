//! What the sync history and schedule tests share: an engine on a real
//! database with both connections saved to a sandbox, a clock moved by
//! hand, and runs recorded through the store exactly as a sync writes them.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use paybridge_engine::{Engine, SettingsTrigger, SyncCounts, SyncRunRecord, SyncSchedule};
use paybridge_sandbox::{Sandbox, SandboxOptions};
use paybridge_store::{RunEnd, Store};

use crate::common;
pub use crate::common::HandClock;

pub struct Setup {
    _sandbox: Sandbox,
    pub options: paybridge_engine::EngineOptions,
    _dir: tempfile::TempDir,
    pub engine: Engine,
    pub clock: Arc<HandClock>,
}

impl Setup {
    pub async fn new(seed: u64) -> Self {
        let sandbox = Sandbox::start(SandboxOptions {
            employees: 3,
            seed,
            ..SandboxOptions::default()
        })
        .await
        .expect("sandbox starts");
        let clock = HandClock::at(utc("2026-06-01T09:00:00Z"));
        let common::Setup {
            dir,
            options,
            engine,
            sandbox,
        } = common::connect_with_clock(sandbox, clock.clone()).await;
        Self {
            _sandbox: sandbox,
            options,
            _dir: dir,
            engine,
            clock,
        }
    }

    /// The engine's database, opened beside it as the next process would.
    pub fn store(&self) -> Store {
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

    pub async fn set_schedule(&self, schedule: SyncSchedule) {
        self.engine
            .set_schedule(schedule, SettingsTrigger::App)
            .await
            .expect("schedule saves");
    }
}

pub fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

/// Records a finished run as the sync does; returns its id.
pub fn record_run(
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

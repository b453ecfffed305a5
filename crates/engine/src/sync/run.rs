//! "Sync now": one run under the run lease: check payroll's answers → read
//! → plan → apply → record. Every run is in history (`sync_runs`), every
//! write attempt in the audit trail.

use std::time::Duration;

use chrono::{DateTime, Utc};
use paybridge_store::RunEnd;
use tokio_util::sync::CancellationToken;

use super::apply::{Applied, ApplyContext};
use super::records::{run_counts, run_records};
use crate::api::{
    AppError, RunResult, SyncCounts, SyncPhase, SyncProgressUpdate, SyncRunDetail, SyncRunRecord,
    SyncRunSummary, SyncTrigger,
};
use crate::run_lease::RunLease;
use crate::Engine;

/// Told how a sync is going; called from the run's tasks.
pub trait SyncProgress: Send + Sync {
    fn update(&self, update: SyncProgressUpdate);
}

impl<F: Fn(SyncProgressUpdate) + Send + Sync> SyncProgress for F {
    fn update(&self, update: SyncProgressUpdate) {
        self(update)
    }
}

/// What a run left behind a process that died mid-run.
pub(crate) const ABANDONED: &str = "Paybridge stopped before this run finished.";

/// How often a running sync renews its lease (well inside its TTL).
const LEASE_RENEWAL: Duration = Duration::from_secs(30);

/// Sends one phase's progress.
pub(super) struct Reporter<'a> {
    pub sink: &'a dyn SyncProgress,
    pub run_id: i64,
}

impl Reporter<'_> {
    pub(super) fn phase(&self, phase: SyncPhase, done: u64, total: u64) {
        self.sink.update(SyncProgressUpdate {
            run_id: self.run_id,
            phase,
            done,
            total,
        });
    }
}

/// How a run ended, before it is recorded.
struct Ended {
    result: RunResult,
    counts: SyncCounts,
    retry_later: u64,
    message: Option<String>,
    records: Vec<SyncRunRecord>,
}

impl Engine {
    /// One sync run: lease → check payroll's answers → read → plan → apply
    /// → record. Another run holding the lease for this pair →
    /// `ErrorCode::Busy`, "A sync is already running (started …).". A side
    /// that cannot be read ends the run `failed` (recorded in history,
    /// returned as the summary, not as an error).
    pub async fn sync_now(
        &self,
        trigger: SyncTrigger,
        progress: &dyn SyncProgress,
    ) -> Result<SyncRunSummary, AppError> {
        Ok(self.sync_now_detailed(trigger, progress).await?.summary)
    }

    /// [`Engine::sync_now`], with the records the run touched (what
    /// `paybridge sync --json` prints).
    pub async fn sync_now_detailed(
        &self,
        trigger: SyncTrigger,
        progress: &dyn SyncProgress,
    ) -> Result<SyncRunDetail, AppError> {
        let turn = self.take_turn().await?;
        let registration = self.sync_cancel.register();
        let outcome = self
            .run_under_lease(&turn.lease, trigger, progress, &registration.token)
            .await;
        drop(registration);
        // A lease not released expires by itself; the run's result stands.
        if let Err(error) = self.release_run_lease(turn.lease.clone()).await {
            tracing::warn!(code = ?error.code, "could not release the sync lease");
        }
        drop(turn);
        outcome
    }

    /// Asks the running sync (this process) to stop at the next safe point;
    /// the run ends `partial`. Returns whether a sync was running.
    pub fn cancel_sync(&self) -> bool {
        self.sync_cancel.cancel()
    }

    async fn run_under_lease(
        &self,
        lease: &RunLease,
        trigger: SyncTrigger,
        progress: &dyn SyncProgress,
        cancel: &CancellationToken,
    ) -> Result<SyncRunDetail, AppError> {
        let started_at = self.clock.now();
        let trigger_name = serde_name(&trigger);
        let run_id = self
            .with_store(move |store| {
                let runs = store.sync_runs();
                let run_id = runs.begin(&trigger_name, started_at)?;
                runs.abandon_running(Some(run_id), ABANDONED, started_at)?;
                Ok(run_id)
            })
            .await?;
        let reporter = Reporter {
            sink: progress,
            run_id,
        };
        let lost_lease = std::sync::Mutex::new(None);
        let ended = tokio::select! {
            ended = self.run_steps(run_id, &reporter, cancel) => ended,
            () = self.keep_lease(lease, cancel, &lost_lease) => unreachable!("the renewal never ends"),
        };
        let mut ended = match ended {
            Ok(ended) => ended,
            Err(error) => Ended {
                result: RunResult::Failed,
                counts: SyncCounts::default(),
                retry_later: 0,
                message: Some(error.message),
                records: Vec::new(),
            },
        };
        if let Some(lost) = lost_lease
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
        {
            ended.message = Some(lost);
        }
        self.record_end(run_id, trigger, started_at, ended).await
    }

    /// Renews the lease until the run ends (this future is dropped then);
    /// a lost lease stops the run at its next safe point.
    async fn keep_lease(
        &self,
        lease: &RunLease,
        cancel: &CancellationToken,
        lost: &std::sync::Mutex<Option<String>>,
    ) {
        let mut lease = lease.clone();
        loop {
            tokio::time::sleep(LEASE_RENEWAL).await;
            match self.renew_run_lease(&lease).await {
                Ok(renewed) => lease = renewed,
                Err(error) => {
                    *lost
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(error.message);
                    cancel.cancel();
                    return std::future::pending().await;
                }
            }
        }
    }

    async fn run_steps(
        &self,
        run_id: i64,
        reporter: &Reporter<'_>,
        cancel: &CancellationToken,
    ) -> Result<Ended, AppError> {
        reporter.phase(SyncPhase::CheckingPayroll, 0, 0);
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        let key = self.fingerprint_key().await?;
        let ctx = ApplyContext {
            engine: self,
            run_id,
            micropay: &micropay,
            worknice: &worknice,
            fingerprint_key: key.expose(),
            reporter,
            cancel,
        };
        let resend = ctx.check_payroll().await?;

        reporter.phase(SyncPhase::Reading, 0, 0);
        let read = self.read_and_plan().await?;
        reporter.phase(SyncPhase::Planning, 1, 1);

        let applied: Applied = ctx.apply(&read, &resend).await?;

        reporter.phase(SyncPhase::Recording, 0, 1);
        let records = run_records(&read.plan, &applied);
        let record_rows: Vec<(Option<String>, String)> = records
            .iter()
            .map(|record| {
                let json = serde_json::to_string(record).unwrap_or_default();
                (record.employee.emp_code.clone(), json)
            })
            .collect();
        self.with_store(move |store| store.sync_runs().add_records(run_id, &record_rows))
            .await?;
        reporter.phase(SyncPhase::Recording, 1, 1);

        let counts = run_counts(&read.plan, &applied);
        let retry_later = applied.retry_later();
        let cancelled = cancel.is_cancelled();
        let result = if retry_later > 0 || cancelled {
            RunResult::Partial
        } else {
            RunResult::Done
        };
        let message = match (cancelled, applied.first_failure()) {
            (true, _) => Some(format!(
                "Stopped before the end: {retry_later} employee(s) are left for the next run."
            )),
            (false, Some(reason)) => Some(format!(
                "{retry_later} employee(s) could not be written and are tried again next run: {reason}"
            )),
            (false, None) => None,
        };
        Ok(Ended {
            result,
            counts,
            retry_later,
            message,
            records,
        })
    }

    async fn record_end(
        &self,
        run_id: i64,
        trigger: SyncTrigger,
        started_at: DateTime<Utc>,
        ended: Ended,
    ) -> Result<SyncRunDetail, AppError> {
        let finished_at = self.clock.now();
        let counts_json = serde_json::to_string(&ended.counts).unwrap_or_default();
        let result_name = serde_name(&ended.result);
        let (retry_later, message) = (ended.retry_later, ended.message.clone());
        self.with_store(move |store| {
            store.sync_runs().finish(
                run_id,
                RunEnd {
                    result: &result_name,
                    counts: &counts_json,
                    retry_later,
                    message: message.as_deref(),
                    finished_at,
                },
            )
        })
        .await?;
        let summary = SyncRunSummary {
            id: run_id,
            trigger,
            started_at: started_at.to_rfc3339(),
            finished_at: Some(finished_at.to_rfc3339()),
            duration_ms: u64::try_from((finished_at - started_at).num_milliseconds()).ok(),
            result: ended.result,
            counts: ended.counts,
            retry_later: ended.retry_later,
            message: ended.message,
        };
        Ok(SyncRunDetail {
            summary,
            records: ended.records,
        })
    }
}

/// A unit enum's serde name (`button`, `done`), as the store keeps it.
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

//! "Sync now": one run under the run lease: check payroll's answers → read
//! → plan → apply → record. Every run is in history (`sync_runs`), every
//! write attempt in the audit trail.

use std::time::Duration;

use chrono::{DateTime, Utc};
use paybridge_store::RunEnd;
use tokio_util::sync::CancellationToken;

use super::apply::{Applied, ApplyContext};
use super::read::SyncRead;
use super::records::{run_accounting, run_counts, run_records};
use crate::api::{
    AppError, HeldLeaveRequest, MicropayRead, OutcomeCount, ReadRequest, RunResult, SyncCounts,
    SyncPhase, SyncProgressUpdate, SyncRunDetail, SyncRunRecord, SyncRunSummary, SyncTrigger,
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

/// How often a running sync looks at the engine's clock to see whether its
/// lease is due (a clock read: cheap).
const LEASE_CHECK: Duration = Duration::from_millis(200);

/// A lease is renewed once half its time is gone, by the engine's clock
/// (injected in tests), so a run never comes near its expiry.
fn lease_due(lease: &RunLease, now: DateTime<Utc>) -> bool {
    now >= lease.expires_at - crate::run_lease::RUN_LEASE_TTL / 2
}

pub(super) use super::progress::Reporter;

/// Whether the run's records come back to the caller (they are stored
/// either way): at thousands of employees they are a sizeable copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Records {
    Returned,
    Dropped,
}

/// How a run ended, before it is recorded.
struct Ended {
    result: RunResult,
    counts: SyncCounts,
    accounting: Vec<OutcomeCount>,
    retry_later: u64,
    message: Option<String>,
    records: Vec<SyncRunRecord>,
    micropay_read: Option<MicropayRead>,
    leave_held: Vec<HeldLeaveRequest>,
    leave_from_payroll_skipped: Vec<crate::api::SkippedPayrollLeave>,
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
        Ok(self
            .sync_run(trigger, progress, Records::Dropped, ReadRequest::Routine)
            .await?
            .summary)
    }

    /// [`Engine::sync_now`], with the records the run touched (what
    /// `paybridge sync --json` prints).
    pub async fn sync_now_detailed(
        &self,
        trigger: SyncTrigger,
        progress: &dyn SyncProgress,
    ) -> Result<SyncRunDetail, AppError> {
        self.sync_run(trigger, progress, Records::Returned, ReadRequest::Routine)
            .await
    }

    /// [`Engine::sync_now_detailed`], reading MicrOpay as asked (`paybridge
    /// sync --full-read`: everyone, whatever the routine choice).
    pub async fn sync_now_reading(
        &self,
        trigger: SyncTrigger,
        progress: &dyn SyncProgress,
        read: ReadRequest,
    ) -> Result<SyncRunDetail, AppError> {
        self.sync_run(trigger, progress, Records::Returned, read)
            .await
    }

    async fn sync_run(
        &self,
        trigger: SyncTrigger,
        progress: &dyn SyncProgress,
        records: Records,
        read: ReadRequest,
    ) -> Result<SyncRunDetail, AppError> {
        let turn = self.take_turn().await?;
        let registration = self.sync_cancel.register();
        let outcome = self
            .run_under_lease(
                &turn.lease,
                trigger,
                progress,
                &registration.token,
                (records, read),
            )
            .await;
        drop(registration);
        self.end_turn(turn).await;
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
        (records, read): (Records, ReadRequest),
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
        let reporter = Reporter::new(progress, run_id, self.clock.as_ref());
        let lost_lease = std::sync::Mutex::new(None);
        let ended = tokio::select! {
            ended = self.run_steps(run_id, &reporter, cancel, (records, read)) => ended,
            () = self.keep_lease(lease, cancel, &lost_lease) => unreachable!("the renewal never ends"),
        };
        // Links may have changed (new hires, deleted employees): the
        // employee list reads afresh.
        self.keep_picker_data(None).await;
        let mut ended = match ended {
            Ok(ended) => ended,
            Err(error) => Ended {
                result: RunResult::Failed,
                counts: SyncCounts::default(),
                accounting: Vec::new(),
                retry_later: 0,
                message: Some(error.message),
                records: Vec::new(),
                micropay_read: None,
                leave_held: Vec::new(),
                leave_from_payroll_skipped: Vec::new(),
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
            tokio::time::sleep(LEASE_CHECK).await;
            if !lease_due(&lease, self.clock.now()) {
                continue;
            }
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
        (records, read): (Records, ReadRequest),
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
        let mut read = self.read_and_plan(read, Some(run_id)).await?;
        reporter.phase(SyncPhase::Planning, 1, 1);

        let applied: Applied = ctx.apply(&mut read, &resend).await?;
        // Only the plan is needed from here: the source records go.
        let SyncRead {
            plan,
            micropay_read,
            ..
        } = read;

        reporter.phase(SyncPhase::Recording, 0, 1);
        // Each record goes into its JSON row as it is made; only a caller
        // that asked for them (`paybridge sync --json`) keeps them too.
        let mut kept = Vec::new();
        let record_rows: Vec<(Option<String>, String)> = run_records(&plan, &applied)
            .map(|record| {
                let json = serde_json::to_string(&record).unwrap_or_default();
                let row = (record.employee.emp_code.clone(), json);
                if records == Records::Returned {
                    kept.push(record);
                }
                row
            })
            .collect();
        self.with_store(move |store| store.sync_runs().add_records(run_id, &record_rows))
            .await?;
        reporter.phase(SyncPhase::Recording, 1, 1);

        let mut counts = run_counts(&plan, &applied);
        let accounting = run_accounting(&plan, &applied);
        let retry_later = applied.retry_later();
        let leave = self.leave_step(&micropay, &worknice, cancel).await;
        let balances = self.balances_step(cancel, leave.moved.clone()).await;
        let cancelled = cancel.is_cancelled();
        counts.leave_requests = leave.counts;
        counts.leave_from_payroll = leave.from_payroll;
        counts.leave_balances = balances.counts;
        let leave_unfinished = sentences(leave.unfinished, balances.unfinished);
        let result = if retry_later > 0 || cancelled || leave_unfinished.is_some() {
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
        let message = sentences(message, leave_unfinished);
        Ok(Ended {
            result,
            counts,
            accounting,
            retry_later,
            message,
            records: kept,
            micropay_read: Some(micropay_read),
            leave_held: leave.held,
            leave_from_payroll_skipped: leave.from_payroll_skipped,
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
        // The counts, and the accounting beside them (history reads the
        // counts it knows and ignores the rest).
        let mut counts_value = serde_json::to_value(ended.counts).unwrap_or_default();
        counts_value["accounting"] = serde_json::to_value(&ended.accounting).unwrap_or_default();
        // The next run's read starts from it (`read_choice`).
        if let Some(read) = &ended.micropay_read {
            counts_value["micropayRead"] = serde_json::to_value(read).unwrap_or_default();
        }
        let counts_json = counts_value.to_string();
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
            micropay_read: ended.micropay_read,
        };
        Ok(SyncRunDetail {
            summary,
            accounting: ended.accounting,
            records: ended.records,
            leave_held: ended.leave_held,
            leave_from_payroll_skipped: ended.leave_from_payroll_skipped,
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

/// Two optional messages as one: both, one, or none.
fn sentences(first: Option<String>, then: Option<String>) -> Option<String> {
    match (first, then) {
        (Some(first), Some(then)) => Some(format!("{first} {then}")),
        (first, then) => first.or(then),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_lease::RUN_LEASE_TTL;

    #[test]
    fn a_lease_is_due_for_renewal_once_half_its_time_is_gone() {
        let taken = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        let lease = RunLease {
            pair_key: "pair".to_owned(),
            holder: "me".to_owned(),
            expires_at: taken + RUN_LEASE_TTL,
        };
        assert!(!lease_due(&lease, taken));
        assert!(!lease_due(
            &lease,
            taken + RUN_LEASE_TTL / 2 - chrono::Duration::seconds(1)
        ));
        assert!(lease_due(&lease, taken + RUN_LEASE_TTL / 2));
        assert!(lease_due(&lease, taken + RUN_LEASE_TTL * 3));
    }
}

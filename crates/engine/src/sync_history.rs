//! Reading sync history back: the runs (Sync history, `paybridge history`),
//! one run's records, and the status card (`paybridge status`). The runs
//! are written by the sync itself through `store.sync_runs()`, as the
//! API's own JSON, so what is read here is exactly what was recorded.

use chrono::{DateTime, Utc};
use paybridge_store::{ChangeRequestRecord, SyncRunRow};

use crate::api::{
    AppError, ErrorCode, MicropayRead, OutcomeCount, PendingChangeRequest, RunResult, SyncCounts,
    SyncRunDetail, SyncRunRecord, SyncRunSummary, SyncStatus, SyncTrigger,
};
use crate::sync::fields::FieldId;
use crate::Engine;

/// What a run still marked running shows once no run holds the lease: the
/// process that ran it stopped (killed, crashed, the computer turned off).
/// The same words the sync writes when it abandons such a run itself.
pub const RUN_STOPPED: &str = crate::sync::ABANDONED;

/// How many runs `sync_history` lists when asked for "all".
pub const HISTORY_LIMIT: u32 = 500;

impl Engine {
    /// The newest runs first, at most `limit`.
    pub async fn sync_history(&self, limit: u32) -> Result<Vec<SyncRunSummary>, AppError> {
        let rows = self
            .with_store(move |store| store.sync_runs().list(limit))
            .await?;
        let live = self.live_run_id(&rows).await?;
        Ok(rows.iter().map(|row| summary(row, live)).collect())
    }

    /// One run with every record it touched, in the order it recorded them.
    pub async fn sync_run_detail(&self, run_id: i64) -> Result<SyncRunDetail, AppError> {
        let (row, records) = self
            .with_store(move |store| {
                let runs = store.sync_runs();
                let row = runs.get(run_id)?;
                let records = match row {
                    Some(_) => runs.records(run_id)?,
                    None => Vec::new(),
                };
                Ok((row, records))
            })
            .await?;
        let row = row.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!(
                    "There is no sync run {run_id}. `paybridge history` lists the runs there are."
                ),
            )
        })?;
        let live = self.live_run_id(std::slice::from_ref(&row)).await?;
        let records = records
            .iter()
            .filter_map(
                |record| match serde_json::from_str::<SyncRunRecord>(record) {
                    Ok(record) => Some(record),
                    Err(error) => {
                        // A newer version's record: shown by that version, not misread here.
                        tracing::warn!(run_id, %error, "a sync run record could not be read");
                        None
                    }
                },
            )
            .collect();
        Ok(SyncRunDetail {
            summary: summary(&row, live),
            accounting: accounting(&row),
            records,
            // The counts carry the leave step; its held list is the run's own.
            leave_held: Vec::new(),
            leave_from_payroll_skipped: Vec::new(),
        })
    }

    /// The last run, whether one runs now, the next scheduled time and the
    /// change requests payroll has not answered.
    pub async fn sync_status(&self) -> Result<SyncStatus, AppError> {
        let last_run = self.sync_history(1).await?.into_iter().next();
        let running = self.run_lease_held().await?;
        let next_scheduled_at = self.next_scheduled_sync().await?.map(|at| at.to_rfc3339());
        let open = self
            .with_store(|store| store.change_requests().open())
            .await?;
        Ok(SyncStatus {
            last_run,
            running,
            next_scheduled_at,
            // A lost Add payroll rejected is answered, though kept queued.
            pending_requests: open
                .into_iter()
                .filter(|request| !crate::sync::lost_add_settled(request))
                .map(pending_request)
                .collect(),
        })
    }

    /// Whether a live run holds the lease for the saved pair of connections
    /// now (in this process or another). With a connection missing no run
    /// can hold it. A lease whose holder's OS lock on the data folder is
    /// gone belongs to a killed process (the next sync takes it over at
    /// once), so it does not count, though it has not expired yet.
    pub(crate) async fn run_lease_held(&self) -> Result<bool, AppError> {
        if !self.lease_recorded().await? {
            return Ok(false);
        }
        crate::sync::sync_is_running(&self.data_dir).await
    }

    async fn lease_recorded(&self) -> Result<bool, AppError> {
        let pair_key = match self.sync_pair_key().await {
            Ok(pair_key) => pair_key,
            Err(error) if error.code == ErrorCode::NotConnected => return Ok(false),
            Err(error) => return Err(error),
        };
        let now = self.clock.now();
        self.with_store(move |store| store.leases().current(&pair_key, now))
            .await
            .map(|lease| lease.is_some())
    }

    /// The run that may really be going: the newest one marked running,
    /// while a run holds the lease (a run takes the lease before it records
    /// itself, so at most one running row is alive).
    async fn live_run_id(&self, rows: &[SyncRunRow]) -> Result<Option<i64>, AppError> {
        if !rows.iter().any(|row| row.result == "running") {
            return Ok(None);
        }
        let newest_running = self
            .with_store(|store| store.sync_runs().list(1))
            .await?
            .into_iter()
            .next()
            .filter(|row| row.result == "running")
            .map(|row| row.id);
        if newest_running.is_none() || !self.run_lease_held().await? {
            return Ok(None);
        }
        Ok(newest_running)
    }
}

fn summary(row: &SyncRunRow, live: Option<i64>) -> SyncRunSummary {
    let mut result = parse_name(&row.result).unwrap_or(RunResult::Failed);
    let mut message = row.message.clone();
    if result == RunResult::Running && live != Some(row.id) {
        result = RunResult::Failed;
        message = Some(RUN_STOPPED.to_owned());
    }
    let counts = serde_json::from_str::<SyncCounts>(&row.counts).unwrap_or_else(|error| {
        // A run that never finished has no counts yet ("{}").
        if row.counts.trim() != "{}" {
            tracing::warn!(run_id = row.id, %error, "a sync run's counts could not be read");
        }
        SyncCounts::default()
    });
    SyncRunSummary {
        id: row.id,
        trigger: parse_name(&row.trigger).unwrap_or(SyncTrigger::Cli),
        started_at: row.started_at.to_rfc3339(),
        finished_at: row.finished_at.map(|at| at.to_rfc3339()),
        duration_ms: row
            .finished_at
            .map(|finished| duration_ms(row.started_at, finished)),
        result,
        counts,
        retry_later: row.retry_later,
        message,
        micropay_read: micropay_read(row),
    }
}

/// How the run read MicrOpay, recorded beside the counts.
fn micropay_read(row: &SyncRunRow) -> Option<MicropayRead> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Recorded {
        micropay_read: Option<MicropayRead>,
    }
    serde_json::from_str::<Recorded>(&row.counts)
        .ok()
        .and_then(|recorded| recorded.micropay_read)
}

/// Where the run left every employee it read: the sync records it beside
/// the counts. None for a run that never finished (or from before it did).
fn accounting(row: &SyncRunRow) -> Vec<OutcomeCount> {
    #[derive(serde::Deserialize)]
    struct Recorded {
        #[serde(default)]
        accounting: Vec<OutcomeCount>,
    }
    serde_json::from_str::<Recorded>(&row.counts)
        .map(|recorded| recorded.accounting)
        .unwrap_or_default()
}

fn duration_ms(started: DateTime<Utc>, finished: DateTime<Utc>) -> u64 {
    u64::try_from((finished - started).num_milliseconds()).unwrap_or(0)
}

/// An enum from the name serde gives it (the store keeps those names).
fn parse_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

pub(crate) fn pending_request(request: ChangeRequestRecord) -> PendingChangeRequest {
    PendingChangeRequest {
        id: request.id,
        emp_code: request.emp_code,
        kind: request.kind.as_str().to_owned(),
        status: request.status.as_str().to_owned(),
        fields: request
            .fields
            .iter()
            .map(|field| match FieldId::from_key(&field.field) {
                Some(id) => id.label().to_owned(),
                None => field.field.clone(),
            })
            .collect(),
        submitted_at: request.submitted_at.map(|at| at.to_rfc3339()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(result: &str, counts: &str) -> SyncRunRow {
        let started_at = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        SyncRunRow {
            id: 7,
            trigger: "schedule".to_owned(),
            started_at,
            finished_at: (result != "running")
                .then(|| started_at + chrono::Duration::milliseconds(1_250)),
            result: result.to_owned(),
            counts: counts.to_owned(),
            retry_later: 0,
            message: None,
        }
    }

    #[test]
    fn a_finished_run_reads_back_with_its_duration_and_counts() {
        let counts = SyncCounts {
            read: 40,
            changed: 3,
            written: 3,
            held: 1,
            ..SyncCounts::default()
        };
        let shown = summary(
            &row("partial", &serde_json::to_string(&counts).expect("json")),
            None,
        );
        assert_eq!(shown.trigger, SyncTrigger::Schedule);
        assert_eq!(shown.result, RunResult::Partial);
        assert_eq!(shown.duration_ms, Some(1_250));
        assert_eq!(shown.counts, counts);
    }

    #[test]
    fn a_running_row_is_running_only_while_it_is_the_live_run() {
        let running = row("running", "{}");
        assert_eq!(summary(&running, Some(7)).result, RunResult::Running);
        assert_eq!(summary(&running, Some(7)).duration_ms, None);
        let stopped = summary(&running, None);
        assert_eq!(stopped.result, RunResult::Failed);
        assert_eq!(stopped.message.as_deref(), Some(RUN_STOPPED));
        assert_eq!(summary(&running, Some(8)).result, RunResult::Failed);
    }
}

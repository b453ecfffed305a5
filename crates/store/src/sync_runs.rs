//! Sync history (`sync_runs`, `sync_run_records`) and the audit trail
//! (`sync_audit`, append-only). The store keeps a run's counts and records
//! as the engine's JSON: it never sees an unmasked sensitive value, because
//! the engine's record types carry only masked ones.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::StoreError;

/// One run as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRunRow {
    pub id: i64,
    /// `button`, `schedule` or `cli`.
    pub trigger: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `done`, `partial` or `failed`.
    pub result: String,
    /// JSON.
    pub counts: String,
    pub retry_later: u64,
    pub message: Option<String>,
}

/// How a run ended, to record it.
#[derive(Debug, Clone, Copy)]
pub struct RunEnd<'a> {
    /// `done`, `partial` or `failed`.
    pub result: &'a str,
    pub counts: &'a str,
    pub retry_later: u64,
    pub message: Option<&'a str>,
    pub finished_at: DateTime<Utc>,
}

/// One write Paybridge made or tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub run_id: Option<i64>,
    pub at: DateTime<Utc>,
    /// `micropay` or `worknice`.
    pub side: String,
    pub emp_code: Option<String>,
    /// e.g. `update-person`, `change-employee-change`.
    pub operation: String,
    /// Catalogue keys, comma-separated.
    pub fields: String,
    /// `written`, `failed` or `unknown`.
    pub outcome: String,
    /// Masked; never a secret or a sensitive value.
    pub detail: Option<String>,
}

#[derive(Debug)]
pub struct SyncRuns<'s> {
    conn: &'s Connection,
}

const RUN_COLUMNS: &str =
    "id, trigger, started_at, finished_at, result, counts, retry_later, message";

fn run_row(row: &Row<'_>) -> rusqlite::Result<SyncRunRow> {
    Ok(SyncRunRow {
        id: row.get(0)?,
        trigger: row.get(1)?,
        started_at: row.get(2)?,
        finished_at: row.get(3)?,
        result: row.get(4)?,
        counts: row.get(5)?,
        retry_later: row.get(6)?,
        message: row.get(7)?,
    })
}

impl<'s> SyncRuns<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Records a run as started ('running'); returns its id.
    pub fn begin(&self, trigger: &str, started_at: DateTime<Utc>) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO sync_runs (trigger, started_at, result) VALUES (?1, ?2, 'running')",
            params![trigger, started_at],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Appends records to a run (each the engine's JSON for one employee),
    /// numbered after those it has.
    pub fn add_records(
        &self,
        run_id: i64,
        records: &[(Option<String>, String)],
    ) -> Result<(), StoreError> {
        let transaction = self.conn.unchecked_transaction()?;
        let next: i64 = transaction.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_run_records WHERE run_id = ?1",
            [run_id],
            |row| row.get(0),
        )?;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO sync_run_records (run_id, seq, emp_code, record) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (offset, (emp_code, record)) in records.iter().enumerate() {
                insert.execute(params![run_id, next + offset as i64, emp_code, record])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Records how a running run ended. A run that is not running (already
    /// finished, or abandoned by [`Self::abandon_running`]) is left as it is;
    /// returns whether this call finished it.
    pub fn finish(&self, run_id: i64, end: RunEnd<'_>) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE sync_runs SET result = ?2, counts = ?3, retry_later = ?4, message = ?5,
                 finished_at = ?6
             WHERE id = ?1 AND result = 'running'",
            params![
                run_id,
                end.result,
                end.counts,
                end.retry_later,
                end.message,
                end.finished_at
            ],
        )?;
        Ok(changed == 1)
    }

    /// Marks every run still 'running' except `keep` as failed with
    /// `message`: a process that died mid-run never finished its row. Call
    /// it only while holding the run lease. Returns how many were marked.
    pub fn abandon_running(
        &self,
        keep: Option<i64>,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "UPDATE sync_runs SET result = 'failed', message = ?2, finished_at = ?3
             WHERE result = 'running' AND id IS NOT ?1",
            params![keep, message, at],
        )?)
    }

    /// The newest runs first, at most `limit`.
    pub fn list(&self, limit: u32) -> Result<Vec<SyncRunRow>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {RUN_COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = statement.query_map([limit], run_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get(&self, run_id: i64) -> Result<Option<SyncRunRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {RUN_COLUMNS} FROM sync_runs WHERE id = ?1"),
                [run_id],
                run_row,
            )
            .optional()?)
    }

    /// When the newest run with this trigger started (`schedule`: the
    /// scheduler counts from it).
    pub fn last_started(&self, trigger: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT started_at FROM sync_runs WHERE trigger = ?1 ORDER BY id DESC LIMIT 1",
                [trigger],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The newest run other than `except` (the run asking), whatever its
    /// result.
    pub fn latest_other(&self, except: Option<i64>) -> Result<Option<SyncRunRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {RUN_COLUMNS} FROM sync_runs WHERE id IS NOT ?1 ORDER BY id DESC LIMIT 1"
                ),
                [except],
                run_row,
            )
            .optional()?)
    }

    /// When the newest run that ended `done` and whose counts say it read
    /// MicrOpay in full (`micropayRead.kind` is `full`) started.
    pub fn last_full_read(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT started_at FROM sync_runs
                 WHERE result = 'done' AND json_valid(counts)
                   AND json_extract(counts, '$.micropayRead.kind') = 'full'
                 ORDER BY id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// When the newest run that sent every current employee's leave
    /// balances to Worknice (`leaveBalances.state` is `shown`, none held,
    /// not only some: `everyone`) started; `None` as well when a run after
    /// it held anyone's, so everyone's are sent again.
    pub fn last_balances_sent(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT started_at FROM sync_runs AS sent
                 WHERE result != 'running' AND json_valid(counts)
                   AND json_extract(counts, '$.leaveBalances.state') = 'shown'
                   AND json_extract(counts, '$.leaveBalances.held') = 0
                   AND COALESCE(json_extract(counts, '$.leaveBalances.everyone'), 1) = 1
                   AND NOT EXISTS (
                       SELECT 1 FROM sync_runs AS later
                       WHERE later.id > sent.id AND json_valid(later.counts)
                         AND json_extract(later.counts, '$.leaveBalances.held') > 0)
                 ORDER BY id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// A run's records in the order they were added.
    pub fn records(&self, run_id: i64) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT record FROM sync_run_records WHERE run_id = ?1 ORDER BY seq")?;
        let rows = statement.query_map([run_id], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Appends to the audit trail.
    pub fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sync_audit (run_id, at, side, emp_code, operation, fields, outcome, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                entry.run_id,
                entry.at,
                entry.side,
                entry.emp_code,
                entry.operation,
                entry.fields,
                entry.outcome,
                entry.detail
            ],
        )?;
        Ok(())
    }

    /// The audit trail, oldest first; only a run's when `run_id` is given.
    pub fn audit_trail(&self, run_id: Option<i64>) -> Result<Vec<AuditEntry>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT run_id, at, side, emp_code, operation, fields, outcome, detail
             FROM sync_audit WHERE ?1 IS NULL OR run_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([run_id], |row| {
            Ok(AuditEntry {
                run_id: row.get(0)?,
                at: row.get(1)?,
                side: row.get(2)?,
                emp_code: row.get(3)?,
                operation: row.get(4)?,
                fields: row.get(5)?,
                outcome: row.get(6)?,
                detail: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

//! The `leave_from_payroll` table: per MicrOpay leave application entered
//! in payroll directly, what Paybridge did with it: queued before the
//! Worknice create, created with Worknice's id once it answered, or skipped
//! with why. A queued row means an answer may have been lost: the engine
//! looks the request up in Worknice by its external id before creating
//! again. Beside it, the list's high-water mark (`next_id`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

/// Where one application's copy stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromPayrollState {
    /// About to be created in Worknice, or created with its answer lost.
    Queued,
    /// Worknice holds it as this request.
    Created { worknice_request_id: String },
    /// Not copied, with why.
    Skipped { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromPayrollRecord {
    pub micropay_id: i64,
    pub state: FromPayrollState,
    pub emp_code: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The Worknice status Paybridge last wrote: `APPROVED` when created,
    /// `CANCELLED` once payroll cancelled or declined it.
    pub status_written: Option<String>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "micropay_id, state, emp_code, start_date, end_date, worknice_request_id,
     status_written, reason, updated_at";

#[derive(Debug)]
pub struct LeaveFromPayroll<'s> {
    conn: &'s Connection,
}

impl<'s> LeaveFromPayroll<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn get(&self, micropay_id: i64) -> Result<Option<FromPayrollRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM leave_from_payroll WHERE micropay_id = ?1"),
                [micropay_id],
                read_record,
            )
            .optional()?)
    }

    /// Every application copied, queued or skipped, by MicrOpay id.
    pub fn all(&self) -> Result<Vec<FromPayrollRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM leave_from_payroll ORDER BY micropay_id"
        ))?;
        let rows = statement.query_map([], read_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Queued before the Worknice create. One already created stays so.
    pub fn queue(
        &self,
        micropay_id: i64,
        emp_code: &str,
        dates: (NaiveDate, NaiveDate),
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO leave_from_payroll (micropay_id, state, emp_code, start_date, end_date,
                 updated_at)
             VALUES (?1, 'queued', ?2, ?3, ?4, ?5)
             ON CONFLICT (micropay_id) DO UPDATE SET
                 state = 'queued', emp_code = ?2, start_date = ?3, end_date = ?4, reason = NULL,
                 updated_at = ?5
             WHERE state <> 'created'",
            params![micropay_id, emp_code, dates.0, dates.1, at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Worknice holds it (created APPROVED): never created again.
    pub fn mark_created(
        &self,
        micropay_id: i64,
        worknice_request_id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE leave_from_payroll SET state = 'created', worknice_request_id = ?2,
                 status_written = 'APPROVED', reason = NULL, updated_at = ?3
             WHERE micropay_id = ?1 AND state = 'queued'",
            params![micropay_id, worknice_request_id, at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Not copied, with why; one already created stays so.
    pub fn skip(
        &self,
        micropay_id: i64,
        emp_code: &str,
        dates: (NaiveDate, NaiveDate),
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO leave_from_payroll (micropay_id, state, emp_code, start_date, end_date,
                 reason, updated_at)
             VALUES (?1, 'skipped', ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (micropay_id) DO UPDATE SET
                 state = 'skipped', reason = ?5, updated_at = ?6
             WHERE state <> 'created'",
            params![
                micropay_id,
                emp_code,
                dates.0,
                dates.1,
                reason,
                at.to_rfc3339()
            ],
        )?;
        Ok(())
    }

    /// The Worknice request's status was written as `status` (`APPROVED`
    /// or `CANCELLED`): not written again.
    pub fn record_status(
        &self,
        micropay_id: i64,
        status: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE leave_from_payroll SET status_written = ?2, updated_at = ?3
             WHERE micropay_id = ?1 AND state = 'created'",
            params![micropay_id, status, at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// The lowest application id not yet looked at; `None` before the
    /// first run.
    pub fn next_id(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT next_id FROM leave_from_payroll_mark WHERE id = 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Everything below `next_id` has been looked at.
    pub fn set_next_id(&self, next_id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO leave_from_payroll_mark (id, next_id, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET next_id = ?1, updated_at = ?2",
            params![next_id, at.to_rfc3339()],
        )?;
        Ok(())
    }
}

fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<FromPayrollRecord> {
    let state: String = row.get(1)?;
    let state = match state.as_str() {
        "created" => FromPayrollState::Created {
            worknice_request_id: row.get(5)?,
        },
        "skipped" => FromPayrollState::Skipped {
            reason: row.get(7)?,
        },
        _ => FromPayrollState::Queued,
    };
    Ok(FromPayrollRecord {
        micropay_id: row.get(0)?,
        state,
        emp_code: row.get(2)?,
        start_date: row.get(3)?,
        end_date: row.get(4)?,
        status_written: row.get(6)?,
        updated_at: row.get(8)?,
    })
}

#[cfg(test)]
#[path = "leave_from_payroll_tests.rs"]
mod tests;

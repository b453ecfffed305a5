//! The `leave_transfers` table: per approved Worknice leave request, what
//! Paybridge did with it: queued before the POST to MicrOpay, submitted
//! with MicrOpay's id once it answered, or held with why. The engine reads
//! a request's row before sending; a queued row means an answer may have
//! been lost, so it looks the application up before sending again.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

/// Where one request's transfer stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaveTransferState {
    /// About to be sent, or sent with its answer lost.
    Queued,
    /// MicrOpay took it under this id.
    Submitted { micropay_id: i64 },
    /// Not sent, with why.
    Held { reason: String },
}

/// What is sent for a request: how a lost answer is found in MicrOpay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveTransferSent {
    pub emp_code: String,
    pub leave_type: String,
    pub leave_code: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The Worknice request as it was when sent; `None` for a transfer
    /// queued before migration 0013 recorded it.
    pub request: Option<LeaveRequestAsSent>,
}

/// What the Worknice request was when it was sent: a later change to it is
/// told from an admin re-mapping its category or payroll editing hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveRequestAsSent {
    pub worknice_type_id: String,
    /// Hours in hundredths, as payroll keeps them; `None`: whole days.
    pub hours_hundredths: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveTransferRecord {
    pub worknice_request_id: String,
    pub state: LeaveTransferState,
    pub sent: Option<LeaveTransferSent>,
    pub updated_at: DateTime<Utc>,
    /// What was last written to the Worknice request's payroll status
    /// (`TRANSFERRED`, `PROCESSED` or `DECLINED`), if anything.
    pub payroll_status: Option<String>,
}

const COLUMNS: &str = "worknice_request_id, state, emp_code, leave_type, leave_code, start_date,
     end_date, micropay_id, reason, updated_at, payroll_status, worknice_type_id,
     worknice_hours_hundredths";

#[derive(Debug)]
pub struct LeaveTransfers<'s> {
    conn: &'s Connection,
}

impl<'s> LeaveTransfers<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn get(
        &self,
        worknice_request_id: &str,
    ) -> Result<Option<LeaveTransferRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM leave_transfers WHERE worknice_request_id = ?1"),
                [worknice_request_id],
                read_transfer,
            )
            .optional()?)
    }

    /// Every transfer, by request id.
    pub fn all(&self) -> Result<Vec<LeaveTransferRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM leave_transfers ORDER BY worknice_request_id"
        ))?;
        let rows = statement.query_map([], read_transfer)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Queued before the POST. A request already submitted stays so.
    pub fn queue(
        &self,
        worknice_request_id: &str,
        sent: &LeaveTransferSent,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO leave_transfers (worknice_request_id, state, emp_code, leave_type,
                 leave_code, start_date, end_date, updated_at, worknice_type_id,
                 worknice_hours_hundredths)
             VALUES (?1, 'queued', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (worknice_request_id) DO UPDATE SET
                 state = 'queued', emp_code = ?2, leave_type = ?3, leave_code = ?4,
                 start_date = ?5, end_date = ?6, reason = NULL, updated_at = ?7,
                 worknice_type_id = ?8, worknice_hours_hundredths = ?9
             WHERE state <> 'submitted'",
            params![
                worknice_request_id,
                sent.emp_code,
                sent.leave_type,
                sent.leave_code,
                sent.start_date,
                sent.end_date,
                at.to_rfc3339(),
                sent.request.as_ref().map(|r| &r.worknice_type_id),
                sent.request.as_ref().and_then(|r| r.hours_hundredths),
            ],
        )?;
        Ok(())
    }

    /// MicrOpay took it: never sent again.
    pub fn mark_submitted(
        &self,
        worknice_request_id: &str,
        micropay_id: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE leave_transfers SET state = 'submitted', micropay_id = ?2, reason = NULL,
                 updated_at = ?3
             WHERE worknice_request_id = ?1",
            params![worknice_request_id, micropay_id, at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Held with why; a request already submitted stays so.
    pub fn hold(
        &self,
        worknice_request_id: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO leave_transfers (worknice_request_id, state, reason, updated_at)
             VALUES (?1, 'held', ?2, ?3)
             ON CONFLICT (worknice_request_id) DO UPDATE SET
                 state = 'held', reason = ?2, updated_at = ?3
             WHERE state <> 'submitted'",
            params![worknice_request_id, reason, at.to_rfc3339()],
        )?;
        Ok(())
    }
}

impl LeaveTransfers<'_> {
    /// The Worknice request's payroll status was written as `status`
    /// (`TRANSFERRED`, `PROCESSED` or `DECLINED`): not written again.
    pub fn record_payroll_status(
        &self,
        worknice_request_id: &str,
        status: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE leave_transfers SET payroll_status = ?2, updated_at = ?3
             WHERE worknice_request_id = ?1 AND state = 'submitted'",
            params![worknice_request_id, status, at.to_rfc3339()],
        )?;
        Ok(())
    }
}

fn read_transfer(row: &rusqlite::Row<'_>) -> rusqlite::Result<LeaveTransferRecord> {
    let state: String = row.get(1)?;
    let state = match state.as_str() {
        "submitted" => LeaveTransferState::Submitted {
            micropay_id: row.get(7)?,
        },
        "held" => LeaveTransferState::Held {
            reason: row.get(8)?,
        },
        _ => LeaveTransferState::Queued,
    };
    let emp_code: Option<String> = row.get(2)?;
    let request = row
        .get::<_, Option<String>>(11)?
        .map(|worknice_type_id| -> rusqlite::Result<_> {
            Ok(LeaveRequestAsSent {
                worknice_type_id,
                hours_hundredths: row.get(12)?,
            })
        })
        .transpose()?;
    let sent = match (emp_code, row.get(3)?, row.get(5)?, row.get(6)?) {
        (Some(emp_code), Some(leave_type), Some(start_date), Some(end_date)) => {
            Some(LeaveTransferSent {
                emp_code,
                leave_type,
                leave_code: row.get(4)?,
                start_date,
                end_date,
                request,
            })
        }
        _ => None,
    };
    Ok(LeaveTransferRecord {
        worknice_request_id: row.get(0)?,
        state,
        sent,
        updated_at: row.get(9)?,
        payroll_status: row.get(10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &tempfile::TempDir) -> crate::Store {
        crate::Store::open(
            &dir.path().join("p.db"),
            &crate::DatabaseKey::from_bytes([5; 32]),
        )
        .expect("opens")
    }

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .expect("a time")
            .with_timezone(&Utc)
    }

    fn sent() -> LeaveTransferSent {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
        LeaveTransferSent {
            emp_code: "E1".to_owned(),
            leave_type: "UserDefinedLeave".to_owned(),
            leave_code: Some("TOIL".to_owned()),
            start_date: day,
            end_date: day,
            request: Some(LeaveRequestAsSent {
                worknice_type_id: "lt-toil".to_owned(),
                hours_hundredths: Some(380),
            }),
        }
    }

    #[test]
    fn a_submitted_transfer_is_neither_queued_nor_held_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(&dir);
        let transfers = store.leave_transfers();
        transfers.queue("lr-1", &sent(), at()).expect("queued");
        let queued = transfers.get("lr-1").expect("reads").expect("a row");
        assert_eq!(queued.state, LeaveTransferState::Queued);
        assert_eq!(queued.sent, Some(sent()));
        transfers.mark_submitted("lr-1", 42, at()).expect("marked");
        transfers.queue("lr-1", &sent(), at()).expect("no-op");
        transfers.hold("lr-1", "why", at()).expect("no-op");
        let row = transfers.get("lr-1").expect("reads").expect("a row");
        assert_eq!(row.state, LeaveTransferState::Submitted { micropay_id: 42 });
    }

    #[test]
    fn the_payroll_status_written_is_kept_for_a_submitted_transfer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(&dir);
        let transfers = store.leave_transfers();
        transfers.queue("lr-3", &sent(), at()).expect("queued");
        transfers
            .record_payroll_status("lr-3", "TRANSFERRED", at())
            .expect("no-op while queued");
        let queued = transfers.get("lr-3").expect("reads").expect("a row");
        assert_eq!(queued.payroll_status, None);
        transfers.mark_submitted("lr-3", 7, at()).expect("marked");
        transfers
            .record_payroll_status("lr-3", "TRANSFERRED", at())
            .expect("recorded");
        transfers
            .record_payroll_status("lr-3", "DECLINED", at())
            .expect("recorded");
        let row = transfers.get("lr-3").expect("reads").expect("a row");
        assert_eq!(row.payroll_status.as_deref(), Some("DECLINED"));
        assert_eq!(row.state, LeaveTransferState::Submitted { micropay_id: 7 });
        assert!(transfers
            .record_payroll_status("lr-3", "LOST", at())
            .is_err());
    }

    #[test]
    fn a_held_transfer_is_queued_once_it_can_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(&dir);
        let transfers = store.leave_transfers();
        transfers.hold("lr-2", "not linked", at()).expect("held");
        assert_eq!(
            transfers.get("lr-2").expect("reads").expect("a row").state,
            LeaveTransferState::Held {
                reason: "not linked".to_owned()
            }
        );
        transfers.queue("lr-2", &sent(), at()).expect("queued");
        assert_eq!(transfers.all().expect("reads").len(), 1);
        assert_eq!(
            transfers.get("lr-2").expect("reads").expect("a row").state,
            LeaveTransferState::Queued
        );
    }
}

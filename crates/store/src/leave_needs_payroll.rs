//! The `leave_needs_payroll` table: what a payroll officer is to do in
//! MicrOpay for a request cancelled or changed in Worknice after Paybridge
//! sent it (MicrOpay's API takes new applications only). Appended; one open
//! item per request and kind. An item is raised once: raising what is open
//! already (or what was last marked done) changes nothing, so a done item
//! comes back only when the request changes again.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

/// What MicrOpay's application needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedsPayrollKind {
    /// Cancelled (or declined) in Worknice: withdraw it in MicrOpay.
    Cancel,
    /// Its dates or category changed in Worknice: change it in MicrOpay.
    Change,
}

impl NeedsPayrollKind {
    fn wire(self) -> &'static str {
        match self {
            Self::Cancel => "cancel",
            Self::Change => "change",
        }
    }
}

/// An item to raise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNeedsPayroll {
    pub worknice_request_id: String,
    pub kind: NeedsPayrollKind,
    pub micropay_id: i64,
    pub emp_code: String,
    /// What the request is now (e.g. its dates and category): the same
    /// detail is not raised twice.
    pub detail: String,
    pub what_to_do: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedsPayrollItem {
    pub id: i64,
    pub worknice_request_id: String,
    pub kind: NeedsPayrollKind,
    pub micropay_id: i64,
    pub emp_code: String,
    pub detail: String,
    pub what_to_do: String,
    pub raised_at: DateTime<Utc>,
    /// When a payroll officer marked it done; `None` while open.
    pub done_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, worknice_request_id, kind, micropay_id, emp_code, detail, what_to_do,
     raised_at, done_at";

#[derive(Debug)]
pub struct NeedsPayrollList<'s> {
    conn: &'s Connection,
}

impl<'s> NeedsPayrollList<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Raises `item`: its id when raised (or an open item of the same
    /// request and kind brought up to date), `None` when it is open or was
    /// done already as it is. A cancel closes the request's open change: it
    /// says all there is to do.
    pub fn raise(
        &self,
        item: &NewNeedsPayroll,
        at: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let (request, kind) = (item.worknice_request_id.as_str(), item.kind.wire());
        let open: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, detail FROM leave_needs_payroll
                 WHERE worknice_request_id = ?1 AND kind = ?2 AND done_at IS NULL",
                params![request, kind],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let raised = match open {
            Some((_, detail)) if detail == item.detail => None,
            Some((id, _)) => {
                tx.execute(
                    "UPDATE leave_needs_payroll SET micropay_id = ?2, emp_code = ?3, detail = ?4,
                         what_to_do = ?5, raised_at = ?6
                     WHERE id = ?1",
                    params![
                        id,
                        item.micropay_id,
                        item.emp_code,
                        item.detail,
                        item.what_to_do,
                        at.to_rfc3339()
                    ],
                )?;
                Some(id)
            }
            None => {
                let last_done: Option<String> = tx
                    .query_row(
                        "SELECT detail FROM leave_needs_payroll
                         WHERE worknice_request_id = ?1 AND kind = ?2
                         ORDER BY id DESC LIMIT 1",
                        params![request, kind],
                        |row| row.get(0),
                    )
                    .optional()?;
                if last_done.as_deref() == Some(item.detail.as_str()) {
                    None
                } else {
                    tx.execute(
                        "INSERT INTO leave_needs_payroll (worknice_request_id, kind, micropay_id,
                             emp_code, detail, what_to_do, raised_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            request,
                            kind,
                            item.micropay_id,
                            item.emp_code,
                            item.detail,
                            item.what_to_do,
                            at.to_rfc3339()
                        ],
                    )?;
                    Some(tx.last_insert_rowid())
                }
            }
        };
        if let (Some(cancel), NeedsPayrollKind::Cancel) = (raised, item.kind) {
            tx.execute(
                "UPDATE leave_needs_payroll SET done_at = ?2, superseded_by = ?3
                 WHERE worknice_request_id = ?1 AND kind = 'change' AND done_at IS NULL",
                params![request, at.to_rfc3339(), cancel],
            )?;
        }
        tx.commit()?;
        Ok(raised)
    }

    /// Open items, oldest first.
    pub fn open(&self) -> Result<Vec<NeedsPayrollItem>, StoreError> {
        self.select("WHERE done_at IS NULL ORDER BY id", params![])
    }

    /// Items marked done at or after `since`, latest first; not a change
    /// closed by the request's cancel (nobody did it).
    pub fn done_since(&self, since: DateTime<Utc>) -> Result<Vec<NeedsPayrollItem>, StoreError> {
        self.select(
            "WHERE done_at IS NOT NULL AND done_at >= ?1 AND superseded_by IS NULL
             ORDER BY done_at DESC, id DESC",
            params![since.to_rfc3339()],
        )
    }

    /// Marks an open item done: `false` when there is no open item `id`.
    pub fn mark_done(&self, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE leave_needs_payroll SET done_at = ?2 WHERE id = ?1 AND done_at IS NULL",
            params![id, at.to_rfc3339()],
        )?;
        Ok(changed == 1)
    }

    fn select(
        &self,
        rest: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<NeedsPayrollItem>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM leave_needs_payroll {rest}"))?;
        let rows = statement.query_map(params, read_item)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn read_item(row: &rusqlite::Row<'_>) -> rusqlite::Result<NeedsPayrollItem> {
    let kind: String = row.get(2)?;
    Ok(NeedsPayrollItem {
        id: row.get(0)?,
        worknice_request_id: row.get(1)?,
        kind: if kind == "cancel" {
            NeedsPayrollKind::Cancel
        } else {
            NeedsPayrollKind::Change
        },
        micropay_id: row.get(3)?,
        emp_code: row.get(4)?,
        detail: row.get(5)?,
        what_to_do: row.get(6)?,
        raised_at: row.get(7)?,
        done_at: row.get(8)?,
    })
}

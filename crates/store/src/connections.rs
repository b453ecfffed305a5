//! The `connections` table: how to reach MicrOpay and Worknice, and what the
//! last connection test found. No secrets: those live in the OS keyring.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{
    params, Connection, OptionalExtension, Row, ToSql, Transaction, TransactionBehavior,
};
use serde::{Deserialize, Serialize};

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConnectionKind {
    Micropay,
    Worknice,
}

impl ConnectionKind {
    pub const ALL: [ConnectionKind; 2] = [Self::Micropay, Self::Worknice];

    /// The value in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Micropay => "micropay",
            Self::Worknice => "worknice",
        }
    }
}

impl ToSql for ConnectionKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for ConnectionKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "micropay" => Ok(Self::Micropay),
            "worknice" => Ok(Self::Worknice),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// One saved connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionRecord {
    pub kind: ConnectionKind,
    pub base_url: String,
    /// MicrOpay's Web API username.
    pub username: Option<String>,
    /// MicrOpay's payroll company name.
    pub payroll_company: Option<String>,
    /// The organisation the last successful test connected to.
    pub organisation: Option<String>,
    pub employee_count: Option<u32>,
    pub last_checked_at: Option<DateTime<Utc>>,
    /// The error code of the last failed test; `None` after a success.
    pub last_error_code: Option<String>,
    /// What the last failed test said, in the words shown to the user.
    pub last_error_message: Option<String>,
    /// When the connection was last saved, from the caller's clock; a
    /// re-check leaves it alone.
    pub updated_at: DateTime<Utc>,
}

/// Which saved connection a re-check tested: its address, username and
/// `updated_at` as they were when the check started. Every Save writes a new
/// `updated_at`, so a Save of a new token, password, API key or payroll
/// company at the same address is a different connection too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestedConnection {
    pub kind: ConnectionKind,
    pub base_url: String,
    pub username: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// What a re-check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    Passed {
        organisation: String,
        employee_count: Option<u32>,
    },
    /// `code` is the error code's name, `message` what the user was shown.
    Failed { code: String, message: String },
}

/// Reads and writes the `connections` table.
#[derive(Debug)]
pub struct Connections<'s> {
    conn: &'s Connection,
}

const COLUMNS: &str = "kind, base_url, username, payroll_company, organisation, employee_count, last_checked_at, last_error_code, \
     last_error_message, updated_at";

impl<'s> Connections<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn get(&self, kind: ConnectionKind) -> Result<Option<ConnectionRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM connections WHERE kind = ?1"),
                [kind],
                record_from_row,
            )
            .optional()?)
    }

    /// Both connections that are saved, MicrOpay first.
    pub fn list(&self) -> Result<Vec<ConnectionRecord>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM connections ORDER BY kind"))?;
        let records = statement
            .query_map([], record_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(records)
    }

    /// Inserts `record`, or replaces the saved one of the same kind.
    pub fn upsert(&self, record: &ConnectionRecord) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            &format!(
                "INSERT INTO connections ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (kind) DO UPDATE SET
                   base_url = excluded.base_url,
                   username = excluded.username,
                   payroll_company = excluded.payroll_company,
                   organisation = excluded.organisation,
                   employee_count = excluded.employee_count,
                   last_checked_at = excluded.last_checked_at,
                   last_error_code = excluded.last_error_code,
                   last_error_message = excluded.last_error_message,
                   updated_at = excluded.updated_at"
            ),
            params![
                record.kind,
                record.base_url,
                record.username,
                record.payroll_company,
                record.organisation,
                record.employee_count,
                record.last_checked_at,
                record.last_error_code,
                record.last_error_message,
                record.updated_at,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Keeps the outcome of a re-check of the connection saved at `tested`,
    /// touching only the result columns, and only while the saved row is
    /// still the one tested (address, username and `updated_at`): a Save or
    /// Disconnect that landed meanwhile wins. `updated_at` stays the Save's,
    /// so overlapping re-checks of one Save all land. `false` when nothing
    /// matched.
    pub fn record_check(
        &self,
        tested: &TestedConnection,
        outcome: &CheckOutcome,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.write()?;
        let matched = match outcome {
            CheckOutcome::Passed {
                organisation,
                employee_count,
            } => tx.execute(
                "UPDATE connections SET
                   organisation = ?4, employee_count = ?5, last_checked_at = ?6,
                   last_error_code = NULL, last_error_message = NULL
                 WHERE kind = ?1 AND base_url = ?2 AND username IS ?3 AND updated_at = ?7",
                params![
                    tested.kind,
                    tested.base_url,
                    tested.username,
                    organisation,
                    employee_count,
                    at,
                    tested.updated_at
                ],
            )?,
            CheckOutcome::Failed { code, message } => tx.execute(
                "UPDATE connections SET
                   last_checked_at = ?6, last_error_code = ?4, last_error_message = ?5
                 WHERE kind = ?1 AND base_url = ?2 AND username IS ?3 AND updated_at = ?7",
                params![
                    tested.kind,
                    tested.base_url,
                    tested.username,
                    code,
                    message,
                    at,
                    tested.updated_at
                ],
            )?,
        };
        tx.commit()?;
        Ok(matched > 0)
    }

    /// Removes the saved connection; `false` when there was none.
    pub fn delete(&self, kind: ConnectionKind) -> Result<bool, StoreError> {
        let tx = self.write()?;
        let removed = tx.execute("DELETE FROM connections WHERE kind = ?1", [kind])?;
        tx.commit()?;
        Ok(removed > 0)
    }

    fn write(&self) -> Result<Transaction<'s>, StoreError> {
        Ok(Transaction::new_unchecked(
            self.conn,
            TransactionBehavior::Immediate,
        )?)
    }
}

fn record_from_row(row: &Row<'_>) -> rusqlite::Result<ConnectionRecord> {
    Ok(ConnectionRecord {
        kind: row.get(0)?,
        base_url: row.get(1)?,
        username: row.get(2)?,
        payroll_company: row.get(3)?,
        organisation: row.get(4)?,
        employee_count: row.get(5)?,
        last_checked_at: row.get(6)?,
        last_error_code: row.get(7)?,
        last_error_message: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

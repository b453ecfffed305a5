//! The `directions` table: which way each data group flows. Which groups may
//! change is the engine's rule; the store keeps what it is told and records
//! every change in the settings history.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, ToSql, Transaction, TransactionBehavior};

use crate::settings_history::{self, SettingsTrigger};
use crate::StoreError;

/// A kind of data a sync moves, by its name in the CLI and the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SyncGroup {
    Personal,
    Tax,
    Bank,
    Super,
    LeaveRequests,
    LeaveBalances,
}

impl SyncGroup {
    /// In the order the Directions screen lists them.
    pub const ALL: [SyncGroup; 6] = [
        Self::Personal,
        Self::Tax,
        Self::Bank,
        Self::Super,
        Self::LeaveRequests,
        Self::LeaveBalances,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Tax => "tax",
            Self::Bank => "bank",
            Self::Super => "super",
            Self::LeaveRequests => "leave-requests",
            Self::LeaveBalances => "leave-balances",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|group| group.as_str() == text)
    }
}

impl ToSql for SyncGroup {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for SyncGroup {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Self::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}

/// Which system's value wins for a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncDirection {
    MicropayToWorknice,
    WorkniceToMicropay,
}

impl SyncDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MicropayToWorknice => "micropay-to-worknice",
            Self::WorkniceToMicropay => "worknice-to-micropay",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::MicropayToWorknice, Self::WorkniceToMicropay]
            .into_iter()
            .find(|direction| direction.as_str() == text)
    }
}

impl ToSql for SyncDirection {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for SyncDirection {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Self::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}

/// One group's direction and its last change (`None` while it is the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectionRecord {
    pub group: SyncGroup,
    pub direction: SyncDirection,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<SettingsTrigger>,
}

#[derive(Debug)]
pub struct Directions<'s> {
    conn: &'s Connection,
}

impl<'s> Directions<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Every group, in [`SyncGroup::ALL`] order.
    pub fn list(&self) -> Result<Vec<DirectionRecord>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT grp, direction, changed_at, changed_by FROM directions")?;
        let mut rows: Vec<DirectionRecord> = statement
            .query_map([], |row| {
                Ok(DirectionRecord {
                    group: row.get(0)?,
                    direction: row.get(1)?,
                    changed_at: row.get(2)?,
                    changed_by: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        rows.sort_by_key(|row| row.group);
        Ok(rows)
    }

    pub fn get(&self, group: SyncGroup) -> Result<DirectionRecord, StoreError> {
        Ok(self.conn.query_row(
            "SELECT grp, direction, changed_at, changed_by FROM directions WHERE grp = ?1",
            [group],
            |row| {
                Ok(DirectionRecord {
                    group: row.get(0)?,
                    direction: row.get(1)?,
                    changed_at: row.get(2)?,
                    changed_by: row.get(3)?,
                })
            },
        )?)
    }

    /// Sets a group's direction and records the change; setting the
    /// direction it already has changes nothing and records nothing.
    /// Returns whether it changed.
    pub fn set(
        &self,
        group: SyncGroup,
        direction: SyncDirection,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let before: SyncDirection = tx.query_row(
            "SELECT direction FROM directions WHERE grp = ?1",
            [group],
            |row| row.get(0),
        )?;
        if before == direction {
            return Ok(false);
        }
        tx.execute(
            "UPDATE directions SET direction = ?2, changed_at = ?3, changed_by = ?4 WHERE grp = ?1",
            params![group, direction, at, by],
        )?;
        settings_history::record(
            &tx,
            &format!("direction.{}", group.as_str()),
            Some(before.as_str()),
            Some(direction.as_str()),
            at,
            by,
        )?;
        tx.commit()?;
        Ok(true)
    }
}

//! The `settings_history` table: every change to a direction, the new-hire
//! defaults or the schedule, appended in the transaction that made it. The
//! database refuses to edit or remove a row (see migration 0005).

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, ToSql};

use crate::StoreError;

/// What made a settings change: the desktop app or the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingsTrigger {
    App,
    Cli,
}

impl SettingsTrigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::App => "app",
            Self::Cli => "cli",
        }
    }
}

impl ToSql for SettingsTrigger {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for SettingsTrigger {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "app" => Ok(Self::App),
            "cli" => Ok(Self::Cli),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// One recorded change: which setting, from what to what, when, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChange {
    pub id: i64,
    /// e.g. `direction.tax`, `new-hire-defaults.location`, `schedule`.
    pub setting: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub changed_at: DateTime<Utc>,
    pub changed_by: SettingsTrigger,
}

#[derive(Debug)]
pub struct SettingsHistory<'s> {
    conn: &'s Connection,
}

impl<'s> SettingsHistory<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Every change, newest first.
    pub fn list(&self) -> Result<Vec<SettingsChange>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT id, setting, from_value, to_value, changed_at, changed_by
             FROM settings_history ORDER BY id DESC",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(SettingsChange {
                id: row.get(0)?,
                setting: row.get(1)?,
                from: row.get(2)?,
                to: row.get(3)?,
                changed_at: row.get(4)?,
                changed_by: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Appends one change; called inside the transaction that makes it, so a
/// setting never changes without its history row.
pub(crate) fn record(
    conn: &Connection,
    setting: &str,
    from: Option<&str>,
    to: Option<&str>,
    at: DateTime<Utc>,
    by: SettingsTrigger,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO settings_history (setting, from_value, to_value, changed_at, changed_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![setting, from, to, at, by],
    )?;
    Ok(())
}

/// Appends the change of an on/off setting, in words ("off" -> "on").
pub(crate) fn record_switch(
    conn: &Connection,
    setting: &str,
    before: bool,
    after: bool,
    at: DateTime<Utc>,
    by: SettingsTrigger,
) -> Result<(), StoreError> {
    let word = |on: bool| if on { "on" } else { "off" };
    record(conn, setting, Some(word(before)), Some(word(after)), at, by)
}

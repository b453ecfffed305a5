//! The leave balance request cap: how many balance reads a second an admin
//! lets Paybridge send MicrOpay. It has no table of its own: the setting is
//! its latest row in the settings history (`leave.balances-request-cap`,
//! "none" or a number), written in the same statement that records it, so
//! it never changes without its history and needs no migration.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::settings_history::{self, SettingsTrigger};
use crate::StoreError;

/// Its name in the settings history.
pub const REQUEST_CAP_SETTING: &str = "leave.balances-request-cap";

/// The history's word for "no cap".
const NO_CAP: &str = "none";

/// The cap as it stands, with when and from where it was last set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestCapRecord {
    /// Balance requests a second; `None`: as fast as the reads go.
    pub per_second: Option<u32>,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<SettingsTrigger>,
}

#[derive(Debug)]
pub struct LeaveBalanceSettings<'s> {
    conn: &'s Connection,
}

impl<'s> LeaveBalanceSettings<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn request_cap(&self) -> Result<RequestCapRecord, StoreError> {
        latest(self.conn)
    }

    /// Sets the cap (`None`: no cap); returns whether it changed. A cap of
    /// 0 is refused by the caller: it would stop balances altogether.
    pub fn set_request_cap(
        &self,
        per_second: Option<u32>,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let before = latest(&tx)?.per_second;
        if before == per_second {
            return Ok(false);
        }
        let word = |cap: Option<u32>| cap.map_or_else(|| NO_CAP.to_owned(), |n| n.to_string());
        settings_history::record(
            &tx,
            REQUEST_CAP_SETTING,
            Some(&word(before)),
            Some(&word(per_second)),
            at,
            by,
        )?;
        tx.commit()?;
        Ok(true)
    }
}

fn latest(conn: &Connection) -> Result<RequestCapRecord, StoreError> {
    let row: Option<(Option<String>, DateTime<Utc>, SettingsTrigger)> = conn
        .query_row(
            "SELECT to_value, changed_at, changed_by FROM settings_history
             WHERE setting = ?1 ORDER BY id DESC LIMIT 1",
            [REQUEST_CAP_SETTING],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        None => RequestCapRecord::default(),
        Some((to, at, by)) => RequestCapRecord {
            // Only this module writes the row: anything but a number is no cap.
            per_second: to.and_then(|word| word.parse().ok()),
            changed_at: Some(at),
            changed_by: Some(by),
        },
    })
}

//! Whether closing the window keeps Paybridge running in the tray, so the
//! schedule goes on. The choice has no table of its own: it is its latest
//! entry in the settings history (off until one is made), so every change
//! is recorded by construction and no migration is needed.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::settings_history::{self, SettingsTrigger};
use crate::StoreError;

/// The setting's name in the settings history.
pub const KEEP_SYNCING_WHEN_CLOSED: &str = "keep-syncing-when-closed";

const ON: &str = "on";

#[derive(Debug)]
pub struct WindowChoice<'s> {
    conn: &'s Connection,
}

impl<'s> WindowChoice<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Off unless chosen.
    pub fn keep_syncing_when_closed(&self) -> Result<bool, StoreError> {
        read(self.conn)
    }

    /// Records the choice; returns whether it changed.
    pub fn set_keep_syncing_when_closed(
        &self,
        on: bool,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let before = read(&tx)?;
        if before == on {
            return Ok(false);
        }
        settings_history::record_switch(&tx, KEEP_SYNCING_WHEN_CLOSED, before, on, at, by)?;
        tx.commit()?;
        Ok(true)
    }
}

fn read(conn: &Connection) -> Result<bool, StoreError> {
    let latest: Option<Option<String>> = conn
        .query_row(
            "SELECT to_value FROM settings_history WHERE setting = ?1 ORDER BY id DESC LIMIT 1",
            [KEEP_SYNCING_WHEN_CLOSED],
            |row| row.get(0),
        )
        .optional()?;
    Ok(latest.flatten().as_deref() == Some(ON))
}

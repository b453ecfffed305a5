//! The `leave_categories` and `leave_options` tables: which MicrOpay leave
//! categories employees see, which are private, the Worknice leave type
//! each goes to, and the two leave options. Every change to a switch is
//! recorded in the settings history in the transaction that makes it.
//! Which categories exist and the default privacy rule are the engine's:
//! the store keeps what it is told.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::settings_history::{self, SettingsTrigger};
use crate::StoreError;

/// A category: MicrOpay's `LeaveType`, and its `LeaveCode` for
/// user-defined leave (empty for the three standard types).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LeaveCategoryKey {
    pub leave_type: String,
    pub leave_code: String,
}

impl LeaveCategoryKey {
    /// Its name in the settings history: the code, or the standard type.
    pub fn setting_name(&self) -> &str {
        if self.leave_code.is_empty() {
            &self.leave_type
        } else {
            &self.leave_code
        }
    }
}

/// What is stored for a category an admin touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveCategoryRecord {
    pub key: LeaveCategoryKey,
    pub visible: bool,
    /// `None`: the default rule decides.
    pub private: Option<bool>,
    pub worknice_type_id: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<SettingsTrigger>,
}

/// One of the two leave options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeaveOption {
    /// Show employee leave balances live from MicrOpay.
    BalancesLive,
    /// Enable leave requests, approvals and automatic transfer to MicrOpay.
    Requests,
}

impl LeaveOption {
    fn column(self) -> &'static str {
        match self {
            Self::BalancesLive => "balances_live",
            Self::Requests => "requests",
        }
    }

    /// Its name in the settings history.
    pub fn setting_name(self) -> &'static str {
        match self {
            Self::BalancesLive => "leave.balances-live",
            Self::Requests => "leave.requests",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveOptionsRecord {
    pub balances_live: bool,
    pub requests: bool,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<SettingsTrigger>,
    /// When the requests option was first turned on (`None` until then):
    /// requests approved before it are not sent.
    pub requests_on_since: Option<DateTime<Utc>>,
    /// Since when MicrOpay says it has no leave balance endpoint.
    pub balances_unavailable_since: Option<DateTime<Utc>>,
}

#[derive(Debug)]
pub struct LeaveSettings<'s> {
    conn: &'s Connection,
}

impl<'s> LeaveSettings<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Every category an admin touched.
    pub fn categories(&self) -> Result<Vec<LeaveCategoryRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT leave_type, leave_code, visible, private, worknice_type_id, changed_at, changed_by
             FROM leave_categories ORDER BY leave_type, leave_code",
        )?;
        let rows = statement.query_map([], read_category)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn category(
        &self,
        key: &LeaveCategoryKey,
    ) -> Result<Option<LeaveCategoryRecord>, StoreError> {
        category(self.conn, key)
    }

    /// Shows or hides a category; returns whether it changed.
    pub fn set_visible(
        &self,
        key: &LeaveCategoryKey,
        visible: bool,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let before = category(&tx, key)?.is_some_and(|record| record.visible);
        if before == visible {
            return Ok(false);
        }
        put_switch(&tx, key, "visible", visible, at, by)?;
        let setting = format!("leave.{}.visible", key.setting_name());
        settings_history::record_switch(&tx, &setting, before, visible, at, by)?;
        tx.commit()?;
        Ok(true)
    }

    /// Marks a category private or not, `by_default` being what the default
    /// rule says for it. The choice is kept even when it equals the default
    /// (so a later change of the rule does not move it); only a change of
    /// what the category is recorded in the history. Returns whether it changed.
    pub fn set_private(
        &self,
        key: &LeaveCategoryKey,
        private: bool,
        by_default: bool,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let stored = category(&tx, key)?.and_then(|record| record.private);
        let before = stored.unwrap_or(by_default);
        if stored == Some(private) {
            return Ok(false);
        }
        put_switch(&tx, key, "private", private, at, by)?;
        let changed = before != private;
        if changed {
            let setting = format!("leave.{}.private", key.setting_name());
            settings_history::record_switch(&tx, &setting, before, private, at, by)?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Records the Worknice leave type a category goes to (found or made).
    pub fn set_worknice_type(
        &self,
        key: &LeaveCategoryKey,
        worknice_type_id: &str,
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        upsert(&tx, key)?;
        tx.execute(
            "UPDATE leave_categories SET worknice_type_id = ?3
             WHERE leave_type = ?1 AND leave_code = ?2",
            params![key.leave_type, key.leave_code, worknice_type_id],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn options(&self) -> Result<LeaveOptionsRecord, StoreError> {
        Ok(self.conn.query_row(
            "SELECT balances_live, requests, changed_at, changed_by, requests_on_since,
                 balances_unavailable_since
             FROM leave_options WHERE id = 1",
            [],
            |row| {
                Ok(LeaveOptionsRecord {
                    balances_live: row.get(0)?,
                    requests: row.get(1)?,
                    changed_at: row.get(2)?,
                    changed_by: row.get(3)?,
                    requests_on_since: row.get(4)?,
                    balances_unavailable_since: row.get(5)?,
                })
            },
        )?)
    }

    /// Whether MicrOpay's last balance read found no balance endpoint: kept
    /// from the first time it said so until it answers again.
    pub fn record_balances_unavailable(
        &self,
        unavailable: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE leave_options SET balances_unavailable_since =
                 CASE WHEN ?1 THEN COALESCE(balances_unavailable_since, ?2) ELSE NULL END
             WHERE id = 1",
            params![unavailable, at],
        )?;
        Ok(())
    }

    /// Turns an option on or off; returns whether it changed.
    pub fn set_option(
        &self,
        option: LeaveOption,
        on: bool,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let column = option.column();
        let before: bool = tx.query_row(
            &format!("SELECT {column} FROM leave_options WHERE id = 1"),
            [],
            |row| row.get(0),
        )?;
        if before == on {
            return Ok(false);
        }
        tx.execute(
            &format!(
                "UPDATE leave_options SET {column} = ?1, changed_at = ?2, changed_by = ?3 WHERE id = 1"
            ),
            params![on, at, by],
        )?;
        if on && option == LeaveOption::Requests {
            tx.execute(
                "UPDATE leave_options SET requests_on_since = COALESCE(requests_on_since, ?1)
                 WHERE id = 1",
                params![at],
            )?;
        }
        settings_history::record_switch(&tx, option.setting_name(), before, on, at, by)?;
        tx.commit()?;
        Ok(true)
    }
}

fn upsert(conn: &Connection, key: &LeaveCategoryKey) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO leave_categories (leave_type, leave_code) VALUES (?1, ?2)
         ON CONFLICT (leave_type, leave_code) DO NOTHING",
        params![key.leave_type, key.leave_code],
    )?;
    Ok(())
}

/// Sets one of a category's switches (`visible`, `private`), its row made
/// if it has none, with when and from where.
fn put_switch(
    conn: &Connection,
    key: &LeaveCategoryKey,
    column: &'static str,
    on: bool,
    at: DateTime<Utc>,
    by: SettingsTrigger,
) -> Result<(), StoreError> {
    upsert(conn, key)?;
    conn.execute(
        &format!(
            "UPDATE leave_categories SET {column} = ?3, changed_at = ?4, changed_by = ?5
             WHERE leave_type = ?1 AND leave_code = ?2"
        ),
        params![key.leave_type, key.leave_code, on, at, by],
    )?;
    Ok(())
}

fn category(
    conn: &Connection,
    key: &LeaveCategoryKey,
) -> Result<Option<LeaveCategoryRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT leave_type, leave_code, visible, private, worknice_type_id, changed_at, changed_by
             FROM leave_categories WHERE leave_type = ?1 AND leave_code = ?2",
            params![key.leave_type, key.leave_code],
            read_category,
        )
        .optional()?)
}

fn read_category(row: &rusqlite::Row<'_>) -> rusqlite::Result<LeaveCategoryRecord> {
    Ok(LeaveCategoryRecord {
        key: LeaveCategoryKey {
            leave_type: row.get(0)?,
            leave_code: row.get(1)?,
        },
        visible: row.get(2)?,
        private: row.get(3)?,
        worknice_type_id: row.get(4)?,
        changed_at: row.get(5)?,
        changed_by: row.get(6)?,
    })
}

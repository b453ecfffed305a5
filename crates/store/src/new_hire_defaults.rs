//! The `new_hire_defaults` row: the MicrOpay codes a new hire's
//! `ChangeEmployee` Add is sent with. The engine checks the codes against
//! MicrOpay's lookups before they get here.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::settings_history::{self, SettingsTrigger};
use crate::StoreError;

/// The saved codes; `None` for one not chosen yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewHireDefaultsRecord {
    pub location: Option<String>,
    pub payroll_company: Option<String>,
    pub pay_frequency: Option<String>,
    pub pay_point: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<SettingsTrigger>,
}

#[derive(Debug)]
pub struct NewHireDefaults<'s> {
    conn: &'s Connection,
}

impl<'s> NewHireDefaults<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn get(&self) -> Result<NewHireDefaultsRecord, StoreError> {
        read(self.conn)
    }

    /// Replaces the codes with `next` (its `changed_*` are ignored) and
    /// records each code that changed. Returns whether anything changed.
    pub fn set(
        &self,
        next: &NewHireDefaultsRecord,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        self.update(
            |record| {
                record.location.clone_from(&next.location);
                record.payroll_company.clone_from(&next.payroll_company);
                record.pay_frequency.clone_from(&next.pay_frequency);
                record.pay_point.clone_from(&next.pay_point);
            },
            at,
            by,
        )
    }

    /// Changes the codes as `change` says, applied to the saved record inside
    /// the write transaction, so a change saved meanwhile by another process
    /// is kept, not overwritten by a stale copy. Records each code that
    /// changed; returns whether anything did.
    pub fn update(
        &self,
        change: impl FnOnce(&mut NewHireDefaultsRecord),
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let before = read(&tx)?;
        let mut next = before.clone();
        change(&mut next);
        let fields = [
            ("location", &before.location, &next.location),
            (
                "payroll-company",
                &before.payroll_company,
                &next.payroll_company,
            ),
            ("pay-frequency", &before.pay_frequency, &next.pay_frequency),
            ("pay-point", &before.pay_point, &next.pay_point),
        ];
        let mut changed = false;
        for (name, from, to) in fields {
            if from != to {
                changed = true;
                settings_history::record(
                    &tx,
                    &format!("new-hire-defaults.{name}"),
                    from.as_deref(),
                    to.as_deref(),
                    at,
                    by,
                )?;
            }
        }
        if !changed {
            return Ok(false);
        }
        tx.execute(
            "UPDATE new_hire_defaults SET location = ?1, payroll_company = ?2,
               pay_frequency = ?3, pay_point = ?4, changed_at = ?5, changed_by = ?6
             WHERE id = 1",
            params![
                next.location,
                next.payroll_company,
                next.pay_frequency,
                next.pay_point,
                at,
                by
            ],
        )?;
        tx.commit()?;
        Ok(changed)
    }
}

fn read(conn: &Connection) -> Result<NewHireDefaultsRecord, StoreError> {
    Ok(conn.query_row(
        "SELECT location, payroll_company, pay_frequency, pay_point, changed_at, changed_by
         FROM new_hire_defaults WHERE id = 1",
        [],
        |row| {
            Ok(NewHireDefaultsRecord {
                location: row.get(0)?,
                payroll_company: row.get(1)?,
                pay_frequency: row.get(2)?,
                pay_point: row.get(3)?,
                changed_at: row.get(4)?,
                changed_by: row.get(5)?,
            })
        },
    )?)
}

//! The `sandbox` table: which built-in sandbox the user last started, so a
//! restarted app can serve it again on the same ports.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxRecord {
    pub seed: u64,
    pub employees: u32,
    pub micropay_port: u16,
    pub worknice_port: u16,
    pub started_at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct SandboxTable<'s> {
    conn: &'s Connection,
}

impl<'s> SandboxTable<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn get(&self) -> Result<Option<SandboxRecord>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT seed, employees, micropay_port, worknice_port, started_at FROM sandbox WHERE id = 1",
                [],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, u32>(1)?,
                        row.get::<_, u16>(2)?,
                        row.get::<_, u16>(3)?,
                        row.get::<_, DateTime<Utc>>(4)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(
            |(seed, employees, micropay_port, worknice_port, started_at)| SandboxRecord {
                // Stored as the same 64 bits: SQLite has no unsigned integers.
                seed: seed as u64,
                employees,
                micropay_port,
                worknice_port,
                started_at,
            },
        ))
    }

    /// Replaces the record.
    pub fn put(&self, record: &SandboxRecord) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO sandbox (id, seed, employees, micropay_port, worknice_port, started_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET
               seed = excluded.seed,
               employees = excluded.employees,
               micropay_port = excluded.micropay_port,
               worknice_port = excluded.worknice_port,
               started_at = excluded.started_at",
            params![
                record.seed as i64,
                record.employees,
                record.micropay_port,
                record.worknice_port,
                record.started_at
            ],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    #[test]
    fn a_sandbox_record_round_trips_and_is_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([3; 32]))
            .expect("opens");
        assert_eq!(store.sandbox().get().expect("reads"), None);
        let first = SandboxRecord {
            seed: u64::MAX,
            employees: 250,
            micropay_port: 41001,
            worknice_port: 41002,
            started_at: "2026-11-25T09:30:00Z".parse().expect("time"),
        };
        store.sandbox().put(&first).expect("writes");
        assert_eq!(store.sandbox().get().expect("reads"), Some(first.clone()));
        let second = SandboxRecord {
            micropay_port: 42001,
            ..first
        };
        store.sandbox().put(&second).expect("replaces");
        assert_eq!(store.sandbox().get().expect("reads"), Some(second));
    }
}

//! The `backups` table: one row per encrypted backup file in
//! `<data_dir>/backups/`. The contents live in the file, not here.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRecord {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub employee_count: u32,
    pub size_bytes: u64,
    /// The file's name inside the backups folder.
    pub file_name: String,
}

#[derive(Debug)]
pub struct Backups<'s> {
    conn: &'s Connection,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<BackupRecord> {
    Ok(BackupRecord {
        id: row.get(0)?,
        created_at: row.get(1)?,
        employee_count: row.get(2)?,
        size_bytes: row.get::<_, i64>(3)?.max(0) as u64,
        file_name: row.get(4)?,
    })
}

const COLUMNS: &str = "id, created_at, employee_count, size_bytes, file_name";

impl<'s> Backups<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Records a backup file already written; returns its id.
    pub fn add(
        &self,
        created_at: DateTime<Utc>,
        employee_count: u32,
        size_bytes: u64,
        file_name: &str,
    ) -> Result<i64, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO backups (created_at, employee_count, size_bytes, file_name)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                created_at,
                employee_count,
                i64::try_from(size_bytes).unwrap_or(i64::MAX),
                file_name
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Newest first.
    pub fn all(&self) -> Result<Vec<BackupRecord>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM backups ORDER BY id DESC"))?;
        let rows = statement.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get(&self, id: i64) -> Result<Option<BackupRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM backups WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    #[test]
    fn backups_are_listed_newest_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([3; 32]))
            .expect("opens");
        let at: DateTime<Utc> = "2026-11-25T09:30:00Z".parse().expect("time");
        let first = store
            .backups()
            .add(at, 10, 1234, "a.pbbackup")
            .expect("adds");
        let second = store
            .backups()
            .add(at, 12, 2345, "b.pbbackup")
            .expect("adds");
        let ids: Vec<i64> = store
            .backups()
            .all()
            .expect("all")
            .iter()
            .map(|b| b.id)
            .collect();
        assert_eq!(ids, [second, first]);
        let got = store.backups().get(first).expect("get").expect("exists");
        assert_eq!((got.employee_count, got.size_bytes), (10, 1234));
        assert!(store.backups().get(99).expect("get").is_none());
        assert!(
            store.backups().add(at, 1, 1, "a.pbbackup").is_err(),
            "file names are unique"
        );
    }
}

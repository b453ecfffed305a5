//! The `sync_lease` table: exactly one sync at a time per pair of
//! connections, whichever process (the app, the CLI, a scheduler) asks.
//! Each call is one `BEGIN IMMEDIATE` transaction, which takes SQLite's
//! write lock before reading: two processes can never both see the lease
//! free. A lease that is not renewed expires, so a crashed run frees it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::StoreError;

/// Who holds a lease, since when and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseRecord {
    pub pair_key: String,
    pub holder: String,
    pub acquired_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseOutcome {
    /// The caller holds the lease until `expires_at` (unless renewed).
    Acquired { expires_at: DateTime<Utc> },
    /// Someone else holds it.
    HeldBy(LeaseRecord),
}

#[derive(Debug)]
pub struct Leases<'s> {
    conn: &'s Connection,
}

impl<'s> Leases<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Takes the lease for `pair_key` when it is free or expired; the
    /// holder asking again extends it.
    pub fn acquire(
        &self,
        pair_key: &str,
        holder: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<LeaseOutcome, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let current = read(&tx, pair_key)?;
        let expires_at = now + ttl;
        match current {
            Some(lease) if lease.holder != holder && lease.expires_at > now => {
                return Ok(LeaseOutcome::HeldBy(lease));
            }
            Some(lease) if lease.holder == holder => {
                tx.execute(
                    "UPDATE sync_lease SET expires_at = ?2 WHERE pair_key = ?1",
                    params![pair_key, expires_at],
                )?;
            }
            _ => {
                tx.execute(
                    "INSERT INTO sync_lease (pair_key, holder, acquired_at, expires_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (pair_key) DO UPDATE SET
                       holder = excluded.holder,
                       acquired_at = excluded.acquired_at,
                       expires_at = excluded.expires_at",
                    params![pair_key, holder, now, expires_at],
                )?;
            }
        }
        tx.commit()?;
        Ok(LeaseOutcome::Acquired { expires_at })
    }

    /// Extends the lease when `holder` still holds it (even past its expiry,
    /// as long as nobody took it since). Returns whether it did.
    pub fn renew(
        &self,
        pair_key: &str,
        holder: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let renewed = tx.execute(
            "UPDATE sync_lease SET expires_at = ?3 WHERE pair_key = ?1 AND holder = ?2",
            params![pair_key, holder, now + ttl],
        )?;
        tx.commit()?;
        Ok(renewed == 1)
    }

    /// Gives the lease up when `holder` holds it. Returns whether it did.
    pub fn release(&self, pair_key: &str, holder: &str) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let released = tx.execute(
            "DELETE FROM sync_lease WHERE pair_key = ?1 AND holder = ?2",
            params![pair_key, holder],
        )?;
        tx.commit()?;
        Ok(released == 1)
    }

    /// The lease on `pair_key` if someone holds it at `now`.
    pub fn current(
        &self,
        pair_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<LeaseRecord>, StoreError> {
        Ok(read(self.conn, pair_key)?.filter(|lease| lease.expires_at > now))
    }
}

fn read(conn: &Connection, pair_key: &str) -> Result<Option<LeaseRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT pair_key, holder, acquired_at, expires_at FROM sync_lease WHERE pair_key = ?1",
            [pair_key],
            |row| {
                Ok(LeaseRecord {
                    pair_key: row.get(0)?,
                    holder: row.get(1)?,
                    acquired_at: row.get(2)?,
                    expires_at: row.get(3)?,
                })
            },
        )
        .optional()?)
}

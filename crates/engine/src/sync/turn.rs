//! Taking a run's turn: the run lease in the database, plus an OS lock on
//! a file in the data folder that the OS drops when the process ends,
//! however it ends. Holding the file lock while the database says another
//! run holds the lease means that run's process is gone (killed, crashed):
//! its stale lease is taken over at once instead of after its expiry.

use std::fs::{File, TryLockError};
use std::path::Path;

use crate::api::{AppError, ErrorCode};
use crate::connections::blocking;
use crate::import::DataDirLock;
use crate::run_lease::RunLease;
use crate::Engine;

const LOCK_FILE: &str = "sync.lock";

/// Held for a whole run; dropping it releases the locks.
#[derive(Debug)]
pub(crate) struct RunTurn {
    pub lease: RunLease,
    _file: File,
    /// The import's lock: an import and a sync never run at once (both
    /// write links and baselines, and the import's recovery would take
    /// the sync's work for its own).
    _import: DataDirLock,
}

/// Whether a live sync holds this data folder's sync lock (the import
/// asks, to say why it is busy).
pub(crate) async fn sync_is_running(data_dir: &Path) -> Result<bool, AppError> {
    Ok(lock_file(data_dir).await?.is_none())
}

fn import_busy() -> AppError {
    AppError::new(
        ErrorCode::Busy,
        "An import is running right now. Wait for it to finish, then sync again.",
    )
}

/// The file lock, or `None` when another live run holds it.
async fn lock_file(data_dir: &Path) -> Result<Option<File>, AppError> {
    let path = data_dir.join(LOCK_FILE);
    blocking(move || {
        let file = paybridge_secrets::files::open_lock_file(&path)
            .map_err(|error| lock_error(&path, &error))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(lock_error(&path, &error)),
        }
    })
    .await
}

fn lock_error(path: &Path, error: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!(
            "Paybridge could not use its sync lock file {}: {error}.",
            path.display()
        ),
    )
}

impl Engine {
    /// The lease for this pair of connections, or `ErrorCode::Busy` when
    /// a live run has it.
    pub(crate) async fn take_turn(&self) -> Result<RunTurn, AppError> {
        let Some(file) = lock_file(&self.data_dir).await? else {
            return Err(self.busy_with_live_run().await);
        };
        // Only an import holds it while this process holds the sync lock.
        let Some(import) = DataDirLock::try_acquire(&self.data_dir).await? else {
            return Err(import_busy());
        };
        match self.acquire_run_lease().await {
            Ok(lease) => Ok(RunTurn {
                lease,
                _file: file,
                _import: import,
            }),
            Err(error) if error.code == ErrorCode::Busy => {
                // No live run holds the file lock: the lease's holder died.
                let pair_key = self.sync_pair_key().await?;
                let now = self.clock.now();
                let stale = pair_key.clone();
                self.with_store(move |store| {
                    let leases = store.leases();
                    if let Some(lease) = leases.current(&stale, now)? {
                        leases.release(&stale, &lease.holder)?;
                    }
                    Ok(())
                })
                .await?;
                let lease = self.acquire_run_lease().await?;
                Ok(RunTurn {
                    lease,
                    _file: file,
                    _import: import,
                })
            }
            Err(error) => Err(error),
        }
    }

    /// Gives the turn back. A lease not released expires by itself, so a
    /// failure here is only logged: what was done under the turn stands.
    pub(crate) async fn end_turn(&self, turn: RunTurn) {
        if let Err(error) = self.release_run_lease(turn.lease.clone()).await {
            tracing::warn!(code = ?error.code, "could not release the sync lease");
        }
    }

    /// Another run on this data folder is alive: its lease says since when
    /// (it takes the lease just after the file lock, so it is waited for a
    /// moment). Only read, never taken.
    async fn busy_with_live_run(&self) -> AppError {
        let started = async {
            let pair_key = self.sync_pair_key().await.ok()?;
            for _ in 0..40 {
                let (key, now) = (pair_key.clone(), self.clock.now());
                let current = self
                    .with_store(move |store| store.leases().current(&key, now))
                    .await
                    .ok()
                    .flatten();
                if let Some(lease) = current {
                    return Some(lease.acquired_at);
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            None
        }
        .await
        .unwrap_or_else(|| self.clock.now());
        AppError::new(
            ErrorCode::Busy,
            format!(
                "A sync is already running (started {} UTC). Wait for it to finish, then try again.",
                started.format("%Y-%m-%d %H:%M:%S")
            ),
        )
    }
}

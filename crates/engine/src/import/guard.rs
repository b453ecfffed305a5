//! What keeps imports one at a time, and lets the running one be cancelled.
//!
//! The app and `paybridge import` share the data folder, so the per-engine
//! lock is not enough: a second process's recovery step would take the
//! first one's in-flight `creating` items for abandoned ones and create
//! those people again. An exclusive lock on a file in the data folder keeps
//! a second importer out; the OS drops it when the process ends, however it
//! ends, so a killed import can still be resumed.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio_util::sync::CancellationToken;

use crate::api::{AppError, ErrorCode};
use crate::connections::blocking;

const LOCK_FILE: &str = "import.lock";

fn busy() -> AppError {
    AppError::new(
        ErrorCode::Busy,
        "Another Paybridge window or command is importing right now. Wait for it to finish, \
         or cancel it there, then import again.",
    )
}

/// Held for a whole import; dropping it releases the lock.
#[derive(Debug)]
pub(crate) struct DataDirLock {
    _file: File,
}

impl DataDirLock {
    /// The lock for an import. A sync holds it too for its whole run (see
    /// `sync::turn`), so an import and a sync never run at once.
    pub(crate) async fn acquire(data_dir: &Path) -> Result<Self, AppError> {
        match Self::try_acquire(data_dir).await? {
            Some(lock) => Ok(lock),
            None if crate::sync::sync_is_running(data_dir).await? => Err(sync_busy()),
            None => Err(busy()),
        }
    }

    /// The lock, or `None` when an import or a sync holds it.
    pub(crate) async fn try_acquire(data_dir: &Path) -> Result<Option<Self>, AppError> {
        let path = data_dir.join(LOCK_FILE);
        blocking(move || {
            let file = paybridge_secrets::files::open_lock_file(&path)
                .map_err(|error| lock_error(&path, &error))?;
            match file.try_lock() {
                Ok(()) => Ok(Some(Self { _file: file })),
                Err(TryLockError::WouldBlock) => Ok(None),
                Err(TryLockError::Error(error)) => Err(lock_error(&path, &error)),
            }
        })
        .await
    }
}

fn sync_busy() -> AppError {
    AppError::new(
        ErrorCode::Busy,
        "A sync is running right now. Wait for it to finish, then import again.",
    )
}

fn lock_error(path: &Path, error: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!(
            "Paybridge could not use its import lock file {}: {error}.",
            path.display()
        ),
    )
}

/// The running import's cancel switch, owned by the engine so whoever
/// started the import (a window, the command line) cancels it the same way.
#[derive(Debug, Default)]
pub(crate) struct CancelSlot {
    running: Mutex<Option<CancellationToken>>,
}

impl CancelSlot {
    /// A fresh switch for the import starting now; it is forgotten when the
    /// returned registration drops. Call only under the import lock.
    pub(crate) fn register(&self) -> CancelRegistration<'_> {
        let token = CancellationToken::new();
        *self.slot() = Some(token.clone());
        CancelRegistration { slot: self, token }
    }

    /// Asks the running import to stop; false when none is running.
    pub(crate) fn cancel(&self) -> bool {
        match self.slot().as_ref() {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    fn slot(&self) -> MutexGuard<'_, Option<CancellationToken>> {
        // One plain field, never left half-written: a poisoned lock is still usable.
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Debug)]
pub(crate) struct CancelRegistration<'a> {
    slot: &'a CancelSlot,
    pub token: CancellationToken,
}

impl Drop for CancelRegistration<'_> {
    fn drop(&mut self) {
        *self.slot.slot() = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_reaches_the_registered_import_only_while_it_runs() {
        let slot = CancelSlot::default();
        assert!(!slot.cancel(), "nothing is running");
        let registration = slot.register();
        assert!(slot.cancel());
        assert!(registration.token.is_cancelled());
        drop(registration);
        assert!(!slot.cancel(), "the finished import's switch is forgotten");
        assert!(
            !slot.register().token.is_cancelled(),
            "a new import starts fresh"
        );
    }
}

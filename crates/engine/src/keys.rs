//! The install's own keys, each under its own account in the secret store
//! and created on first use: one encrypts the database, one the backups, one
//! keys the fingerprints of imported data. None is ever written anywhere else.
//!
//! Two Paybridge processes may start at once on a new data folder (the app
//! and a scheduled `paybridge` run). A key is therefore made only under an
//! exclusive lock in the data folder, after looking again: one process
//! creates it, the other reads it. And a key is never made anew while
//! something sealed with the old one exists: that data would be locked away
//! for good, so the person is told instead.

use std::fs::File;
use std::path::Path;

use paybridge_secrets::{DatabaseKey, SecretStore, DATABASE_KEY_ACCOUNT};

use crate::api::{AppError, ErrorCode};

pub(crate) const BACKUP_KEY_ACCOUNT: &str = "backup-key";
pub(crate) const FINGERPRINT_KEY_ACCOUNT: &str = "fingerprint-key";
const KEYS_LOCK_FILE: &str = "keys.lock";

/// What a key seals, for the message when it is missing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sealed {
    Database,
    Backups,
    Fingerprints,
}

impl Sealed {
    fn account(self) -> &'static str {
        match self {
            Self::Database => DATABASE_KEY_ACCOUNT,
            Self::Backups => BACKUP_KEY_ACCOUNT,
            Self::Fingerprints => FINGERPRINT_KEY_ACCOUNT,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Database => "Paybridge's database",
            Self::Backups => "the backups of your payroll data",
            Self::Fingerprints => "the record of what was imported",
        }
    }

    fn missing(self, secrets: &SecretStore, data_dir: &Path) -> AppError {
        let place = if secrets.is_sealed_file() {
            "the secrets file"
        } else {
            "this computer's keyring"
        };
        // The likeliest cause after a change of PAYBRIDGE_SECRETS: the key
        // is in the other place.
        let other_place = if secrets.is_sealed_file() {
            " If this folder was used with the system keyring, unset PAYBRIDGE_SECRETS."
        } else if data_dir.join(paybridge_secrets::SECRETS_FILE).exists() {
            " This folder has a sealed secrets file: if it was used with PAYBRIDGE_SECRETS=file, \
             set that again (with its key)."
        } else {
            ""
        };
        AppError::new(
            ErrorCode::KeyringUnavailable,
            format!(
                "The key \"{}\" that opens {} is missing from {place}, but data sealed with it is \
                 still in {}. Paybridge will not make a new key: that data could never be opened \
                 again. Restore the key from a backup of {place}, or move the data folder aside \
                 to start afresh.{other_place}",
                self.account(),
                self.what(),
                data_dir.display()
            ),
        )
    }

    fn damaged(self) -> AppError {
        AppError::new(
            ErrorCode::KeyringUnavailable,
            format!(
                "The key \"{}\" that opens {} is damaged, so Paybridge cannot use it. Restore it \
                 from a backup or contact support.",
                self.account(),
                self.what()
            ),
        )
    }
}

/// The key for `sealed`, made on first use. `sealed_exists` says whether
/// anything sealed with such a key is already there; it is asked only when
/// no key is found. A damaged key is reported, never replaced.
pub(crate) fn install_key(
    secrets: &SecretStore,
    data_dir: &Path,
    sealed: Sealed,
    sealed_exists: impl FnOnce() -> Result<bool, AppError>,
) -> Result<DatabaseKey, AppError> {
    let stored = || {
        secrets.key(sealed.account()).map_err(|error| match error {
            paybridge_secrets::SecretsError::Damaged { .. } => sealed.damaged(),
            other => AppError::from(other),
        })
    };
    if let Some(key) = stored()? {
        return Ok(key);
    }
    let _lock = KeysLock::acquire(data_dir)?;
    // Another process may have made it while this one waited.
    if let Some(key) = stored()? {
        return Ok(key);
    }
    if sealed_exists()? {
        return Err(sealed.missing(secrets, data_dir));
    }
    let key = DatabaseKey::generate();
    secrets.set(sealed.account(), &key.to_hex())?;
    Ok(key)
}

/// An exclusive lock on `keys.lock` in the data folder, released on drop
/// (or by the OS when the process dies).
struct KeysLock {
    _file: File,
}

impl KeysLock {
    fn acquire(data_dir: &Path) -> Result<Self, AppError> {
        let path = data_dir.join(KEYS_LOCK_FILE);
        let failed = |error: std::io::Error| {
            AppError::new(
                ErrorCode::Storage,
                format!(
                    "Paybridge could not use its key lock file {}: {error}.",
                    path.display()
                ),
            )
        };
        crate::data_dir::create(data_dir)?;
        let file = paybridge_secrets::files::lock_exclusive(&path).map_err(failed)?;
        Ok(Self { _file: file })
    }
}

impl crate::Engine {
    /// The fingerprint key, made on first use; refused while fingerprints
    /// made with a lost key are still in the database.
    pub(crate) async fn fingerprint_key(&self) -> Result<DatabaseKey, AppError> {
        let secrets = self.secrets.clone();
        let data_dir = self.data_dir.clone();
        let store = self.store.clone();
        crate::connections::blocking(move || {
            install_key(&secrets, &data_dir, Sealed::Fingerprints, || {
                let store = store
                    .lock()
                    .map_err(|_| crate::errors::storage_error("the database lock was poisoned"))?;
                for link in store.links().all()? {
                    if !store.links().fingerprints(&link.emp_code)?.is_empty() {
                        return Ok(true);
                    }
                }
                Ok(false)
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests;

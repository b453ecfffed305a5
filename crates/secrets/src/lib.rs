//! Paybridge's secrets (passwords, API keys, the install's keys) in one of
//! two places, chosen explicitly:
//!
//! - the OS keyring (the default): Keychain on macOS, Credential Manager on
//!   Windows, the Secret Service (GNOME Keyring, KWallet) on Linux;
//! - a sealed file in the data folder (`PAYBRIDGE_SECRETS=file`), for servers
//!   without a Secret Service, encrypted with a key from a systemd
//!   credential or a key file only its owner can read ([`FileKey`]).
//!
//! There is never a silent fallback. When the chosen place is not usable
//! every call fails ([`SecretsError::Unavailable`] for the keyring); a
//! plaintext file or the `keyring` crate's in-memory mock store would
//! silently lose or leak the secrets.

mod database_key;
mod error;
pub mod files;
mod key_file;
mod keyring_store;
mod sealed_file;

use std::path::Path;
use std::sync::Arc;

use paybridge_domain::Sensitive;

pub use database_key::DatabaseKey;
pub use error::SecretsError;
pub use key_file::{FileKey, SECRETS_KEY_CREDENTIAL, SECRETS_KEY_FILE_VAR};
pub use sealed_file::SECRETS_FILE;

/// The keyring account that holds the database key.
pub const DATABASE_KEY_ACCOUNT: &str = "database-key";

/// Chooses where secrets are kept: `keyring` (the default) or `file`.
pub const SECRETS_VAR: &str = "PAYBRIDGE_SECRETS";

#[derive(Debug, Clone)]
enum Backend {
    /// Entries under this keyring service name.
    Keyring(String),
    File(Arc<sealed_file::SealedFile>),
}

/// Secrets stored under one service name, one entry per account.
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: String,
    backend: Backend,
}

impl SecretStore {
    /// The OS keyring, entries under `service` itself: the default data
    /// folder's names.
    pub fn new(service: &str) -> Self {
        Self {
            service: service.to_owned(),
            backend: Backend::Keyring(service.to_owned()),
        }
    }

    /// The OS keyring for a data folder other than the default: entries
    /// under `service` plus a short hash of the folder's canonical path, so
    /// two folders never share (and overwrite) each other's secrets.
    pub fn keyring_for_folder(service: &str, data_dir: &Path) -> Self {
        Self {
            service: service.to_owned(),
            backend: Backend::Keyring(folder_keyring_service(service, data_dir)),
        }
    }

    /// The sealed secrets file in `data_dir`, encrypted under `key`.
    pub fn sealed_file(service: &str, data_dir: &Path, key: FileKey) -> Self {
        Self {
            service: service.to_owned(),
            backend: Backend::File(Arc::new(sealed_file::SealedFile::new(data_dir, key))),
        }
    }

    /// What `PAYBRIDGE_SECRETS` chooses: the keyring when it is unset or
    /// `keyring` (today's names for the default data folder, names of its
    /// own for any other: `is_default_folder`); the sealed file in
    /// `data_dir` when it is `file`, with its key from
    /// `PAYBRIDGE_SECRETS_KEY_FILE` or `$CREDENTIALS_DIRECTORY`.
    pub fn from_env(
        service: &str,
        data_dir: &Path,
        is_default_folder: bool,
    ) -> Result<Self, SecretsError> {
        match std::env::var(SECRETS_VAR).ok().as_deref().map(str::trim) {
            None | Some("") | Some("keyring") if is_default_folder => Ok(Self::new(service)),
            None | Some("") | Some("keyring") => Ok(Self::keyring_for_folder(service, data_dir)),
            Some("file") => Ok(Self::sealed_file(service, data_dir, FileKey::from_env()?)),
            Some(other) => Err(SecretsError::UnknownChoice {
                value: other.to_owned(),
            }),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// True when secrets go to the sealed file rather than the keyring.
    pub fn is_sealed_file(&self) -> bool {
        matches!(self.backend, Backend::File(_))
    }

    /// Saves `value` under `account`, replacing what was there.
    pub fn set(&self, account: &str, value: &Sensitive<String>) -> Result<(), SecretsError> {
        match &self.backend {
            Backend::Keyring(service) => keyring_store::set(service, account, value),
            Backend::File(file) => file.set(&self.file_entry(account), value),
        }
    }

    /// The value saved under `account`, or `None` when there is none.
    pub fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretsError> {
        match &self.backend {
            Backend::Keyring(service) => keyring_store::get(service, account),
            Backend::File(file) => file.get(&self.file_entry(account)),
        }
    }

    /// Removes `account`'s entry. Removing one that is not there succeeds.
    pub fn delete(&self, account: &str) -> Result<(), SecretsError> {
        match &self.backend {
            Backend::Keyring(service) => keyring_store::delete(service, account),
            Backend::File(file) => file.delete(&self.file_entry(account)),
        }
    }

    /// The 32-byte key saved under `account`, or `None` when there is none.
    /// A damaged one is an error, never replaced.
    pub fn key(&self, account: &str) -> Result<Option<DatabaseKey>, SecretsError> {
        match self.get(account)? {
            Some(stored) => DatabaseKey::from_hex(stored.expose())
                .map(Some)
                .ok_or_else(|| SecretsError::Damaged {
                    account: account.to_owned(),
                }),
            None => Ok(None),
        }
    }

    /// The file's entry name: the service keeps two stores in one data
    /// folder apart, as the keyring does.
    fn file_entry(&self, account: &str) -> String {
        format!("{}/{account}", self.service)
    }
}

/// `service` and the first 12 hex digits of the SHA-256 of `data_dir`'s
/// canonical path (as given when it does not exist yet).
fn folder_keyring_service(service: &str, data_dir: &Path) -> String {
    use sha2::{Digest, Sha256};
    let path = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_owned());
    let digest = Sha256::digest(path.as_os_str().as_encoded_bytes());
    format!("{service}.{}", &hex::encode(digest)[..12])
}

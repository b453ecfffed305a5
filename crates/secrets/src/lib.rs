//! Paybridge's secrets (passwords, API keys, the database key) in the OS
//! keyring: Keychain on macOS, Credential Manager on Windows, the Secret
//! Service (GNOME Keyring, KWallet) on Linux.
//!
//! There is no fallback. When no keyring is usable every call fails with
//! [`SecretsError::Unavailable`]; a plaintext file or the `keyring` crate's
//! in-memory mock store would silently lose or leak the secrets.

mod database_key;
mod error;

use keyring::Entry;
use paybridge_domain::Sensitive;

pub use database_key::DatabaseKey;
pub use error::SecretsError;

/// The keyring account that holds the database key.
pub const DATABASE_KEY_ACCOUNT: &str = "database-key";

/// Secrets stored under one keyring service name, one entry per account.
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: String,
}

impl SecretStore {
    pub fn new(service: &str) -> Self {
        Self {
            service: service.to_owned(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// Saves `value` under `account`, replacing what was there.
    pub fn set(&self, account: &str, value: &Sensitive<String>) -> Result<(), SecretsError> {
        self.entry(account)?
            .set_password(value.expose())
            .map_err(|e| SecretsError::from_keyring(account, e))
    }

    /// The value saved under `account`, or `None` when there is none.
    pub fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretsError> {
        match self.entry(account)?.get_password() {
            Ok(value) => Ok(Some(Sensitive::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(SecretsError::from_keyring(account, e)),
        }
    }

    /// Removes `account`'s entry. Removing one that is not there succeeds.
    pub fn delete(&self, account: &str) -> Result<(), SecretsError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(SecretsError::from_keyring(account, e)),
        }
    }

    /// The key for the local database, created on first use. A damaged key
    /// is reported, never replaced: a new key would lock the data away.
    pub fn database_key(&self) -> Result<DatabaseKey, SecretsError> {
        if let Some(stored) = self.get(DATABASE_KEY_ACCOUNT)? {
            return DatabaseKey::from_hex(stored.expose()).ok_or(SecretsError::DatabaseKeyDamaged);
        }
        let key = DatabaseKey::generate();
        self.set(DATABASE_KEY_ACCOUNT, &key.to_hex())?;
        // Read back what the keyring holds, so two first runs racing each
        // other end up with the same key.
        self.get(DATABASE_KEY_ACCOUNT)?
            .and_then(|stored| DatabaseKey::from_hex(stored.expose()))
            .ok_or(SecretsError::DatabaseKeyDamaged)
    }

    fn entry(&self, account: &str) -> Result<Entry, SecretsError> {
        let entry = Entry::new(&self.service, account)
            .map_err(|e| SecretsError::from_keyring(account, e))?;
        refuse_mock_store(&entry)?;
        Ok(entry)
    }
}

/// A `keyring` build without a platform feature (or a test that swapped the
/// default builder) stores secrets in memory only; refuse it.
fn refuse_mock_store(entry: &Entry) -> Result<(), SecretsError> {
    if entry.get_credential().is::<keyring::mock::MockCredential>() {
        return Err(SecretsError::unavailable(
            "the keyring crate was built without a platform credential store",
        ));
    }
    Ok(())
}

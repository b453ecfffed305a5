//! The install's own keys, each in the keyring under its own account and
//! created on first use: one encrypts backups, one keys the fingerprints of
//! imported data. Neither is ever written anywhere else.

use paybridge_secrets::{DatabaseKey, SecretStore};

use crate::api::{AppError, ErrorCode};

pub(crate) const BACKUP_KEY_ACCOUNT: &str = "backup-key";
pub(crate) const FINGERPRINT_KEY_ACCOUNT: &str = "fingerprint-key";

/// The 32-byte key under `account`, made on first use. A damaged key is
/// reported, never replaced: a new one would lock the old backups away.
pub(crate) fn install_key(secrets: &SecretStore, account: &str) -> Result<DatabaseKey, AppError> {
    let damaged = || {
        AppError::new(
            ErrorCode::KeyringUnavailable,
            format!(
                "The key \"{account}\" in this computer's keyring is damaged, so Paybridge cannot \
                 read its backups. Restore the keyring entry or contact support."
            ),
        )
    };
    if let Some(stored) = secrets.get(account)? {
        return DatabaseKey::from_hex(stored.expose()).ok_or_else(damaged);
    }
    secrets.set(account, &DatabaseKey::generate().to_hex())?;
    // Read back what the keyring holds, so two first runs agree on one key.
    secrets
        .get(account)?
        .and_then(|stored| DatabaseKey::from_hex(stored.expose()))
        .ok_or_else(damaged)
}

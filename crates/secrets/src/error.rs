use std::error::Error as StdError;

/// Why a secret could not be read or written. Messages name the account at
/// most, never the secret.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No usable OS keyring: none installed, no session bus, locked, or a
    /// build without a platform store. There is deliberately no fallback.
    #[error(
        "No OS keyring is available: Paybridge keeps passwords and API keys only in the \
         system keyring. Unlock or install one (GNOME Keyring, KWallet) and try again."
    )]
    Unavailable {
        #[source]
        source: Option<Box<dyn StdError + Send + Sync>>,
    },
    /// The keyring answered but what it holds for `account` is unusable.
    #[error(
        "The keyring entry \"{account}\" is damaged or was changed outside Paybridge. \
         Save the connection again to replace it."
    )]
    Damaged { account: String },
    /// The keyring refused the entry's name (too long or invalid for it).
    #[error("The keyring refused the entry name \"{account}\": {reason}")]
    BadEntryName { account: String, reason: String },
    /// The database key in the keyring is not a 32-byte hex key. It is not
    /// replaced automatically: a new key would make the database unreadable.
    #[error(
        "The database key in the keyring is damaged, so Paybridge's local database cannot be \
         opened. Restore the keyring from a backup, or remove Paybridge's data folder to start again."
    )]
    DatabaseKeyDamaged,
}

impl SecretsError {
    pub(crate) fn unavailable(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::Unavailable {
            source: Some(source.into()),
        }
    }

    /// Maps a keyring error, dropping anything that may hold secret bytes
    /// (`BadEncoding` carries the stored value).
    pub(crate) fn from_keyring(account: &str, error: keyring::Error) -> Self {
        match error {
            keyring::Error::PlatformFailure(source) | keyring::Error::NoStorageAccess(source) => {
                Self::Unavailable {
                    source: Some(source),
                }
            }
            keyring::Error::TooLong(attribute, limit) => Self::BadEntryName {
                account: account.to_owned(),
                reason: format!("{attribute} is longer than {limit} characters"),
            },
            keyring::Error::Invalid(attribute, reason) => Self::BadEntryName {
                account: account.to_owned(),
                reason: format!("{attribute} {reason}"),
            },
            keyring::Error::BadEncoding(mut bytes) => {
                zeroize::Zeroize::zeroize(&mut bytes);
                Self::Damaged {
                    account: account.to_owned(),
                }
            }
            // NoEntry is handled by the callers; Ambiguous and any variant
            // added later mean the entry cannot be trusted.
            _ => Self::Damaged {
                account: account.to_owned(),
            },
        }
    }
}

use std::error::Error as StdError;

/// Why a secret could not be read or written. Messages name the account at
/// most, never the secret.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No usable OS keyring: none installed, no session bus, locked, or a
    /// build without a platform store. There is deliberately no fallback.
    #[error(
        "No OS keyring is available: Paybridge keeps passwords and API keys in the system \
         keyring. Unlock or install one (GNOME Keyring, KWallet) and try again, or, on a server, \
         choose the sealed secrets file (PAYBRIDGE_SECRETS=file)."
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
    /// `PAYBRIDGE_SECRETS` names no place Paybridge knows.
    #[error(
        "PAYBRIDGE_SECRETS is \"{value}\": use \"keyring\" (the default, the system keyring) \
         or \"file\" (a sealed file in the data folder, for servers without a keyring)."
    )]
    UnknownChoice { value: String },
    /// The sealed file was chosen but no key for it was given.
    #[error(
        "PAYBRIDGE_SECRETS=file needs the key that seals the secrets file: set \
         PAYBRIDGE_SECRETS_KEY_FILE to a key file, or give the service a credential named \
         \"paybridge-secrets-key\" (systemd LoadCredentialEncrypted=)."
    )]
    NoFileKey,
    /// The key file is missing, too short, or others could read it.
    #[error(
        "The key file {} is refused: {reason}. It must hold at least 32 random bytes, be owned \
         by the user Paybridge runs as, and have mode 0600.", path.display()
    )]
    KeyFileRefused {
        path: std::path::PathBuf,
        reason: String,
    },
    /// The secrets file could not be read or written.
    #[error("Paybridge could not use its secrets file {}: {reason}.", path.display())]
    SecretsFile {
        path: std::path::PathBuf,
        reason: String,
    },
    /// The secrets file does not open with the key given.
    #[error(
        "The secrets file {} does not open with this key: it was sealed with another key, or \
         changed. Give Paybridge the key it was made with.", path.display()
    )]
    SecretsFileWrongKey { path: std::path::PathBuf },
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

//! The secrets file for machines without a Secret Service: every entry the
//! keyring would hold, as one JSON map sealed with XChaCha20-Poly1305 under a
//! [`FileKey`]. Each change rewrites the whole file through a temporary file
//! that replaces it only when complete, under an exclusive lock, so two
//! processes on one data folder never lose each other's writes.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use paybridge_domain::Sensitive;
use rand::RngCore;
use zeroize::{Zeroize, Zeroizing};

use crate::{FileKey, SecretsError};

/// The secrets file's name in the data folder.
pub const SECRETS_FILE: &str = "secrets.sealed";
const LOCK_FILE: &str = "secrets.lock";
/// "PAYBRIDGE-SECRETS" and format version 1; authenticated with the rest.
const HEADER: &[u8; 18] = b"PAYBRIDGE-SECRETS\x01";
const NONCE_LEN: usize = 24;

/// Entries by "service/account". Values are wiped when dropped.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Entries(BTreeMap<String, String>);

impl Drop for Entries {
    fn drop(&mut self) {
        for value in self.0.values_mut() {
            value.zeroize();
        }
    }
}

#[derive(Debug)]
pub(crate) struct SealedFile {
    path: PathBuf,
    lock_path: PathBuf,
    key: FileKey,
}

impl SealedFile {
    pub(crate) fn new(data_dir: &Path, key: FileKey) -> Self {
        Self {
            path: data_dir.join(SECRETS_FILE),
            lock_path: data_dir.join(LOCK_FILE),
            key,
        }
    }

    pub(crate) fn get(&self, name: &str) -> Result<Option<Sensitive<String>>, SecretsError> {
        let _lock = self.lock()?;
        Ok(self.read()?.0.get(name).cloned().map(Sensitive::new))
    }

    pub(crate) fn set(&self, name: &str, value: &Sensitive<String>) -> Result<(), SecretsError> {
        let _lock = self.lock()?;
        let mut entries = self.read()?;
        if let Some(mut old) = entries.0.insert(name.to_owned(), value.expose().clone()) {
            old.zeroize();
        }
        self.write(&entries)
    }

    pub(crate) fn delete(&self, name: &str) -> Result<(), SecretsError> {
        let _lock = self.lock()?;
        let mut entries = self.read()?;
        match entries.0.remove(name) {
            Some(mut old) => {
                old.zeroize();
                self.write(&entries)
            }
            None => Ok(()),
        }
    }

    fn failed(&self, reason: impl std::fmt::Display) -> SecretsError {
        SecretsError::SecretsFile {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }

    /// Held for one read-change-write; the OS drops it if the process dies.
    fn lock(&self) -> Result<File, SecretsError> {
        if let Some(folder) = self.lock_path.parent() {
            crate::files::create_private_dir(folder).map_err(|error| self.failed(error))?;
        }
        crate::files::lock_exclusive(&self.lock_path).map_err(|error| self.failed(error))
    }

    fn read(&self) -> Result<Entries, SecretsError> {
        let sealed = match std::fs::read(&self.path) {
            Ok(sealed) => sealed,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Entries::default())
            }
            Err(error) => return Err(self.failed(error)),
        };
        let rest = sealed
            .strip_prefix(HEADER)
            .filter(|rest| rest.len() > NONCE_LEN)
            .ok_or_else(|| self.failed("it is not a Paybridge secrets file"))?;
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let plaintext = Zeroizing::new(
            self.cipher()
                .decrypt(
                    XNonce::from_slice(nonce),
                    Payload {
                        msg: ciphertext,
                        aad: HEADER,
                    },
                )
                .map_err(|_| SecretsError::SecretsFileWrongKey {
                    path: self.path.clone(),
                })?,
        );
        serde_json::from_slice(&plaintext)
            .map_err(|_| self.failed("its contents are not what Paybridge wrote"))
    }

    fn write(&self, entries: &Entries) -> Result<(), SecretsError> {
        let plaintext = Zeroizing::new(
            serde_json::to_vec(entries).map_err(|_| self.failed("the entries would not encode"))?,
        );
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let ciphertext = self
            .cipher()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plaintext,
                    aad: HEADER,
                },
            )
            .map_err(|_| self.failed("it could not be encrypted"))?;
        let folder = self.path.parent().unwrap_or_else(|| Path::new("."));
        // NamedTempFile is 0600 and removed again if anything below fails.
        let mut file =
            tempfile::NamedTempFile::new_in(folder).map_err(|error| self.failed(error))?;
        file.write_all(HEADER)
            .and_then(|()| file.write_all(&nonce))
            .and_then(|()| file.write_all(&ciphertext))
            .and_then(|()| file.as_file().sync_all())
            .map_err(|error| self.failed(error))?;
        file.persist(&self.path)
            .map_err(|error| self.failed(error.error))?;
        crate::files::sync_parent(&self.path).map_err(|error| self.failed(error))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(Key::from_slice(self.key.expose()))
    }
}

//! The backup file: a fixed header, a random 96-bit nonce, then the JSON
//! sealed with ChaCha20-Poly1305 (the header is authenticated too, so a
//! changed or truncated file fails to open rather than opening wrong).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use zeroize::Zeroizing;

/// "PAYBRIDGE-BACKUP" and format version 1.
const HEADER: &[u8; 17] = b"PAYBRIDGE-BACKUP\x01";
const NONCE_LEN: usize = 12;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum SealError {
    #[error("the file is not a Paybridge backup")]
    NotABackup,
    #[error(
        "the backup cannot be opened with this computer's backup key (it was made elsewhere, \
         or the file was changed)"
    )]
    WrongKeyOrDamaged,
    #[error("the backup could not be encrypted")]
    Encrypt,
}

pub(crate) fn seal(key: &[u8; 32], plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: HEADER,
            },
        )
        .map_err(|_| SealError::Encrypt)?;
    let mut file = Vec::with_capacity(HEADER.len() + NONCE_LEN + sealed.len());
    file.extend_from_slice(HEADER);
    file.extend_from_slice(&nonce);
    file.extend_from_slice(&sealed);
    Ok(file)
}

pub(crate) fn open(key: &[u8; 32], file: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealError> {
    let rest = file.strip_prefix(HEADER).ok_or(SealError::NotABackup)?;
    if rest.len() < NONCE_LEN {
        return Err(SealError::NotABackup);
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: HEADER,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| SealError::WrongKeyOrDamaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_data_opens_only_with_its_key_and_unchanged() {
        let secret = b"{\"tfn\":\"123456782\"}";
        let file = seal(&[7; 32], secret).expect("seals");
        assert!(!file.windows(9).any(|window| window == b"123456782"));
        assert_eq!(open(&[7; 32], &file).expect("opens").as_slice(), secret);
        assert_eq!(open(&[8; 32], &file), Err(SealError::WrongKeyOrDamaged));
        let mut changed = file.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert_eq!(open(&[7; 32], &changed), Err(SealError::WrongKeyOrDamaged));
        assert_eq!(open(&[7; 32], b"{}"), Err(SealError::NotABackup));
        assert_ne!(
            file,
            seal(&[7; 32], secret).expect("seals"),
            "fresh nonce each time"
        );
    }
}

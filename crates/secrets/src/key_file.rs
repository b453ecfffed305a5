//! The key that seals the secrets file: from a systemd credential
//! (`$CREDENTIALS_DIRECTORY/paybridge-secrets-key`, e.g. from
//! `LoadCredentialEncrypted=`) or a key file the admin names in
//! `PAYBRIDGE_SECRETS_KEY_FILE`. A key file is refused unless it is owned by
//! the user Paybridge runs as and nobody else can read it (0600 or 0400). A
//! systemd credential may instead be root's with an ACL for the service's
//! user (systemd's choice on file systems with ACLs), but never readable by
//! every user.

use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use paybridge_domain::Sensitive;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::SecretsError;

/// The credential's name under `$CREDENTIALS_DIRECTORY`.
pub const SECRETS_KEY_CREDENTIAL: &str = "paybridge-secrets-key";
/// Names a key file instead of a systemd credential.
pub const SECRETS_KEY_FILE_VAR: &str = "PAYBRIDGE_SECRETS_KEY_FILE";

/// A key file holds at least this many bytes (e.g. `head -c 32 /dev/urandom`
/// or `openssl rand -hex 32`).
const MIN_KEY_FILE_BYTES: usize = 32;

/// Separates this use of the key file's bytes from any other.
const DERIVATION_LABEL: &[u8] = b"paybridge secrets file v1";

/// The 32-byte key for the secrets file. `Debug` never shows it.
#[derive(Debug, Clone)]
pub struct FileKey(Sensitive<[u8; 32]>);

impl FileKey {
    /// From the key file the environment names: `PAYBRIDGE_SECRETS_KEY_FILE`
    /// first, else the systemd credential.
    pub fn from_env() -> Result<Self, SecretsError> {
        if let Some(path) = std::env::var_os(SECRETS_KEY_FILE_VAR).filter(|path| !path.is_empty()) {
            return Self::from_key_file(Path::new(&path));
        }
        let dir = std::env::var_os("CREDENTIALS_DIRECTORY")
            .filter(|dir| !dir.is_empty())
            .ok_or(SecretsError::NoFileKey)?;
        Self::read(
            &PathBuf::from(dir).join(SECRETS_KEY_CREDENTIAL),
            Owner::ThisUserOrRoot,
        )
    }

    /// Reads `path`, refusing it unless it is a regular file of at least 32
    /// bytes, owned by this process's user, that nobody else can read.
    pub fn from_key_file(path: &Path) -> Result<Self, SecretsError> {
        Self::read(path, Owner::ThisUser)
    }

    fn read(path: &Path, owner: Owner) -> Result<Self, SecretsError> {
        let refused = |reason: String| SecretsError::KeyFileRefused {
            path: path.to_owned(),
            reason,
        };
        // One handle for the check and the read: the file checked is the
        // file read, whatever is renamed over the path meanwhile.
        let mut file = open_without_blocking(path).map_err(|error| refused(error.to_string()))?;
        let metadata = file
            .metadata()
            .map_err(|error| refused(error.to_string()))?;
        check_private(&metadata, current_uid(), owner).map_err(refused)?;
        let mut bytes = Zeroizing::new(Vec::new());
        std::io::Read::read_to_end(&mut file, &mut bytes)
            .map_err(|error| refused(error.to_string()))?;
        // A text key (`openssl rand -hex 32`) with or without the newline an
        // editor adds is the same key. Raw random bytes are kept whole: one
        // may happen to end in a byte that looks like a space.
        let is_text = bytes
            .iter()
            .all(|byte| byte.is_ascii_graphic() || byte.is_ascii_whitespace());
        let material = if is_text {
            bytes.trim_ascii_end()
        } else {
            &bytes[..]
        };
        if material.len() < MIN_KEY_FILE_BYTES {
            return Err(refused(format!(
                "it holds {} bytes; a key file needs at least {MIN_KEY_FILE_BYTES} random bytes",
                material.len()
            )));
        }
        Ok(Self::derive(material))
    }

    /// The key the secrets file is sealed with, derived from `material`
    /// (any length) so that a hex or a raw key file both work.
    pub fn derive(material: &[u8]) -> Self {
        // Hmac accepts a key of any length, so this cannot fail.
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(material).expect("HMAC takes any key length");
        mac.update(DERIVATION_LABEL);
        let mut key: [u8; 32] = mac.finalize().into_bytes().into();
        let derived = Self(Sensitive::new(key));
        zeroize::Zeroize::zeroize(&mut key);
        derived
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        self.0.expose()
    }
}

/// Who may own a key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A key file the admin names: this user's, for this user's eyes only.
    ThisUser,
    /// A systemd credential: systemd makes it the service user's, or keeps it
    /// root's and grants the user read access by ACL.
    ThisUserOrRoot,
}

/// Opens `path` for reading; a FIFO named by mistake fails the check
/// instead of hanging the start.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

#[cfg(unix)]
fn current_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn current_uid() -> u32 {
    0
}

/// Why `metadata` is not a private key file of user `uid`, if it is not.
#[cfg(unix)]
pub(crate) fn check_private(
    metadata: &std::fs::Metadata,
    uid: u32,
    owner: Owner,
) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    if !metadata.is_file() {
        return Err("it is not a regular file".to_owned());
    }
    check_owner_and_mode(metadata.uid(), metadata.gid(), metadata.mode(), uid, owner)
}

/// The rule of [`check_private`] on a file of user `file_uid` and group
/// `file_gid` with `mode`.
pub(crate) fn check_owner_and_mode(
    file_uid: u32,
    file_gid: u32,
    mode: u32,
    uid: u32,
    owner: Owner,
) -> Result<(), String> {
    let by_root = owner == Owner::ThisUserOrRoot && file_uid == 0;
    if file_uid != uid && !by_root {
        return Err(format!(
            "it is owned by user {file_uid}, not by the user Paybridge runs as ({uid})"
        ));
    }
    let mode = mode & 0o777;
    // A root-owned credential shows its ACL mask in the group bits; those
    // bits grant nothing more only while the group is root's too.
    if by_root && mode & 0o070 != 0 && file_gid != 0 {
        return Err(format!(
            "it is root's with mode {mode:04o} but its group is {file_gid}, so that group can \
             read it; make the group root (0) or the mode 0600"
        ));
    }
    let others = if by_root { 0o007 } else { 0o077 };
    if mode & others != 0 {
        return Err(format!(
            "its mode is {mode:04o}, so other users can read it; make it 0600"
        ));
    }
    Ok(())
}

/// Without Unix permissions there is no way to tell who can read the file.
#[cfg(not(unix))]
pub(crate) fn check_private(
    _metadata: &std::fs::Metadata,
    _uid: u32,
    _owner: Owner,
) -> Result<(), String> {
    Err("a key file is supported on Linux and macOS only".to_owned())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn key_file(mode: u32, bytes: &[u8]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), bytes).expect("write");
        std::fs::set_permissions(file.path(), std::fs::Permissions::from_mode(mode))
            .expect("chmod");
        file
    }

    #[test]
    fn a_private_key_file_of_this_user_is_accepted_and_its_key_is_stable() {
        let file = key_file(0o600, &[7; 32]);
        let key = FileKey::from_key_file(file.path()).expect("accepted");
        assert_eq!(key.expose(), FileKey::derive(&[7; 32]).expose());
        assert_ne!(key.expose(), FileKey::derive(&[8; 32]).expose());
        assert_ne!(key.expose(), &[7; 32], "derived, not the file's bytes");
        let read_only = key_file(0o400, &[7; 32]);
        FileKey::from_key_file(read_only.path()).expect("0400 is private too");
    }

    #[test]
    fn a_key_file_others_can_read_is_refused_with_the_fix() {
        for mode in [0o644, 0o640, 0o604, 0o660] {
            let file = key_file(mode, &[7; 32]);
            let error = FileKey::from_key_file(file.path()).expect_err("refused");
            let message = error.to_string();
            assert!(
                matches!(error, SecretsError::KeyFileRefused { .. }),
                "{error:?}"
            );
            assert!(message.contains(&format!("{mode:04o}")), "{message}");
            assert!(message.contains("0600"), "{message}");
        }
    }

    #[test]
    fn a_key_file_of_another_user_or_too_short_or_missing_is_refused() {
        let file = key_file(0o600, &[7; 32]);
        let metadata = std::fs::metadata(file.path()).expect("metadata");
        let reason =
            check_private(&metadata, current_uid() + 1, Owner::ThisUser).expect_err("another user");
        assert!(reason.contains("owned by user"), "{reason}");

        let short = key_file(0o600, b"too short");
        let message = FileKey::from_key_file(short.path())
            .expect_err("refused")
            .to_string();
        assert!(message.contains("at least 32"), "{message}");

        let dir = tempfile::tempdir().expect("temp dir");
        let error = FileKey::from_key_file(&dir.path().join("none")).expect_err("missing");
        assert!(
            matches!(error, SecretsError::KeyFileRefused { .. }),
            "{error:?}"
        );
        let folder = FileKey::from_key_file(dir.path()).expect_err("a folder");
        assert!(folder.to_string().contains("regular file"), "{folder}");
    }

    #[test]
    fn a_systemd_credential_may_be_roots_but_never_readable_by_everyone() {
        let service_user = 990;
        // systemd's ACL case: root's file, the ACL mask in the group bits.
        check_owner_and_mode(0, 0, 0o440, service_user, Owner::ThisUserOrRoot).expect("credential");
        check_owner_and_mode(
            service_user,
            990,
            0o400,
            service_user,
            Owner::ThisUserOrRoot,
        )
        .expect("systemd's chown case");
        let reason = check_owner_and_mode(0, 0, 0o440, service_user, Owner::ThisUser)
            .expect_err("a key file the admin names must be the user's");
        assert!(reason.contains("owned by user 0"), "{reason}");
        let reason = check_owner_and_mode(0, 0, 0o444, service_user, Owner::ThisUserOrRoot)
            .expect_err("world-readable");
        assert!(reason.contains("0444"), "{reason}");
        let reason = check_owner_and_mode(1000, 0, 0o400, service_user, Owner::ThisUserOrRoot)
            .expect_err("another user's");
        assert!(reason.contains("owned by user 1000"), "{reason}");
    }

    #[test]
    fn a_root_credential_readable_by_a_group_other_than_roots_is_refused() {
        let service_user = 990;
        let reason = check_owner_and_mode(0, 100, 0o440, service_user, Owner::ThisUserOrRoot)
            .expect_err("group 100 can read it");
        assert!(reason.contains("group is 100"), "{reason}");
        check_owner_and_mode(0, 100, 0o400, service_user, Owner::ThisUserOrRoot)
            .expect("no group bits: the group reads nothing");
    }

    #[test]
    fn a_hex_key_with_or_without_a_trailing_newline_is_the_same_key() {
        let hex = b"5f1c0e8a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";
        let bare = key_file(0o600, hex);
        let with_newline = key_file(0o600, &[&hex[..], b"\n"].concat());
        let with_crlf = key_file(0o600, &[&hex[..], b" \r\n"].concat());
        let key = FileKey::from_key_file(bare.path()).expect("accepted");
        for file in [&with_newline, &with_crlf] {
            assert_eq!(
                FileKey::from_key_file(file.path())
                    .expect("accepted")
                    .expose(),
                key.expose()
            );
        }
        let short = key_file(
            0o600,
            &[b'a'; 31]
                .iter()
                .chain(b"\n\n")
                .copied()
                .collect::<Vec<_>>(),
        );
        let message = FileKey::from_key_file(short.path())
            .expect_err("31 bytes once trimmed")
            .to_string();
        assert!(message.contains("holds 31 bytes"), "{message}");

        // Raw bytes are not text: a last byte of b'\n' is part of the key.
        let mut raw = [0x9c_u8; 32];
        raw[31] = b'\n';
        let raw_file = key_file(0o600, &raw);
        assert_eq!(
            FileKey::from_key_file(raw_file.path())
                .expect("32 raw bytes")
                .expose(),
            FileKey::derive(&raw).expose()
        );
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("key");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .expect("mkfifo");
        let error = FileKey::from_key_file(&fifo).expect_err("a FIFO");
        assert!(error.to_string().contains("regular file"), "{error}");
    }
}

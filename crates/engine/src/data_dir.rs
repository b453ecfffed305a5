//! The data folder: private to this user, and free of half-written files.
//!
//! Every file Paybridge writes outside its database (backups, exports) goes
//! through a temporary file beside the target that replaces it only once
//! complete. A failed write removes the temporary file at once; a process
//! killed mid-write cannot, so each write first notes its temporary file in
//! `<data dir>/unfinished-writes/`, and the next start removes what a killed
//! one left behind. An export may hold TFNs in plain text: none may linger.
//! A write holds an exclusive lock on its note until it is done, and the
//! clean-up skips locked notes: another live process (a scheduled
//! `paybridge check` while the app writes a backup) keeps its files.

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::api::{AppError, ErrorCode};

const UNFINISHED_FOLDER: &str = "unfinished-writes";
/// Temporary files start with this, so a clean-up removes only Paybridge's.
const TEMP_PREFIX: &str = ".paybridge-partial-";

fn file_error(what: &str, path: &Path, error: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!("Paybridge could not {what} {}: {error}.", path.display()),
    )
}

/// Creates the data folder (and parents) and makes it readable by this user
/// only, even when it already existed with looser permissions.
pub(crate) fn create(data_dir: &Path) -> Result<(), AppError> {
    paybridge_store::create_private_dir(data_dir)
        .map_err(|error| file_error("create the data folder", data_dir, &error))
}

/// Writes `bytes` to `path` readable by this user only (see the module doc).
pub(crate) fn write_private(data_dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    // 0600 from the start, and removed on drop unless persisted.
    let mut file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(folder)
        .map_err(|error| file_error("write in the folder", folder, &error))?;
    let note = UnfinishedWrite::note(data_dir, file.path())?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|error| file_error("write", path, &error))?;
    file.persist(path)
        .map_err(|error| file_error("write", path, &error.error))?;
    paybridge_secrets::files::sync_parent(path)
        .map_err(|error| file_error("write", path, &error))?;
    drop(note);
    Ok(())
}

/// A note in the data folder naming one write's temporary file, locked
/// while the write runs; removed on drop, i.e. once the write has finished
/// either way.
#[derive(Debug)]
pub(crate) struct UnfinishedWrite {
    note: PathBuf,
    /// Holds the note's lock; the OS releases it if the process dies.
    locked: Option<File>,
}

impl UnfinishedWrite {
    pub(crate) fn note(data_dir: &Path, temp_file: &Path) -> Result<Self, AppError> {
        let folder = data_dir.join(UNFINISHED_FOLDER);
        paybridge_store::create_private_dir(&folder)
            .map_err(|error| file_error("create the folder", &folder, &error))?;
        let temp_file = std::path::absolute(temp_file)
            .map_err(|error| file_error("find", temp_file, &error))?;
        let mut note = tempfile::Builder::new()
            .prefix("write-")
            .tempfile_in(&folder)
            .map_err(|error| file_error("write in the folder", &folder, &error))?;
        // Locked before it names anything: the clean-up skips an empty note.
        note.as_file()
            .lock()
            .map_err(|error| file_error("lock a note in", &folder, &error))?;
        note.write_all(temp_file.as_os_str().as_encoded_bytes())
            .and_then(|()| note.as_file().sync_all())
            .map_err(|error| file_error("write in the folder", &folder, &error))?;
        let (locked, note) = note
            .keep()
            .map_err(|error| file_error("write in the folder", &folder, &error.error))?;
        Ok(Self {
            note,
            locked: Some(locked),
        })
    }

    /// What a process killed mid-write leaves: the note, unlocked.
    #[cfg(test)]
    fn abandon(mut self) {
        drop(self.locked.take());
        std::mem::forget(self);
    }
}

impl Drop for UnfinishedWrite {
    fn drop(&mut self) {
        // Removed while still locked, so no clean-up takes it for a dead one.
        let _ = std::fs::remove_file(&self.note);
        drop(self.locked.take());
    }
}

/// Removes the temporary files that writes killed mid-way left behind, and
/// their notes; a locked note is a live write and is left alone. Never fails
/// the start: what it cannot remove is logged.
pub(crate) fn remove_unfinished_writes(data_dir: &Path) {
    let Ok(notes) = std::fs::read_dir(data_dir.join(UNFINISHED_FOLDER)) else {
        return;
    };
    for note in notes.flatten() {
        let note = note.path();
        let Ok(mut file) = File::open(&note) else {
            continue;
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => continue,
            Err(TryLockError::Error(error)) => {
                tracing::warn!(path = %note.display(), %error, "a note of an unfinished write could not be locked");
                continue;
            }
        }
        let mut named = Vec::new();
        if std::io::Read::read_to_end(&mut file, &mut named).is_err() || named.is_empty() {
            // Being written by a process that has not locked it yet.
            continue;
        }
        // Written from an OsStr by this program on this platform.
        let temp_file = PathBuf::from(bytes_to_os_string(named));
        let ours = temp_file
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with(TEMP_PREFIX));
        if ours {
            match std::fs::remove_file(&temp_file) {
                Ok(()) => {
                    tracing::info!(path = %temp_file.display(), "removed an unfinished write")
                }
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    tracing::warn!(path = %temp_file.display(), %error, "an unfinished write could not be removed");
                    continue;
                }
            }
        }
        let _ = std::fs::remove_file(&note);
    }
}

#[cfg(unix)]
fn bytes_to_os_string(bytes: Vec<u8>) -> std::ffi::OsString {
    std::os::unix::ffi::OsStringExt::from_vec(bytes)
}

#[cfg(not(unix))]
fn bytes_to_os_string(bytes: Vec<u8>) -> std::ffi::OsString {
    String::from_utf8_lossy(&bytes).into_owned().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes_in(data_dir: &Path) -> usize {
        std::fs::read_dir(data_dir.join(UNFINISHED_FOLDER))
            .expect("folder")
            .count()
    }

    fn partial_files(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .expect("folder")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.starts_with(TEMP_PREFIX))
            .collect()
    }

    #[test]
    fn a_finished_write_leaves_only_the_file() {
        let data = tempfile::tempdir().expect("temp dir");
        let out = tempfile::tempdir().expect("temp dir");
        let path = out.path().join("export.csv");
        write_private(data.path(), &path, b"tfn,123456782").expect("writes");
        assert_eq!(std::fs::read(&path).expect("read"), b"tfn,123456782");
        assert!(partial_files(out.path()).is_empty());
        assert_eq!(notes_in(data.path()), 0, "the note is gone");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn the_next_start_removes_what_a_killed_write_left_behind() {
        let data = tempfile::tempdir().expect("temp dir");
        let out = tempfile::tempdir().expect("temp dir");
        // What a process killed between the note and the rename leaves.
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(out.path())
            .expect("temp file");
        std::fs::write(temp.path(), b"tfn,123456782").expect("write");
        let (_, temp_path) = temp.keep().expect("keep");
        UnfinishedWrite::note(data.path(), &temp_path)
            .expect("note")
            .abandon();
        // A file the user owns beside it, and a note that names it (damaged
        // or forged): never removed, as it is not one of Paybridge's.
        let users = out.path().join("payroll.csv");
        std::fs::write(&users, b"keep me").expect("write");
        UnfinishedWrite::note(data.path(), &users)
            .expect("note")
            .abandon();
        assert_eq!(partial_files(out.path()).len(), 1);

        remove_unfinished_writes(data.path());

        assert!(
            partial_files(out.path()).is_empty(),
            "the plaintext is gone"
        );
        assert!(
            users.exists(),
            "only Paybridge's temporary files are removed"
        );
        assert_eq!(notes_in(data.path()), 0, "the notes are gone");
    }

    #[test]
    fn the_clean_up_leaves_a_live_write_alone() {
        let data = tempfile::tempdir().expect("temp dir");
        let out = tempfile::tempdir().expect("temp dir");
        // Another process's write, still running: its note is locked.
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(out.path())
            .expect("temp file");
        let live = UnfinishedWrite::note(data.path(), temp.path()).expect("note");

        remove_unfinished_writes(data.path());

        assert!(temp.path().exists(), "the live write's file stays");
        assert_eq!(notes_in(data.path()), 1, "its note stays");
        drop(live);
        assert_eq!(
            notes_in(data.path()),
            0,
            "the finished write removes its note"
        );
    }
}

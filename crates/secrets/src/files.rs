//! Small file-system helpers the data folder's writers share (the secrets
//! file here; the store and the engine above).

use std::fs::File;
use std::path::Path;

/// Creates `dir` (and parents) readable by this user only, and makes an
/// existing one so too.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(dir)?.permissions();
        if permissions.mode() & 0o777 != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Opens the lock file at `path`, creating it empty if needed; lock it
/// with [`File::lock`] or [`File::try_lock`]. The OS releases the lock when
/// the file is closed or the process dies, so a crash never leaves it held.
pub fn open_lock_file(path: &Path) -> std::io::Result<File> {
    File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// The lock file at `path`, exclusively locked (waiting for it): held until
/// the returned file is dropped.
pub fn lock_exclusive(path: &Path) -> std::io::Result<File> {
    let file = open_lock_file(path)?;
    file.lock()?;
    Ok(file)
}

/// Makes a rename or a new file in `path`'s folder durable: until the
/// folder itself is synced, a crash can forget the new name (a new key
/// lost, an old file back). A no-op off unix, where it cannot be done.
pub fn sync_parent(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let folder = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        std::fs::File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

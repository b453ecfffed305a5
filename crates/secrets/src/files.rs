//! Small file-system helpers the data folder's writers share (the secrets
//! file here; the store and the engine above).

use std::path::Path;

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

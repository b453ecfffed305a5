use std::path::PathBuf;

/// What went wrong with the local database, in words a payroll officer can
/// act on. Never contains the database key or any stored value.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "Paybridge could not find this computer's app-data folder. Choose a data folder \
         (for example with --data-dir) and try again."
    )]
    NoDataDir,

    #[error("Paybridge could not create its data folder {path}: {source}")]
    CreateDataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("Paybridge could not use its database lock file {path}: {source}")]
    MigrationLock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "The database {path} cannot be opened with the key in this computer's keyring. It was \
         created with a different key (another keyring or computer), or it is not a Paybridge \
         database."
    )]
    WrongKey { path: PathBuf },

    #[error(
        "This database was written by a newer Paybridge (schema version {found}; this version \
         knows up to {known}). Update Paybridge to open it."
    )]
    NewerSchema { found: usize, known: usize },

    #[error(
        "Paybridge could not switch its database {path} to write-ahead logging (SQLite \
         answered \"{mode}\"). Keep the data folder on a local drive that is not read-only."
    )]
    NoWriteAheadLog { path: PathBuf, mode: String },

    #[error("Paybridge could not upgrade its database: {0}")]
    Migration(#[source] rusqlite_migration::Error),

    #[error(
        "Paybridge tried to move an import record back from \"{from}\" to \"{to}\". \
         Nothing was changed; please report this."
    )]
    ImportStateBackwards {
        from: &'static str,
        to: &'static str,
    },

    #[error("Paybridge could not read a saved setting: it holds a value this version does not know. Set it again.")]
    UnreadableSetting,

    #[error("Paybridge could not find that import record in its database.")]
    ImportItemMissing,

    #[error(
        "Paybridge tried to move a change request back from \"{from}\" to \"{to}\". \
         Nothing was changed; please report this."
    )]
    ChangeRequestBackwards {
        from: &'static str,
        to: &'static str,
    },

    #[error("Paybridge could not find that change request in its database.")]
    ChangeRequestMissing,

    #[error("Paybridge's local database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

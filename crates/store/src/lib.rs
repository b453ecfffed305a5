//! Paybridge's local database: one SQLite file encrypted as a whole with
//! SQLCipher. The 32-byte key comes from the secret store (the OS keyring,
//! or the sealed secrets file; the engine makes it on first use); secrets
//! themselves are never stored here.

pub mod backups;
pub mod baselines;
pub mod change_requests;
pub mod connections;
pub mod directions;
mod error;
mod import_chunks;
pub mod imports;
pub mod lease;
pub mod leave;
mod leave_balances;
pub mod leave_from_payroll;
pub mod leave_needs_payroll;
pub mod leave_transfers;
pub mod links;
mod migrations;
pub mod new_hire_defaults;
pub mod sandbox;
pub mod schedule;
pub mod settings_history;
pub mod sync_runs;
pub mod window_choice;

use std::path::{Path, PathBuf};
use std::time::Duration;

use paybridge_domain::Sensitive;
use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use rusqlite_migration::SchemaVersion;

pub use backups::{BackupRecord, Backups};
pub use baselines::{BaselineRow, Baselines};
pub use change_requests::{
    ChangeKind, ChangeRequestRecord, ChangeRequests, ChangeStatus, RequestedField,
};
pub use connections::{
    CheckOutcome, ConnectionKind, ConnectionRecord, Connections, TestedConnection,
};
pub use directions::{DirectionRecord, Directions, SyncDirection, SyncGroup};
pub use error::StoreError;
pub use import_chunks::LinkToRecord;
pub use imports::{ImportItemRecord, ImportRuns, ItemState, NewImportItem};
pub use lease::{LeaseOutcome, LeaseRecord, Leases};
pub use leave::{
    LeaveCategoryKey, LeaveCategoryRecord, LeaveOption, LeaveOptionsRecord, LeaveSettings,
};
pub use leave_balances::{LeaveBalanceSettings, RequestCapRecord, REQUEST_CAP_SETTING};
pub use leave_from_payroll::{FromPayrollRecord, FromPayrollState, LeaveFromPayroll};
pub use leave_needs_payroll::{
    NeedsPayrollItem, NeedsPayrollKind, NeedsPayrollList, NewNeedsPayroll,
};
pub use leave_transfers::{
    LeaveRequestAsSent, LeaveTransferRecord, LeaveTransferSent, LeaveTransferState, LeaveTransfers,
};
pub use links::{DataGroup, LinkHow, LinkRecord, Links};
pub use migrations::LATEST_SCHEMA_VERSION;
pub use new_hire_defaults::{NewHireDefaults, NewHireDefaultsRecord};
pub use paybridge_secrets::DatabaseKey;
pub use sandbox::{SandboxRecord, SandboxTable};
pub use schedule::{Schedule, ScheduleRecord, ScheduleSetting};
pub use settings_history::{SettingsChange, SettingsHistory, SettingsTrigger};
pub use sync_runs::{AuditEntry, RunEnd, SyncRunRow, SyncRuns};
pub use window_choice::{WindowChoice, KEEP_SYNCING_WHEN_CLOSED};

/// The folder name under the OS app-data folder.
pub const APP_FOLDER: &str = "Paybridge";

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "paybridge.db";

/// How long a statement waits for another connection's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The OS app-data folder plus "Paybridge": `~/.local/share/Paybridge`,
/// `~/Library/Application Support/Paybridge`, `%APPDATA%\Paybridge`. Callers
/// may use any other folder instead (`--data-dir`).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    dirs::data_dir()
        .map(|dir| dir.join(APP_FOLDER))
        .ok_or(StoreError::NoDataDir)
}

/// The database file inside `data_dir`.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

/// An open, migrated, unlocked database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path` with `key`, then brings its
    /// schema up to date. Creates the parent folder if needed.
    pub fn open(path: &Path, key: &DatabaseKey) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent).map_err(|source| StoreError::CreateDataDir {
                path: parent.to_owned(),
                source,
            })?;
        }
        // Held through the switch to WAL too: two connections making a new
        // file WAL at once can fail with "database is locked" at once,
        // whatever the busy timeout.
        let one_at_a_time = migration_lock(path)?;
        let mut conn = Connection::open(path)?;
        unlock(&conn, key, path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // journal_mode answers with a row, so it is read, not executed.
        // Without WAL, readers and the import's writes block each other.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWriteAheadLog {
                path: path.to_owned(),
                mode,
            });
        }
        // In WAL, NORMAL syncs the log at checkpoints, not at each commit: a
        // commit survives the process being killed (the log is in the OS's
        // hands); a power cut or an OS crash can lose the last few. A person
        // whose `creating` state was lost is not created twice: the next
        // import finds them by Employee ID and links them.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Every write (migrations included) takes the write lock up front,
        // so two writers never deadlock upgrading a read lock.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        migrate(&mut conn)?;
        drop(one_at_a_time);
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `user_version`: how many migrations have been applied.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        Ok(user_version(&self.conn)?)
    }

    /// SQLite's `PRAGMA integrity_check`: "ok", or what is wrong.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }

    /// The saved connections to MicrOpay and Worknice.
    pub fn connections(&self) -> Connections<'_> {
        Connections::new(&self.conn)
    }

    /// The built-in sandbox last started, if any.
    pub fn sandbox(&self) -> SandboxTable<'_> {
        SandboxTable::new(&self.conn)
    }

    /// Worknice person ⇄ MicrOpay employee, and what was imported.
    pub fn links(&self) -> Links<'_> {
        Links::new(&self.conn)
    }

    /// The import outbox.
    pub fn imports(&self) -> ImportRuns<'_> {
        ImportRuns::new(&self.conn)
    }

    /// What the last sync saw of each linked employee, field by field.
    pub fn baselines(&self) -> Baselines<'_> {
        Baselines::new(&self.conn)
    }

    /// Worknice → MicrOpay change requests and payroll's answers.
    pub fn change_requests(&self) -> ChangeRequests<'_> {
        ChangeRequests::new(&self.conn)
    }

    /// The encrypted backups of MicrOpay data.
    pub fn backups(&self) -> Backups<'_> {
        Backups::new(&self.conn)
    }

    /// Which way each data group flows.
    pub fn directions(&self) -> Directions<'_> {
        Directions::new(&self.conn)
    }

    /// The codes a new hire is added to MicrOpay with.
    pub fn new_hire_defaults(&self) -> NewHireDefaults<'_> {
        NewHireDefaults::new(&self.conn)
    }

    /// When the scheduler runs a sync.
    pub fn schedule(&self) -> Schedule<'_> {
        Schedule::new(&self.conn)
    }

    /// Every change to the settings above.
    pub fn settings_history(&self) -> SettingsHistory<'_> {
        SettingsHistory::new(&self.conn)
    }

    /// The run lease: one sync at a time per pair of connections.
    pub fn leases(&self) -> Leases<'_> {
        Leases::new(&self.conn)
    }

    /// Sync history and the audit trail.
    pub fn sync_runs(&self) -> SyncRuns<'_> {
        SyncRuns::new(&self.conn)
    }

    /// Leave categories (visible, private, their Worknice type) and the
    /// two leave options.
    pub fn leave(&self) -> LeaveSettings<'_> {
        LeaveSettings::new(&self.conn)
    }

    /// The leave balance request cap (kept in the settings history).
    pub fn leave_balances(&self) -> LeaveBalanceSettings<'_> {
        LeaveBalanceSettings::new(&self.conn)
    }

    /// Approved leave requests transferred to MicrOpay (or held).
    pub fn leave_transfers(&self) -> LeaveTransfers<'_> {
        LeaveTransfers::new(&self.conn)
    }

    /// Leave entered in MicrOpay directly, copied to Worknice (or skipped).
    pub fn leave_from_payroll(&self) -> LeaveFromPayroll<'_> {
        LeaveFromPayroll::new(&self.conn)
    }

    /// Leave changed in Worknice after transfer, for payroll to act on.
    pub fn leave_needs_payroll(&self) -> NeedsPayrollList<'_> {
        NeedsPayrollList::new(&self.conn)
    }

    /// Whether closing the window keeps the schedule going in the tray.
    pub fn window_choice(&self) -> WindowChoice<'_> {
        WindowChoice::new(&self.conn)
    }
}

/// Applies the key and proves it works: SQLCipher only reports a wrong key
/// when the first page is read.
fn unlock(conn: &Connection, key: &DatabaseKey, path: &Path) -> Result<(), StoreError> {
    // The raw-key form x'…' skips SQLCipher's password stretching: the key
    // is already 32 random bytes. The statement holds the key, so it is
    // zeroized after use and its errors are not passed on.
    let statement = Sensitive::new(format!("PRAGMA key = \"x'{}'\";", key.to_hex().expose()));
    if conn.execute_batch(statement.expose()).is_err() {
        return Err(StoreError::WrongKey {
            path: path.to_owned(),
        });
    }
    // SQLCipher otherwise writes "hmac check failed" lines to stderr for a
    // wrong key; the WrongKey error below says it better. (Process-wide.)
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            Err(StoreError::WrongKey {
                path: path.to_owned(),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Two processes opening a new database at once would both read "no schema
/// yet" before either wrote one, and the second would then fail creating
/// tables that exist. A lock file beside the database makes them take turns;
/// the OS drops it if the process dies. `None` for an in-memory database.
fn migration_lock(path: &Path) -> Result<Option<std::fs::File>, StoreError> {
    let Some(name) = path.file_name().filter(|_| path != Path::new(":memory:")) else {
        return Ok(None);
    };
    let mut lock_name = name.to_owned();
    lock_name.push(".migrate-lock");
    let lock_path = path.with_file_name(lock_name);
    let failed = |source| StoreError::MigrationLock {
        path: lock_path.clone(),
        source,
    };
    paybridge_secrets::files::lock_exclusive(&lock_path)
        .map(Some)
        .map_err(failed)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let migrations = migrations::migrations();
    match migrations
        .current_version(conn)
        .map_err(StoreError::Migration)?
    {
        SchemaVersion::Outside(found) => Err(StoreError::NewerSchema {
            found: found.get(),
            known: LATEST_SCHEMA_VERSION,
        }),
        SchemaVersion::NoneSet | SchemaVersion::Inside(_) => {
            migrations.to_latest(conn).map_err(StoreError::Migration)
        }
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Creates a folder readable by this user only (also making an existing
/// one so); shared with the secrets file and the engine.
pub use paybridge_secrets::files::create_private_dir;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_is_set_up_for_safe_concurrent_use() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(
            &database_path(dir.path()),
            &DatabaseKey::from_bytes([9; 32]),
        )
        .expect("opens");
        let pragma = |name: &str| -> String {
            store
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |row| {
                    row.get::<_, rusqlite::types::Value>(0)
                })
                .map(|value| match value {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
                .expect("pragma")
        };
        assert_eq!(pragma("journal_mode"), "wal");
        assert_eq!(pragma("foreign_keys"), "1");
        // NORMAL: one sync per checkpoint, not per commit.
        assert_eq!(pragma("synchronous"), "1");
        assert_eq!(pragma("busy_timeout"), "5000");
        assert!(!pragma("cipher_version").is_empty(), "SQLCipher is linked");
    }

    #[test]
    fn a_database_that_cannot_use_write_ahead_logging_is_refused() {
        // An in-memory database answers "memory" to journal_mode = WAL.
        let error = Store::open(Path::new(":memory:"), &DatabaseKey::from_bytes([9; 32]))
            .expect_err("not WAL");
        assert!(
            matches!(&error, StoreError::NoWriteAheadLog { mode, .. } if mode == "memory"),
            "{error:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_data_folder_is_made_private_even_when_it_already_exists() {
        use std::os::unix::fs::PermissionsExt;
        let parent = tempfile::tempdir().expect("temp dir");
        let dir = parent.path().join("Paybridge");
        std::fs::create_dir(&dir).expect("mkdir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");

        Store::open(&database_path(&dir), &DatabaseKey::from_bytes([9; 32])).expect("opens");

        let mode = std::fs::metadata(&dir).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
        let fresh = parent.path().join("new").join("Paybridge");
        create_private_dir(&fresh).expect("creates");
        let mode = std::fs::metadata(&fresh)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    }

    #[test]
    fn the_default_data_dir_ends_in_the_app_folder() {
        let dir = default_data_dir().expect("this machine has an app-data folder");
        assert!(dir.ends_with(APP_FOLDER));
    }
}

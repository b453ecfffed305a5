//! Backups of everything Paybridge can read from MicrOpay, taken before the
//! first import and on demand. Each is one encrypted file in
//! `<data_dir>/backups/`; the key is in the secret store (account
//! `backup-key`, see [`crate::keys`]).

mod crypto;
mod export;
pub(crate) mod model;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paybridge_store::BackupRecord;
use zeroize::Zeroizing;

use crate::api::{
    AppError, BackupComparison, BackupFormat, BackupSummary, ChangedEmployee, EmployeeRef,
    ErrorCode,
};
use crate::connections::blocking;
use crate::data_dir::write_private;
use crate::keys::{install_key, Sealed};
use crate::reads::{self, MicropaySnapshot};
use crate::Engine;
use model::{BackupContents, BackupEmployee, BackupLookup, CONTENTS_VERSION};

pub(crate) const BACKUP_FOLDER: &str = "backups";
const FILE_EXTENSION: &str = "pbbackup";

fn summary(record: BackupRecord) -> BackupSummary {
    BackupSummary {
        id: record.id,
        created_at: record.created_at.to_rfc3339(),
        employee_count: record.employee_count,
        size_bytes: record.size_bytes,
        file_name: record.file_name,
    }
}

fn file_error(what: &str, path: &Path, error: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!("Paybridge could not {what} {}: {error}.", path.display()),
    )
}

fn employee_ref(employee: &BackupEmployee) -> EmployeeRef {
    EmployeeRef {
        emp_code: employee.emp_code.clone(),
        id_employee: employee.id_employee,
        name: employee.name(),
    }
}

/// Compares by `idEmployee`, which survives an EmpCode change.
pub(crate) fn compare(
    backup: &[BackupEmployee],
    now: &[BackupEmployee],
) -> (
    Vec<EmployeeRef>,
    Vec<EmployeeRef>,
    Vec<ChangedEmployee>,
    u32,
) {
    let then: BTreeMap<i64, &BackupEmployee> = backup.iter().map(|e| (e.id_employee, e)).collect();
    let current: BTreeMap<i64, &BackupEmployee> = now.iter().map(|e| (e.id_employee, e)).collect();
    let added = current
        .iter()
        .filter(|(id, _)| !then.contains_key(id))
        .map(|(_, e)| employee_ref(e))
        .collect();
    let removed = then
        .iter()
        .filter(|(id, _)| !current.contains_key(id))
        .map(|(_, e)| employee_ref(e))
        .collect();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for (id, old) in &then {
        if let Some(new) = current.get(id) {
            let groups = old.changed_groups(new);
            if groups.is_empty() {
                unchanged += 1;
            } else {
                changed.push(ChangedEmployee {
                    employee: employee_ref(new),
                    groups,
                });
            }
        }
    }
    (added, removed, changed, unchanged)
}

impl Engine {
    /// Reads everything from MicrOpay and keeps it as a new encrypted backup.
    pub async fn create_backup(&self) -> Result<BackupSummary, AppError> {
        let client = self.micropay_client().await?;
        let snapshot = reads::snapshot(&client, &self.requests, &|_, _| {}).await?;
        self.write_backup(&snapshot, client.base_url().as_str())
            .await
    }

    /// Every backup, newest first.
    pub async fn backups(&self) -> Result<Vec<BackupSummary>, AppError> {
        let records = self.with_store(|store| store.backups().all()).await?;
        Ok(records.into_iter().map(summary).collect())
    }

    /// Writes backup `id` to `path`. The plain formats hold tax file numbers
    /// and bank account numbers, so they need `confirm_contains_tfns`.
    pub async fn export_backup(
        &self,
        id: i64,
        path: PathBuf,
        format: BackupFormat,
        confirm_contains_tfns: bool,
    ) -> Result<(), AppError> {
        if format != BackupFormat::Encrypted && !confirm_contains_tfns {
            return Err(AppError::new(
                ErrorCode::ConfirmationRequired,
                "This file will contain tax file numbers and bank account numbers in plain text. \
                 Confirm that you want to export it unencrypted, or export it encrypted instead.",
            ));
        }
        let record = self.backup_record(id).await?;
        let source = self.backup_path(&record.file_name);
        let bytes: Zeroizing<Vec<u8>> = match format {
            BackupFormat::Encrypted => {
                blocking(move || {
                    std::fs::read(&source)
                        .map(Zeroizing::new)
                        .map_err(|error| file_error("read", &source, &error))
                })
                .await?
            }
            BackupFormat::Json => {
                let contents = self.read_backup(&record).await?;
                Zeroizing::new(export::to_json(&contents).map_err(|_| export_failed())?)
            }
            BackupFormat::Csv => {
                let contents = self.read_backup(&record).await?;
                Zeroizing::new(export::to_csv(&contents).map_err(|_| export_failed())?)
            }
        };
        let data_dir = self.data_dir.clone();
        blocking(move || write_private(&data_dir, &path, &bytes)).await
    }

    /// Backup `id` against MicrOpay as it is now: who was added, removed or
    /// changed (and in which groups). Never shows the values.
    pub async fn compare_backup(&self, id: i64) -> Result<BackupComparison, AppError> {
        let record = self.backup_record(id).await?;
        let contents = self.read_backup(&record).await?;
        let client = self.micropay_client().await?;
        let employees = reads::all_employees(&client, &self.requests, &|_, _| {}).await?;
        let now: Vec<BackupEmployee> = employees.iter().map(BackupEmployee::from).collect();
        let (added, removed, changed, unchanged) = compare(&contents.employees, &now);
        Ok(BackupComparison {
            backup_id: record.id,
            backup_created_at: record.created_at.to_rfc3339(),
            added,
            removed,
            changed,
            unchanged,
        })
    }

    pub(crate) async fn write_backup(
        &self,
        snapshot: &MicropaySnapshot,
        source: &str,
    ) -> Result<BackupSummary, AppError> {
        let created_at = self.clock.now();
        let contents = BackupContents {
            version: CONTENTS_VERSION,
            created_at,
            source: source.to_owned(),
            employees: snapshot
                .employees
                .iter()
                .map(BackupEmployee::from)
                .collect(),
            lookups: snapshot.lookups.iter().map(BackupLookup::from).collect(),
        };
        let employee_count = u32::try_from(contents.employees.len()).unwrap_or(u32::MAX);
        let plaintext = Zeroizing::new(serde_json::to_vec(&contents).map_err(|_| export_failed())?);
        let key = self.backup_key().await?;
        let sealed = crypto::seal(key.expose(), &plaintext).map_err(seal_error)?;
        let size_bytes = sealed.len() as u64;
        let mut suffix = [0u8; 4];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut suffix);
        let file_name = format!(
            "backup-{}-{}.{FILE_EXTENSION}",
            created_at.format("%Y%m%d-%H%M%S"),
            hex::encode(suffix)
        );
        let folder = self.data_dir.join(BACKUP_FOLDER);
        let path = folder.join(&file_name);
        let data_dir = self.data_dir.clone();
        blocking(move || {
            paybridge_store::create_private_dir(&folder)
                .map_err(|error| file_error("create the folder", &folder, &error))?;
            write_private(&data_dir, &path, &sealed)
        })
        .await?;
        let name = file_name.clone();
        let id = self
            .with_store(move |store| {
                store
                    .backups()
                    .add(created_at, employee_count, size_bytes, &name)
            })
            .await?;
        Ok(BackupSummary {
            id,
            created_at: created_at.to_rfc3339(),
            employee_count,
            size_bytes,
            file_name,
        })
    }

    /// The backup key, made on first use; refused while backups sealed with
    /// a lost key are still in the folder or recorded in the database.
    async fn backup_key(&self) -> Result<paybridge_secrets::DatabaseKey, AppError> {
        let secrets = self.secrets.clone();
        let data_dir = self.data_dir.clone();
        let store = self.store.clone();
        blocking(move || {
            let folder = data_dir.join(BACKUP_FOLDER);
            install_key(&secrets, &data_dir, Sealed::Backups, || {
                let recorded = !store
                    .lock()
                    .map_err(|_| crate::errors::storage_error("the database lock was poisoned"))?
                    .backups()
                    .all()?
                    .is_empty();
                Ok(recorded || backup_files_exist(&folder)?)
            })
        })
        .await
    }

    pub(crate) fn backup_path(&self, file_name: &str) -> PathBuf {
        self.data_dir.join(BACKUP_FOLDER).join(file_name)
    }

    async fn backup_record(&self, id: i64) -> Result<BackupRecord, AppError> {
        self.with_store(move |store| store.backups().get(id))
            .await?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("There is no backup number {id}. It may have been removed."),
                )
            })
    }

    pub(crate) async fn read_backup(
        &self,
        record: &BackupRecord,
    ) -> Result<BackupContents, AppError> {
        let path = self.backup_path(&record.file_name);
        let key = self.backup_key().await?;
        blocking(move || {
            let sealed = std::fs::read(&path).map_err(|error| file_error("read", &path, &error))?;
            let plaintext = crypto::open(key.expose(), &sealed).map_err(seal_error)?;
            serde_json::from_slice(&plaintext).map_err(|_| {
                AppError::new(
                    ErrorCode::Storage,
                    "The backup opened but its contents are not what Paybridge wrote.",
                )
            })
        })
        .await
    }
}

/// Whether `folder` holds any backup file. A folder that is not there holds
/// none; one that cannot be read is an error, never taken for empty.
fn backup_files_exist(folder: &Path) -> Result<bool, AppError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(file_error("read the backups folder", folder, &error)),
    };
    for entry in entries {
        let entry = entry.map_err(|error| file_error("read the backups folder", folder, &error))?;
        if entry.path().extension().and_then(|ext| ext.to_str()) == Some(FILE_EXTENSION) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn seal_error(error: crypto::SealError) -> AppError {
    AppError::new(ErrorCode::Storage, format!("Backup failed: {error}."))
}

fn export_failed() -> AppError {
    AppError::new(
        ErrorCode::Internal,
        "Paybridge could not write the backup's contents.",
    )
}

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use paybridge_engine::{AppError, BackupComparison, BackupFormat, BackupSummary};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupSummary>, AppError> {
    state.engine()?.backups().await
}

#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> Result<BackupSummary, AppError> {
    state.engine()?.create_backup().await
}

#[tauri::command]
pub async fn compare_backup(
    state: State<'_, AppState>,
    id: i64,
) -> Result<BackupComparison, AppError> {
    state.engine()?.compare_backup(id).await
}

/// Writes a backup to the file the user chose in the save dialog. The
/// engine refuses the plain formats without `confirm_contains_tfns`.
#[tauri::command]
pub async fn export_backup(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
    format: BackupFormat,
    confirm_contains_tfns: bool,
) -> Result<(), AppError> {
    state
        .engine()?
        .export_backup(id, path, format, confirm_contains_tfns)
        .await
}

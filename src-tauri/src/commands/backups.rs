use std::path::PathBuf;

use paybridge_engine::{AppError, BackupComparison, BackupFormat, BackupSummary};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

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

/// Asks the user where to save (the native save dialog, opened here so the
/// window itself holds no file-system or dialog permission), then writes the
/// backup there. Resolves with the path written, or `None` when the user
/// cancelled. The engine refuses the plain formats without
/// `confirm_contains_tfns`.
#[tauri::command]
pub async fn export_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    format: BackupFormat,
    suggested_name: String,
    confirm_contains_tfns: bool,
) -> Result<Option<String>, AppError> {
    let engine = state.engine()?;
    let Some(path) = choose_export_path(&app, format, suggested_name).await else {
        return Ok(None);
    };
    engine
        .export_backup(id, path.clone(), format, confirm_contains_tfns)
        .await?;
    Ok(Some(path.display().to_string()))
}

async fn choose_export_path(
    app: &AppHandle,
    format: BackupFormat,
    suggested_name: String,
) -> Option<PathBuf> {
    let (name, extension) = match format {
        BackupFormat::Encrypted => ("Encrypted Paybridge backup", "pbbackup"),
        BackupFormat::Json => ("JSON", "json"),
        BackupFormat::Csv => ("CSV", "csv"),
    };
    let (chosen, answer) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Export backup")
        .set_file_name(suggested_name)
        .add_filter(name, &[extension])
        .save_file(move |path| {
            let _ = chosen.send(path.and_then(|path| path.into_path().ok()));
        });
    answer.await.ok().flatten()
}

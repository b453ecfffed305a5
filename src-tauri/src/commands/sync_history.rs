//! Sync history, the status card and the close-to-tray choice, as the
//! window reads and sets them.

use paybridge_engine::{
    AppError, SettingsTrigger, SyncProgressUpdate, SyncRunDetail, SyncRunSummary, SyncStatus,
    HISTORY_LIMIT,
};
use tauri::ipc::Channel;
use tauri::State;

use crate::background::Background;
use crate::state::AppState;

#[tauri::command]
pub async fn get_sync_history(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> Result<Vec<SyncRunSummary>, AppError> {
    state
        .engine()?
        .sync_history(limit.unwrap_or(HISTORY_LIMIT))
        .await
}

#[tauri::command]
pub async fn get_sync_run_detail(
    state: State<'_, AppState>,
    run_id: i64,
) -> Result<SyncRunDetail, AppError> {
    state.engine()?.sync_run_detail(run_id).await
}

#[tauri::command]
pub async fn get_sync_status(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    state.engine()?.sync_status().await
}

/// Sends the progress of every scheduled run from now on through
/// `on_progress` (the same updates "Sync now" streams), until the window
/// stops listening.
#[tauri::command]
pub fn watch_scheduled_syncs(
    background: State<'_, Background>,
    on_progress: Channel<SyncProgressUpdate>,
) {
    background.watch(on_progress);
}

#[tauri::command]
pub async fn get_keep_syncing_when_closed(state: State<'_, AppState>) -> Result<bool, AppError> {
    state.engine()?.keep_syncing_when_closed().await
}

/// Saves the choice; closing the window follows it at once.
#[tauri::command]
pub async fn set_keep_syncing_when_closed(
    state: State<'_, AppState>,
    background: State<'_, Background>,
    keep: bool,
) -> Result<bool, AppError> {
    let saved = state
        .engine()?
        .set_keep_syncing_when_closed(keep, SettingsTrigger::App)
        .await?;
    background.set_keep_syncing_when_closed(saved);
    Ok(saved)
}

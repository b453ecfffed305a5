//! Preview and "Sync now", as the window asks for them.

use paybridge_engine::{AppError, SyncPreview};
use tauri::State;

use crate::state::AppState;

/// What a sync would do now; reads both sides, writes nothing.
#[tauri::command]
pub async fn sync_preview(state: State<'_, AppState>) -> Result<SyncPreview, AppError> {
    state.engine()?.sync_preview().await
}

//! Preview and "Sync now", as the window asks for them.

use paybridge_engine::{AppError, SyncPreview, SyncProgressUpdate, SyncRunDetail, SyncTrigger};
use tauri::ipc::Channel;
use tauri::State;

use crate::state::AppState;

/// What a sync would do now; reads both sides, writes nothing.
#[tauri::command]
pub async fn sync_preview(state: State<'_, AppState>) -> Result<SyncPreview, AppError> {
    state.engine()?.sync_preview().await
}

/// One sync run started by the "Sync now" button, its progress sent through
/// `on_progress`; answers the run's summary and the records it touched.
/// Another run holding the lease (the schedule, the command line) answers
/// `busy` with when it started.
#[tauri::command]
pub async fn sync_now(
    state: State<'_, AppState>,
    on_progress: Channel<SyncProgressUpdate>,
) -> Result<SyncRunDetail, AppError> {
    let progress = |update: SyncProgressUpdate| {
        // Best effort: a window that went away stops listening; the run goes on.
        if let Err(error) = on_progress.send(update) {
            tracing::debug!(%error, "a sync progress message was not delivered");
        }
    };
    state
        .engine()?
        .sync_now_detailed(SyncTrigger::Button, &progress)
        .await
}

/// Asks the running sync to stop at the next safe point; false when none
/// runs in this app.
#[tauri::command]
pub fn cancel_sync(state: State<'_, AppState>) -> bool {
    state.engine().is_ok_and(|engine| engine.cancel_sync())
}

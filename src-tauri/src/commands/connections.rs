use paybridge_engine::{
    AppError, ConnectionCheck, ConnectionKind, Connections, MicropayForm, SandboxPrefill,
    WorkniceForm,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn get_connections(state: State<'_, AppState>) -> Result<Connections, AppError> {
    state.engine()?.connections().await
}

#[tauri::command]
pub async fn test_micropay(
    state: State<'_, AppState>,
    form: MicropayForm,
) -> Result<ConnectionCheck, AppError> {
    state.engine()?.test_micropay(form).await
}

#[tauri::command]
pub async fn save_micropay(
    state: State<'_, AppState>,
    form: MicropayForm,
) -> Result<ConnectionCheck, AppError> {
    state.engine()?.save_micropay(form).await
}

#[tauri::command]
pub async fn check_micropay(state: State<'_, AppState>) -> Result<ConnectionCheck, AppError> {
    state.engine()?.check_micropay().await
}

#[tauri::command]
pub async fn test_worknice(
    state: State<'_, AppState>,
    form: WorkniceForm,
) -> Result<ConnectionCheck, AppError> {
    state.engine()?.test_worknice(form).await
}

#[tauri::command]
pub async fn save_worknice(
    state: State<'_, AppState>,
    form: WorkniceForm,
) -> Result<ConnectionCheck, AppError> {
    state.engine()?.save_worknice(form).await
}

#[tauri::command]
pub async fn check_worknice(state: State<'_, AppState>) -> Result<ConnectionCheck, AppError> {
    state.engine()?.check_worknice().await
}

#[tauri::command]
pub async fn disconnect(state: State<'_, AppState>, kind: ConnectionKind) -> Result<(), AppError> {
    state.engine()?.disconnect(kind).await
}

#[tauri::command]
pub async fn start_sandbox(state: State<'_, AppState>) -> Result<SandboxPrefill, AppError> {
    state.engine()?.start_sandbox_prefill().await
}

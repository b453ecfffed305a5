use paybridge_engine::{
    AppError, EmployeePage, EmployeePreview, EmployeesLoaded, ImportOptions, ImportProgressUpdate,
    ImportSelection, ImportSummary,
};
use tauri::ipc::Channel;
use tauri::State;

use crate::state::AppState;

/// Every MicrOpay employee with its link state, sent through `on_progress`
/// page by page as MicrOpay's pages arrive: serialising and showing them
/// overlaps the rest of the read, and the window paints the first rows early.
#[tauri::command]
pub async fn list_employees(
    state: State<'_, AppState>,
    on_progress: Channel<EmployeePage>,
) -> Result<EmployeesLoaded, AppError> {
    let send = |page| report(&on_progress, page);
    state.engine()?.employees_in_pages(&send).await
}

#[tauri::command]
pub async fn employee_preview(
    state: State<'_, AppState>,
    emp_code: String,
) -> Result<EmployeePreview, AppError> {
    state.engine()?.employee_preview(&emp_code).await
}

/// Runs an import to the end (or until `cancel_import`), sending progress
/// through `on_progress`. Terminated employees are skipped unless
/// `include_terminated`.
#[tauri::command]
pub async fn import_employees(
    state: State<'_, AppState>,
    selection: ImportSelection,
    dry_run: bool,
    include_terminated: Option<bool>,
    on_progress: Channel<ImportProgressUpdate>,
) -> Result<ImportSummary, AppError> {
    let progress = |update| report(&on_progress, update);
    let options = ImportOptions {
        dry_run,
        include_terminated: include_terminated.unwrap_or(false),
    };
    state
        .engine()?
        .import_with(selection, options, &progress)
        .await
}

/// Asks the running import, if any, to stop after the employees in flight.
/// With no engine there is no import to cancel.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    if let Ok(engine) = state.engine() {
        engine.cancel_import();
    }
}

#[tauri::command]
pub async fn unlink_employee(state: State<'_, AppState>, emp_code: String) -> Result<(), AppError> {
    state.engine()?.unlink(&emp_code).await
}

/// Progress is best effort: a window that went away stops listening, and
/// the work goes on.
fn report<T: tauri::ipc::IpcResponse>(channel: &Channel<T>, message: T) {
    if let Err(error) = channel.send(message) {
        tracing::debug!(%error, "a progress message was not delivered");
    }
}

use paybridge_logging::{Diagnostics, Started};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// Version, folders and the last warnings and errors, for About and for
/// "Copy diagnostics". Nothing in it is secret.
#[tauri::command]
pub fn get_diagnostics(
    app: AppHandle,
    state: State<'_, AppState>,
    logs: State<'_, Started>,
) -> Diagnostics {
    let log_dir = match &logs.log_dir {
        Ok(dir) => dir.display().to_string(),
        Err(reason) => format!("none ({reason})"),
    };
    Diagnostics::new(
        &app.package_info().version.to_string(),
        state.data_dir().display().to_string(),
        log_dir,
        logs.recent.snapshot(),
    )
}

use paybridge_logging::Diagnostics;
use tauri::{AppHandle, State};

use crate::logs::LogState;
use crate::state::AppState;

/// Version, folders and the last warnings and errors, for About and for
/// "Copy diagnostics". Nothing in it is secret.
#[tauri::command]
pub fn get_diagnostics(
    app: AppHandle,
    state: State<'_, AppState>,
    logs: State<'_, LogState>,
) -> Diagnostics {
    let (log_dir, recent) = match logs.started() {
        Some(started) => (
            match &started.log_dir {
                Ok(dir) => dir.display().to_string(),
                Err(reason) => format!("none ({reason})"),
            },
            started.recent.snapshot(),
        ),
        None => ("not started yet".to_owned(), Vec::new()),
    };
    Diagnostics::new(
        &app.package_info().version.to_string(),
        state.data_dir().display().to_string(),
        log_dir,
        recent,
    )
}

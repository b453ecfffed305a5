//! The app's logging: a rotating file in the OS log folder for the app
//! (`app_log_dir`, known once Tauri has started), set up by
//! `paybridge-logging` so the canary test checks the same files.

use paybridge_logging::Started;
use tauri::Manager;

/// Starts logging to the app's log folder (or stderr, saying why) and
/// sends panics to the log; About reads the result.
pub fn start(app: &tauri::App) {
    let dir = app
        .path()
        .app_log_dir()
        .map_err(|error| format!("the OS log folder is unknown: {error}"));
    app.manage::<Started>(paybridge_logging::init_or_stderr(dir));
    log_panics();
}

/// A panic reaches the log file (and so the diagnostics), then stderr as
/// before.
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!(%info, "Paybridge stopped on an internal error");
        previous(info);
    }));
}

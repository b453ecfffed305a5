//! The app's logging: a rotating file in the OS log folder for the app
//! (`app_log_dir`, known once Tauri has started), set up by
//! `paybridge-logging` so the canary test checks the same files.

use std::path::PathBuf;
use std::sync::OnceLock;

use paybridge_logging::{LogOptions, Logging, RecentErrors};
use tauri::Manager;

/// Logging once started. Managed from the start, filled in by [`start`]
/// in Tauri's setup.
#[derive(Debug, Default)]
pub struct LogState {
    started: OnceLock<Started>,
}

#[derive(Debug)]
pub struct Started {
    /// The log folder, or why there is none.
    pub log_dir: Result<PathBuf, String>,
    pub recent: RecentErrors,
    /// Flushes the log file when the app exits.
    _logging: Option<Logging>,
}

impl LogState {
    pub fn started(&self) -> Option<&Started> {
        self.started.get()
    }
}

/// Starts logging to the app's log folder; without one (no home folder, a
/// read-only disk) the app logs to stderr only and About says why.
pub fn start(app: &tauri::App) {
    let options = app
        .path()
        .app_log_dir()
        .map(LogOptions::from_env)
        .map_err(|error| format!("the OS log folder is unknown: {error}"));
    let started = match options
        .and_then(|options| paybridge_logging::init(options).map_err(|error| error.to_string()))
    {
        Ok(logging) => Started {
            log_dir: Ok(logging.dir().to_owned()),
            recent: logging.recent().clone(),
            _logging: Some(logging),
        },
        Err(reason) => {
            let recent = paybridge_logging::init_stderr_only();
            tracing::warn!(%reason, "logging to stderr only");
            Started {
                log_dir: Err(reason),
                recent,
                _logging: None,
            }
        }
    };
    let _ = app.state::<LogState>().started.set(started);
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

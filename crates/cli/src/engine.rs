//! Opening the engine on the saved connections, for the commands that need them.

use std::path::PathBuf;

use paybridge_engine::{AppError, Engine, EngineOptions};
use serde::Serialize;

pub(crate) fn open(data_dir: Option<PathBuf>) -> Result<Engine, AppError> {
    let mut options = EngineOptions::from_env();
    if let Some(dir) = data_dir {
        options = options.with_data_dir(dir);
    }
    Engine::open(options)
}

/// What a command prints when it fails: `{"ok": false, "code", "message"}`.
#[derive(Debug, Serialize)]
pub(crate) struct Failure {
    ok: bool,
    code: paybridge_engine::ErrorCode,
    message: String,
}

impl From<AppError> for Failure {
    fn from(error: AppError) -> Self {
        Self {
            ok: false,
            code: error.code,
            message: error.message,
        }
    }
}

/// Prints the failure (JSON or a sentence on stderr) and gives the exit code.
pub(crate) fn report_failure(error: AppError, json: bool) -> anyhow::Result<i32> {
    if json {
        crate::print_json_line(&Failure::from(error))?;
    } else {
        // The message may quote what a vendor sent.
        eprintln!("{}", crate::terminal::terminal_safe(&error.message));
    }
    Ok(1)
}

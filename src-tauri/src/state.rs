use std::path::{Path, PathBuf};

use paybridge_engine::{AppError, Engine};

/// The engine, or why it could not open. Held in Tauri's state for the
/// app's lifetime.
#[derive(Debug)]
pub struct AppState {
    engine: Result<Engine, AppError>,
    data_dir: PathBuf,
}

impl AppState {
    pub fn open(options: paybridge_engine::EngineOptions) -> Self {
        let data_dir = options.data_dir.clone();
        let engine = Engine::open(options);
        if let Err(error) = &engine {
            tracing::error!(code = ?error.code, message = %error.message, "the engine could not open");
        }
        Self { engine, data_dir }
    }

    /// The folder holding the database and backups (for About).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The engine, or the error that stopped it opening.
    pub fn engine(&self) -> Result<&Engine, AppError> {
        self.engine.as_ref().map_err(Clone::clone)
    }
}

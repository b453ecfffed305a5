use std::sync::{Mutex, MutexGuard, PoisonError};

use paybridge_engine::{AppError, CancellationToken, Engine};

/// The engine, or why it could not open, and the running import's cancel
/// switch. Held in Tauri's state for the app's lifetime.
#[derive(Debug)]
pub struct AppState {
    engine: Result<Engine, AppError>,
    imports: Mutex<Imports>,
}

/// The cancel switch of the import running now, numbered so a finished
/// import never clears the switch of one started after it.
#[derive(Debug, Default)]
struct Imports {
    started: u64,
    running: Option<(u64, CancellationToken)>,
}

/// An import's cancel switch and its number; see [`AppState::begin_import`].
#[derive(Debug)]
pub struct ImportTicket {
    number: u64,
    pub cancel: CancellationToken,
}

impl AppState {
    pub fn open(options: paybridge_engine::EngineOptions) -> Self {
        let engine = Engine::open(options);
        if let Err(error) = &engine {
            tracing::error!(code = ?error.code, message = %error.message, "the engine could not open");
        }
        Self {
            engine,
            imports: Mutex::default(),
        }
    }

    /// The engine, or the error that stopped it opening.
    pub fn engine(&self) -> Result<&Engine, AppError> {
        self.engine.as_ref().map_err(Clone::clone)
    }

    /// A fresh cancel switch for an import about to start.
    pub fn begin_import(&self) -> ImportTicket {
        let mut imports = self.imports();
        imports.started += 1;
        let ticket = ImportTicket {
            number: imports.started,
            cancel: CancellationToken::new(),
        };
        imports.running = Some((ticket.number, ticket.cancel.clone()));
        ticket
    }

    /// Forgets the switch of a finished import.
    pub fn end_import(&self, ticket: &ImportTicket) {
        let mut imports = self.imports();
        if matches!(&imports.running, Some((number, _)) if *number == ticket.number) {
            imports.running = None;
        }
    }

    /// Asks the running import, if any, to stop after the employees in flight.
    pub fn cancel_import(&self) {
        if let Some((_, cancel)) = &self.imports().running {
            cancel.cancel();
        }
    }

    fn imports(&self) -> MutexGuard<'_, Imports> {
        // Two plain fields, never left half-written: a poisoned lock is still usable.
        self.imports.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

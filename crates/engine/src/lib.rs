//! The Paybridge engine. It knows nothing of windows: the desktop app and the
//! command line both call it. Today it manages the two connections; later
//! issues add linking, planning and applying syncs.

pub mod api;
mod backup;
pub mod bindings;
mod clock;
mod connections;
mod data_dir;
mod directions;
mod errors;
mod import;
mod keys;
mod leave;
mod lost_requests;
mod new_hire_defaults;
mod payroll_desk;
mod picker;
mod plan;
mod reads;
mod retry;
mod run_lease;
mod sandbox;
mod schedule_runner;
mod sync;
mod sync_history;
mod window_choice;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use paybridge_sandbox::Sandbox;
use paybridge_store::Store;

pub use api::*;
pub use clock::{Clock, FixedClock, SystemClock};
pub use connections::{check_micropay_form, check_worknice_form};
pub use directions::{ONE_WAY_REASON, SCHEDULE_MINUTES};
pub use import::{import_floor, ImportFloor, ImportProgress, NoProgress, Patience};
pub use leave::BALANCES_UNAVAILABLE;
pub use new_hire_defaults::NEW_HIRE_DEFAULTS_MISSING;
pub use paybridge_secrets::{FileKey, SecretStore};
pub use payroll_desk::NOT_THE_SANDBOX;
pub use reads::RequestCounts;
pub use run_lease::{RunLease, RUN_LEASE_TTL};
pub use schedule_runner::{background_run_notice, ScheduleRunner, ScheduleStep, SCHEDULE_NAP};
pub use sync::SyncProgress;
pub use sync_history::{HISTORY_LIMIT, RUN_STOPPED};

/// Where the engine keeps its database and under which keyring service its
/// secrets live.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub data_dir: PathBuf,
    pub keyring_service: String,
}

pub const DEFAULT_KEYRING_SERVICE: &str = "paybridge";

impl EngineOptions {
    /// The OS app-data folder and the default keyring service, overridden by
    /// `PAYBRIDGE_DATA_DIR` and `PAYBRIDGE_KEYRING_SERVICE` (tests and demos
    /// use both to stay out of a real user's data).
    pub fn from_env() -> Self {
        let data_dir = std::env::var_os("PAYBRIDGE_DATA_DIR")
            .map(PathBuf::from)
            // Every desktop OS has an app-data folder; the fallback only
            // matters on a bare server, where --data-dir is the answer.
            .unwrap_or_else(|| {
                paybridge_store::default_data_dir().unwrap_or_else(|_| PathBuf::from("Paybridge"))
            });
        let keyring_service = std::env::var("PAYBRIDGE_KEYRING_SERVICE")
            .ok()
            .filter(|service| !service.is_empty())
            .unwrap_or_else(|| DEFAULT_KEYRING_SERVICE.to_owned());
        Self {
            data_dir,
            keyring_service,
        }
    }

    pub fn with_data_dir(mut self, data_dir: PathBuf) -> Self {
        self.data_dir = data_dir;
        self
    }

    /// True when `data_dir` is the OS app-data folder: its keyring entries
    /// keep the names they always had; any other folder's get names of
    /// their own (see [`SecretStore::keyring_for_folder`]).
    pub fn is_default_data_dir(&self) -> bool {
        let Ok(default) = paybridge_store::default_data_dir() else {
            return false;
        };
        match (
            std::fs::canonicalize(&default),
            std::fs::canonicalize(&self.data_dir),
        ) {
            (Ok(default), Ok(data_dir)) => default == data_dir,
            _ => default == self.data_dir,
        }
    }

    /// The secret store `PAYBRIDGE_SECRETS` chooses for this data folder.
    pub fn secrets_from_env(&self) -> Result<SecretStore, AppError> {
        Ok(SecretStore::from_env(
            &self.keyring_service,
            &self.data_dir,
            self.is_default_data_dir(),
        )?)
    }
}

/// One per app. Cheap to share behind an `Arc`; every method takes `&self`.
#[derive(Debug)]
pub struct Engine {
    store: Arc<Mutex<Store>>,
    secrets: SecretStore,
    clock: Arc<dyn Clock>,
    sandbox: tokio::sync::Mutex<Option<Sandbox>>,
    data_dir: PathBuf,
    requests: reads::RequestCounter,
    /// The last picker load, for previews.
    picker_cache: tokio::sync::Mutex<Option<Arc<picker::PickerData>>>,
    /// One import at a time in this engine (the data folder's lock file
    /// keeps other processes out).
    import_running: tokio::sync::Mutex<()>,
    /// The running import's cancel switch.
    import_cancel: import::CancelSlot,
    /// The running sync's cancel switch (the run lease keeps syncs one at
    /// a time).
    sync_cancel: import::CancelSlot,
    /// How long the import keeps trying one employee, and waits before
    /// trying a failing Worknice again.
    import_patience: std::sync::Mutex<import::Patience>,
    /// Leave balances read in the last few minutes, and whether MicrOpay has them.
    leave_balances: leave::BalanceMemory,
}

impl Engine {
    pub fn open(options: EngineOptions) -> Result<Self, AppError> {
        Self::open_with_clock(options, Arc::new(SystemClock))
    }

    /// Opens the engine with its secrets where `PAYBRIDGE_SECRETS` chooses
    /// (the OS keyring unless it says `file`).
    pub fn open_with_clock(
        options: EngineOptions,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, AppError> {
        // The folder first: its keyring names come from its canonical path.
        data_dir::create(&options.data_dir)?;
        let secrets = options.secrets_from_env()?;
        Self::open_with_secrets(options, clock, secrets)
    }

    /// Opens the engine on `secrets`, whichever place they live in.
    pub fn open_with_secrets(
        options: EngineOptions,
        clock: Arc<dyn Clock>,
        secrets: SecretStore,
    ) -> Result<Self, AppError> {
        data_dir::create(&options.data_dir)?;
        data_dir::remove_unfinished_writes(&options.data_dir);
        let database = paybridge_store::database_path(&options.data_dir);
        let key = keys::install_key(&secrets, &options.data_dir, keys::Sealed::Database, || {
            // SQLite writes the schema as it creates the file, so an empty
            // file seals nothing.
            Ok(std::fs::metadata(&database).is_ok_and(|file| file.len() > 0))
        })?;
        let store = Store::open(&database, &key)?;
        Ok(Self {
            store: Arc::new(Mutex::new(store)),
            secrets,
            clock,
            sandbox: tokio::sync::Mutex::new(None),
            data_dir: options.data_dir,
            requests: reads::RequestCounter::default(),
            picker_cache: tokio::sync::Mutex::new(None),
            import_running: tokio::sync::Mutex::new(()),
            import_cancel: import::CancelSlot::default(),
            sync_cancel: import::CancelSlot::default(),
            import_patience: std::sync::Mutex::new(import::Patience::default()),
            leave_balances: leave::BalanceMemory::default(),
        })
    }

    /// The API calls this engine has made since it opened (for benchmarks).
    pub fn request_counts(&self) -> RequestCounts {
        self.requests.counts()
    }
}

impl From<&paybridge_sandbox::SandboxCredentials> for SandboxForms {
    fn from(credentials: &paybridge_sandbox::SandboxCredentials) -> Self {
        SandboxForms {
            micropay: MicropayForm {
                url: credentials.micropay.url.clone(),
                username: credentials.micropay.username.clone(),
                password: credentials.micropay.password.clone().into(),
                api_key: credentials.micropay.api_key.clone().into(),
                payroll_company: credentials.micropay.payroll_company.clone(),
            },
            worknice: WorkniceForm {
                url: credentials.worknice.url.clone(),
                token: credentials.worknice.token.clone().into(),
            },
        }
    }
}

impl From<&paybridge_sandbox::SandboxCredentials> for SandboxPrefill {
    fn from(credentials: &paybridge_sandbox::SandboxCredentials) -> Self {
        SandboxPrefill {
            micropay: SandboxMicropayPrefill {
                url: credentials.micropay.url.clone(),
                username: credentials.micropay.username.clone(),
                password: credentials.micropay.password.clone(),
                api_key: credentials.micropay.api_key.clone(),
                payroll_company: credentials.micropay.payroll_company.clone(),
            },
            worknice: SandboxWorknicePrefill {
                url: credentials.worknice.url.clone(),
                token: credentials.worknice.token.clone(),
            },
        }
    }
}

//! A sandbox, an engine on a data folder and keyring service of its own,
//! and both connections saved, as a user would have them.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use paybridge_engine::{Clock, Engine, EngineOptions, LinkState, SandboxForms};
use paybridge_sandbox::dataset::{Dataset, SeedEmployee};
use paybridge_sandbox::{Sandbox, SandboxOptions};

static NEXT_SERVICE: AtomicU32 = AtomicU32::new(0);

pub struct Setup {
    pub dir: tempfile::TempDir,
    pub options: EngineOptions,
    pub engine: Engine,
    pub sandbox: Sandbox,
}

pub fn options(dir: &tempfile::TempDir) -> EngineOptions {
    EngineOptions {
        data_dir: dir.path().to_owned(),
        keyring_service: format!(
            "paybridge-import-test-{}-{}",
            std::process::id(),
            NEXT_SERVICE.fetch_add(1, Ordering::SeqCst)
        ),
    }
}

pub async fn setup(employees: usize, seed: u64) -> Setup {
    connect(start_sandbox(employees, seed).await).await
}

/// As [`setup`], with the engine on `clock`.
pub async fn setup_with_clock(employees: usize, seed: u64, clock: Arc<dyn Clock>) -> Setup {
    connect_with_clock(start_sandbox(employees, seed).await, clock).await
}

async fn start_sandbox(employees: usize, seed: u64) -> Sandbox {
    Sandbox::start(SandboxOptions {
        employees,
        seed,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts")
}

/// As [`setup`], on a dataset the test planted values in.
pub async fn setup_with_dataset(dataset: Dataset, seed: u64) -> Setup {
    let sandbox = Sandbox::start_with_dataset(
        SandboxOptions {
            seed,
            ..SandboxOptions::default()
        },
        dataset,
    )
    .await
    .expect("sandbox starts");
    connect(sandbox).await
}

/// A clock the test moves by hand.
#[derive(Debug)]
pub struct HandClock(Mutex<DateTime<Utc>>);

impl HandClock {
    pub fn at(at: DateTime<Utc>) -> Arc<Self> {
        Arc::new(Self(Mutex::new(at)))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().expect("clock") = at;
    }
}

impl Clock for HandClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock")
    }
}

/// An engine on a fresh data folder with both connections to `sandbox` saved.
async fn connect(sandbox: Sandbox) -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = options(&dir);
    let engine = Engine::open(options.clone()).expect("engine opens");
    save_connections(dir, options, engine, sandbox).await
}

/// As [`connect`], with the engine on `clock`.
pub async fn connect_with_clock(sandbox: Sandbox, clock: Arc<dyn Clock>) -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = options(&dir);
    let engine = Engine::open_with_clock(options.clone(), clock).expect("engine opens");
    save_connections(dir, options, engine, sandbox).await
}

async fn save_connections(
    dir: tempfile::TempDir,
    options: EngineOptions,
    engine: Engine,
    sandbox: Sandbox,
) -> Setup {
    let forms = SandboxForms::from(&sandbox.credentials);
    engine
        .save_micropay(forms.micropay)
        .await
        .expect("MicrOpay saves");
    engine
        .save_worknice(forms.worknice)
        .await
        .expect("Worknice saves");
    Setup {
        dir,
        options,
        engine,
        sandbox,
    }
}

impl Setup {
    /// The engine's database, opened beside it, as the next process would
    /// (wherever PAYBRIDGE_SECRETS keeps the key: the suite runs on both).
    pub fn open_store(&self) -> paybridge_store::Store {
        let key = self
            .options
            .secrets_from_env()
            .expect("secret store")
            .key(paybridge_secrets::DATABASE_KEY_ACCOUNT)
            .expect("secret store answers")
            .expect("database key exists");
        paybridge_store::Store::open(
            &paybridge_store::database_path(&self.options.data_dir),
            &key,
        )
        .expect("store opens")
    }

    pub fn employee(&self, index: usize) -> SeedEmployee {
        self.sandbox.micropay.employees()[index].clone()
    }

    /// The codes of current employees not in Worknice yet.
    pub async fn new_codes(&self) -> Vec<String> {
        self.engine
            .employees()
            .await
            .expect("employees load")
            .into_iter()
            .filter(|c| c.link_state == LinkState::New && !c.terminated)
            .map(|c| c.emp_code)
            .collect()
    }

    /// How many Worknice people carry `code`.
    pub fn people_with_code(&self, code: &str) -> usize {
        self.sandbox
            .worknice
            .people()
            .iter()
            .filter(|person| person.employee_code.as_deref() == Some(code))
            .count()
    }
}

/// Every employee in scope lands in exactly one count.
pub fn assert_accounted(summary: &paybridge_engine::ImportSummary) {
    assert_eq!(
        summary.created
            + summary.linked
            + summary.skipped
            + summary.held_count
            + summary.retry_next_run_count,
        summary.listed,
        "created + linked + skipped + held + to retry = listed: {summary:?}"
    );
}

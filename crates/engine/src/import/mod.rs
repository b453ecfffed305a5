//! Importing MicrOpay employees into Worknice: link to the person with the
//! same Employee ID, or create them with their personal, bank, super and
//! tax details and link. Every step goes through the outbox in the store
//! first (see `paybridge_store::imports`), so a run killed at any point and
//! started again never creates a second person.

mod breaker;
mod chunk;
mod chunk_links;
mod failure;
mod floor;
mod guard;
mod item;
pub(crate) mod new_person;
mod progress;
mod recover;
mod select;
mod summary;

use std::time::Duration;

use futures::StreamExt;
use paybridge_store::NewImportItem;
use tokio_util::sync::CancellationToken;

use crate::api::{
    AppError, ErrorCode, ImportOptions, ImportProgressUpdate, ImportSelection, ImportSummary,
};
use crate::{picker, Engine};
pub use floor::{import_floor, ImportFloor};
pub(crate) use guard::{CancelSlot, DataDirLock};
use item::Outcome;
use summary::Tally;

/// Worknice writes in flight at once.
pub(crate) const WRITE_CONCURRENCY: usize = 4;

/// How patient an import is with a Worknice in trouble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Patience {
    /// The most time one employee's retries may take; then they wait for
    /// the next run (their outbox state says where they got to).
    pub per_employee: Duration,
    /// After the breaker stops sending, how long until one employee is
    /// tried again; if that one works, the rest go on.
    pub breaker_cool_down: Duration,
}

impl Default for Patience {
    fn default() -> Self {
        Self {
            per_employee: Duration::from_secs(120),
            breaker_cool_down: Duration::from_secs(30),
        }
    }
}

/// Told how an import is going; called from the import's tasks.
pub trait ImportProgress: Send + Sync {
    fn update(&self, update: ImportProgressUpdate);
}

impl<F: Fn(ImportProgressUpdate) + Send + Sync> ImportProgress for F {
    fn update(&self, update: ImportProgressUpdate) {
        self(update)
    }
}

/// For callers that show no progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ImportProgress for NoProgress {
    fn update(&self, _: ImportProgressUpdate) {}
}

impl Engine {
    /// [`Engine::import_with`] for current employees only.
    pub async fn import(
        &self,
        selection: ImportSelection,
        dry_run: bool,
        progress: &dyn ImportProgress,
    ) -> Result<ImportSummary, AppError> {
        let options = ImportOptions {
            dry_run,
            include_terminated: false,
        };
        self.import_with(selection, options, progress).await
    }

    /// Imports the selected employees (see the module docs). A backup is
    /// taken first when none exists. Passing trouble (Worknice busy, an
    /// answer lost) is retried within the run; a record with a problem in
    /// its data is held with its reason, and the others go on. Every
    /// employee in scope is accounted for in the summary. With `dry_run`
    /// nothing is written anywhere and the counts say what would happen.
    /// Only one import runs at a time across every Paybridge process on the
    /// data folder; another gets `busy`. [`Engine::cancel_import`] stops this one.
    pub async fn import_with(
        &self,
        selection: ImportSelection,
        options: ImportOptions,
        progress: &dyn ImportProgress,
    ) -> Result<ImportSummary, AppError> {
        let Ok(_running) = self.import_running.try_lock() else {
            return Err(AppError::new(
                ErrorCode::Busy,
                "An import is already running. Wait for it to finish, or cancel it.",
            ));
        };
        let _data_dir_lock = guard::DataDirLock::acquire(&self.data_dir).await?;
        let registration = self.import_cancel.register();
        self.import_locked(selection, options, progress, &registration.token)
            .await
    }

    /// Asks the running import, if any, to stop after the employees in
    /// flight. Returns whether an import was running.
    pub fn cancel_import(&self) -> bool {
        self.import_cancel.cancel()
    }

    /// Sets how patient later imports are (tests shorten it).
    pub fn set_import_patience(&self, patience: Patience) {
        *self
            .import_patience
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = patience;
    }

    pub(crate) fn import_patience(&self) -> Patience {
        *self
            .import_patience
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn import_locked(
        &self,
        selection: ImportSelection,
        options: ImportOptions,
        progress: &dyn ImportProgress,
        cancel: &CancellationToken,
    ) -> Result<ImportSummary, AppError> {
        let started = std::time::Instant::now();
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        tracing::debug!(ms = started.elapsed().as_millis(), "import: clients");
        let mut data = self.load(&micropay, &worknice, &|_, _| {}).await?;
        tracing::debug!(ms = started.elapsed().as_millis(), "import: read");
        let mut tally = Tally::new(options.dry_run);
        // Reading everything takes a while: a cancel during it ends here.
        if cancel.is_cancelled() {
            return Ok(tally.cancelled_before_start());
        }
        let key = self.fingerprint_key().await?;
        tracing::debug!(
            ms = started.elapsed().as_millis(),
            "import: fingerprint key"
        );
        let ctx = item::ItemContext {
            engine: self,
            worknice: &worknice,
            fingerprint_key: key.expose(),
        };

        let mut recovery = recover::Recovery::default();
        if !options.dry_run {
            recovery = recover::recover(&ctx, &data).await?;
            data.links = picker::Links::new(self.with_store(|store| store.links().all()).await?);
            tracing::debug!(ms = started.elapsed().as_millis(), "import: recovered");
        }
        // A cancel during recovery still accounts for everyone below (as
        // not reached), recovery's links among them.
        if !options.dry_run && !cancel.is_cancelled() {
            let has_backup = !self
                .with_store(|store| store.backups().all())
                .await?
                .is_empty();
            if !has_backup {
                let backup = self
                    .write_backup(&data.snapshot, &data.micropay_source)
                    .await?;
                tally.backup(backup.id);
            }
        }

        tracing::debug!(
            ms = started.elapsed().as_millis(),
            "import: recovered and backed up"
        );
        let today = self.clock.now().with_timezone(&chrono::Local).date_naive();
        let selected = select::select(
            &data,
            &selection,
            options.include_terminated,
            &recovery,
            today,
        );
        let work = tally.selected(selected);
        tracing::debug!(ms = started.elapsed().as_millis(), "import: selected");
        if options.dry_run {
            for work in &work {
                tally.would(&work.action);
            }
            return Ok(tally.finish());
        }
        if cancel.is_cancelled() {
            for work in &work {
                tally.not_reached(work);
            }
            return Ok(tally.finish());
        }

        let items: Vec<NewImportItem> = work
            .iter()
            .map(|work| NewImportItem {
                emp_code: work.plan.employee_code.clone(),
                id_employee: work.plan.id_employee,
                name: work.name.clone(),
            })
            .collect();
        let started_at = self.clock.now();
        let run_id = self
            .with_store(move |store| store.imports().start(started_at, false, &items))
            .await?;

        tracing::debug!(ms = started.elapsed().as_millis(), "import: outbox filled");
        let total = u32::try_from(work.len()).unwrap_or(u32::MAX);
        let reporter = progress::Reporter::new(progress, total);
        let patience = self.import_patience();
        let breaker = breaker::Breaker::new(patience.breaker_cool_down);
        reporter.started("");
        let outcomes: Vec<(String, String, Outcome)> = futures::stream::iter(chunk::chunks(work))
            .map(|chunk| {
                let (ctx, reporter, breaker) = (&ctx, &reporter, &breaker);
                async move {
                    let who: Vec<(String, String)> = chunk
                        .works
                        .iter()
                        .map(|work| (work.plan.employee_code.clone(), work.name.clone()))
                        .collect();
                    let outcomes = if cancel.is_cancelled() {
                        let mut outcomes = Vec::with_capacity(chunk.works.len());
                        for work in &chunk.works {
                            outcomes.push(ctx.not_reached(run_id, work).await);
                        }
                        outcomes
                    } else {
                        reporter.started(&who[0].1);
                        let outcomes = ctx
                            .run_chunk(run_id, chunk, patience.per_employee, breaker)
                            .await;
                        reporter.finished_all(who.len(), &who[who.len() - 1].1);
                        outcomes
                    };
                    who.into_iter()
                        .zip(outcomes)
                        .map(|((code, name), outcome)| (code, name, outcome))
                        .collect::<Vec<_>>()
                }
            })
            .buffer_unordered(WRITE_CONCURRENCY)
            .flat_map(futures::stream::iter)
            .collect()
            .await;
        tracing::debug!(ms = started.elapsed().as_millis(), "import: written");
        let mut fatal = None;
        for (emp_code, name, outcome) in outcomes {
            if let Outcome::Fatal(_, error) = &outcome {
                fatal.get_or_insert_with(|| error.clone());
            }
            tally.outcome(emp_code, name, outcome);
        }
        let finished_at = self.clock.now();
        self.with_store(move |store| store.imports().finish(run_id, finished_at))
            .await?;
        // The links changed: the next preview reads afresh.
        self.keep_picker_data(None).await;
        // The connection needs fixing: the run failed, whatever got done
        // before (the outbox keeps the rest for the next run).
        if let Some(error) = fatal {
            return Err(error);
        }
        Ok(tally.finish())
    }

    /// Removes the link: the Worknice person's connection to the payroll
    /// record first, then Paybridge's own record. The person stays in Worknice.
    pub async fn unlink(&self, emp_code: &str) -> Result<(), AppError> {
        let code = emp_code.trim().to_owned();
        let lookup = code.clone();
        let link = self
            .with_store(move |store| store.links().get(&lookup))
            .await?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("The employee with code \"{code}\" is not linked."),
                )
            })?;
        let worknice = self.worknice_client().await?;
        self.requests.worknice();
        worknice
            .remove_person_connection(&link.worknice_person_id)
            .await?;
        self.with_store(move |store| store.links().remove(&link.emp_code).map(|_| ()))
            .await?;
        self.keep_picker_data(None).await;
        Ok(())
    }
}

//! Applying a plan: the Worknice updates (at a bounded concurrency, each
//! retried on passing trouble), then the MicrOpay change requests through
//! the outbox, then links and baselines. An employee whose writes did not
//! all happen keeps their old baseline, so the next run plans them again.

use std::collections::{BTreeMap, HashSet};

use futures::StreamExt;
use paybridge_micropay::{MicropayClient, Placement};
use paybridge_store::AuditEntry;
use paybridge_worknice::{WorkniceClient, WorkniceError};
use tokio_util::sync::CancellationToken;

use super::baseline;
use super::plan::{code_key, EmployeeAction, EmployeePlan, Side};
use super::read::SyncRead;
use super::records_needed::CHANGED_SINCE_READ;
use super::run::Reporter;
use super::worknice_writes::worknice_fields;
use crate::api::{AppError, SyncPhase};
use crate::import::WRITE_CONCURRENCY;
use crate::retry::{retrying, WRITE_RETRY};
use crate::Engine;

/// What happened to one planned write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WriteOutcome {
    Written,
    /// The other side refused the data: the employee is held with the
    /// reason (never a sensitive value); sending it again unchanged would
    /// be refused again.
    Refused(String),
    /// Passing trouble outlasted the retries: tried again next run.
    RetryLater(String),
    /// Sent, and the answer was lost: the next run finds out what happened
    /// (see WIRE.md) instead of sending it again.
    Unknown(String),
    /// Sent again after a lost answer and refused because the first still
    /// waits for payroll: payroll's turn, counted as pending, not held.
    Waiting(String),
    /// The run stopped (cancel, lost lease) before this employee.
    NotReached,
}

impl WriteOutcome {
    /// Whether the baseline may move: the write happened, or is in the
    /// outbox for the next run to settle.
    pub(crate) fn settled(&self) -> bool {
        matches!(self, Self::Written | Self::Unknown(_) | Self::Waiting(_))
    }

    pub(crate) fn is_retry_later(&self) -> bool {
        matches!(self, Self::RetryLater(_) | Self::NotReached)
    }
}

/// Per planned employee (by index in the plan), what the run did.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub worknice: BTreeMap<usize, WriteOutcome>,
    pub micropay: BTreeMap<usize, WriteOutcome>,
    /// Links made and removed (new hires payroll added, deleted employees).
    pub links: BTreeMap<usize, WriteOutcome>,
}

impl Applied {
    /// Employees with a write left for the next run.
    pub(crate) fn retry_later(&self) -> u64 {
        let mut left: Vec<usize> = self
            .worknice
            .iter()
            .chain(self.micropay.iter())
            .chain(self.links.iter())
            .filter(|(_, outcome)| outcome.is_retry_later())
            .map(|(index, _)| *index)
            .collect();
        left.sort_unstable();
        left.dedup();
        left.len() as u64
    }

    pub(crate) fn first_failure(&self) -> Option<&str> {
        self.worknice
            .values()
            .chain(self.micropay.values())
            .chain(self.links.values())
            .find_map(|outcome| match outcome {
                WriteOutcome::RetryLater(reason) => Some(reason.as_str()),
                _ => None,
            })
    }

    /// Every planned write of the employee at `index` happened (or waits
    /// in the outbox).
    fn all_settled(&self, index: usize) -> bool {
        [
            self.worknice.get(&index),
            self.micropay.get(&index),
            self.links.get(&index),
        ]
        .into_iter()
        .flatten()
        .all(WriteOutcome::settled)
    }
}

pub(super) struct ApplyContext<'a> {
    pub engine: &'a Engine,
    pub run_id: i64,
    pub micropay: &'a MicropayClient,
    pub worknice: &'a WorkniceClient,
    pub fingerprint_key: &'a [u8; 32],
    pub reporter: &'a Reporter<'a>,
    pub cancel: &'a CancellationToken,
}

impl ApplyContext<'_> {
    /// Writes the plan: links first (a new hire's baseline needs its link),
    /// then Worknice, then MicrOpay; then the baselines. `resend`: the codes
    /// whose lost Add is sent again (see `check_payroll`).
    pub(super) async fn apply(
        &self,
        read: &mut SyncRead,
        resend: &HashSet<String>,
    ) -> Result<Applied, AppError> {
        self.settle_lost_changes(read).await?;
        let mut links = BTreeMap::new();
        for (index, employee) in read.plan.employees.iter().enumerate() {
            if self.cancel.is_cancelled() {
                if employee
                    .action
                    .is_some_and(|action| action != EmployeeAction::Add)
                {
                    links.insert(index, WriteOutcome::NotReached);
                }
                continue;
            }
            if let Some(outcome) = self.relink(employee).await {
                links.insert(index, outcome);
            }
        }
        let worknice = self.update_worknice(read).await;
        let micropay = self.send_to_payroll(read, resend).await?;
        let applied = Applied {
            worknice,
            micropay,
            links,
        };
        self.record_baselines(read, &applied).await?;
        Ok(applied)
    }

    async fn send_to_payroll(
        &self,
        read: &SyncRead,
        resend: &HashSet<String>,
    ) -> Result<BTreeMap<usize, WriteOutcome>, AppError> {
        let work: Vec<(usize, &EmployeePlan)> = read
            .plan
            .employees
            .iter()
            .enumerate()
            .filter(|(_, employee)| employee.change_request(self.fingerprint_key).is_some())
            .collect();
        let total = work.len() as u64;
        self.reporter.phase(SyncPhase::SendingToPayroll, 0, total);
        if work.is_empty() {
            return Ok(BTreeMap::new());
        }
        let defaults = self.engine.new_hire_defaults().await?;
        let placement = match (
            defaults.location,
            defaults.payroll_company,
            defaults.pay_frequency,
            defaults.pay_point,
        ) {
            (Some(location), Some(payroll_company), Some(pay_frequency), Some(pay_point)) => {
                Some(Placement {
                    location,
                    payroll_company,
                    pay_frequency,
                    pay_point,
                })
            }
            _ => None,
        };
        let done = std::sync::atomic::AtomicU64::new(0);
        let placement = placement.as_ref();
        // Made into futures first: a stream holding the closure would make
        // `sync_now`'s future not `Send` (rustc cannot prove it for a
        // closure over borrowed items).
        let sends: Vec<_> = work
            .into_iter()
            .map(|(index, employee)| {
                let done = &done;
                async move {
                    // The safe point is here, before the outbox row: once
                    // queued, a request is always POSTed.
                    let outcome = if self.cancel.is_cancelled() {
                        WriteOutcome::NotReached
                    } else {
                        let again = employee
                            .emp_code
                            .as_deref()
                            .is_some_and(|code| resend.contains(&code_key(code)));
                        // Boxed: see `update_worknice`.
                        Box::pin(self.submit_one(employee, placement, again)).await
                    };
                    let done = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    self.reporter
                        .phase(SyncPhase::SendingToPayroll, done, total);
                    (index, outcome)
                }
            })
            .collect();
        Ok(futures::stream::iter(sends)
            .buffer_unordered(WRITE_CONCURRENCY)
            .collect()
            .await)
    }

    async fn update_worknice(&self, read: &SyncRead) -> BTreeMap<usize, WriteOutcome> {
        let work: Vec<(usize, &EmployeePlan)> = read
            .plan
            .employees
            .iter()
            .enumerate()
            .filter(|(_, employee)| employee.writes_to(Side::Worknice))
            .collect();
        let total = work.len() as u64;
        let done = std::sync::atomic::AtomicU64::new(0);
        self.reporter.phase(SyncPhase::UpdatingWorknice, 0, total);
        // Futures first, as in `send_to_payroll`. Each holds its write's
        // future boxed, made only once it runs: a future not yet polled is
        // as big as its largest state (the request's, kilobytes), and a
        // first sync after a 50,000 import makes one per update needed
        // (16,666 of them at once).
        let updates: Vec<_> = work
            .into_iter()
            .map(|(index, employee)| {
                let done = &done;
                async move {
                    let outcome = if self.cancel.is_cancelled() {
                        WriteOutcome::NotReached
                    } else {
                        Box::pin(self.update_one(read, index, employee)).await
                    };
                    let done = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    self.reporter
                        .phase(SyncPhase::UpdatingWorknice, done, total);
                    (index, outcome)
                }
            })
            .collect();
        futures::stream::iter(updates)
            .buffer_unordered(WRITE_CONCURRENCY)
            .collect()
            .await
    }

    async fn update_one(
        &self,
        read: &SyncRead,
        index: usize,
        employee: &EmployeePlan,
    ) -> WriteOutcome {
        let fields = worknice_fields(employee);
        let changed_since_read = employee
            .emp_code
            .as_deref()
            .is_some_and(|code| read.changed_since_read.contains(&code_key(code)));
        if changed_since_read {
            return WriteOutcome::RetryLater(CHANGED_SINCE_READ.to_owned());
        }
        // Built as MicrOpay's record was read again (`worknice_updates`).
        let update = read.worknice_updates.get(&index);
        let (Some(person_id), Some(update)) = (&employee.worknice_person_id, update) else {
            return WriteOutcome::Refused(
                "Paybridge could not match this employee's records on both sides for the update."
                    .to_owned(),
            );
        };
        let patience = self.engine.import_patience().per_employee;
        let write = retrying(&WRITE_RETRY, "update a Worknice person", || {
            self.engine.requests.worknice();
            self.worknice.update_person(person_id, update)
        });
        let outcome = match tokio::time::timeout(patience, write).await {
            Ok(Ok(_)) => WriteOutcome::Written,
            Ok(Err(error)) if refuses_the_data(&error) => {
                WriteOutcome::Refused(masked(&error.to_string()))
            }
            // Passing trouble, or the connection (not this employee's
            // data) needs fixing: tried again next run.
            Ok(Err(error)) => WriteOutcome::RetryLater(masked(&error.to_string())),
            Err(_) => WriteOutcome::RetryLater(
                "Worknice took too long to answer for this employee; tried again next run."
                    .to_owned(),
            ),
        };
        let keys: Vec<&str> = fields.iter().map(|field| field.key()).collect();
        self.audit(
            "worknice",
            employee.emp_code.clone(),
            "update-person",
            &keys.join(","),
            &outcome,
        )
        .await;
        outcome
    }

    /// Appends to the audit trail; a failure to do so is logged, not fatal
    /// (the write itself happened or not either way).
    pub(super) async fn audit(
        &self,
        side: &str,
        emp_code: Option<String>,
        operation: &str,
        fields: &str,
        outcome: &WriteOutcome,
    ) {
        let (result, detail) = match outcome {
            WriteOutcome::Written => ("written", None),
            WriteOutcome::Unknown(reason) => ("unknown", Some(reason.clone())),
            // The resend was refused (the first Add waits): a failed try.
            WriteOutcome::Refused(reason)
            | WriteOutcome::RetryLater(reason)
            | WriteOutcome::Waiting(reason) => ("failed", Some(reason.clone())),
            WriteOutcome::NotReached => return,
        };
        let entry = AuditEntry {
            run_id: Some(self.run_id),
            at: self.engine.clock.now(),
            side: side.to_owned(),
            emp_code,
            operation: operation.to_owned(),
            fields: fields.to_owned(),
            outcome: result.to_owned(),
            detail,
        };
        if let Err(error) = self
            .engine
            .with_store(move |store| store.sync_runs().audit(&entry))
            .await
        {
            tracing::warn!(code = ?error.code, "could not append to the audit trail");
        }
    }

    /// The plan's baselines (each employee's `baseline`, moved out of the
    /// plan: nothing reads them after), for the employees whose writes all
    /// happened, in one transaction.
    async fn record_baselines(
        &self,
        read: &mut SyncRead,
        applied: &Applied,
    ) -> Result<(), AppError> {
        let unsettled: HashSet<String> = read
            .plan
            .employees
            .iter()
            .enumerate()
            .filter(|(index, _)| !applied.all_settled(*index))
            .filter_map(|(_, employee)| employee.baseline_key.clone())
            .collect();
        let changes =
            baseline::Recorded::of(read.plan.employees.iter_mut().filter_map(|employee| {
                let key = employee.baseline_key.as_deref()?;
                (!unsettled.contains(key))
                    .then(|| (key.to_owned(), std::mem::take(&mut employee.baseline)))
            }));
        let at = self.engine.clock.now();
        self.engine
            .with_store(move |store| changes.record(store, at))
            .await
    }
}

/// Worknice said no to this employee's data: sending it unchanged would
/// be refused again, so the employee is held with the reason.
fn refuses_the_data(error: &WorkniceError) -> bool {
    matches!(
        error,
        WorkniceError::InvalidField { .. }
            | WorkniceError::GraphQl { .. }
            | WorkniceError::EmployeeCodeTaken { .. }
            | WorkniceError::ConnectionConflict { .. }
            | WorkniceError::PersonNotFound { .. }
    )
}

/// Vendor text as history may keep it: long digit runs masked.
pub(super) fn masked(text: &str) -> String {
    paybridge_http::mask_long_digit_runs(text)
}

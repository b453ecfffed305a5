//! Approved Worknice leave requests to MicrOpay in `paybridge sync`, each
//! exactly once: planned (`requests_plan`), queued in the store before the
//! POST, marked submitted with MicrOpay's id after it. A queued row is a
//! POST whose answer may have been lost: the application is looked up in
//! MicrOpay's `LeaveApplication` list (employee, dates, type and code)
//! before it is sent again. Only while the requests option is on, and only
//! requests changed since it was first turned on (`requests_since`).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use paybridge_micropay::MicropayClient;
use paybridge_store::{LeaveOptionsRecord, LeaveTransferRecord, LeaveTransferState};
use paybridge_worknice::{LeaveRequestStatus, WorkniceClient, WorkniceLeaveRequest};
use tokio_util::sync::CancellationToken;

use super::requests_plan::{is_private, plan, Employment, LeaveTransfer};
use super::requests_sender::Sender;
use crate::api::{AppError, HeldLeaveRequest, LeaveFromPayrollCounts, LeaveTransferCounts};
use crate::reads;
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

/// MicrOpay's lookup of leave reasons an application names.
const LEAVE_REASON_LOOKUP: &str = "LeaveReason";

/// What the leave step of one run did.
#[derive(Debug, Default)]
pub(crate) struct LeaveTransferRun {
    pub counts: LeaveTransferCounts,
    pub held: Vec<HeldLeaveRequest>,
    /// Payroll statuses not written to Worknice: written next run.
    pub status_unwritten: u64,
    /// Why the Needs payroll list was not brought up to date, if it was not.
    pub needs_payroll_unraised: Option<String>,
    /// Worknice's requests are read from here (`requests_since`).
    pub since: Option<DateTime<Utc>>,
    /// EmpCodes whose leave this run sent to payroll, or payroll processed
    /// or declined: their projected balance moved.
    pub moved: BTreeSet<String>,
}

/// The leave step as the run records it.
#[derive(Debug, Default)]
pub(crate) struct LeaveStep {
    pub counts: Option<LeaveTransferCounts>,
    pub held: Vec<HeldLeaveRequest>,
    /// Why the step did not finish (the run is partial), if it did not.
    pub unfinished: Option<String>,
    /// Leave entered in MicrOpay copied to Worknice (`from_payroll`), and
    /// what was not, with why.
    pub from_payroll: Option<LeaveFromPayrollCounts>,
    pub from_payroll_skipped: Vec<crate::api::SkippedPayrollLeave>,
    /// EmpCodes whose balances the run moved (`LeaveTransferRun::moved`).
    pub moved: Vec<String>,
}

/// How one request was left.
pub(super) enum Settled {
    Transferred,
    AlreadyTransferred,
    Held(String),
    Pending,
}

impl Engine {
    /// The leave step of a sync run, after the employees: a failure here
    /// leaves the run partial, not failed (the employees were written).
    pub(crate) async fn leave_step(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        cancel: &CancellationToken,
    ) -> LeaveStep {
        if cancel.is_cancelled() {
            return LeaveStep::default();
        }
        let step = match self
            .transfer_leave_requests(micropay, worknice, cancel)
            .await
        {
            Ok(None) => LeaveStep::default(),
            Ok(Some(run)) => LeaveStep {
                counts: Some(run.counts),
                unfinished: unfinished(&run),
                moved: run.moved.iter().cloned().collect(),
                held: run.held,
                ..LeaveStep::default()
            },
            Err(error) => LeaveStep {
                unfinished: Some(format!(
                    "Leave requests were not transferred this run: {}",
                    error.message
                )),
                ..LeaveStep::default()
            },
        };
        // After the transfer, so what it just sent is known as Paybridge's own.
        self.with_leave_from_payroll(step, micropay, worknice, cancel)
            .await
    }

    /// The leave step of a sync; `None` when the requests option is off
    /// (then nothing is read or sent). A cancel (or a lost lease: another
    /// run may be sending) stops it before the next POST.
    pub(crate) async fn transfer_leave_requests(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        cancel: &CancellationToken,
    ) -> Result<Option<LeaveTransferRun>, AppError> {
        let options = self.with_store(|store| store.leave().options()).await?;
        if !options.requests {
            return Ok(None);
        }
        let since = requests_since(&options);
        let mut approved = retrying(&READ_RETRY, "read the approved leave requests", || {
            self.requests.worknice();
            worknice.leave_requests(&[LeaveRequestStatus::Approved], since)
        })
        .await?;
        // Leave that came from MicrOpay is never sent back to it.
        self.leave_out_copies_from_payroll(&mut approved).await?;
        let mut run = LeaveTransferRun {
            since,
            ..LeaveTransferRun::default()
        };
        run.counts.read = approved.len() as u64;
        let transfers = self
            .with_store(|store| store.leave_transfers().all())
            .await?;
        let mut sender = Sender::new(self, micropay, &transfers).await?;
        sender.settle_withdrawn(&approved, &transfers).await?;
        if approved.is_empty() {
            self.status_back(micropay, worknice, &approved, &[], &mut run)
                .await?;
            return Ok(Some(run));
        }
        let categories = self.leave_categories().await?;
        let reasons = reads::lookup(micropay, &self.requests, LEAVE_REASON_LOOKUP).await?;
        let links: HashMap<String, String> = self
            .with_store(|store| store.links().all())
            .await?
            .into_iter()
            .map(|link| (link.worknice_person_id, link.emp_code))
            .collect();
        // An employee's employment dates, read once however many requests.
        let mut employments: HashMap<String, Employment> = HashMap::new();
        for request in &approved {
            let emp_code = links.get(&request.person_id).cloned();
            let stored = self.stored_transfer(&request.id).await?;
            // A queued row may be a POST MicrOpay took: it is looked up as
            // it was sent (the request, its category or link may have
            // changed since) before it is planned, held or sent again.
            let found = match &stored {
                Some(LeaveTransferRecord {
                    state: LeaveTransferState::Queued,
                    sent: Some(sent),
                    ..
                }) => sender.find(sent, false).await?,
                _ => None,
            };
            let settled = match (stored.map(|record| record.state), found) {
                (Some(LeaveTransferState::Submitted { .. }), _) => Settled::AlreadyTransferred,
                (_, Some(id)) => {
                    sender.mark(request, id).await?;
                    Settled::Transferred
                }
                _ => {
                    let employee = match &emp_code {
                        Some(code) => {
                            if !employments.contains_key(code) {
                                let employment = self.employment(micropay, code).await?;
                                employments.insert(code.clone(), employment);
                            }
                            employments.get(code)
                        }
                        None => None,
                    };
                    match plan(request, &categories, &reasons, employee) {
                        LeaveTransfer::Held(reason) => Settled::Held(reason),
                        LeaveTransfer::Send(_) if cancel.is_cancelled() => Settled::Pending,
                        LeaveTransfer::Send(application) => {
                            let private = is_private(request, &categories);
                            sender.send(request, &application, private).await?
                        }
                    }
                }
            };
            match settled {
                Settled::Transferred => {
                    run.counts.transferred += 1;
                    run.moved.extend(emp_code.clone());
                }
                Settled::AlreadyTransferred => run.counts.already_transferred += 1,
                Settled::Pending => run.counts.pending += 1,
                Settled::Held(reason) => {
                    let (id, at, why) = (request.id.clone(), self.clock.now(), reason.clone());
                    self.with_store(move |store| store.leave_transfers().hold(&id, &why, at))
                        .await?;
                    run.counts.held += 1;
                    run.held.push(HeldLeaveRequest {
                        worknice_request_id: request.id.clone(),
                        emp_code,
                        reason,
                    });
                }
            }
        }
        self.status_back(micropay, worknice, &approved, &categories, &mut run)
            .await?;
        if run.counts.transferred + run.counts.processed + run.counts.declined > 0 {
            self.forget_leave_balance_reads();
        }
        tracing::info!(
            read = run.counts.read,
            transferred = run.counts.transferred,
            held = run.counts.held,
            pending = run.counts.pending,
            "leave requests transferred"
        );
        Ok(Some(run))
    }

    /// Payroll's status back on the Worknice requests (`status_back`).
    async fn status_back(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        approved: &[WorkniceLeaveRequest],
        categories: &[crate::api::LeaveCategoryRow],
        run: &mut LeaveTransferRun,
    ) -> Result<(), AppError> {
        let back = self
            .payroll_status_back(micropay, worknice, approved, categories)
            .await?;
        run.counts.processed = back.processed;
        run.counts.declined = back.declined;
        run.moved.extend(back.moved.iter().cloned());
        run.status_unwritten = back.unwritten;
        self.raise_needs_payroll(worknice, approved, categories, &back, run)
            .await;
        Ok(())
    }

    async fn stored_transfer(&self, id: &str) -> Result<Option<LeaveTransferRecord>, AppError> {
        let id = id.to_owned();
        self.with_store(move |store| store.leave_transfers().get(&id))
            .await
    }

    /// The employee's employment dates as MicrOpay keeps them.
    async fn employment(
        &self,
        micropay: &MicropayClient,
        emp_code: &str,
    ) -> Result<Employment, AppError> {
        let detail = retrying(&READ_RETRY, "read an employee for their leave", || {
            self.requests.micropay();
            micropay.employee(emp_code)
        })
        .await?;
        Ok(Employment {
            emp_code: emp_code.to_owned(),
            hired: detail.hired_date.unwrap_or(NaiveDate::MIN),
            terminated: detail.termination_date,
        })
    }
}

/// Worknice requests changed before the requests option was first turned
/// on are not read: what was approved then, payroll had another way (keyed
/// by hand), and sending it now would pay it twice. Read from a little
/// before, as Worknice's clock and this computer's may differ by minutes.
fn requests_since(options: &LeaveOptionsRecord) -> Option<DateTime<Utc>> {
    const CLOCK_MARGIN: TimeDelta = TimeDelta::minutes(10);
    options.requests_on_since.map(|on| on - CLOCK_MARGIN)
}

/// Why the leave step left the run partial, if it did.
fn unfinished(run: &LeaveTransferRun) -> Option<String> {
    let mut why = Vec::new();
    if run.counts.pending > 0 {
        why.push(format!(
            "{} approved leave request(s) could not be sent to MicrOpay and are tried again \
             next run (looked up first, never sent twice).",
            run.counts.pending
        ));
    }
    if run.status_unwritten > 0 {
        why.push(format!(
            "Payroll's status could not be brought back to {} Worknice leave request(s): it \
             is written next run.",
            run.status_unwritten
        ));
    }
    why.extend(run.needs_payroll_unraised.clone());
    (!why.is_empty()).then(|| why.join(" "))
}

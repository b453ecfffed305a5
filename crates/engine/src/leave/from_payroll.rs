//! Leave entered in MicrOpay directly appears in Worknice (issue 8), in the
//! sync's leave step, only while the requests option is on. Each run reads
//! MicrOpay's documented `LeaveApplication` list from a stored high-water
//! mark, leaves out the applications Paybridge itself sent
//! (`leave_transfers`), and copies each of a linked employee in a visible
//! category mapped to a Worknice leave type as one approved Worknice
//! request, exactly once: queued in the store before the create, created
//! with Worknice's id after it; a queued row is looked up in Worknice by
//! its external id (the `LeaveApplicationId`) before creating again. Once
//! payroll cancels or declines a copied application, the Worknice request
//! is set cancelled, once. A private category stays private: the request
//! is of its (private) Worknice type, and no reason or log names it.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use paybridge_micropay::{LeaveApplicationId, MicropayClient};
use paybridge_store::{FromPayrollRecord, FromPayrollState, LeaveTransferState};
use paybridge_worknice::{LeaveRequestStatus, WorkniceClient, WorkniceLeaveRequest};
use tokio_util::sync::CancellationToken;

use super::from_payroll_copy::{Copier, Settled};
use super::requests::LeaveStep;
use crate::api::{AppError, LeaveFromPayrollCounts, SkippedPayrollLeave};
use crate::retry::{retrying, READ_RETRY, WRITE_RETRY};
use crate::Engine;

/// On the first run, only applications ending this many days before today
/// (by the engine's clock) or later are copied: years of payroll history
/// are not poured into Worknice.
const FIRST_RUN_DAYS_BACK: i64 = 30;

/// What the copy did this run, as the leave step records it.
#[derive(Debug, Default)]
pub(crate) struct FromPayrollStep {
    pub counts: Option<LeaveFromPayrollCounts>,
    pub skipped: Vec<SkippedPayrollLeave>,
    /// Why it did not finish (the run is partial), if it did not.
    pub unfinished: Option<String>,
}

#[derive(Debug, Default)]
struct FromPayrollRun {
    counts: LeaveFromPayrollCounts,
    skipped: Vec<SkippedPayrollLeave>,
    /// Cancels not written to Worknice: written next run.
    cancels_unwritten: u64,
}

impl Engine {
    /// The copy as the leave step runs it: a failure leaves the run
    /// partial, and what was not done is done next run.
    pub(crate) async fn payroll_leave_step(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        cancel: &CancellationToken,
    ) -> FromPayrollStep {
        if cancel.is_cancelled() {
            return FromPayrollStep::default();
        }
        match self
            .copy_leave_from_payroll(micropay, worknice, cancel)
            .await
        {
            Ok(None) => FromPayrollStep::default(),
            Ok(Some(run)) => FromPayrollStep {
                unfinished: unfinished(&run),
                counts: Some(run.counts),
                skipped: run.skipped,
            },
            Err(error) => FromPayrollStep {
                counts: None,
                skipped: Vec::new(),
                unfinished: Some(format!(
                    "Leave entered in MicrOpay was not copied to Worknice this run: {}",
                    error.message
                )),
            },
        }
    }

    /// `step` (the transfer's) with the copy's counts, and why it did not
    /// finish, added.
    pub(crate) async fn with_leave_from_payroll(
        &self,
        mut step: LeaveStep,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        cancel: &CancellationToken,
    ) -> LeaveStep {
        let copied = self.payroll_leave_step(micropay, worknice, cancel).await;
        step.from_payroll = copied.counts;
        step.from_payroll_skipped = copied.skipped;
        step.unfinished = [step.unfinished, copied.unfinished]
            .into_iter()
            .flatten()
            .reduce(|a, b| a + " " + &b);
        step
    }

    /// Leaves out of `approved` the Worknice requests that came from
    /// payroll (by source or external id, and those the store says
    /// Paybridge created): they are never sent back to MicrOpay.
    pub(crate) async fn leave_out_copies_from_payroll(
        &self,
        approved: &mut Vec<WorkniceLeaveRequest>,
    ) -> Result<(), AppError> {
        let records = self
            .with_store(|store| store.leave_from_payroll().all())
            .await?;
        let copied: HashSet<String> = records
            .into_iter()
            .filter_map(|record| match record.state {
                FromPayrollState::Created {
                    worknice_request_id,
                } => Some(worknice_request_id),
                _ => None,
            })
            .collect();
        approved.retain(|request| !request.is_from_payroll() && !copied.contains(&request.id));
        Ok(())
    }

    /// The MicrOpay applications entered in payroll and copied (or being
    /// copied) to Worknice: a lost answer's look-up never takes one of
    /// them for an application Paybridge sent.
    pub(crate) async fn payroll_entered_ids(&self) -> Result<Vec<i64>, AppError> {
        let records = self
            .with_store(|store| store.leave_from_payroll().all())
            .await?;
        Ok(records
            .into_iter()
            .filter(|record| !matches!(record.state, FromPayrollState::Skipped { .. }))
            .map(|record| record.micropay_id)
            .collect())
    }

    async fn copy_leave_from_payroll(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        cancel: &CancellationToken,
    ) -> Result<Option<FromPayrollRun>, AppError> {
        let options = self.with_store(|store| store.leave().options()).await?;
        if !options.requests {
            return Ok(None);
        }
        let today = self.clock.now().date_naive();
        let cutoff = today - Duration::days(FIRST_RUN_DAYS_BACK);
        let (records, mark, transfers) = self
            .with_store(|store| {
                Ok((
                    store.leave_from_payroll().all()?,
                    store.leave_from_payroll().next_id()?,
                    store.leave_transfers().all()?,
                ))
            })
            .await?;
        let records: HashMap<i64, FromPayrollRecord> = records
            .into_iter()
            .map(|record| (record.micropay_id, record))
            .collect();
        // Paybridge's own applications; and those it may have sent with the
        // answer lost (queued): not copied back while that is unsettled.
        let own: HashSet<i64> = transfers
            .iter()
            .filter_map(|record| match record.state {
                LeaveTransferState::Submitted { micropay_id } => Some(micropay_id),
                _ => None,
            })
            .collect();
        let unsettled_own: Vec<_> = transfers
            .iter()
            .filter(|record| record.state == LeaveTransferState::Queued)
            .filter_map(|record| record.sent.clone())
            .collect();
        // Copies a cancel may still reach: read again each run.
        let open: HashSet<i64> = records
            .values()
            .filter(|record| is_open(record, cutoff))
            .map(|record| record.micropay_id)
            .collect();
        // Skipped leave still to come gets another look each run: once what
        // kept it out is mended (the employee linked, the category shown)
        // it is copied. Still kept out, it is not counted again.
        let skipped_to_come: HashSet<i64> = records
            .values()
            .filter(|record| {
                matches!(record.state, FromPayrollState::Skipped { .. }) && record.end_date >= today
            })
            .map(|record| record.micropay_id)
            .collect();
        // A queued one is read again whatever the mark says (its create's
        // answer may have been lost).
        let queued = records
            .values()
            .filter(|record| record.state == FromPayrollState::Queued)
            .map(|record| record.micropay_id);
        let from = open
            .iter()
            .chain(&skipped_to_come)
            .copied()
            .chain(queued)
            .chain(mark)
            .min()
            .unwrap_or(1);
        let mut views = retrying(&READ_RETRY, "read MicrOpay's leave applications", || {
            self.requests.micropay();
            micropay.leave_applications(LeaveApplicationId(from))
        })
        .await?;
        views.sort_by_key(|view| view.leave_application_id);

        let mut copier = Copier::new(self, worknice);
        let mut run = FromPayrollRun::default();
        let mut lowest_pending: Option<i64> = None;
        let mut next_id = mark.unwrap_or(1);
        for view in &views {
            let id = view.leave_application_id;
            next_id = next_id.max(id + 1);
            if own.contains(&id) {
                continue;
            }
            let record = records.get(&id);
            let is_new = mark.is_none_or(|mark| id >= mark);
            let retried = skipped_to_come.contains(&id);
            let settled = match record.map(|record| &record.state) {
                Some(FromPayrollState::Created { .. }) if open.contains(&id) => {
                    Settled::AlreadyInWorknice
                }
                Some(FromPayrollState::Created { .. }) => continue,
                Some(FromPayrollState::Skipped { .. }) if retried => {
                    match copier.copy(view, false, cancel).await? {
                        // Still kept out (the reason may be another now):
                        // kept as skipped, not counted or listed again.
                        Settled::Skipped(reason) => {
                            copier.keep_skipped(view, &reason, today).await?;
                            continue;
                        }
                        settled => settled,
                    }
                }
                Some(FromPayrollState::Skipped { .. }) => continue,
                Some(FromPayrollState::Queued) => copier.copy(view, true, cancel).await?,
                None if !is_new => continue,
                // First run: history is not copied.
                None if mark.is_none() && view.end_date.is_none_or(|end| end < cutoff) => continue,
                None if unsettled_own.iter().any(|sent| {
                    view.is_for(
                        &sent.emp_code,
                        &sent.leave_type,
                        sent.leave_code.as_deref(),
                        sent.start_date,
                        sent.end_date,
                    )
                }) =>
                {
                    Settled::Pending
                }
                None => copier.copy(view, false, cancel).await?,
            };
            run.counts.read += 1;
            match settled {
                Settled::Created => run.counts.created += 1,
                Settled::AlreadyInWorknice => run.counts.already_in_worknice += 1,
                Settled::Pending => {
                    run.counts.pending += 1;
                    // A retried one is queued now, read again from its id:
                    // the mark stays where it is.
                    if !retried {
                        lowest_pending = Some(lowest_pending.map_or(id, |low| low.min(id)));
                    }
                    continue;
                }
                Settled::Skipped(reason) => {
                    run.counts.skipped += 1;
                    tracing::info!(micropay_id = id, "leave entered in MicrOpay not copied");
                    run.skipped.push(SkippedPayrollLeave {
                        micropay_application_id: id,
                        emp_code: view.emp_code.trim().to_owned(),
                        reason: reason.clone(),
                    });
                    copier.keep_skipped(view, &reason, today).await?;
                    continue;
                }
            }
            if view.is_cancelled_or_declined() {
                self.cancel_copy(worknice, id, &mut run).await?;
            }
        }
        let next_id = lowest_pending.map_or(next_id, |low| low.min(next_id));
        let at = self.clock.now();
        self.with_store(move |store| store.leave_from_payroll().set_next_id(next_id, at))
            .await?;
        tracing::info!(
            read = run.counts.read,
            created = run.counts.created,
            skipped = run.counts.skipped,
            pending = run.counts.pending,
            cancelled = run.counts.cancelled,
            "leave entered in MicrOpay copied to Worknice"
        );
        Ok(Some(run))
    }

    /// Payroll cancelled or declined a copied application: its Worknice
    /// request is set cancelled, once (the store keeps what was written).
    async fn cancel_copy(
        &self,
        worknice: &WorkniceClient,
        micropay_id: i64,
        run: &mut FromPayrollRun,
    ) -> Result<(), AppError> {
        let record = self
            .with_store(move |store| store.leave_from_payroll().get(micropay_id))
            .await?;
        let Some(FromPayrollRecord {
            state: FromPayrollState::Created {
                worknice_request_id,
            },
            status_written,
            ..
        }) = record
        else {
            return Ok(());
        };
        if status_written.as_deref() == Some("CANCELLED") {
            return Ok(());
        }
        let written = retrying(&WRITE_RETRY, "cancel a Worknice leave request", || {
            self.requests.worknice();
            worknice.set_payroll_leave_request_status(
                &worknice_request_id,
                LeaveRequestStatus::Cancelled,
            )
        })
        .await;
        match written {
            Ok(_) => {
                let at = self.clock.now();
                self.with_store(move |store| {
                    store
                        .leave_from_payroll()
                        .record_status(micropay_id, "CANCELLED", at)
                })
                .await?;
                run.counts.cancelled += 1;
            }
            Err(error) => {
                tracing::warn!(micropay_id, error = %error, "a cancel was not written to Worknice");
                run.cancels_unwritten += 1;
            }
        }
        Ok(())
    }
}

/// A copy a cancel may still reach: created, not cancelled, and not long
/// over.
fn is_open(record: &FromPayrollRecord, cutoff: NaiveDate) -> bool {
    matches!(record.state, FromPayrollState::Created { .. })
        && record.status_written.as_deref() != Some("CANCELLED")
        && record.end_date >= cutoff
}

fn unfinished(run: &FromPayrollRun) -> Option<String> {
    let mut why = Vec::new();
    if run.counts.pending > 0 {
        why.push(format!(
            "{} leave application(s) entered in MicrOpay could not be copied to Worknice and \
             are tried again next run (looked up first, never copied twice).",
            run.counts.pending
        ));
    }
    if run.cancels_unwritten > 0 {
        why.push(format!(
            "{} Worknice leave request(s) cancelled in payroll could not be set cancelled: \
             that is written next run.",
            run.cancels_unwritten
        ));
    }
    (!why.is_empty()).then(|| why.join(" "))
}

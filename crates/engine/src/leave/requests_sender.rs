//! Sends the leave step's applications to MicrOpay, exactly once: queued
//! in the store before the POST, marked submitted with MicrOpay's id after
//! it, and a lost answer looked up in MicrOpay's `LeaveApplication` list
//! (read at most once a run unless a lost answer needs it afresh).

use std::collections::HashSet;

use paybridge_micropay::{
    LeaveApplication, LeaveApplicationId, LeaveApplicationView, MicropayClient,
};
use paybridge_store::{LeaveTransferRecord, LeaveTransferSent, LeaveTransferState};
use paybridge_worknice::WorkniceLeaveRequest;

use super::needs_payroll_raise::as_sent;
use super::requests::Settled;
use super::requests_plan::refused;
use crate::api::AppError;
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

/// Why a lost POST for a request withdrawn in Worknice is held.
const WITHDRAWN_UNSENT: &str = "The request was cancelled or declined in Worknice before \
     MicrOpay confirmed it, and MicrOpay doesn't have it: there is nothing to send or cancel.";

/// Sends applications, reading MicrOpay's list at most once a run unless a
/// lost answer needs it read afresh.
pub(super) struct Sender<'a> {
    engine: &'a Engine,
    micropay: &'a MicropayClient,
    listed: Option<Vec<LeaveApplicationView>>,
    claimed: HashSet<i64>,
}

impl<'a> Sender<'a> {
    /// MicrOpay ids other requests already hold are never taken by a
    /// look-up for a request alike in employee, dates and type; nor one
    /// entered in MicrOpay and copied to Worknice (`from_payroll`).
    pub(super) async fn new(
        engine: &'a Engine,
        micropay: &'a MicropayClient,
        transfers: &[LeaveTransferRecord],
    ) -> Result<Sender<'a>, AppError> {
        let mut claimed: HashSet<i64> = transfers
            .iter()
            .filter_map(|record| match record.state {
                LeaveTransferState::Submitted { micropay_id } => Some(micropay_id),
                _ => None,
            })
            .collect();
        claimed.extend(engine.payroll_entered_ids().await?);
        Ok(Sender {
            engine,
            micropay,
            listed: None,
            claimed,
        })
    }

    /// A POST whose answer was lost, for a request since cancelled or
    /// declined in Worknice (so no longer approved): found in MicrOpay, it
    /// is marked submitted, and the Needs payroll list tells payroll to
    /// cancel it; not there, MicrOpay never took it and it is held, as
    /// there is nothing to send.
    pub(super) async fn settle_withdrawn(
        &mut self,
        approved: &[WorkniceLeaveRequest],
        transfers: &[LeaveTransferRecord],
    ) -> Result<(), AppError> {
        let approved: HashSet<&str> = approved.iter().map(|r| r.id.as_str()).collect();
        for record in transfers {
            let (LeaveTransferState::Queued, Some(sent)) = (&record.state, &record.sent) else {
                continue;
            };
            if approved.contains(record.worknice_request_id.as_str()) {
                continue;
            }
            let id = record.worknice_request_id.clone();
            let at = self.engine.clock.now();
            match self.find(sent, false).await? {
                Some(micropay_id) => {
                    self.claimed.insert(micropay_id.0);
                    self.engine
                        .with_store(move |store| {
                            store
                                .leave_transfers()
                                .mark_submitted(&id, micropay_id.0, at)
                        })
                        .await?;
                }
                None => {
                    self.engine
                        .with_store(move |store| {
                            store.leave_transfers().hold(&id, WITHDRAWN_UNSENT, at)
                        })
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// Exactly once: the caller has looked up a request queued by an
    /// earlier run; it is queued (again) before the POST.
    pub(super) async fn send(
        &mut self,
        request: &WorkniceLeaveRequest,
        application: &LeaveApplication,
        private: bool,
    ) -> Result<Settled, AppError> {
        let sent = sent_of(application, request);
        let (id, queued, at) = (request.id.clone(), sent.clone(), self.engine.clock.now());
        self.engine
            .with_store(move |store| store.leave_transfers().queue(&id, &queued, at))
            .await?;
        self.engine.requests.micropay();
        match self.micropay.submit_leave_application(application).await {
            Ok(id) => {
                self.mark(request, id).await?;
                Ok(Settled::Transferred)
            }
            Err(error) if error.outcome_unknown() => match self.find(&sent, true).await? {
                Some(id) => {
                    self.mark(request, id).await?;
                    Ok(Settled::Transferred)
                }
                // Not there (yet): still queued, looked up again next run.
                None => Ok(Settled::Pending),
            },
            Err(error) if error.is_refusal() => {
                Ok(Settled::Held(refused(&error.to_string(), private)))
            }
            // MicrOpay said it did nothing (after the client's retries):
            // queued, so the next run looks it up before sending.
            Err(error) => {
                tracing::warn!(error = %error, "a leave application was not sent");
                Ok(Settled::Pending)
            }
        }
    }

    pub(super) async fn find(
        &mut self,
        sent: &LeaveTransferSent,
        afresh: bool,
    ) -> Result<Option<LeaveApplicationId>, AppError> {
        if afresh || self.listed.is_none() {
            let micropay = self.micropay;
            let listed = retrying(&READ_RETRY, "read MicrOpay's leave applications", || {
                self.engine.requests.micropay();
                micropay.leave_applications(LeaveApplicationId(1))
            })
            .await?;
            self.listed = Some(listed);
        }
        Ok(self
            .listed
            .iter()
            .flatten()
            .filter(|view| !self.claimed.contains(&view.leave_application_id))
            .find(|view| {
                view.is_for(
                    &sent.emp_code,
                    &sent.leave_type,
                    sent.leave_code.as_deref(),
                    sent.start_date,
                    sent.end_date,
                )
            })
            .map(LeaveApplicationView::id))
    }

    pub(super) async fn mark(
        &mut self,
        request: &WorkniceLeaveRequest,
        micropay_id: LeaveApplicationId,
    ) -> Result<(), AppError> {
        self.claimed.insert(micropay_id.0);
        let (id, at) = (request.id.clone(), self.engine.clock.now());
        self.engine
            .with_store(move |store| {
                store
                    .leave_transfers()
                    .mark_submitted(&id, micropay_id.0, at)
            })
            .await
    }
}

fn sent_of(application: &LeaveApplication, request: &WorkniceLeaveRequest) -> LeaveTransferSent {
    LeaveTransferSent {
        emp_code: application.emp_code.clone(),
        leave_type: application.leave_type.clone(),
        leave_code: application.leave_code.clone(),
        start_date: application.start_date,
        end_date: application.end_date,
        request: as_sent(request),
    }
}

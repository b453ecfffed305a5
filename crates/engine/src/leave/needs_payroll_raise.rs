//! Raises the Needs payroll list's items in the leave step of a sync (issue
//! 8): a request Paybridge sent to MicrOpay and since cancelled, declined
//! or changed in Worknice can't be withdrawn or changed through MicrOpay's
//! API (it takes new applications only), so a payroll officer is told what
//! to do in MicrOpay. The Worknice requests are read once a run (cancelled
//! and declined ones changed since the requests option was first turned
//! on; the approved ones the transfer read already), and
//! MicrOpay's applications are the ones status back read. Each item's
//! `detail` is what the request is now: the store raises it once, and a
//! later change raises it again. A private category is called "leave".

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use paybridge_micropay::LeaveApplicationView;
use paybridge_store::{
    LeaveRequestAsSent, LeaveTransferSent, LeaveTransferState, NeedsPayrollKind, NewNeedsPayroll,
};
use paybridge_worknice::{
    LeaveRequestStatus, PayrollLeaveStatus, WorkniceClient, WorkniceLeaveRequest,
};

use super::catalog::is_of_application;
use super::requests::LeaveTransferRun;
use super::requests_plan::{is_private, matched_category};
use super::status_back::{outcome, StatusBack};
use crate::api::{AppError, LeaveCategoryRow};
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

/// A request MicrOpay took, as the store has it.
#[derive(Debug, Clone)]
struct Submitted {
    request_id: String,
    micropay_id: i64,
    sent: LeaveTransferSent,
    /// What was last written to the Worknice request's payroll status.
    payroll_status: Option<String>,
}

/// What payroll did with the application, as far as is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Payroll {
    /// Received, not yet processed: `hours` as MicrOpay keeps them, when
    /// its view was read (`None` inside: whole days).
    Open { hours: Option<Option<f64>> },
    /// Processed into a pay: it is to be reversed or adjusted.
    Processed { hours: Option<Option<f64>> },
    /// Declined or cancelled in MicrOpay: nothing there to act on.
    Gone,
}

impl Engine {
    /// After status back: raises an item for each submitted request now
    /// cancelled, declined or changed in Worknice. A failure leaves the run
    /// partial with why (in `run`), never failed; it is tried next run.
    pub(crate) async fn raise_needs_payroll(
        &self,
        worknice: &WorkniceClient,
        approved: &[WorkniceLeaveRequest],
        categories: &[LeaveCategoryRow],
        back: &StatusBack,
        run: &mut LeaveTransferRun,
    ) {
        match self
            .raise_needs_payroll_items(worknice, approved, categories, back, run.since)
            .await
        {
            Ok(raised) => run.counts.needs_payroll = raised,
            Err(error) => {
                tracing::warn!(error = %error.message, "the Needs payroll list was not brought up to date");
                run.needs_payroll_unraised = Some(format!(
                    "Leave requests cancelled or changed in Worknice after they were sent were \
                     not checked this run ({}): they are checked next run.",
                    error.message
                ));
            }
        }
    }

    async fn raise_needs_payroll_items(
        &self,
        worknice: &WorkniceClient,
        approved: &[WorkniceLeaveRequest],
        categories: &[LeaveCategoryRow],
        back: &StatusBack,
        since: Option<DateTime<Utc>>,
    ) -> Result<u64, AppError> {
        let submitted: Vec<Submitted> = self
            .with_store(|store| store.leave_transfers().all())
            .await?
            .into_iter()
            .filter_map(|record| match (record.state, record.sent) {
                (LeaveTransferState::Submitted { micropay_id }, Some(sent)) => Some(Submitted {
                    request_id: record.worknice_request_id,
                    micropay_id,
                    sent,
                    payroll_status: record.payroll_status,
                }),
                _ => None,
            })
            .collect();
        if submitted.is_empty() {
            return Ok(0);
        }
        let ended = retrying(
            &READ_RETRY,
            "read the cancelled and declined leave requests",
            || {
                self.requests.worknice();
                worknice.leave_requests(
                    &[LeaveRequestStatus::Cancelled, LeaveRequestStatus::Declined],
                    since,
                )
            },
        )
        .await?;
        let now: HashMap<&str, &WorkniceLeaveRequest> = approved
            .iter()
            .chain(&ended)
            .map(|request| (request.id.as_str(), request))
            .collect();
        let seen: Vec<(&Submitted, &WorkniceLeaveRequest, Payroll)> = submitted
            .iter()
            .filter_map(|transfer| {
                let request = *now.get(transfer.request_id.as_str())?;
                let payroll = payroll_of(transfer, &back.views, back.outcomes_read)?;
                Some((transfer, request, payroll))
            })
            .collect();
        if seen.is_empty() {
            return Ok(0);
        }
        // The run read no categories when it had no approved request.
        let categories: Cow<'_, [LeaveCategoryRow]> = if categories.is_empty() {
            Cow::Owned(self.leave_categories().await?)
        } else {
            Cow::Borrowed(categories)
        };
        let items: Vec<NewNeedsPayroll> = seen
            .into_iter()
            .filter_map(|(transfer, request, payroll)| {
                item(transfer, request, payroll, &categories)
            })
            .collect();
        let at = self.clock.now();
        let raised = self
            .with_store(move |store| {
                let list = store.leave_needs_payroll();
                let mut raised = 0;
                for item in &items {
                    raised += u64::from(list.raise(item, at)?.is_some());
                }
                Ok(raised)
            })
            .await?;
        tracing::info!(raised, "the Needs payroll list was brought up to date");
        Ok(raised)
    }
}

/// What payroll did with the application; `None` when MicrOpay's list was
/// not read this run and the store does not know (then it waits a run).
fn payroll_of(
    transfer: &Submitted,
    views: &HashMap<i64, LeaveApplicationView>,
    outcomes_read: bool,
) -> Option<Payroll> {
    if let Some(view) = views.get(&transfer.micropay_id) {
        let hours = Some(view.override_hours());
        return Some(if view.is_cancelled_or_declined() {
            Payroll::Gone
        } else if outcome(view).0 == PayrollLeaveStatus::Processed {
            Payroll::Processed { hours }
        } else {
            Payroll::Open { hours }
        });
    }
    match transfer.payroll_status.as_deref() {
        Some("DECLINED") => Some(Payroll::Gone),
        Some("PROCESSED") => Some(Payroll::Processed { hours: None }),
        _ if outcomes_read => Some(Payroll::Open { hours: None }),
        _ => None,
    }
}

/// The item `request` now calls for, if any.
fn item(
    transfer: &Submitted,
    request: &WorkniceLeaveRequest,
    payroll: Payroll,
    categories: &[LeaveCategoryRow],
) -> Option<NewNeedsPayroll> {
    let (processed, sent_hours) = match payroll {
        Payroll::Gone => return None,
        Payroll::Open { hours } => (false, hours),
        Payroll::Processed { hours } => (true, hours),
    };
    let sent = &transfer.sent;
    let sent_category = categories
        .iter()
        .find(|category| is_of_application(category, &sent.leave_type, sent.leave_code.as_deref()));
    let now_category = matched_category(request, categories);
    let private =
        is_private(request, categories) || sent_category.is_some_and(|category| category.private);
    let name = |category: Option<&LeaveCategoryRow>, fallback: Option<&str>| -> String {
        if private {
            return "leave".to_owned();
        }
        category
            .map(|category| category.name.clone())
            .or(fallback.map(str::to_owned))
            .unwrap_or_else(|| "leave".to_owned())
    };
    let was = format!(
        "{} {}",
        name(sent_category, None),
        days(sent.start_date, sent.end_date)
    );
    let (id, emp) = (transfer.micropay_id, sent.emp_code.trim());
    let (kind, what_to_do) = match request.status {
        LeaveRequestStatus::Cancelled | LeaveRequestStatus::Declined => {
            let how = if request.status == LeaveRequestStatus::Cancelled {
                "cancelled"
            } else {
                "declined"
            };
            let what_to_do = if processed {
                format!(
                    "Reverse leave application {id} in MicrOpay ({emp}, {was}): it was {how} \
                     in Worknice after Paybridge sent it, but it was already processed by \
                     payroll."
                )
            } else {
                format!(
                    "Cancel leave application {id} in MicrOpay ({emp}, {was}): it was {how} in \
                     Worknice after Paybridge sent it."
                )
            };
            (NeedsPayrollKind::Cancel, what_to_do)
        }
        LeaveRequestStatus::Approved => {
            let (category_changed, hours_changed) = match &sent.request {
                // What the request was when sent: an admin re-mapping the
                // category's Worknice type, or payroll editing the hours in
                // MicrOpay, is no change made in Worknice.
                Some(as_sent) => (
                    request.leave_type.as_ref().map(|t| t.id.as_str())
                        != Some(as_sent.worknice_type_id.as_str()),
                    request.hours.map(hundredths) != as_sent.hours_hundredths,
                ),
                // Sent before that was recorded: today's mapping, and the
                // hours MicrOpay keeps.
                None => (
                    now_category.is_none_or(|category| {
                        !is_of_application(category, &sent.leave_type, sent.leave_code.as_deref())
                    }),
                    sent_hours.is_some_and(|hours| {
                        hours.map(hundredths) != request.hours.map(hundredths)
                    }),
                ),
            };
            let dates_changed =
                (request.start_date, request.end_date) != (sent.start_date, sent.end_date);
            if !(category_changed || hours_changed || dates_changed) {
                return None;
            }
            let to = format!(
                "{} {}, {}",
                name(
                    now_category,
                    request.leave_type.as_ref().map(|t| t.name.as_str())
                ),
                days(request.start_date, request.end_date),
                hours_text(request.hours)
            );
            let what_to_do = if processed {
                format!(
                    "Adjust leave application {id} in MicrOpay ({emp}) to {to}: it was changed \
                     in Worknice after Paybridge sent it (as {was}), but it was already \
                     processed by payroll."
                )
            } else {
                format!(
                    "Change leave application {id} in MicrOpay ({emp}) to {to}: it was changed \
                     in Worknice after Paybridge sent it (as {was})."
                )
            };
            (NeedsPayrollKind::Change, what_to_do)
        }
        LeaveRequestStatus::Submitted => return None,
    };
    Some(NewNeedsPayroll {
        worknice_request_id: transfer.request_id.clone(),
        kind,
        micropay_id: id,
        emp_code: emp.to_owned(),
        detail: detail(request, processed),
        what_to_do,
    })
}

/// What the request is now, stably: its status, dates, Worknice leave type
/// (by id, which names no category) and hours, and whether payroll had
/// processed the application: once it has, what to do is another thing
/// (reverse or adjust), so an open item is brought up to date.
fn detail(request: &WorkniceLeaveRequest, processed: bool) -> String {
    format!(
        "{:?} {} {} type={} {}{}",
        request.status,
        request.start_date,
        request.end_date,
        request
            .leave_type
            .as_ref()
            .map_or("none", |t| t.id.as_str()),
        hours_text(request.hours),
        if processed { " processed" } else { "" }
    )
}

/// What the request is as it is sent, for `item` to compare with later;
/// `None` when it names no Worknice leave type (then it is held, not sent).
pub(super) fn as_sent(request: &WorkniceLeaveRequest) -> Option<LeaveRequestAsSent> {
    Some(LeaveRequestAsSent {
        worknice_type_id: request.leave_type.as_ref()?.id.clone(),
        hours_hundredths: request.hours.map(hundredths),
    })
}

/// Hours as payroll keeps them: hundredths.
fn hundredths(hours: f64) -> i64 {
    (hours * 100.0).round() as i64
}

fn hours_text(hours: Option<f64>) -> String {
    match hours {
        Some(hours) => format!("{} hours", hundredths(hours) as f64 / 100.0),
        None => "whole days".to_owned(),
    }
}

fn days(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start} to {end}")
    }
}

#[cfg(test)]
#[path = "needs_payroll_raise_tests.rs"]
mod tests;

//! Payroll's status back on the Worknice leave request (issue 8): once
//! MicrOpay took an application the request is marked TRANSFERRED; once
//! payroll processed or declined it, PROCESSED or DECLINED with payroll's
//! message. The store keeps what was last written, so each is written once;
//! PROCESSED and DECLINED are final and not read again. A write that fails
//! leaves the status unrecorded: it is written next run (the application is
//! never sent again for it). Payroll's message is never logged: it can name
//! a private leave code.

use std::collections::HashMap;

use paybridge_micropay::{LeaveApplicationId, LeaveApplicationView, MicropayClient};
use paybridge_store::LeaveTransferState;
use paybridge_worknice::{PayrollLeaveStatus, WorkniceClient, WorkniceLeaveRequest};

use super::requests_plan::is_private;
use crate::api::{AppError, LeaveCategoryRow};
use crate::retry::{retrying, READ_RETRY, WRITE_RETRY};
use crate::Engine;

/// What came back to Worknice this run.
#[derive(Debug, Default, Clone)]
pub(crate) struct StatusBack {
    /// Requests now shown PROCESSED.
    pub processed: u64,
    /// Requests now shown DECLINED.
    pub declined: u64,
    /// Statuses not written (Worknice or MicrOpay failed): tried next run.
    pub unwritten: u64,
    /// EmpCodes of the applications now shown processed or declined.
    pub moved: Vec<String>,
    /// MicrOpay's applications as read this run, by id (from the lowest
    /// open transfer's on): the Needs payroll step reads them, not MicrOpay.
    pub views: HashMap<i64, LeaveApplicationView>,
    /// Whether MicrOpay's list was read (or there was nothing to read).
    pub outcomes_read: bool,
}

impl Engine {
    /// Writes each submitted transfer's payroll status to its Worknice
    /// request, unless the store says it was written already. `approved`
    /// and `categories` decide privacy: a request not among them is taken
    /// as private, so payroll's words are not passed on.
    pub(crate) async fn payroll_status_back(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        approved: &[WorkniceLeaveRequest],
        categories: &[LeaveCategoryRow],
    ) -> Result<StatusBack, AppError> {
        let open: Vec<(String, i64, Option<String>)> = self
            .with_store(|store| store.leave_transfers().all())
            .await?
            .into_iter()
            .filter_map(|record| match record.state {
                LeaveTransferState::Submitted { micropay_id }
                    if !is_final(record.payroll_status.as_deref()) =>
                {
                    Some((
                        record.worknice_request_id,
                        micropay_id,
                        record.payroll_status,
                    ))
                }
                _ => None,
            })
            .collect();
        let mut back = StatusBack {
            outcomes_read: true,
            ..StatusBack::default()
        };
        let Some(first) = open.iter().map(|(_, id, _)| *id).min() else {
            return Ok(back);
        };
        // One read of the documented list from the lowest open id on (all
        // pages), not one read per application: open transfers are the
        // recent ones, so the range is short, and a run with many open
        // transfers costs one request, not many.
        let mut outcomes_read = true;
        let views: HashMap<i64, LeaveApplicationView> =
            match retrying(&READ_RETRY, "read payroll's leave outcomes", || {
                self.requests.micropay();
                micropay.leave_applications(LeaveApplicationId(first))
            })
            .await
            {
                Ok(views) => views
                    .into_iter()
                    .map(|view| (view.leave_application_id, view))
                    .collect(),
                Err(error) => {
                    // TRANSFERRED is still written; every open request's
                    // outcome is read next run.
                    tracing::warn!(error = %error, "payroll's leave outcomes were not read");
                    outcomes_read = false;
                    HashMap::new()
                }
            };
        let requests: HashMap<&str, &WorkniceLeaveRequest> = approved
            .iter()
            .map(|request| (request.id.as_str(), request))
            .collect();
        for (request_id, micropay_id, written) in open {
            let (status, message) = match views.get(&micropay_id) {
                Some(view) => outcome(view),
                None => (PayrollLeaveStatus::Transferred, None),
            };
            if written.as_deref() == Some(wire(status)) {
                // Nothing new to write, but an outcome not read is not settled.
                back.unwritten += u64::from(!outcomes_read);
                continue;
            }
            let private = requests
                .get(request_id.as_str())
                .is_none_or(|request| is_private(request, categories));
            let message = message.map(|words| declined_message(&words, private));
            let written = retrying(&WRITE_RETRY, "write payroll's status to Worknice", || {
                self.requests.worknice();
                worknice.set_leave_request_payroll_status(&request_id, status, message.as_deref())
            })
            .await;
            match written {
                Ok(_) => {
                    let (id, at) = (request_id.clone(), self.clock.now());
                    self.with_store(move |store| {
                        store
                            .leave_transfers()
                            .record_payroll_status(&id, wire(status), at)
                    })
                    .await?;
                    if status != PayrollLeaveStatus::Transferred {
                        back.moved.extend(
                            views
                                .get(&micropay_id)
                                .map(|view| view.emp_code.trim().to_owned()),
                        );
                    }
                    match status {
                        PayrollLeaveStatus::Processed => back.processed += 1,
                        PayrollLeaveStatus::Declined => back.declined += 1,
                        PayrollLeaveStatus::Transferred => {
                            back.unwritten += u64::from(!outcomes_read);
                        }
                    }
                }
                Err(error) => {
                    tracing::warn!(
                        request = %request_id,
                        micropay_id,
                        error = %error,
                        "payroll's status was not written to Worknice"
                    );
                    back.unwritten += 1;
                }
            }
        }
        back.views = views;
        back.outcomes_read = outcomes_read;
        tracing::info!(
            processed = back.processed,
            declined = back.declined,
            unwritten = back.unwritten,
            "payroll's leave status written back"
        );
        Ok(back)
    }
}

/// What payroll did with the application, and its message if declined.
pub(super) fn outcome(view: &LeaveApplicationView) -> (PayrollLeaveStatus, Option<String>) {
    let is = |field: &Option<String>, word: &str| {
        field
            .as_deref()
            .is_some_and(|value| value.eq_ignore_ascii_case(word))
    };
    if is(&view.change_status, "Rejected") || is(&view.leave_status, "Declined") {
        let words = view.error_message.clone().unwrap_or_default();
        (PayrollLeaveStatus::Declined, Some(words))
    } else if is(&view.change_status, "Implemented") {
        (PayrollLeaveStatus::Processed, None)
    } else {
        (PayrollLeaveStatus::Transferred, None)
    }
}

fn is_final(written: Option<&str>) -> bool {
    matches!(written, Some("PROCESSED" | "DECLINED"))
}

fn wire(status: PayrollLeaveStatus) -> &'static str {
    match status {
        PayrollLeaveStatus::Transferred => "TRANSFERRED",
        PayrollLeaveStatus::Processed => "PROCESSED",
        PayrollLeaveStatus::Declined => "DECLINED",
    }
}

/// Payroll's message on a declined request. Leave of a private category
/// gets none of payroll's words (as `requests::refused` does for MicrOpay's
/// refusals): they may name its code, e.g. FDV.
fn declined_message(words: &str, private: bool) -> String {
    if private {
        "Payroll declined this leave. Its message is not shown: the leave is of a private \
         category. Ask the payroll officer."
            .to_owned()
    } else if words.trim().is_empty() {
        "Payroll declined this leave.".to_owned()
    } else {
        words.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(change: &str, message: Option<&str>) -> LeaveApplicationView {
        serde_json::from_value(serde_json::json!({
            "LeaveApplicationId": 3,
            "ChangeStatus": change,
            "ErrorMessage": message,
        }))
        .expect("a view")
    }

    #[test]
    fn implemented_is_processed_and_rejected_is_declined_with_payroll_s_words() {
        assert_eq!(
            outcome(&view("Implemented", None)),
            (PayrollLeaveStatus::Processed, None)
        );
        assert_eq!(
            outcome(&view("Received", None)),
            (PayrollLeaveStatus::Transferred, None)
        );
        assert_eq!(
            outcome(&view("Rejected", Some("No balance"))),
            (PayrollLeaveStatus::Declined, Some("No balance".to_owned()))
        );
    }

    #[test]
    fn a_private_decline_keeps_payroll_s_words_out() {
        let words = "Declined: FDV leave needs a statutory declaration.";
        assert!(!declined_message(words, true).contains("FDV"));
        assert_eq!(declined_message(words, false), words);
        assert!(is_final(Some("DECLINED")) && !is_final(Some("TRANSFERRED")) && !is_final(None));
    }
}

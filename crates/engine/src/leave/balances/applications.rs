//! The one read of MicrOpay's `LeaveApplication` list a balance answer
//! makes for the projected balance: the documented list has no `EmpCode`
//! filter, so every application is read once (all pages) and split per
//! employee (`pending::by_employee`), instead of a read per employee. It
//! takes a turn under the admin's cap like a balance request and is
//! retried like every read.

use chrono::{DateTime, Utc};
use paybridge_micropay::{LeaveApplicationId, LeaveApplicationView, MicropayClient};

use super::pace::RequestPace;
use super::{lock, BalanceReads};
use crate::api::{AppError, HeldLeaveBalance};
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

/// Why an employee's balances are held when the list could not be read.
pub(crate) fn unread_reason(error: &AppError) -> String {
    format!(
        "The approved leave payroll has not processed yet couldn't be read from MicrOpay, so \
         the projected balance isn't known and the balances aren't shown: {} Try again \
         shortly.",
        error.message
    )
}

impl Engine {
    /// Every leave application MicrOpay lists.
    pub(crate) async fn all_leave_applications(
        &self,
        client: &MicropayClient,
        pace: &RequestPace,
    ) -> Result<Vec<LeaveApplicationView>, AppError> {
        pace.turn().await;
        Ok(
            retrying(&READ_RETRY, "read payroll's leave applications", || {
                self.requests.micropay();
                client.leave_applications(LeaveApplicationId(1))
            })
            .await?,
        )
    }

    /// The answer when the applications list could not be read: those
    /// with a fresh read are shown, the others held with why.
    pub(crate) fn held_for_pending(
        &self,
        emp_codes: &[String],
        now: DateTime<Utc>,
        error: &AppError,
    ) -> BalanceReads {
        let cache = lock(&self.leave_balances.cache);
        let mut reads = BalanceReads {
            read: Vec::new(),
            held: Vec::new(),
            requests: 0,
            waited_for_cap: 0,
            unavailable: false,
        };
        for code in emp_codes {
            match cache.fresh(code, now, true) {
                Some(read) => reads.read.push(read.clone()),
                None => reads.held.push(HeldLeaveBalance {
                    emp_code: code.clone(),
                    reason: unread_reason(error),
                }),
            }
        }
        reads
    }

    /// Forgets every balance read: leave was sent to payroll, or payroll
    /// processed or declined some, so the balances and projected balances
    /// read before no longer stand.
    pub(crate) fn forget_leave_balance_reads(&self) {
        lock(&self.leave_balances.cache).clear();
    }
}

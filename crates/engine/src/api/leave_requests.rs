//! What a sync did with approved Worknice leave requests (issue 8).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The approved requests a sync read, by where it left them: `read` =
/// `transferred` + `alreadyTransferred` + `held` + `pending`. A separate
/// group, not in that sum: `processed` and `declined`, the payroll
/// outcomes written back to Worknice requests this run (of transfers from
/// this or any earlier run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveTransferCounts {
    /// Approved requests read from Worknice.
    #[ts(type = "number")]
    pub read: u64,
    /// Sent to MicrOpay by this run (or found there after a lost answer).
    #[ts(type = "number")]
    pub transferred: u64,
    /// Sent by an earlier run: never sent twice.
    #[ts(type = "number")]
    pub already_transferred: u64,
    /// Not sent, each with why (see the run's `leaveHeld`).
    #[ts(type = "number")]
    pub held: u64,
    /// Not settled this run (MicrOpay did not answer): the next run looks
    /// each up before sending it.
    #[ts(type = "number")]
    pub pending: u64,
    /// Payroll processed: the Worknice request shows PROCESSED (this run).
    #[serde(default)]
    #[ts(type = "number")]
    pub processed: u64,
    /// Payroll declined: the Worknice request shows DECLINED with payroll's
    /// message (this run).
    #[serde(default)]
    #[ts(type = "number")]
    pub declined: u64,
    /// Items raised (or brought up to date) on the Needs payroll list this
    /// run: requests cancelled or changed in Worknice after they were sent.
    #[serde(default)]
    #[ts(type = "number")]
    pub needs_payroll: u64,
}

/// An approved request not sent, with why, in a payroll officer's words (a
/// private category is never named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldLeaveRequest {
    pub worknice_request_id: String,
    pub emp_code: Option<String>,
    pub reason: String,
}

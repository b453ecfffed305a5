//! What a sync did with leave entered in MicrOpay directly (issue 8).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Leave applications entered in MicrOpay directly that a sync looked at
/// (new ones since the last run, and copies still open for a cancel), by
/// where it left them: `read` is the sum of `created`,
/// `alreadyInWorknice`, `skipped` and `pending`. Not in that sum:
/// `cancelled`, the copies set cancelled in Worknice this run because
/// payroll cancelled or declined them. Applications Paybridge itself sent
/// to MicrOpay are not counted at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveFromPayrollCounts {
    /// Applications looked at.
    #[ts(type = "number")]
    pub read: u64,
    /// Created in Worknice as approved requests by this run (or found
    /// there after a lost answer).
    #[ts(type = "number")]
    pub created: u64,
    /// Copied by an earlier run: never copied twice.
    #[ts(type = "number")]
    pub already_in_worknice: u64,
    /// Not copied, each with why (hidden or unmapped category, employee
    /// not linked, cancelled in payroll before it was copied).
    #[ts(type = "number")]
    pub skipped: u64,
    /// Not settled this run (Worknice did not answer): the next run looks
    /// each up by its MicrOpay id before creating it.
    #[ts(type = "number")]
    pub pending: u64,
    /// Copies set cancelled in Worknice this run.
    #[ts(type = "number")]
    pub cancelled: u64,
}

/// An application entered in MicrOpay not copied to Worknice, with why in
/// a payroll officer's words (a private category is never named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedPayrollLeave {
    #[ts(type = "number")]
    pub micropay_application_id: i64,
    pub emp_code: String,
    pub reason: String,
}

//! The Needs payroll list (issue 8): leave requests cancelled or changed in
//! Worknice after Paybridge sent them to MicrOpay, whose API takes new
//! applications only, so a payroll officer acts on them in MicrOpay.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What MicrOpay's application needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NeedsPayrollAction {
    /// Cancelled or declined in Worknice: withdraw the application.
    Cancel,
    /// Its dates, hours or category changed in Worknice: change it.
    Change,
}

/// One thing to do in MicrOpay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NeedsPayrollEntry {
    /// What `paybridge leave needs-payroll done <ID>` takes.
    #[ts(type = "number")]
    pub id: i64,
    pub action: NeedsPayrollAction,
    pub worknice_request_id: String,
    /// MicrOpay's LeaveApplicationId, as its leave processing shows it.
    #[ts(type = "number")]
    pub micropay_application_id: i64,
    pub emp_code: String,
    /// In a payroll officer's words; a private category is called "leave".
    pub what_to_do: String,
    /// RFC 3339.
    pub raised_at: String,
    /// RFC 3339; `None` while it is still to do.
    pub done_at: Option<String>,
}

/// What is still to do, and what was marked done lately.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NeedsPayrollReport {
    /// Oldest first.
    pub open: Vec<NeedsPayrollEntry>,
    /// Marked done in the last 30 days, latest first.
    pub recently_done: Vec<NeedsPayrollEntry>,
}

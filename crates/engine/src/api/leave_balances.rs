//! Leave balances read live from MicrOpay, as an employee's detail and the
//! command line show them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SettingsTrigger;

/// What came of asking for balances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LeaveBalancesState {
    /// Read (or from the last few minutes' read) and shown.
    Shown,
    /// The balances option is off: nothing was read or sent.
    Off,
    /// This MicrOpay database has no balance endpoint.
    Unavailable,
}

/// One category's balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveBalanceRow {
    /// The category's code (`AnnualLeave`, `SickLeave`, `LongServiceLeave`
    /// or the user-defined code), as `paybridge leave categories` names it.
    pub code: String,
    pub name: String,
    pub hours: f64,
    /// Hours over the employee's standard day; `None` when payroll has no
    /// standard hours for them (casuals).
    pub days: Option<f64>,
    /// Hours less approved leave payroll has not processed yet.
    pub projected_hours: f64,
    /// Employees see this category (and so its balance) in Worknice.
    pub visible: bool,
}

/// One employee's balances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployeeLeaveBalances {
    pub emp_code: String,
    /// RFC 3339: when Paybridge read them from MicrOpay.
    pub as_of: String,
    /// The date payroll calculated them to, when it says (YYYY-MM-DD).
    pub payroll_as_at: Option<String>,
    pub standard_hours_per_day: Option<f64>,
    pub balances: Vec<LeaveBalanceRow>,
}

/// An employee whose balances could not be read this time, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldLeaveBalance {
    pub emp_code: String,
    pub reason: String,
}

/// Balances of one employee or of everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveBalancesReport {
    pub state: LeaveBalancesState,
    /// Why nothing is shown (off, or unavailable from this database).
    pub message: Option<String>,
    pub employees: Vec<EmployeeLeaveBalances>,
    pub held: Vec<HeldLeaveBalance>,
    /// Balance requests sent to MicrOpay for this answer (0 when every
    /// employee's came from the last few minutes' read).
    pub requests: u64,
    /// Of those, how many waited for their turn under the admin's cap.
    pub waited_for_cap: u64,
}

/// The admin's cap on balance requests to MicrOpay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveBalanceCap {
    /// Requests a second; `None`: no cap.
    pub per_second: Option<u32>,
    /// RFC 3339; `None` until it was set.
    pub changed_at: Option<String>,
    pub changed_by: Option<SettingsTrigger>,
}

/// Balances sent to Worknice: every current employee read is written,
/// unchanged, not in Worknice or held (the counts add up to `read`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveBalancesSent {
    pub state: LeaveBalancesState,
    pub message: Option<String>,
    #[ts(type = "number")]
    pub read: u64,
    #[ts(type = "number")]
    pub written: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    /// No Worknice person has the employee code (not imported yet).
    #[ts(type = "number")]
    pub not_in_worknice: u64,
    pub held: Vec<HeldLeaveBalance>,
}

/// A sync run's balances step, as its counts (and history) keep it: the
/// send of every current employee's balances to Worknice, once a day, or
/// of those whose leave the run moved (sent to or processed by payroll).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveBalanceCounts {
    /// `shown`: sent; `unavailable`: this MicrOpay database has none.
    pub state: LeaveBalancesState,
    #[ts(type = "number")]
    pub read: u64,
    #[ts(type = "number")]
    pub written: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub not_in_worknice: u64,
    /// Employees whose balances could not be read or written: the next run
    /// sends everyone's again.
    #[ts(type = "number")]
    pub held: u64,
    /// Every current employee's (the daily send); `false`: only those whose
    /// leave this run sent to payroll or payroll processed or declined.
    #[serde(default = "everyone")]
    pub everyone: bool,
}

/// Runs recorded before the send of some were everyone's.
fn everyone() -> bool {
    true
}

impl From<&LeaveBalancesSent> for LeaveBalanceCounts {
    fn from(sent: &LeaveBalancesSent) -> Self {
        Self {
            state: sent.state,
            read: sent.read,
            written: sent.written,
            unchanged: sent.unchanged,
            not_in_worknice: sent.not_in_worknice,
            held: sent.held.len() as u64,
            everyone: true,
        }
    }
}

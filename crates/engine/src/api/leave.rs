//! Leave categories and the two leave options, as the Leave screen and the
//! command line see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SettingsTrigger;

/// What a MicrOpay leave category is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LeaveKind {
    /// MicrOpay's AnnualLeave.
    Annual,
    /// MicrOpay's SickLeave.
    PersonalCarers,
    /// MicrOpay's LongServiceLeave.
    LongService,
    /// A code from MicrOpay's UserDefinedLeave lookup (TOIL, study, …).
    UserDefined,
}

/// How a category's Worknice leave type was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LeaveTypeMatch {
    /// Paybridge recorded it (it made it, or chose it when the category was
    /// made visible).
    Recorded,
    /// Worknice has a leave type with the category's code.
    Code,
    /// Worknice has a leave type with the category's name.
    Name,
    /// None yet: one is made in Worknice when the category is made visible.
    WillBeCreated,
}

/// One row of the Leave categories table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveCategoryRow {
    /// What the command line calls it: the user-defined code (`FDV`), or
    /// the standard type (`AnnualLeave`).
    pub code: String,
    /// e.g. "Annual leave", "Family and Domestic Violence Leave".
    pub name: String,
    pub kind: LeaveKind,
    /// MicrOpay's `LeaveType`: AnnualLeave, SickLeave, LongServiceLeave or
    /// UserDefinedLeave.
    pub leave_type: String,
    /// MicrOpay's `LeaveCode`, for user-defined leave only.
    pub leave_code: Option<String>,
    /// Retired in MicrOpay: it can't take new leave, so it can't be shown.
    pub inactive: bool,
    pub worknice_match: LeaveTypeMatch,
    pub worknice_type_id: Option<String>,
    pub worknice_type_name: Option<String>,
    /// In words, e.g. "Annual Leave (same name)" or "will be created in Worknice".
    pub worknice: String,
    /// Employees see, request and see balances for visible categories only.
    pub visible: bool,
    /// Others see only "On leave" in shared calendars.
    pub private: bool,
    /// What the default rule says (family and domestic violence leave is
    /// private by default).
    pub private_by_default: bool,
    /// RFC 3339; `None` until an admin changed it.
    pub changed_at: Option<String>,
    pub changed_by: Option<SettingsTrigger>,
}

/// One of the two leave options; the names are the command line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LeaveOptionName {
    /// Show employee leave balances live from MicrOpay.
    Balances,
    /// Enable leave requests, approvals and automatic transfer to MicrOpay.
    Requests,
}

/// One switch of the integration options, with the sentence saying what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveOptionSwitch {
    pub option: LeaveOptionName,
    pub label: String,
    pub on: bool,
    pub explanation: String,
    /// Why it can't do what it says, when MicrOpay said so (the balances
    /// option on a database without balances).
    pub unavailable: Option<String>,
}

/// The integration options: both switches, off until an admin turns them on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveOptions {
    pub balances: LeaveOptionSwitch,
    pub requests: LeaveOptionSwitch,
    /// RFC 3339; `None` until one was changed.
    pub changed_at: Option<String>,
    pub changed_by: Option<SettingsTrigger>,
}

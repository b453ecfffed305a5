//! The Payroll desk: the built-in sandbox's payroll officer, played in the
//! app. Requests as the desk lists them, and the few fields it edits.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether the desk can be used: only on the built-in sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayrollDeskStatus {
    pub available: bool,
}

/// What a change request asks payroll to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum DeskChangeType {
    Add,
    Change,
    Delete,
}

/// Where a change request is in payroll's hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DeskRequestStatus {
    Received,
    PickedUp,
    Implemented,
    Rejected,
}

/// One field a change request sets, e.g. "First name" → "Rowan". Tax file
/// account and member numbers show only their last 3 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskFieldChange {
    pub field: String,
    pub value: String,
}

/// A change request as the Payroll desk lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskRequest {
    /// MicrOpay's ChangeEmployeeId (small: one per request ever sent).
    #[ts(type = "number")]
    pub id: i64,
    pub emp_code: String,
    /// "First Last", when payroll has the employee or the Add names them.
    pub employee_name: Option<String>,
    pub change_type: DeskChangeType,
    pub status: DeskRequestStatus,
    /// As MicrOpay dates it, e.g. "2026-07-01T09:00:00".
    pub received_at: String,
    pub changes: Vec<DeskFieldChange>,
    /// Payroll's reason, on a rejected request.
    pub message: Option<String>,
}

/// The fields the desk edits as payroll would; `None` leaves a field as it
/// is. No tax or bank fields: those go through change requests only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayrollEdit {
    pub first_name: Option<String>,
    pub surname: Option<String>,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub street: Option<String>,
    pub suburb_city: Option<String>,
    pub state: Option<String>,
    pub postcode: Option<String>,
}

/// Where a leave application is in payroll's hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DeskLeaveStatus {
    /// Waiting in MicrOpay's leave processing.
    Received,
    /// Processed into a pay: its hours came off the balance.
    Processed,
    /// Declined by payroll, with payroll's message.
    Declined,
    /// Cancelled in MicrOpay (it is not leave taken).
    Cancelled,
}

/// A leave application as the Payroll desk lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskLeaveApplication {
    /// MicrOpay's LeaveApplicationId.
    #[ts(type = "number")]
    pub id: i64,
    pub emp_code: String,
    /// "First Last", when payroll has the employee.
    pub employee_name: Option<String>,
    /// The leave category, e.g. "Annual leave"; a private one is never
    /// named: "Leave of a private category".
    pub category: String,
    /// ISO dates, e.g. "2026-03-02".
    pub start_date: String,
    pub end_date: String,
    /// The hours it asks for, when it gives them (MicrOpay's `Override`).
    pub hours: Option<f64>,
    /// Otherwise the working days from start to end (half days for a
    /// session); `None` when it gives hours.
    pub days: Option<f64>,
    pub status: DeskLeaveStatus,
    /// Payroll's message, on a declined application; for leave of a
    /// private category only a line saying it is not shown.
    pub message: Option<String>,
}

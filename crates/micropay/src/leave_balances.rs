//! INFERRED: an employee's leave balances. The public reference documents
//! no balance endpoint (its overview has a "Leave Balances" heading and the
//! page stops there), so the path and shape here are our guess, kept in
//! this one module so the real one can be swapped in (WIRE.md "Leave
//! balances"). A 404 from it means the database doesn't have it.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::client::MicropayClient;
use crate::error::MicropayError;

/// The inferred path: `GET api/LeaveBalance?EmpCode=`.
pub const LEAVE_BALANCE_PATH: &str = "api/LeaveBalance";

/// One employee's balances, as at a date.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmployeeLeaveBalances {
    pub emp_code: String,
    /// The date payroll calculated them to (its last processed pay).
    pub as_at: Option<NaiveDate>,
    /// Hours in the employee's standard day; absent when payroll has none
    /// (casuals), so no day figure can be given.
    #[serde(default)]
    pub standard_hours_per_day: Option<f64>,
    #[serde(default)]
    pub balances: Vec<LeaveBalance>,
}

/// A balance of one category: `LeaveType` as MicrOpay spells it
/// (`AnnualLeave`, `SickLeave`, `LongServiceLeave`, `UserDefinedLeave`)
/// and, for user-defined leave, its `LeaveCode`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeaveBalance {
    pub leave_type: String,
    #[serde(default)]
    pub leave_code: Option<String>,
    pub hours: f64,
}

impl MicropayClient {
    /// `GET api/LeaveBalance?EmpCode=` (inferred), retried as every read
    /// is. `MicropayError::NotFound` is the endpoint missing or the
    /// employee unknown: callers tell them apart with `employee`, which
    /// answers 404 only for an employee that does not exist.
    pub async fn leave_balances(
        &self,
        emp_code: &str,
    ) -> Result<EmployeeLeaveBalances, MicropayError> {
        let url = self.url(LEAVE_BALANCE_PATH)?;
        let params = [("EmpCode", emp_code.to_owned())];
        let (balances, _) = self
            .get_json(url, &params, "leave balance endpoint (api/LeaveBalance)")
            .await?;
        Ok(balances)
    }
}

//! People's leave balances as employees see them in Worknice. Inferred as
//! a whole (Worknice publishes no leave schema): see `documents.graphql`.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::client::{Resend, WorkniceClient};
use crate::documents::{LEAVE_BALANCES, SET_LEAVE_BALANCES};
use crate::error::WorkniceError;
use crate::wire_update::invalid_field;

/// A person's balance of one leave type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkniceLeaveBalance {
    pub leave_type_id: String,
    pub hours: f64,
    pub days: Option<f64>,
    /// The hours once approved leave payroll has not processed yet is
    /// taken (inferred, as the rest); `None`: not known.
    #[serde(default)]
    pub projected_hours: Option<f64>,
    /// RFC 3339: when payroll's figure was read.
    pub as_of: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LeaveBalancesOrg {
    leave_balances: Option<Vec<WorkniceLeaveBalance>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetLeaveBalancesData {
    set_leave_balances: Option<Vec<WorkniceLeaveBalance>>,
}

impl WorkniceClient {
    /// The balances Worknice shows the person with `employee_code`; `None`
    /// when nobody has that code.
    pub async fn leave_balances(
        &self,
        employee_code: &str,
    ) -> Result<Option<Vec<WorkniceLeaveBalance>>, WorkniceError> {
        let org: LeaveBalancesOrg = self
            .query(LEAVE_BALANCES, json!({ "employeeCode": employee_code }))
            .await?;
        Ok(org.leave_balances)
    }

    /// Replaces the person's balances with `balances` (a leave type left out
    /// is no longer offered to them); `None` when nobody has that code.
    /// Idempotent, so passing trouble is retried. A balance Worknice can't
    /// store (an unknown leave type) is [`WorkniceError::InvalidField`].
    pub async fn set_leave_balances(
        &self,
        employee_code: &str,
        balances: &[WorkniceLeaveBalance],
    ) -> Result<Option<Vec<WorkniceLeaveBalance>>, WorkniceError> {
        let data: SetLeaveBalancesData = self
            .run(
                SET_LEAVE_BALANCES,
                json!({ "employeeCode": employee_code, "balances": balances }),
                Resend::WhenTransient,
                &invalid_field,
                &[],
            )
            .await?;
        Ok(data.set_leave_balances)
    }
}

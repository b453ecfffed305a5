//! Leave types and people's leave balances. Inferred as a whole (Worknice
//! publishes no leave schema): `org.leaveTypes` and `createLeaveType`, see
//! `leave_types.rs`; `org.leaveBalances` and `setLeaveBalances`, see
//! `leave_balances.rs`.

use async_graphql::{InputObject, SimpleObject, ID};

use super::super::leave_balances::SandboxLeaveBalance;
use super::super::leave_types::SandboxLeaveType;

/// Inferred. A category employees request leave in.
#[derive(SimpleObject, Debug)]
pub struct LeaveType {
    id: ID,
    name: String,
    /// Unique in the organisation, compared without regard to case.
    code: String,
    /// Leave of a private type shows as "On leave" to anyone but the
    /// employee and their approvers.
    private: bool,
    /// Whether employees may request leave of it.
    offered: bool,
}

impl From<&SandboxLeaveType> for LeaveType {
    fn from(leave_type: &SandboxLeaveType) -> Self {
        Self {
            id: ID(leave_type.id.clone()),
            name: leave_type.name.clone(),
            code: leave_type.code.clone(),
            private: leave_type.private,
            offered: leave_type.offered,
        }
    }
}

/// Inferred.
#[derive(InputObject, Debug)]
pub struct CreateLeaveTypeInput {
    pub name: String,
    pub code: String,
    #[graphql(default = false)]
    pub private: bool,
}

/// Inferred. A person's balance of one leave type, as employees see it.
#[derive(SimpleObject, Debug)]
pub struct LeaveBalance {
    leave_type_id: ID,
    hours: f64,
    /// Absent when payroll has no standard day for the person.
    days: Option<f64>,
    /// The hours once approved leave payroll has not processed yet is
    /// taken; absent when the integration sent none.
    projected_hours: Option<f64>,
    /// RFC 3339: when payroll's figure was read.
    as_of: String,
}

impl From<&SandboxLeaveBalance> for LeaveBalance {
    fn from(balance: &SandboxLeaveBalance) -> Self {
        Self {
            leave_type_id: ID(balance.leave_type_id.clone()),
            hours: balance.hours,
            days: balance.days,
            projected_hours: balance.projected_hours,
            as_of: balance.as_of.clone(),
        }
    }
}

/// Inferred.
#[derive(InputObject, Debug)]
pub struct LeaveBalanceInput {
    pub leave_type_id: ID,
    pub hours: f64,
    pub days: Option<f64>,
    pub projected_hours: Option<f64>,
    pub as_of: String,
}

impl From<LeaveBalanceInput> for SandboxLeaveBalance {
    fn from(input: LeaveBalanceInput) -> Self {
        Self {
            leave_type_id: input.leave_type_id.0,
            hours: input.hours,
            days: input.days,
            projected_hours: input.projected_hours,
            as_of: input.as_of,
        }
    }
}

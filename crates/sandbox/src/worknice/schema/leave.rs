//! Leave types. Inferred as a whole (Worknice publishes no leave schema):
//! `org.leaveTypes` and `createLeaveType`, see `leave_types.rs`.

use async_graphql::{InputObject, SimpleObject, ID};

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
}

impl From<&SandboxLeaveType> for LeaveType {
    fn from(leave_type: &SandboxLeaveType) -> Self {
        Self {
            id: ID(leave_type.id.clone()),
            name: leave_type.name.clone(),
            code: leave_type.code.clone(),
            private: leave_type.private,
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

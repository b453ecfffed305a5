//! Leave that came from payroll, as the Worknice sandbox keeps it. Inferred
//! as a whole (Worknice publishes no leave schema): an integration creates
//! a request for a person that is approved already (payroll keyed it) and
//! carries the payroll system's id as `externalId`, unique, so a create
//! whose answer was lost can be looked up (`leaveRequestByExternalId`)
//! rather than made twice; a second create with the same external id is
//! refused. The integration may later set it cancelled (payroll cancelled
//! or declined it); setting what is there already changes nothing.

use chrono::NaiveDate;

use super::checks::invalid;
use super::leave_requests::{
    check_dates_and_hours, LeaveRequestSource, LeaveRequestStatus, SandboxLeaveRequest,
};
use super::writes::WriteError;
use super::{seed, WorkniceState};

/// A request payroll made, as the integration sends it.
#[derive(Debug, Clone)]
pub(crate) struct NewPayrollLeaveRequest {
    pub person_id: String,
    pub leave_type_id: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub hours: Option<f64>,
    pub external_id: String,
}

impl WorkniceState {
    pub(crate) fn create_payroll_leave_request(
        &mut self,
        request: NewPayrollLeaveRequest,
    ) -> Result<SandboxLeaveRequest, WriteError> {
        let external_id = request.external_id.trim().to_owned();
        if external_id.is_empty() {
            return Err(invalid("externalId", "An external id is required."));
        }
        if self.leave_request_by_external_id(&external_id).is_some() {
            return Err(invalid(
                "externalId",
                format!("A leave request with external id '{external_id}' exists already."),
            ));
        }
        let person = self
            .by_id
            .get(&request.person_id)
            .and_then(|&index| self.people.get(index))
            .ok_or_else(|| invalid("personId", "No person has that id."))?;
        let employee_code = person.employee_code.clone();
        if !self
            .leave_types
            .iter()
            .any(|t| t.id == request.leave_type_id)
        {
            return Err(invalid("leaveTypeId", "No leave type has that id."));
        }
        check_dates_and_hours(request.start_date, request.end_date, request.hours)?;
        let created = SandboxLeaveRequest {
            id: seed::id_from(&mut self.id_rng),
            person_id: request.person_id,
            employee_code,
            leave_type_id: request.leave_type_id,
            start_date: request.start_date,
            end_date: request.end_date,
            hours: request.hours,
            part_day: false,
            status: LeaveRequestStatus::Approved,
            payroll_status: None,
            payroll_message: None,
            updated_at: self.stamp(),
            source: LeaveRequestSource::Payroll,
            external_id: Some(external_id),
        };
        self.leave_requests.push(created.clone());
        Ok(created)
    }

    pub(crate) fn leave_request_by_external_id(
        &self,
        external_id: &str,
    ) -> Option<&SandboxLeaveRequest> {
        let wanted = external_id.trim();
        self.leave_requests
            .iter()
            .find(|r| r.external_id.as_deref() == Some(wanted))
    }

    /// Sets a request that came from payroll APPROVED or CANCELLED; one
    /// an employee made is refused (its status is theirs and the
    /// approver's). `Ok(None)`: no such id.
    pub(crate) fn set_payroll_leave_request_status(
        &mut self,
        id: &str,
        status: LeaveRequestStatus,
    ) -> Result<Option<SandboxLeaveRequest>, WriteError> {
        if !matches!(
            status,
            LeaveRequestStatus::Approved | LeaveRequestStatus::Cancelled
        ) {
            return Err(invalid(
                "status",
                "Leave from payroll is APPROVED or CANCELLED.",
            ));
        }
        let Some(index) = self.leave_requests.iter().position(|r| r.id == id) else {
            return Ok(None);
        };
        if self.leave_requests[index].source != LeaveRequestSource::Payroll {
            return Err(invalid(
                "id",
                "Only leave that came from payroll can have its status set this way.",
            ));
        }
        if self.leave_requests[index].status != status {
            let stamp = self.stamp();
            let request = &mut self.leave_requests[index];
            request.status = status;
            request.updated_at = stamp;
        }
        Ok(Some(self.leave_requests[index].clone()))
    }
}

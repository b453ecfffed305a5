//! Leave requests as the Worknice sandbox keeps them. Inferred as a whole
//! (Worknice publishes no leave schema): an employee asks for leave of one
//! type between two dates, whole days or a part-day with hours; an approver
//! approves or declines it; the employee may cancel it. Payroll's answer
//! (transferred, processed, declined, with payroll's message) is set on it
//! by the integration. Every change stamps `updated_at`, so an integration
//! can read what changed since its last look.

use chrono::{DateTime, NaiveDate, Utc};

use super::checks::invalid;
use super::writes::{code_key, WriteError};
use super::{seed, WorkniceState};

/// Where a request is in Worknice's approval.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveRequestStatus {
    /// Made by the employee, waiting for an approver.
    Submitted,
    Approved,
    Declined,
    Cancelled,
}

/// Who made a request: an employee in Worknice, or payroll (leave keyed
/// in the payroll system, copied by the integration, approved already).
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveRequestSource {
    Employee,
    Payroll,
}

/// What payroll did with an approved request, as the integration says.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayrollLeaveStatus {
    /// Sent to payroll, waiting to be processed.
    Transferred,
    Processed,
    Declined,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SandboxLeaveRequest {
    pub id: String,
    pub person_id: String,
    pub employee_code: Option<String>,
    pub leave_type_id: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Hours asked for; `None`: whole days at the employee's usual hours.
    pub hours: Option<f64>,
    /// Part of one day (then `hours` says how much, when the employee said).
    pub part_day: bool,
    pub status: LeaveRequestStatus,
    pub payroll_status: Option<PayrollLeaveStatus>,
    pub payroll_message: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub source: LeaveRequestSource,
    /// The payroll system's id for leave that came from payroll, unique.
    pub external_id: Option<String>,
}

/// A request as an employee makes it (the controls' `POST /sandbox/leave-requests`).
#[derive(Debug, Clone)]
pub(crate) struct NewLeaveRequest {
    pub employee_code: String,
    /// The leave type's code or name, compared without regard to case.
    pub category: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub hours: Option<f64>,
    pub part_day: bool,
}

/// Why an approver's or employee's action cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LeaveActionRefused {
    NoSuchRequest,
    /// Already approved, declined or cancelled (its status now).
    AlreadyDecided(LeaveRequestStatus),
    /// The change itself is refused (a field, and why).
    Invalid(WriteError),
}

/// An employee's edit of an approved request (the controls'
/// `POST /sandbox/leave-requests/{id}/change`): what is `None` stays.
#[derive(Debug, Clone, Default)]
pub(crate) struct LeaveRequestChange {
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub hours: Option<f64>,
    /// A leave type's code or name, compared without regard to case.
    pub category: Option<String>,
}

/// The checks every new leave request passes, whoever makes it.
pub(super) fn check_dates_and_hours(
    start_date: NaiveDate,
    end_date: NaiveDate,
    hours: Option<f64>,
) -> Result<(), WriteError> {
    if end_date < start_date {
        return Err(invalid("endDate", "The leave ends before it starts."));
    }
    if hours.is_some_and(|hours| !(hours > 0.0 && hours.is_finite())) {
        return Err(invalid("hours", "Hours must be more than 0."));
    }
    Ok(())
}

impl WorkniceState {
    /// The id of the leave type whose code or name is `category` (any
    /// case), or the refusal naming it.
    fn leave_type_id_by_code_or_name(&self, category: &str) -> Result<String, WriteError> {
        let key = code_key(category);
        self.leave_types
            .iter()
            .find(|t| code_key(&t.code) == key || code_key(&t.name) == key)
            .map(|t| t.id.clone())
            .ok_or_else(|| {
                invalid(
                    "category",
                    format!("No leave type has the code or name '{category}'."),
                )
            })
    }

    pub(crate) fn create_leave_request(
        &mut self,
        request: NewLeaveRequest,
    ) -> Result<SandboxLeaveRequest, WriteError> {
        let person = self
            .person_by_employee_code(&request.employee_code)
            .ok_or_else(|| {
                invalid(
                    "employeeCode",
                    format!("No person has employee code '{}'.", request.employee_code),
                )
            })?;
        let (person_id, employee_code) = (person.id.clone(), person.employee_code.clone());
        let leave_type_id = self.leave_type_id_by_code_or_name(&request.category)?;
        if let Some(hidden) = self
            .leave_types
            .iter()
            .find(|t| t.id == leave_type_id && !t.offered)
        {
            return Err(invalid(
                "category",
                format!(
                    "Employees can't request {}: it isn't offered to them.",
                    hidden.name
                ),
            ));
        }
        check_dates_and_hours(request.start_date, request.end_date, request.hours)?;
        if request.part_day && request.end_date != request.start_date {
            return Err(invalid("partDay", "A part-day is one day."));
        }
        let created = SandboxLeaveRequest {
            id: seed::id_from(&mut self.id_rng),
            person_id,
            employee_code,
            leave_type_id,
            start_date: request.start_date,
            end_date: request.end_date,
            hours: request.hours,
            part_day: request.part_day,
            status: LeaveRequestStatus::Submitted,
            payroll_status: None,
            payroll_message: None,
            updated_at: self.stamp(),
            source: LeaveRequestSource::Employee,
            external_id: None,
        };
        self.leave_requests.push(created.clone());
        Ok(created)
    }

    /// An approver approves or declines a submitted request; the employee
    /// cancels a submitted or approved one.
    pub(crate) fn decide_leave_request(
        &mut self,
        id: &str,
        decision: LeaveRequestStatus,
    ) -> Result<SandboxLeaveRequest, LeaveActionRefused> {
        let stamp = self.stamp();
        let request = self
            .leave_requests
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or(LeaveActionRefused::NoSuchRequest)?;
        let allowed = match decision {
            LeaveRequestStatus::Cancelled => matches!(
                request.status,
                LeaveRequestStatus::Submitted | LeaveRequestStatus::Approved
            ),
            _ => request.status == LeaveRequestStatus::Submitted,
        };
        if !allowed {
            return Err(LeaveActionRefused::AlreadyDecided(request.status));
        }
        request.status = decision;
        request.updated_at = stamp;
        Ok(request.clone())
    }

    /// The employee edits an approved request in Worknice: it stays
    /// approved, with new dates, hours or type (and a new `updated_at`).
    pub(crate) fn change_leave_request(
        &mut self,
        id: &str,
        change: LeaveRequestChange,
    ) -> Result<SandboxLeaveRequest, LeaveActionRefused> {
        let index = self
            .leave_requests
            .iter()
            .position(|r| r.id == id)
            .ok_or(LeaveActionRefused::NoSuchRequest)?;
        let current = self.leave_requests[index].clone();
        if current.status != LeaveRequestStatus::Approved {
            return Err(LeaveActionRefused::AlreadyDecided(current.status));
        }
        let leave_type_id = match &change.category {
            None => current.leave_type_id.clone(),
            Some(category) => self
                .leave_type_id_by_code_or_name(category)
                .map_err(LeaveActionRefused::Invalid)?,
        };
        let start_date = change.start_date.unwrap_or(current.start_date);
        let end_date = change.end_date.unwrap_or(current.end_date);
        let hours = change.hours.or(current.hours);
        check_dates_and_hours(start_date, end_date, hours).map_err(LeaveActionRefused::Invalid)?;
        if current.part_day && end_date != start_date {
            return Err(LeaveActionRefused::Invalid(invalid(
                "endDate",
                "A part-day is one day.",
            )));
        }
        let stamp = self.stamp();
        let request = &mut self.leave_requests[index];
        request.leave_type_id = leave_type_id;
        request.start_date = start_date;
        request.end_date = end_date;
        request.hours = hours;
        request.updated_at = stamp;
        Ok(request.clone())
    }

    /// The integration's word on what payroll did; setting what is there
    /// already changes nothing (not even `updated_at`). `None`: no such id.
    pub(crate) fn set_leave_request_payroll_status(
        &mut self,
        id: &str,
        status: PayrollLeaveStatus,
        message: Option<String>,
    ) -> Option<SandboxLeaveRequest> {
        let message = message
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        let index = self.leave_requests.iter().position(|r| r.id == id)?;
        let unchanged = {
            let request = &self.leave_requests[index];
            request.payroll_status == Some(status) && request.payroll_message == message
        };
        if !unchanged {
            let stamp = self.stamp();
            let request = &mut self.leave_requests[index];
            request.payroll_status = Some(status);
            request.payroll_message = message;
            request.updated_at = stamp;
        }
        Some(self.leave_requests[index].clone())
    }
}

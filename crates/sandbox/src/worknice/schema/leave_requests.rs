//! Leave requests. Inferred as a whole (Worknice publishes no leave
//! schema): `org.leaveRequestsPage` (by status, changed since a time, in
//! pages) and `setLeaveRequestPayrollStatus`, see `leave_requests.rs`;
//! leave that came from payroll (`createPayrollLeaveRequest`,
//! `leaveRequestByExternalId`, `setPayrollLeaveRequestStatus`), see
//! `leave_from_payroll.rs`.

use async_graphql::{InputObject, SimpleObject, ID};
use chrono::{DateTime, SecondsFormat, Utc};

use super::super::leave_from_payroll::NewPayrollLeaveRequest;
use super::super::leave_requests::{
    LeaveRequestSource, LeaveRequestStatus, PayrollLeaveStatus, SandboxLeaveRequest,
};
use super::super::writes::WriteError;
use super::super::WorkniceState;
use super::{bad_input, format_date, LeaveType};

/// The most requests one page holds.
pub const MAX_LEAVE_REQUESTS_PAGE: usize = 1000;

/// Inferred. One employee's request for leave of one type.
#[derive(SimpleObject, Debug)]
pub struct LeaveRequest {
    id: ID,
    person_id: ID,
    employee_code: Option<String>,
    /// Null if the type has since been removed.
    leave_type: Option<LeaveType>,
    /// `YYYY-MM-DD`, both days included.
    start_date: String,
    end_date: String,
    /// Hours asked for; null for whole days at the employee's usual hours.
    hours: Option<f64>,
    /// Part of one day.
    part_day: bool,
    status: LeaveRequestStatus,
    /// What payroll did with it, as the integration last said.
    payroll_status: Option<PayrollLeaveStatus>,
    /// Payroll's message (why it was declined, for instance).
    payroll_message: Option<String>,
    /// RFC 3339, UTC; changes with every change to the request.
    updated_at: String,
    /// An employee made it in Worknice, or it came from payroll.
    source: LeaveRequestSource,
    /// The payroll system's id for leave that came from payroll.
    external_id: Option<String>,
}

/// Inferred. Leave keyed in payroll, for a person: approved already.
#[derive(InputObject, Debug)]
pub struct CreatePayrollLeaveRequestInput {
    pub person_id: ID,
    pub leave_type_id: ID,
    /// `YYYY-MM-DD`, both days included.
    pub start_date: String,
    pub end_date: String,
    /// Hours in all; null for whole days at the employee's usual hours.
    pub hours: Option<f64>,
    /// The payroll system's id for it: unique, so a lost answer can be
    /// looked up with `leaveRequestByExternalId`.
    pub external_id: String,
}

impl CreatePayrollLeaveRequestInput {
    pub(super) fn into_new(self) -> Result<NewPayrollLeaveRequest, WriteError> {
        let start_date = super::date("startDate", Some(self.start_date))?;
        let end_date = super::date("endDate", Some(self.end_date))?;
        let (Some(start_date), Some(end_date)) = (start_date, end_date) else {
            return Err(super::super::checks::invalid(
                "startDate",
                "Both dates are required.",
            ));
        };
        Ok(NewPayrollLeaveRequest {
            person_id: self.person_id.to_string(),
            leave_type_id: self.leave_type_id.to_string(),
            start_date,
            end_date,
            hours: self.hours,
            external_id: self.external_id,
        })
    }
}

impl LeaveRequest {
    pub(super) fn new(state: &WorkniceState, request: &SandboxLeaveRequest) -> Self {
        Self {
            id: ID(request.id.clone()),
            person_id: ID(request.person_id.clone()),
            employee_code: request.employee_code.clone(),
            leave_type: state
                .leave_types
                .iter()
                .find(|t| t.id == request.leave_type_id)
                .map(LeaveType::from),
            start_date: format_date(request.start_date),
            end_date: format_date(request.end_date),
            hours: request.hours,
            part_day: request.part_day,
            status: request.status,
            payroll_status: request.payroll_status,
            payroll_message: request.payroll_message.clone(),
            updated_at: request
                .updated_at
                .to_rfc3339_opts(SecondsFormat::AutoSi, true),
            source: request.source,
            external_id: request.external_id.clone(),
        }
    }
}

/// Inferred. A page of leave requests, oldest change first.
#[derive(SimpleObject, Debug)]
pub struct LeaveRequestsPage {
    requests: Vec<LeaveRequest>,
    /// Pass as `after` for the next page; null on the last.
    next_cursor: Option<String>,
    total_count: u64,
}

/// The requests with one of `statuses` (any, when absent) changed at or
/// after `updated_since`, oldest change first, `first` from `after`.
pub(super) fn page(
    state: &WorkniceState,
    statuses: Option<Vec<LeaveRequestStatus>>,
    updated_since: Option<String>,
    first: i32,
    after: Option<String>,
) -> async_graphql::Result<LeaveRequestsPage> {
    let first = usize::try_from(first)
        .ok()
        .filter(|first| (1..=MAX_LEAVE_REQUESTS_PAGE).contains(first))
        .ok_or_else(|| bad_input("first", "A page holds 1 to 1000 leave requests."))?;
    let since = updated_since
        .map(|text| {
            DateTime::parse_from_rfc3339(text.trim())
                .map(|at| at.with_timezone(&Utc))
                .map_err(|_| bad_input("updatedSince", "It must be an RFC 3339 time."))
        })
        .transpose()?;
    let start = match after.as_deref() {
        None => 0,
        Some(cursor) => cursor
            .parse::<usize>()
            .map_err(|_| bad_input("after", "That is not a cursor this server gave."))?,
    };
    let mut listed: Vec<&SandboxLeaveRequest> = state
        .leave_requests
        .iter()
        .filter(|r| {
            statuses
                .as_ref()
                .is_none_or(|wanted| wanted.contains(&r.status))
        })
        .filter(|r| since.is_none_or(|since| r.updated_at >= since))
        .collect();
    listed.sort_by(|a, b| (a.updated_at, &a.id).cmp(&(b.updated_at, &b.id)));
    let requests = listed
        .iter()
        .skip(start)
        .take(first)
        .map(|request| LeaveRequest::new(state, request))
        .collect();
    let end = start.saturating_add(first);
    Ok(LeaveRequestsPage {
        requests,
        next_cursor: (end < listed.len()).then(|| end.to_string()),
        total_count: listed.len() as u64,
    })
}

//! `POST api/LeaveApplication` (Add only, as the reference says), the
//! documented list `GET api/LeaveApplication?fromId&toId&page&pageSize` and
//! `GET api/LeaveApplication/{id}`. An application is checked as payroll
//! would check it (the employee, the leave type and codes, the dates, hours
//! or sessions), then kept through its lifecycle: received, then processed
//! or declined by a payroll user (`leave_controls.rs`). Like change requests
//! they are kept in MicrOpay's cloud, so they are taken while the payroll
//! server is off. A second identical application is accepted, as MicrOpay
//! would: not sending one twice is the client's job. See WIRE.md "Leave
//! applications" for what is documented and what inferred.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Map, Value};

use super::edits::{lower_keys, Problem, Reader, EMP_CODE_LIMIT};
use super::{vendor_errors, wire, MicropayState};
use crate::dataset::{SeedEmployee, SeedLookup};

type Shared = Arc<MicropayState>;

/// The `LeaveType` values, spelled as the reference lists them.
pub(crate) const LEAVE_TYPES: [&str; 4] = [
    "SickLeave",
    "AnnualLeave",
    "LongServiceLeave",
    "UserDefinedLeave",
];

/// Where payroll is with an application. INFERRED: the reference lists no
/// `ChangeStatus` values for leave; these follow the change requests'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveApplicationState {
    /// Waiting in Leave Processing.
    Received,
    /// Processed into a pay by a payroll user.
    Processed,
    /// Declined by a payroll user, with their message.
    Declined,
}

impl LeaveApplicationState {
    fn change_status(self) -> &'static str {
        match self {
            Self::Received => "Received",
            Self::Processed => "Implemented",
            Self::Declined => "Rejected",
        }
    }
}

/// One leave application as the sandbox keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxLeaveApplication {
    pub id: i64,
    pub emp_code: String,
    pub leave_type: String,
    pub leave_code: Option<String>,
    pub leave_reason: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub is_hour_application: bool,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub start_session: Option<u8>,
    pub end_session: Option<u8>,
    /// `Override`: true for `LeaveHours` to count.
    pub hours_override: bool,
    pub leave_hours: Option<f64>,
    /// `LeaveStatus` as sent (Applied, Approved, …).
    pub leave_status: String,
    pub state: LeaveApplicationState,
    /// Payroll's message when it declined.
    pub message: Option<String>,
    pub received_at: NaiveDateTime,
}

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/LeaveApplication", get(list).post(submit))
        .route("/api/LeaveApplication/{id}", get(one))
}

/// `LeaveApplicationView` as the API answers it.
pub(super) fn view(application: &SandboxLeaveApplication) -> Value {
    json!({
        "leaveApplicationId": application.id,
        "changeType": "Add",
        "changeStatus": application.state.change_status(),
        "empCode": application.emp_code,
        "startDate": wire::date(application.start_date),
        "endDate": wire::date(application.end_date),
        "isHourApplication": application.is_hour_application,
        "startTime": application.start_time,
        "endTime": application.end_time,
        "startSession": application.start_session,
        "endSession": application.end_session,
        "leaveStatus": match application.state {
            LeaveApplicationState::Declined => "Declined",
            _ => application.leave_status.as_str(),
        },
        "leaveType": application.leave_type,
        "leaveReason": application.leave_reason,
        "leaveCode": application.leave_code,
        "override": application.hours_override,
        "leaveHours": application.leave_hours,
        "errorMessage": application.message,
    })
}

async fn submit(State(state): State<Shared>, body: Bytes) -> Response {
    let map = match serde_json::from_slice::<Value>(&body).map(lower_keys) {
        Ok(Value::Object(map)) => map,
        _ => return vendor_errors::bad_request("The body must be a LeaveApplicationView as JSON."),
    };
    let now = state.clock.now();
    let employee = {
        let payroll = state.payroll();
        let emp_code = map.get("empcode").and_then(Value::as_str).unwrap_or("");
        payroll
            .employees
            .iter()
            .find(|e| !e.emp_code.is_empty() && e.emp_code.eq_ignore_ascii_case(emp_code.trim()))
            .cloned()
    };
    let mut applications = super::payroll::lock(&state.leave_applications);
    let id = i64::try_from(applications.len()).unwrap_or(i64::MAX - 1) + 1;
    match read_application(&map, employee.as_ref(), &state.lookups, id, now) {
        Ok(application) => {
            let answer = view(&application);
            applications.push(application);
            Json(answer).into_response()
        }
        Err(problems) => vendor_errors::invalid_model("leaveApplication", &problems),
    }
}

/// The application `map` asks for, or every reason payroll would refuse it.
/// `employee` is the one its EmpCode names, if payroll has them.
pub(super) fn read_application(
    map: &Map<String, Value>,
    employee: Option<&SeedEmployee>,
    lookups: &[SeedLookup],
    id: i64,
    now: NaiveDateTime,
) -> Result<SandboxLeaveApplication, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut reader = Reader::new(map, "", &mut problems);
    let change_type = reader.text("ChangeType").unwrap_or_default();
    let emp_code = reader.text("EmpCode").unwrap_or_default();
    let leave_type = reader.text("LeaveType").unwrap_or_default();
    let leave_code = reader.text("LeaveCode").filter(|code| !code.is_empty());
    let leave_reason = reader.text("LeaveReason").unwrap_or_default();
    let start_date = reader.date("StartDate");
    let end_date = reader.date("EndDate");
    let is_hour_application = reader
        .flag("IsHourApplication", &["IsHourApplication"])
        .unwrap_or(false);
    let start_time = reader.text("StartTime").filter(|t| !t.is_empty());
    let end_time = reader.text("EndTime").filter(|t| !t.is_empty());
    let start_session = reader.number("StartSession");
    let end_session = reader.number("EndSession");
    let hours_override = reader.flag("Override", &["Override"]).unwrap_or(false);
    let leave_hours = reader.number("LeaveHours");
    let leave_status = reader
        .text("LeaveStatus")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Applied".to_owned());
    let mut refuse = |field: &str, message: String| problems.push(Problem::new(field, message));

    if !change_type.eq_ignore_ascii_case("Add") {
        refuse(
            "ChangeType",
            "Only Add (Insert) is currently supported for a leave application.".to_owned(),
        );
    }
    if emp_code.is_empty() {
        refuse("EmpCode", "The EmpCode field is required.".to_owned());
    } else if emp_code.chars().count() > EMP_CODE_LIMIT {
        refuse(
            "EmpCode",
            format!("EmpCode is longer than the maximum of {EMP_CODE_LIMIT} characters."),
        );
    } else if employee.is_none() {
        refuse("EmpCode", format!("No employee has EmpCode '{emp_code}'."));
    }
    if !LEAVE_TYPES.contains(&leave_type.as_str()) {
        refuse(
            "LeaveType",
            format!("LeaveType must be one of {}.", LEAVE_TYPES.join(", ")),
        );
    }
    let has_lookup = |lookup_type: &str, code: &str, active_only: bool| {
        lookups.iter().any(|l| {
            l.lookup_type == lookup_type
                && l.code.eq_ignore_ascii_case(code)
                && (l.active || !active_only)
        })
    };
    if leave_type == "UserDefinedLeave" {
        match &leave_code {
            None => refuse(
                "LeaveCode",
                "A UserDefinedLeave application needs the LeaveCode of its User Defined Leave class."
                    .to_owned(),
            ),
            Some(code) if !has_lookup("UserDefinedLeave", code, false) => refuse(
                "LeaveCode",
                format!("No User Defined Leave class has code '{code}'."),
            ),
            Some(code) if !has_lookup("UserDefinedLeave", code, true) => refuse(
                "LeaveCode",
                format!("User Defined Leave class '{code}' is inactive."),
            ),
            Some(_) => {}
        }
    }
    if leave_reason.is_empty() {
        refuse(
            "LeaveReason",
            "The LeaveReason field is required.".to_owned(),
        );
    } else if !has_lookup("LeaveReason", &leave_reason, true) {
        refuse(
            "LeaveReason",
            format!("No Leave Reason has code '{leave_reason}'."),
        );
    }
    let dates = match (start_date, end_date) {
        (Some(start), Some(end)) if end < start => {
            refuse("EndDate", "EndDate is before StartDate.".to_owned());
            None
        }
        (Some(start), Some(end)) => Some((start, end)),
        (start, end) => {
            for (field, date) in [("StartDate", start), ("EndDate", end)] {
                let absent = map
                    .get(&field.to_ascii_lowercase())
                    .is_none_or(Value::is_null);
                if date.is_none() && absent {
                    refuse(field, format!("The {field} field is required."));
                }
            }
            None
        }
    };
    if let (Some((start, end)), Some(employee)) = (dates, employee) {
        if start < employee.hired_date {
            refuse(
                "StartDate",
                format!(
                    "The leave starts before the employee's hired date ({}).",
                    wire::date(employee.hired_date)
                ),
            );
        }
        if let Some(left) = employee.termination_date.filter(|left| end > *left) {
            refuse(
                "EndDate",
                format!(
                    "The leave ends after the employee's termination date ({}).",
                    wire::date(left)
                ),
            );
        }
    }
    if is_hour_application && (start_time.is_none() || end_time.is_none()) {
        refuse(
            "StartTime",
            "An hourly application (IsHourApplication) needs StartTime and EndTime.".to_owned(),
        );
    }
    let session = |value: Option<f64>| {
        value.map(|v| {
            if v == 1.0 {
                Some(1)
            } else if v == 2.0 {
                Some(2)
            } else {
                None
            }
        })
    };
    let (start_session, end_session) = (session(start_session), session(end_session));
    for (field, value) in [("StartSession", start_session), ("EndSession", end_session)] {
        if value == Some(None) {
            refuse(field, format!("{field} must be 1 or 2."));
        }
    }
    match (hours_override, leave_hours) {
        (true, None) => refuse(
            "LeaveHours",
            "LeaveHours is required when Override is true.".to_owned(),
        ),
        (true, Some(hours)) if !(hours > 0.0 && hours <= 24.0 * 366.0) => {
            refuse("LeaveHours", "LeaveHours must be more than 0.".to_owned())
        }
        (false, Some(_)) => refuse(
            "Override",
            "Override must be true for LeaveHours to be accepted.".to_owned(),
        ),
        _ => {}
    }
    let Some((start_date, end_date)) = dates.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    Ok(SandboxLeaveApplication {
        id,
        emp_code,
        leave_type,
        leave_code,
        leave_reason,
        start_date,
        end_date,
        is_hour_application,
        start_time,
        end_time,
        start_session: start_session.flatten(),
        end_session: end_session.flatten(),
        hours_override,
        leave_hours,
        leave_status,
        state: LeaveApplicationState::Received,
        message: None,
        received_at: now,
    })
}

/// `fromId` and `toId` are required, as the reference marks them; the
/// applications with ids between them (both included), paged.
async fn list(State(state): State<Shared>, Query(raw): Query<HashMap<String, String>>) -> Response {
    let params: HashMap<String, String> = raw
        .into_iter()
        .map(|(key, value)| (key.to_ascii_lowercase(), value))
        .collect();
    let number = |name: &str, default: Option<i64>| -> Result<i64, String> {
        match params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => default.ok_or_else(|| format!("{name} is mandatory")),
            Some(text) => text
                .parse::<i64>()
                .map_err(|_| format!("{name} must be a whole number")),
        }
    };
    let read = (|| {
        Ok::<_, String>((
            number("fromid", None)?,
            number("toid", None)?,
            number("page", Some(1))?.max(1),
            number("pagesize", Some(1000))?.max(1),
        ))
    })();
    let (from_id, to_id, page, page_size) = match read {
        Ok(read) => read,
        Err(detail) => return vendor_errors::bad_request(&detail),
    };
    let applications = super::payroll::lock(&state.leave_applications);
    let matching: Vec<&SandboxLeaveApplication> = applications
        .iter()
        .filter(|a| a.id >= from_id && a.id <= to_id)
        .collect();
    let (page, page_size) = (
        usize::try_from(page).unwrap_or(1),
        usize::try_from(page_size).unwrap_or(1000),
    );
    super::routes::paged_as(&matching, page, page_size, |a| view(a))
}

async fn one(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let applications = super::payroll::lock(&state.leave_applications);
    match id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| applications.iter().find(|a| a.id == id))
    {
        Some(application) => Json(view(application)).into_response(),
        None => vendor_errors::leave_application_not_found(&id),
    }
}

#[cfg(test)]
#[path = "leave_applications_tests.rs"]
mod tests;

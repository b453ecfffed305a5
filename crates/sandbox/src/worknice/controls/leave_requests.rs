//! The employee's and approver's hand on leave requests:
//!
//! - `POST /sandbox/leave-requests` with `{"employeeCode", "category" (a
//!   leave type's code or name), "startDate", "endDate", "hours"?,
//!   "partDay"?}`: a request as the employee makes it, submitted; answers
//!   with its `id` (and the rest of it).
//! - `POST /sandbox/leave-requests/{id}/approve|decline`: an approver's
//!   decision on a submitted request; `…/cancel`: the employee withdraws a
//!   submitted or approved one. 409 when it is past that.
//! - `POST /sandbox/leave-requests/{id}/change` with `{"startDate"?,
//!   "endDate"?, "hours"?, "category"?}`: the employee edits an approved
//!   request (it stays approved). 404 for an unknown id, 409 when it is not
//!   approved, 400 naming the field when the change is refused.
//! - `GET /sandbox/leave-requests`: every request, in the order made.
//! - `GET /sandbox/calendar?viewer=<person id>|approver`: the shared leave
//!   calendar as that person (or an approver) sees it: a private type's
//!   leave is "On leave" to anyone but the employee and approvers.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::super::calendar::{shared_calendar, CalendarViewer};
use super::super::leave_requests::{
    LeaveActionRefused, LeaveRequestChange, LeaveRequestStatus, NewLeaveRequest,
    SandboxLeaveRequest,
};
use super::super::{read, write, SharedState, WorkniceState};
use super::{parse, refuse, refused_write, Refusal};

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/sandbox/leave-requests", get(list).post(create))
        .route("/sandbox/leave-requests/{id}/approve", post(approve))
        .route("/sandbox/leave-requests/{id}/decline", post(decline))
        .route("/sandbox/leave-requests/{id}/cancel", post(cancel))
        .route("/sandbox/leave-requests/{id}/change", post(change))
        .route("/sandbox/calendar", get(calendar))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CreateBody {
    employee_code: String,
    category: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    hours: Option<f64>,
    #[serde(default)]
    part_day: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChangeBody {
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    hours: Option<f64>,
    category: Option<String>,
}

/// A request as the controls show it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LeaveRequestView {
    id: String,
    person_id: String,
    employee_code: Option<String>,
    leave_type_code: Option<String>,
    private: bool,
    start_date: NaiveDate,
    end_date: NaiveDate,
    hours: Option<f64>,
    part_day: bool,
    /// `SUBMITTED`, `APPROVED`, `DECLINED` or `CANCELLED`.
    status: &'static str,
    /// `TRANSFERRED`, `PROCESSED` or `DECLINED`, once the integration said.
    payroll_status: Option<&'static str>,
    payroll_message: Option<String>,
    updated_at: String,
}

fn view(state: &WorkniceState, request: &SandboxLeaveRequest) -> LeaveRequestView {
    use super::super::leave_requests::PayrollLeaveStatus as Payroll;
    let leave_type = state
        .leave_types
        .iter()
        .find(|t| t.id == request.leave_type_id);
    LeaveRequestView {
        id: request.id.clone(),
        person_id: request.person_id.clone(),
        employee_code: request.employee_code.clone(),
        leave_type_code: leave_type.map(|t| t.code.clone()),
        private: leave_type.is_some_and(|t| t.private),
        start_date: request.start_date,
        end_date: request.end_date,
        hours: request.hours,
        part_day: request.part_day,
        status: match request.status {
            LeaveRequestStatus::Submitted => "SUBMITTED",
            LeaveRequestStatus::Approved => "APPROVED",
            LeaveRequestStatus::Declined => "DECLINED",
            LeaveRequestStatus::Cancelled => "CANCELLED",
        },
        payroll_status: request.payroll_status.map(|status| match status {
            Payroll::Transferred => "TRANSFERRED",
            Payroll::Processed => "PROCESSED",
            Payroll::Declined => "DECLINED",
        }),
        payroll_message: request.payroll_message.clone(),
        updated_at: request.updated_at.to_rfc3339(),
    }
}

async fn list(State(state): State<SharedState>) -> Response {
    let state = read(&state);
    let all: Vec<LeaveRequestView> = state
        .leave_requests
        .iter()
        .map(|request| view(&state, request))
        .collect();
    Json(all).into_response()
}

#[derive(Deserialize)]
struct CalendarQuery {
    viewer: String,
}

async fn calendar(
    State(state): State<SharedState>,
    Query(query): Query<CalendarQuery>,
) -> Result<Response, Refusal> {
    let state = read(&state);
    let viewer = if query.viewer == "approver" {
        CalendarViewer::Approver
    } else if state.by_id.contains_key(&query.viewer) {
        CalendarViewer::Person(&query.viewer)
    } else {
        let message = format!(
            "No person has id {}; viewer is a person's id or \"approver\".",
            query.viewer
        );
        return Err(refuse(StatusCode::NOT_FOUND, Some("viewer"), &message));
    };
    Ok(Json(shared_calendar(&state, viewer)).into_response())
}

async fn create(State(state): State<SharedState>, body: Bytes) -> Result<Response, Refusal> {
    let body: CreateBody = parse(&body, "leave request")?;
    let mut state = write(&state);
    let created = state
        .create_leave_request(NewLeaveRequest {
            employee_code: body.employee_code,
            category: body.category,
            start_date: body.start_date,
            end_date: body.end_date,
            hours: body.hours,
            part_day: body.part_day,
        })
        .map_err(refused_write)?;
    Ok((StatusCode::CREATED, Json(view(&state, &created))).into_response())
}

async fn approve(state: State<SharedState>, id: Path<String>) -> Result<Response, Refusal> {
    decide(state, id, LeaveRequestStatus::Approved)
}

async fn decline(state: State<SharedState>, id: Path<String>) -> Result<Response, Refusal> {
    decide(state, id, LeaveRequestStatus::Declined)
}

async fn cancel(state: State<SharedState>, id: Path<String>) -> Result<Response, Refusal> {
    decide(state, id, LeaveRequestStatus::Cancelled)
}

async fn change(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let body: ChangeBody = parse(&body, "leave request change")?;
    let mut state = write(&state);
    let changed = state.change_leave_request(
        &id,
        LeaveRequestChange {
            start_date: body.start_date,
            end_date: body.end_date,
            hours: body.hours,
            category: body.category,
        },
    );
    answer(&state, &id, changed)
}

fn decide(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    decision: LeaveRequestStatus,
) -> Result<Response, Refusal> {
    let mut state = write(&state);
    let decided = state.decide_leave_request(&id, decision);
    answer(&state, &id, decided)
}

fn answer(
    state: &WorkniceState,
    id: &str,
    result: Result<SandboxLeaveRequest, LeaveActionRefused>,
) -> Result<Response, Refusal> {
    match result {
        Ok(decided) => Ok(Json(view(state, &decided)).into_response()),
        Err(LeaveActionRefused::Invalid(error)) => Err(refused_write(error)),
        Err(LeaveActionRefused::NoSuchRequest) => Err(refuse(
            StatusCode::NOT_FOUND,
            None,
            &format!("There is no leave request {id}."),
        )),
        Err(LeaveActionRefused::AlreadyDecided(status)) => Err(refuse(
            StatusCode::CONFLICT,
            None,
            &format!("Leave request {id} is {status:?} already; it cannot be changed that way."),
        )),
    }
}

//! Payroll's hand on leave applications, under `/sandbox/` (served with the
//! other controls, loopback only, no faults):
//!
//! - `GET /sandbox/leave-applications`: every application received, as
//!   `LeaveApplicationView`s, in id order.
//! - `POST /sandbox/leave-applications` with `{"empCode", "leaveType",
//!   "leaveCode"?, "startDate", "endDate", "hours"?}`: a payroll user keys
//!   leave in MicrOpay directly (approved, with the first active leave
//!   reason; `hours` as an override). Checked as the API checks an
//!   application (400 with the problems otherwise); answers its
//!   `LeaveApplicationView`, whose `leaveApplicationId` is its id. It is in
//!   the documented `LeaveApplication` list like any other.
//! - `POST /sandbox/leave-applications/{id}/cancel`: a payroll user cancels
//!   it (`LeaveStatus` Cancelled); a declined or cancelled one: 409.
//! - `POST /sandbox/leave-applications/{id}/process`: a payroll user
//!   processes it into a pay (Leave Processing): its hours come off the
//!   employee's balance of its category (`leave_hours.rs` says how many).
//! - `POST /sandbox/leave-applications/{id}/decline` with an optional
//!   `{"message": "…"}`: a payroll user declines it, saying why (the
//!   balance stays as it was).
//!
//! Only a received application can be processed or declined (409 otherwise).
//! Entering and cancelling are in `leave_entry.rs`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use super::controls::refuse;
use super::leave_applications::{view, LeaveApplicationState, SandboxLeaveApplication};
use super::MicropayState;

type Shared = Arc<MicropayState>;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/sandbox/leave-applications",
            get(list).post(super::leave_entry::enter),
        )
        .route(
            "/sandbox/leave-applications/{id}/cancel",
            post(super::leave_entry::cancel),
        )
        .route("/sandbox/leave-applications/{id}/process", post(process))
        .route("/sandbox/leave-applications/{id}/decline", post(decline))
}

async fn list(State(state): State<Shared>) -> Response {
    let applications = super::payroll::lock(&state.leave_applications);
    let all: Vec<Value> = applications.iter().map(view).collect();
    Json(all).into_response()
}

async fn process(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    // The payroll lock before the applications', as every handler takes
    // them, so the state and the balance change together.
    let mut payroll = state.payroll();
    decide(
        &state,
        &id,
        LeaveApplicationState::Processed,
        None,
        |application| {
            state
                .leave_balances
                .take_processed(&mut payroll.employees, application)
        },
    )
}

async fn decline(State(state): State<Shared>, Path(id): Path<String>, body: Bytes) -> Response {
    let message = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(map)) if map.keys().all(|key| key == "message") => map
                .get("message")
                .and_then(Value::as_str)
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty()),
            _ => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "The body must be {\"message\": \"…\"} or empty.",
                )
            }
        }
    };
    decide(
        &state,
        &id,
        LeaveApplicationState::Declined,
        message,
        |_| {},
    )
}

/// Decides a received application; `then` does what the decision does to
/// the rest of payroll.
fn decide(
    state: &MicropayState,
    id: &str,
    decision: LeaveApplicationState,
    message: Option<String>,
    then: impl FnOnce(&SandboxLeaveApplication),
) -> Response {
    with_application(state, id, |application| {
        if application.state != LeaveApplicationState::Received {
            return refuse(
                StatusCode::CONFLICT,
                format!(
                    "Leave application {} has already been decided.",
                    application.id
                ),
            );
        }
        application.state = decision;
        application.message = message;
        then(application);
        Json(view(application)).into_response()
    })
}

/// `change` on the application a control's path names (its id as text),
/// or the refusal a wrong or unknown id gets.
pub(super) fn with_application(
    state: &MicropayState,
    id: &str,
    change: impl FnOnce(&mut SandboxLeaveApplication) -> Response,
) -> Response {
    let Ok(number) = id.trim().parse::<i64>() else {
        return refuse(
            StatusCode::BAD_REQUEST,
            format!("'{id}' is not a leave application id (a whole number)."),
        );
    };
    let mut applications = super::payroll::lock(&state.leave_applications);
    match applications.iter_mut().find(|a| a.id == number) {
        Some(application) => change(application),
        None => refuse(
            StatusCode::NOT_FOUND,
            format!("There is no leave application {number}."),
        ),
    }
}

#[cfg(test)]
#[path = "leave_controls_tests.rs"]
mod tests;

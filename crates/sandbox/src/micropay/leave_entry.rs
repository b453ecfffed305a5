//! A payroll user keying leave in MicrOpay directly, and cancelling it (the
//! controls `POST /sandbox/leave-applications` and
//! `POST /sandbox/leave-applications/{id}/cancel`, see `leave_controls.rs`).
//! Entered leave is checked as `POST api/LeaveApplication` checks it and
//! kept with the applications the API received, so the documented list
//! shows it like any other.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::controls::{refuse, refuse_problems};
use super::edits::lower_keys;
use super::leave_applications::{read_application, view, LeaveApplicationState};
use super::MicropayState;

type Shared = Arc<MicropayState>;

const FIELDS: [&str; 6] = [
    "empCode",
    "leaveType",
    "leaveCode",
    "startDate",
    "endDate",
    "hours",
];

pub(super) async fn enter(State(state): State<Shared>, body: Bytes) -> Response {
    let map: Map<String, Value> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) if map.keys().all(|key| FIELDS.contains(&key.as_str())) => map,
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "The body must be {\"empCode\", \"leaveType\", \"leaveCode\"?, \"startDate\", \
                 \"endDate\", \"hours\"?}.",
            )
        }
    };
    let reason = state
        .lookups
        .iter()
        .find(|l| l.lookup_type == "LeaveReason" && l.active)
        .map(|l| l.code.clone())
        .unwrap_or_default();
    let hours = map.get("hours").filter(|hours| !hours.is_null());
    let mut application = json!({
        "ChangeType": "Add",
        "EmpCode": map.get("empCode"),
        "LeaveType": map.get("leaveType"),
        "LeaveCode": map.get("leaveCode"),
        "LeaveReason": reason,
        "StartDate": map.get("startDate"),
        "EndDate": map.get("endDate"),
        "LeaveStatus": "Approved",
    });
    if let Some(hours) = hours {
        application["Override"] = json!(true);
        application["LeaveHours"] = hours.clone();
    }
    let Value::Object(application) = lower_keys(application) else {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "Not an object.");
    };
    let employee = {
        let payroll = state.payroll();
        let emp_code = application
            .get("empcode")
            .and_then(Value::as_str)
            .unwrap_or("");
        payroll
            .employees
            .iter()
            .find(|e| !e.emp_code.is_empty() && e.emp_code.eq_ignore_ascii_case(emp_code.trim()))
            .cloned()
    };
    let now = state.clock.now();
    let mut applications = super::payroll::lock(&state.leave_applications);
    let id = i64::try_from(applications.len()).unwrap_or(i64::MAX - 1) + 1;
    match read_application(&application, employee.as_ref(), &state.lookups, id, now) {
        Ok(entered) => {
            let answer = view(&entered);
            applications.push(entered);
            Json(answer).into_response()
        }
        Err(problems) => refuse_problems(&problems),
    }
}

pub(super) async fn cancel(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    super::leave_controls::with_application(&state, &id, |application| {
        if application.state == LeaveApplicationState::Declined
            || application.leave_status.eq_ignore_ascii_case("Cancelled")
        {
            return refuse(
                StatusCode::CONFLICT,
                format!(
                    "Leave application {} is declined or cancelled already.",
                    application.id
                ),
            );
        }
        application.leave_status = "Cancelled".to_owned();
        Json(view(application)).into_response()
    })
}

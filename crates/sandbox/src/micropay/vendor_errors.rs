//! INFERRED: the error answers of MicrOpay's Web API, which its public
//! reference does not document. ASP.NET Web API style `{"message": ...}`
//! bodies; the client's `micropay/src/vendor_errors.rs` reads them. Keep
//! every guess here.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

fn answer(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({ "message": message }))).into_response()
}

/// Wrong or missing username/password (Basic auth).
pub(super) fn wrong_credentials() -> Response {
    let mut response = answer(
        StatusCode::UNAUTHORIZED,
        "Authorization has been denied for this request.",
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        header::HeaderValue::from_static("Basic realm=\"MicrOpay Web API\""),
    );
    response
}

/// Missing or unknown `Api-Key` header.
pub(super) fn unknown_api_key() -> Response {
    answer(
        StatusCode::UNAUTHORIZED,
        "The Api-Key supplied was not recognised.",
    )
}

/// The payroll database has no Web API licence.
pub(super) fn no_api_access() -> Response {
    answer(
        StatusCode::FORBIDDEN,
        "This payroll database is not licensed for the Access MicrOpay Web API. Contact Access Group to purchase it.",
    )
}

/// A live read that the payroll server did not answer.
pub(super) fn payroll_offline() -> Response {
    answer(
        StatusCode::GATEWAY_TIMEOUT,
        "The payroll server did not respond in time; it may be offline.",
    )
}

pub(super) fn employee_not_found(emp_code: &str) -> Response {
    answer(
        StatusCode::NOT_FOUND,
        &format!("No employee was found with EmpCode '{emp_code}'."),
    )
}

/// ASP.NET Web API's answer for a path the database does not serve (used
/// for the inferred leave balance endpoint when it is switched off).
pub(super) fn no_resource(path: &str) -> Response {
    answer(
        StatusCode::NOT_FOUND,
        &format!("No HTTP resource was found that matches the request URI '{path}'."),
    )
}

pub(super) fn lookup_not_found() -> Response {
    answer(
        StatusCode::NOT_FOUND,
        "No lookup was found for that type and code.",
    )
}

pub(super) fn bad_request(detail: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({ "message": "The request is invalid.", "messageDetail": detail })),
    )
        .into_response()
}

/// A `ChangeEmployee` the Web API refuses up front: ASP.NET Web API's
/// model-state shape, one list of messages per field (`changeEmployee.<Field>`).
pub(super) fn invalid_request(problems: &[super::edits::Problem]) -> Response {
    invalid_model("changeEmployee", problems)
}

/// Any view the Web API refuses up front, keyed `<model>.<Field>`.
pub(super) fn invalid_model(model: &str, problems: &[super::edits::Problem]) -> Response {
    let mut model_state = serde_json::Map::new();
    for problem in problems {
        let key = format!("{model}.{}", problem.field);
        let messages = model_state
            .entry(key)
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        if let serde_json::Value::Array(list) = messages {
            list.push(serde_json::Value::String(problem.message.clone()));
        }
    }
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({ "message": "The request is invalid.", "modelState": model_state })),
    )
        .into_response()
}

pub(super) fn change_request_not_found(id: &str) -> Response {
    answer(
        StatusCode::NOT_FOUND,
        &format!("No ChangeEmployee request was found with ChangeEmployeeId {id}."),
    )
}

pub(super) fn leave_application_not_found(id: &str) -> Response {
    answer(
        StatusCode::NOT_FOUND,
        &format!("No LeaveApplication request was found with LeaveApplicationId {id}."),
    )
}

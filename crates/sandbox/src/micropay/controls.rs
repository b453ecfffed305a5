//! Payroll's own hand, over HTTP under `/sandbox/` on the MicrOpay
//! sandbox's port: no auth, loopback only, no faults. Tests, demos and the
//! Payroll desk drive the change-request loop with these (README "Sandbox
//! controls"). Errors are `{"error": "..."}` with a 4xx status.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::edits::{lower_keys, EmployeeEdit, Problem, EMP_CODE_LIMIT};
use super::payroll::{ActionRefused, ChangeRequest};
use super::{wire, MicropayState};

type Shared = Arc<MicropayState>;

/// EmployeeView's fields, camelCase as `api/EmployeeDetails` sends them,
/// that payroll may edit. `employeeDetail`, `employeeBanks` and
/// `employeeSupers` take the fields listed for them.
const EMPLOYEE_FIELDS: &[&str] = &[
    "surname",
    "firstName",
    "middleName",
    "preferredName",
    "title",
    "gender",
    "dateOfBirth",
    "hiredDate",
    "terminationDate",
    "street",
    "suburbCity",
    "state",
    "postcode",
    "email",
    "mobilePhone",
    "location",
    "payrollCompany",
    "payFrequency",
    "payPoint",
    "employeeDetail",
    "employeeBanks",
    "employeeSupers",
];
const DETAIL_FIELDS: &[&str] = &[
    "tfn",
    "basisOfPayment",
    "isAustralianResident",
    "isWorkingHolidayMaker",
    "taxFreeThreshold",
    "hecs",
];
const BANK_FIELDS: &[&str] = &[
    "bsbCode",
    "accountNumber",
    "accountName",
    "bankName",
    "payAmount",
    "balanceOfPay",
    "order",
];
const SUPER_FIELDS: &[&str] = &[
    "fundCode",
    "dateJoined",
    "membershipNumber",
    "contributionType",
    "contributionCode",
    "contributionPercentage",
];

pub(super) fn router(state: Shared) -> Router {
    Router::new()
        .route("/sandbox/requests", get(list_requests))
        .route("/sandbox/requests/{id}/accept", post(accept))
        .route("/sandbox/requests/{id}/reject", post(reject))
        .route("/sandbox/employees/{emp_code}", post(edit_employee))
        .route(
            "/sandbox/employees/{emp_code}/delete",
            post(delete_employee),
        )
        .route(
            "/sandbox/employees/{emp_code}/terminate",
            post(terminate_employee),
        )
        .merge(super::leave_balances::controls())
        .merge(super::leave_controls::routes())
        .layer(axum::middleware::from_fn(loopback_only))
        .with_state(state)
}

pub(super) fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

pub(super) fn refuse_problems(problems: &[Problem]) -> Response {
    let listed: Vec<Value> = problems
        .iter()
        .map(|p| json!({ "field": p.field, "message": p.message }))
        .collect();
    let summary: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": summary.join(" "), "problems": listed })),
    )
        .into_response()
}

/// The sandbox binds 127.0.0.1, so this only matters if that ever changes.
async fn loopback_only(request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    match peer {
        Some(ip) if !ip.is_loopback() => refuse(
            StatusCode::FORBIDDEN,
            "The sandbox controls answer only on this computer (loopback).",
        ),
        _ => next.run(request).await,
    }
}

/// A request as `/sandbox/requests` lists it: its status view, whether it
/// was immediate, and what was submitted (stored with TFNs and account
/// numbers masked).
fn listed(request: &ChangeRequest) -> Value {
    let mut view = wire::change_request(request);
    if let Value::Object(map) = &mut view {
        map.insert("immediate".to_owned(), Value::Bool(request.immediate));
        map.insert("submitted".to_owned(), request.submitted.clone());
    }
    view
}

async fn list_requests(State(state): State<Shared>) -> Response {
    let payroll = state.payroll();
    let all: Vec<Value> = payroll.requests.iter().map(listed).collect();
    Json(all).into_response()
}

fn not_an_id(id: &str) -> Response {
    refuse(
        StatusCode::BAD_REQUEST,
        format!("'{id}' is not a change request id (a whole number)."),
    )
}

fn action_refused(id: i64, refused: ActionRefused) -> Response {
    match refused {
        ActionRefused::NoSuchRequest => refuse(
            StatusCode::NOT_FOUND,
            format!("There is no change request {id}."),
        ),
        ActionRefused::AlreadyDecided(state) => refuse(
            StatusCode::CONFLICT,
            format!("Change request {id} is already {}.", state.name()),
        ),
        ActionRefused::EmployeeExists => refuse(
            StatusCode::CONFLICT,
            format!("Change request {id} is an Add for an employee payroll already has: reject it."),
        ),
        ActionRefused::EmployeeMissing => refuse(
            StatusCode::CONFLICT,
            format!("Change request {id} is for an employee payroll does not have (yet): accept their Add first."),
        ),
    }
}

async fn accept(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.trim().parse::<i64>() else {
        return not_an_id(&id);
    };
    let now = state.clock.now();
    let mut payroll = state.payroll();
    match payroll.implement(id, &state.lookups, now) {
        Ok(()) => request_answer(&mut payroll, id),
        Err(refused) => action_refused(id, refused),
    }
}

async fn reject(State(state): State<Shared>, Path(id): Path<String>, body: Bytes) -> Response {
    let Ok(id) = id.trim().parse::<i64>() else {
        return not_an_id(&id);
    };
    let message = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| {
            body.get("message")
                .and_then(Value::as_str)
                .map(str::trim)
                .map(str::to_owned)
        })
        .filter(|message| !message.is_empty());
    let Some(message) = message else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Say why the change is rejected: {\"message\": \"...\"}.",
        );
    };
    if message.chars().count() > 500 {
        return refuse(
            StatusCode::BAD_REQUEST,
            "The message is longer than MicrOpay's 500 characters.",
        );
    }
    let now = state.clock.now();
    let mut payroll = state.payroll();
    match payroll.reject(id, message, now) {
        Ok(()) => request_answer(&mut payroll, id),
        Err(refused) => action_refused(id, refused),
    }
}

fn request_answer(payroll: &mut super::payroll::Payroll, id: i64) -> Response {
    match payroll.request_mut(id) {
        Some(request) => Json(listed(request)).into_response(),
        None => action_refused(id, ActionRefused::NoSuchRequest),
    }
}

/// The keys of `map` not in `allowed`, named with `prefix`.
fn unknown_keys(map: &Map<String, Value>, allowed: &[&str], prefix: &str) -> Vec<String> {
    map.keys()
        .filter(|key| !allowed.contains(&key.as_str()))
        .map(|key| format!("{prefix}{key}"))
        .collect()
}

fn unknown_fields(map: &Map<String, Value>) -> Vec<String> {
    let mut unknown = unknown_keys(map, EMPLOYEE_FIELDS, "");
    if let Some(Value::Object(detail)) = map.get("employeeDetail") {
        unknown.extend(unknown_keys(detail, DETAIL_FIELDS, "employeeDetail."));
    }
    for (list, allowed) in [
        ("employeeBanks", BANK_FIELDS),
        ("employeeSupers", SUPER_FIELDS),
    ] {
        if let Some(Value::Array(items)) = map.get(list) {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(item) = item {
                    unknown.extend(unknown_keys(item, allowed, &format!("{list}[{i}].")));
                }
            }
        }
    }
    unknown
}

/// Edits the employee as payroll would in MicrOpay (no change request);
/// creates them when payroll has no one with that code.
/// `?keepChangedAt=true`: the edit leaves the employee's "last changed"
/// as it was, as a direct database edit in payroll would, so
/// `changedSince` misses it and only a full read finds it.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditOptions {
    #[serde(default)]
    keep_changed_at: bool,
}

async fn edit_employee(
    State(state): State<Shared>,
    Path(emp_code): Path<String>,
    Query(options): Query<EditOptions>,
    body: Bytes,
) -> Response {
    let emp_code = emp_code.trim().to_owned();
    if emp_code.is_empty() || emp_code.chars().count() > EMP_CODE_LIMIT {
        return refuse(
            StatusCode::BAD_REQUEST,
            format!("An EmpCode has 1 to {EMP_CODE_LIMIT} characters."),
        );
    }
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(&body) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Send the fields to change as a JSON object, e.g. {\"firstName\": \"Ann\"}.",
        );
    };
    let unknown = unknown_fields(&map);
    if !unknown.is_empty() {
        return refuse(
            StatusCode::BAD_REQUEST,
            format!(
                "Unknown employee field(s): {}. Use EmployeeView's names in camelCase, such as firstName or employeeBanks.",
                unknown.join(", ")
            ),
        );
    }
    let Value::Object(lowered) = lower_keys(Value::Object(map)) else {
        return refuse(StatusCode::BAD_REQUEST, "Send a JSON object.");
    };
    let mut problems = Vec::new();
    let edit = EmployeeEdit::read(&lowered, &mut problems);
    edit.check(&state.lookups, &mut problems);
    if !problems.is_empty() {
        return refuse_problems(&problems);
    }
    let now = state.clock.now();
    let mut payroll = state.payroll();
    if !payroll.has_employee(&emp_code) {
        let employee = payroll.new_employee(&emp_code, now);
        payroll.employees.push(employee);
    }
    match payroll.employee_mut(&emp_code) {
        Some(employee) => {
            let changed_at = employee.changed_at;
            edit.apply(employee, &state.lookups, now);
            if options.keep_changed_at {
                employee.changed_at = changed_at;
            }
            Json(wire::masked_secrets(wire::employee(
                employee,
                &state.lookups,
            )))
            .into_response()
        }
        None => refuse(
            StatusCode::NOT_FOUND,
            format!("No employee has EmpCode '{emp_code}'."),
        ),
    }
}

async fn delete_employee(State(state): State<Shared>, Path(emp_code): Path<String>) -> Response {
    let now = state.clock.now();
    if state.payroll().delete(&emp_code, now) {
        Json(json!({ "deleted": emp_code, "deletedDate": wire::date_time(now) })).into_response()
    } else {
        refuse(
            StatusCode::NOT_FOUND,
            format!("No employee has EmpCode '{emp_code}'."),
        )
    }
}

async fn terminate_employee(
    State(state): State<Shared>,
    Path(emp_code): Path<String>,
    body: Bytes,
) -> Response {
    let date = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|body| {
            body.get("terminationDate")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .and_then(|text| {
            chrono::NaiveDate::parse_from_str(text.get(..10).unwrap_or(&text), "%Y-%m-%d").ok()
        });
    let Some(date) = date else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Give the last day of employment: {\"terminationDate\": \"YYYY-MM-DD\"}.",
        );
    };
    let now = state.clock.now();
    let mut payroll = state.payroll();
    let Some(employee) = payroll.employee_mut(&emp_code) else {
        return refuse(
            StatusCode::NOT_FOUND,
            format!("No employee has EmpCode '{emp_code}'."),
        );
    };
    let edit = EmployeeEdit {
        termination_date: Some(date),
        ..EmployeeEdit::default()
    };
    edit.apply(employee, &state.lookups, now);
    Json(wire::masked_secrets(wire::employee(
        employee,
        &state.lookups,
    )))
    .into_response()
}

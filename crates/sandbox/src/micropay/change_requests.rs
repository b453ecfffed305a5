//! `POST api/ChangeEmployee`, `GET api/ChangeEmployee/{id}` and
//! `POST api/ChangeEmployeeImmediate`: checked up front as the Web API
//! checks them, then stored as requests that wait for a payroll user
//! (received → picked up → implemented or rejected); immediate changes are
//! applied at once. See crates/micropay/WIRE.md for what is inferred.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Map, Value};

use super::edits::{lower_keys, EmployeeEdit, Problem, Reader, EMP_CODE_LIMIT};
use super::payroll::{ChangeRequest, ChangeType, RequestState};
use super::{vendor_errors, wire, MicropayState};

type Shared = Arc<MicropayState>;

/// What an Add must carry: the reference's "Required when the ChangeType is
/// Add", and (INFERRED) the start date, without which payroll's New
/// Employee wizard cannot create the employee; the sandbox refuses rather
/// than invent one.
const REQUIRED_FOR_ADD: &[&str] = &[
    "Surname",
    "Location",
    "PayrollCompany",
    "PayFrequency",
    "PayPoint",
    "HiredDate",
];

/// INFERRED: what `ChangeEmployeeImmediate` may change, details that do not
/// affect a pay run (contact details), besides the request's own fields.
const IMMEDIATE_FIELDS: &[&str] = &[
    "street",
    "suburbcity",
    "state",
    "postcode",
    "email",
    "emailaddress",
    "mobilephone",
];
/// The request's own fields, read-only ones included (a client may echo them).
const REQUEST_FIELDS: &[&str] = &[
    "changeemployeeid",
    "changetype",
    "changestatus",
    "empcode",
    "effectivedate",
    "receiveddate",
    "receiveddatetime",
    "pickedupdate",
    "pickedupdatetime",
    "rejecteddate",
    "rejecteddatetime",
    "implementeddate",
    "implementeddatetime",
    "validationresult",
    "errormessage",
];

/// Change requests are stored in MicrOpay's cloud: they are taken, and
/// their status read, while the payroll server is off.
pub(super) fn queued_routes() -> Router<Shared> {
    Router::new()
        .route("/api/ChangeEmployee", post(submit))
        .route("/api/ChangeEmployee/{id}", get(status))
}

/// Immediate changes go straight into the payroll database: live, like reads.
pub(super) fn immediate_routes() -> Router<Shared> {
    Router::new().route("/api/ChangeEmployeeImmediate", post(submit_immediate))
}

/// The posted body as a lower-cased object.
fn read_body(body: &Bytes) -> Option<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body).map(lower_keys) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

fn not_a_view() -> Response {
    vendor_errors::bad_request("The body must be a ChangeEmployeeView as JSON.")
}

/// ChangeType and EmpCode, which every request needs.
fn header_fields(
    map: &Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> (Option<ChangeType>, String) {
    let mut reader = Reader::new(map, "", problems);
    let change_type = reader.text("ChangeType");
    let emp_code = reader.text("EmpCode").unwrap_or_default();
    let change_type = match change_type.as_deref() {
        None | Some("") => {
            problems.push(Problem::new(
                "ChangeType",
                "The ChangeType field is required.",
            ));
            None
        }
        Some(text) => {
            let parsed = ChangeType::parse(text);
            if parsed.is_none() {
                problems.push(Problem::new(
                    "ChangeType",
                    "ChangeType must be one of Add, Change, Delete.",
                ));
            }
            parsed
        }
    };
    if emp_code.is_empty() {
        problems.push(Problem::new("EmpCode", "The EmpCode field is required."));
    } else if emp_code.chars().count() > EMP_CODE_LIMIT {
        problems.push(Problem::new(
            "EmpCode",
            format!("EmpCode is longer than the maximum of {EMP_CODE_LIMIT} characters."),
        ));
    }
    (change_type, emp_code)
}

async fn submit(State(state): State<Shared>, body: Bytes) -> Response {
    let Some(map) = read_body(&body) else {
        return not_a_view();
    };
    let mut problems = Vec::new();
    let (change_type, emp_code) = header_fields(&map, &mut problems);
    let edit = EmployeeEdit::read(&map, &mut problems);
    edit.check(&state.lookups, &mut problems);
    nested_change_types(&map, &mut problems);
    let mut payroll = state.payroll();
    if let (Some(change_type), false) = (change_type, emp_code.is_empty()) {
        let exists = payroll.has_employee(&emp_code);
        let add_rejected = payroll.add_was_rejected(&emp_code);
        match change_type {
            ChangeType::Add => {
                for field in REQUIRED_FOR_ADD {
                    if !has_text(&map, field) {
                        problems.push(Problem::new(
                            field,
                            format!("The {field} field is required when the ChangeType is Add."),
                        ));
                    }
                }
                if exists {
                    problems.push(Problem::new(
                        "EmpCode",
                        format!(
                            "An employee with EmpCode '{emp_code}' already exists; send a Change."
                        ),
                    ));
                } else if let Some(reason) = add_rejected {
                    problems.push(rejected_add(&emp_code, reason));
                } else if payroll.add_is_pending(&emp_code) {
                    problems.push(Problem::new(
                        "EmpCode",
                        format!("An Add for EmpCode '{emp_code}' is already waiting for payroll; only one Add may be sent."),
                    ));
                }
            }
            ChangeType::Change | ChangeType::Delete => {
                if let Some(reason) = add_rejected.filter(|_| !exists) {
                    problems.push(rejected_add(&emp_code, reason));
                } else if !(exists
                    || change_type == ChangeType::Change && payroll.add_is_pending(&emp_code))
                {
                    problems.push(Problem::new(
                        "EmpCode",
                        format!("No employee has EmpCode '{emp_code}'; send an Add first."),
                    ));
                }
            }
        }
    }
    let Some(change_type) = change_type.filter(|_| problems.is_empty()) else {
        return vendor_errors::invalid_request(&problems);
    };
    let request = new_request(
        &mut payroll,
        change_type,
        emp_code,
        edit,
        map,
        state.clock.now(),
    );
    let view = wire::change_request(&request);
    payroll.requests.push(request);
    Json(view).into_response()
}

fn new_request(
    payroll: &mut super::payroll::Payroll,
    change_type: ChangeType,
    emp_code: String,
    edit: EmployeeEdit,
    map: Map<String, Value>,
    now: chrono::NaiveDateTime,
) -> ChangeRequest {
    let effective_date = map
        .get("effectivedate")
        .and_then(Value::as_str)
        .map(str::to_owned);
    ChangeRequest {
        id: payroll.next_request_id(),
        change_type,
        emp_code,
        edit,
        submitted: wire::masked_secrets(Value::Object(map)),
        effective_date,
        immediate: false,
        state: RequestState::Received,
        seen_received: false,
        received_at: now,
        picked_up_at: None,
        implemented_at: None,
        rejected_at: None,
        error_message: None,
    }
}

/// ChangeEmployeeDetailView and ChangeEmployeeSuperContView mark their own
/// ChangeType required (ChangeEmployeeBankView does not). Names as
/// `EmployeeEdit::read` accepts them, keys already lower-cased.
fn nested_change_types(map: &Map<String, Value>, problems: &mut Vec<Problem>) {
    let first = |names: &[&str]| names.iter().find_map(|name| map.get(*name));
    let required = "The ChangeType field is required.";
    if let Some(Value::Object(detail)) =
        first(&["changeemployeedetail", "employeedetail", "detail"])
    {
        if !has_text(detail, "ChangeType") {
            problems.push(Problem::new("EmployeeDetail.ChangeType", required));
        }
    }
    let supers = first(&[
        "changeemployeesuperconts",
        "changeemployeesupers",
        "employeesupers",
        "supers",
        "superfunds",
    ]);
    if let Some(Value::Array(supers)) = supers {
        for (i, fund) in supers.iter().enumerate() {
            if fund
                .as_object()
                .is_some_and(|fund| !has_text(fund, "ChangeType"))
            {
                let field = format!("ChangeEmployeeSuperConts[{i}].ChangeType");
                problems.push(Problem::new(&field, required));
            }
        }
    }
}

fn has_text(map: &Map<String, Value>, field: &str) -> bool {
    map.get(&field.to_ascii_lowercase())
        .and_then(Value::as_str)
        .is_some_and(|text| !text.trim().is_empty())
}

/// INFERRED: the reference says only that nothing after a rejected Add is
/// created; the sandbox says so, with payroll's reason, so that a client
/// whose answer to the Add was lost can show why.
fn rejected_add(emp_code: &str, reason: &str) -> Problem {
    Problem::new(
        "EmpCode",
        format!("The Add for EmpCode '{emp_code}' was rejected by payroll ({reason}), so no further Add or Change is accepted for it. Payroll can create the employee in MicrOpay, then Changes can be sent."),
    )
}

/// The request's status. A request is picked up by the data transfer
/// service on the payroll server after it was first seen as received: the
/// first read says "Received", the next "PickedUp" (while the payroll
/// server is off, it stays received).
async fn status(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let Ok(number) = id.trim().parse::<i64>() else {
        return vendor_errors::bad_request("The id must be a whole number (api/ChangeEmployee/5).");
    };
    let now = state.clock.now();
    let mut payroll = state.payroll();
    let Some(request) = payroll.request_mut(number) else {
        return vendor_errors::change_request_not_found(&id);
    };
    let payroll_online = state
        .payroll_online
        .load(std::sync::atomic::Ordering::SeqCst);
    if request.state == RequestState::Received && payroll_online {
        if request.seen_received {
            request.state = RequestState::PickedUp;
            request.picked_up_at = Some(now);
        } else {
            request.seen_received = true;
        }
    }
    Json(wire::change_request(request)).into_response()
}

/// Only a Change of an existing employee, only fields that do not affect a
/// pay run; applied to the employee at once.
async fn submit_immediate(State(state): State<Shared>, body: Bytes) -> Response {
    let Some(map) = read_body(&body) else {
        return not_a_view();
    };
    let mut problems = Vec::new();
    let (change_type, emp_code) = header_fields(&map, &mut problems);
    if change_type.is_some_and(|t| t != ChangeType::Change) {
        problems.push(Problem::new(
            "ChangeType",
            "ChangeEmployeeImmediate only accepts a ChangeType of Change: the employee must already exist.",
        ));
    }
    let mut refused: Vec<&String> = map
        .iter()
        .filter(|(key, value)| !value.is_null() && !REQUEST_FIELDS.contains(&key.as_str()))
        .filter(|(key, _)| !IMMEDIATE_FIELDS.contains(&key.as_str()))
        .map(|(key, _)| key)
        .collect();
    refused.sort();
    for key in refused {
        problems.push(Problem::new(
            key,
            format!("'{key}' cannot be changed immediately: send it with api/ChangeEmployee for payroll to approve."),
        ));
    }
    let edit = EmployeeEdit::read(&map, &mut problems);
    edit.check(&state.lookups, &mut problems);
    let now = state.clock.now();
    let mut payroll = state.payroll();
    if problems.is_empty() && !payroll.has_employee(&emp_code) {
        problems.push(Problem::new(
            "EmpCode",
            format!("No employee has EmpCode '{emp_code}'; ChangeEmployeeImmediate only changes existing employees."),
        ));
    }
    if !problems.is_empty() {
        return vendor_errors::invalid_request(&problems);
    }
    if let Some(employee) = payroll.employee_mut(&emp_code) {
        edit.apply(employee, &state.lookups, now);
    }
    let mut request = new_request(&mut payroll, ChangeType::Change, emp_code, edit, map, now);
    request.immediate = true;
    request.state = RequestState::Implemented;
    request.picked_up_at = Some(now);
    request.implemented_at = Some(now);
    let view = wire::change_request(&request);
    payroll.requests.push(request);
    Json(view).into_response()
}

//! INFERRED: `GET api/LeaveBalance?EmpCode=` (the reference documents no
//! balance endpoint; the client's `leave_balances.rs` and WIRE.md "Leave
//! balances" hold the guess), served from each employee's seeded balances;
//! and its `/sandbox/leave-balances` controls: the request log, an edit of
//! one balance, and a switch that makes the endpoint answer 404 as a
//! database without it would. Processing a leave application lowers the
//! balance of its category by its hours (`leave_hours.rs`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::leave_applications::SandboxLeaveApplication;
use super::leave_hours::{application_hours, standard_day};
use super::payroll::lock;
use super::{vendor_errors, MicropayState};
use crate::dataset::{SeedEmployee, SeedLeaveBalance, SeedLeaveCategory};

type Shared = Arc<MicropayState>;

/// The endpoint's switch, its categories and the log of reads.
#[derive(Debug)]
pub(crate) struct LeaveBalanceDesk {
    categories: Vec<SeedLeaveCategory>,
    unavailable: AtomicBool,
    /// The EmpCode of every read that reached the endpoint, in order.
    reads: Mutex<Vec<String>>,
}

impl LeaveBalanceDesk {
    pub(crate) fn new(categories: &[SeedLeaveCategory]) -> Self {
        Self {
            categories: categories.to_vec(),
            unavailable: AtomicBool::new(false),
            reads: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn set_unavailable(&self, unavailable: bool) {
        self.unavailable.store(unavailable, Ordering::SeqCst);
    }

    pub(crate) fn reads(&self) -> Vec<String> {
        lock(&self.reads).clone()
    }

    /// Payroll processed `application` into a pay: its hours come off the
    /// employee's balance of its category (below zero if it had no more, as
    /// leave in advance; a balance the employee did not have starts at 0).
    /// An employee payroll no longer has, or a category it does not know,
    /// changes nothing.
    pub(crate) fn take_processed(
        &self,
        employees: &mut [SeedEmployee],
        application: &SandboxLeaveApplication,
    ) {
        let Some(category) = self.categories.iter().find(|c| {
            c.leave_type
                .eq_ignore_ascii_case(application.leave_type.trim())
                && (!c.is_user_defined()
                    || application
                        .leave_code
                        .as_deref()
                        .is_some_and(|code| c.code.eq_ignore_ascii_case(code.trim())))
        }) else {
            return;
        };
        let Some(employee) = employees
            .iter_mut()
            .find(|e| e.emp_code.eq_ignore_ascii_case(application.emp_code.trim()))
        else {
            return;
        };
        let hours = application_hours(application, employee);
        match employee
            .leave_balances
            .iter_mut()
            .find(|b| b.leave_code == category.code)
        {
            Some(balance) => balance.hours -= hours,
            None => employee.leave_balances.push(SeedLeaveBalance {
                leave_code: category.code.clone(),
                hours: -hours,
            }),
        }
    }
}

/// Behind authentication and the payroll-online check: balances are live.
pub(super) fn routes() -> Router<Shared> {
    Router::new().route("/api/LeaveBalance", get(employee_balances))
}

pub(super) fn controls() -> Router<Shared> {
    Router::new()
        .route("/sandbox/leave-balances", get(read_log))
        .route("/sandbox/leave-balances/unavailable", post(set_unavailable))
        .route("/sandbox/leave-balances/{emp_code}", post(set_balance))
}

async fn employee_balances(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let desk = &state.leave_balances;
    if desk.unavailable.load(Ordering::SeqCst) {
        return vendor_errors::no_resource("api/LeaveBalance");
    }
    // ASP.NET binds query names case-insensitively.
    let Some(emp_code) = params
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("EmpCode"))
        .map(|(_, value)| value.trim().to_owned())
    else {
        return vendor_errors::bad_request("EmpCode is mandatory");
    };
    lock(&desk.reads).push(emp_code.clone());
    let as_at = state.clock.now().date();
    let payroll = state.payroll();
    match payroll
        .employees
        .iter()
        .find(|e| e.emp_code.eq_ignore_ascii_case(&emp_code))
    {
        Some(employee) => Json(view(employee, &desk.categories, as_at)).into_response(),
        None => vendor_errors::employee_not_found(&emp_code),
    }
}

fn view(
    employee: &SeedEmployee,
    categories: &[SeedLeaveCategory],
    as_at: chrono::NaiveDate,
) -> Value {
    let standard_day = standard_day(employee);
    let balances: Vec<Value> = employee
        .leave_balances
        .iter()
        .filter_map(|balance| {
            let category = categories.iter().find(|c| c.code == balance.leave_code)?;
            let leave_code = category.is_user_defined().then_some(category.code.as_str());
            Some(json!({
                "leaveType": category.leave_type,
                "leaveCode": leave_code,
                "hours": balance.hours,
            }))
        })
        .collect();
    json!({
        "empCode": employee.emp_code,
        "asAt": as_at.format("%Y-%m-%d").to_string(),
        "standardHoursPerDay": standard_day,
        "balances": balances,
    })
}

async fn read_log(State(state): State<Shared>) -> Json<Value> {
    let desk = &state.leave_balances;
    Json(json!({
        "unavailable": desk.unavailable.load(Ordering::SeqCst),
        "reads": desk.reads(),
    }))
}

#[derive(Deserialize)]
struct Unavailable {
    unavailable: bool,
}

async fn set_unavailable(
    State(state): State<Shared>,
    Json(body): Json<Unavailable>,
) -> Json<Value> {
    state.leave_balances.set_unavailable(body.unavailable);
    Json(json!({ "unavailable": body.unavailable }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BalanceEdit {
    /// The category's code in the seed (AL, SL, LSL, or a user-defined one).
    leave_code: String,
    hours: f64,
}

/// Payroll's hand: sets one balance (as a processed pay would move it).
async fn set_balance(
    State(state): State<Shared>,
    Path(emp_code): Path<String>,
    Json(edit): Json<BalanceEdit>,
) -> Response {
    let desk = &state.leave_balances;
    let Some(category) = desk
        .categories
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(&edit.leave_code))
    else {
        return refuse(format!("No leave category has code {}.", edit.leave_code));
    };
    if !edit.hours.is_finite() {
        return refuse("hours must be a number".to_owned());
    }
    let as_at = state.clock.now().date();
    let mut payroll = state.payroll();
    let Some(employee) = payroll
        .employees
        .iter_mut()
        .find(|e| e.emp_code.eq_ignore_ascii_case(&emp_code))
    else {
        return refuse(format!("No employee has EmpCode {emp_code}."));
    };
    match employee
        .leave_balances
        .iter_mut()
        .find(|b| b.leave_code == category.code)
    {
        Some(balance) => balance.hours = edit.hours,
        None => employee.leave_balances.push(SeedLeaveBalance {
            leave_code: category.code.clone(),
            hours: edit.hours,
        }),
    }
    Json(view(employee, &desk.categories, as_at)).into_response()
}

fn refuse(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

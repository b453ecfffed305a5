//! Payroll's checks on a leave application, one refusal at a time.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::read_application;
use crate::dataset::{Dataset, SeedEmployee};
use crate::micropay::edits::lower_keys;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn employee() -> SeedEmployee {
    let mut employee = Dataset::generate(7, 1).employees.remove(0);
    employee.hired_date = day("2020-01-06");
    employee.termination_date = Some(day("2026-06-30"));
    employee
}

fn annual() -> Value {
    json!({
        "ChangeType": "Add",
        "EmpCode": "E1",
        "LeaveType": "AnnualLeave",
        "LeaveReason": "HOL",
        "StartDate": "2026-03-02",
        "EndDate": "2026-03-06",
        "LeaveStatus": "Approved",
    })
}

/// The fields payroll refuses `body` for (none when it takes it).
fn refused_fields(body: Value, employee: Option<&SeedEmployee>) -> Vec<String> {
    let Value::Object(map) = lower_keys(body) else {
        panic!("an object")
    };
    let lookups = Dataset::generate(7, 1).lookups;
    let now = day("2026-02-01").and_hms_opt(9, 0, 0).expect("a time");
    match read_application(&map, employee, &lookups, 1, now) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().map(|p| p.field).collect(),
    }
}

fn with(mut body: Value, field: &str, value: Value) -> Value {
    body[field] = value;
    body
}

#[test]
fn a_whole_annual_leave_application_is_taken() {
    let employee = employee();
    assert_eq!(
        refused_fields(annual(), Some(&employee)),
        Vec::<String>::new()
    );
    let Value::Object(map) = lower_keys(annual()) else {
        panic!("an object")
    };
    let lookups = Dataset::generate(7, 1).lookups;
    let now = day("2026-02-01").and_hms_opt(9, 0, 0).expect("a time");
    let taken = read_application(&map, Some(&employee), &lookups, 4, now).expect("taken");
    assert_eq!(
        (taken.id, taken.start_date, taken.end_date),
        (4, day("2026-03-02"), day("2026-03-06"))
    );
    assert_eq!(taken.leave_status, "Approved");
}

#[test]
fn an_unknown_employee_is_refused() {
    assert_eq!(refused_fields(annual(), None), ["EmpCode"]);
}

#[test]
fn only_an_add_is_taken() {
    let body = with(annual(), "ChangeType", json!("Change"));
    assert_eq!(refused_fields(body, Some(&employee())), ["ChangeType"]);
}

#[test]
fn the_leave_type_is_spelled_as_documented() {
    let body = with(annual(), "LeaveType", json!("Annual Leave"));
    assert_eq!(refused_fields(body, Some(&employee())), ["LeaveType"]);
}

#[test]
fn user_defined_leave_needs_an_active_known_leave_code() {
    let employee = employee();
    let user_defined = with(annual(), "LeaveType", json!("UserDefinedLeave"));
    assert_eq!(
        refused_fields(user_defined.clone(), Some(&employee)),
        ["LeaveCode"]
    );
    let toil = with(user_defined.clone(), "LeaveCode", json!("TOIL"));
    assert_eq!(refused_fields(toil, Some(&employee)), Vec::<String>::new());
    let unknown = with(user_defined.clone(), "LeaveCode", json!("NOPE"));
    assert_eq!(refused_fields(unknown, Some(&employee)), ["LeaveCode"]);
    let inactive = with(user_defined, "LeaveCode", json!("RDO"));
    assert_eq!(refused_fields(inactive, Some(&employee)), ["LeaveCode"]);
}

#[test]
fn the_leave_reason_comes_from_its_lookup() {
    let employee = employee();
    let unknown = with(annual(), "LeaveReason", json!("BEACH"));
    assert_eq!(refused_fields(unknown, Some(&employee)), ["LeaveReason"]);
    let missing = with(annual(), "LeaveReason", Value::Null);
    assert_eq!(refused_fields(missing, Some(&employee)), ["LeaveReason"]);
}

#[test]
fn dates_must_be_in_order_and_inside_employment() {
    let employee = employee();
    let backwards = with(annual(), "EndDate", json!("2026-03-01"));
    assert_eq!(refused_fields(backwards, Some(&employee)), ["EndDate"]);
    let before_hire = with(annual(), "StartDate", json!("2019-12-30"));
    assert_eq!(refused_fields(before_hire, Some(&employee)), ["StartDate"]);
    let after_leaving = with(annual(), "EndDate", json!("2026-07-03"));
    assert_eq!(refused_fields(after_leaving, Some(&employee)), ["EndDate"]);
    let no_start = with(annual(), "StartDate", Value::Null);
    assert_eq!(refused_fields(no_start, Some(&employee)), ["StartDate"]);
}

#[test]
fn hours_count_only_with_override_and_sessions_are_first_or_second() {
    let employee = employee();
    let hours = with(annual(), "LeaveHours", json!(3.5));
    assert_eq!(refused_fields(hours.clone(), Some(&employee)), ["Override"]);
    let overridden = with(hours, "Override", json!(true));
    assert_eq!(
        refused_fields(overridden, Some(&employee)),
        Vec::<String>::new()
    );
    let no_hours = with(annual(), "Override", json!(true));
    assert_eq!(refused_fields(no_hours, Some(&employee)), ["LeaveHours"]);
    let third = with(annual(), "StartSession", json!(3));
    assert_eq!(refused_fields(third, Some(&employee)), ["StartSession"]);
    let second = with(annual(), "EndSession", json!(2));
    assert_eq!(
        refused_fields(second, Some(&employee)),
        Vec::<String>::new()
    );
    let hourly = with(annual(), "IsHourApplication", json!(true));
    assert_eq!(refused_fields(hourly, Some(&employee)), ["StartTime"]);
}

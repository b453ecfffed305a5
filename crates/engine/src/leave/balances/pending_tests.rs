use chrono::NaiveDate;
use paybridge_domain::emp_code::duplicate_key;
use paybridge_micropay::{LeaveApplicationView, Session};
use paybridge_store::LeaveCategoryKey;
use serde_json::{json, Value};

use super::{by_employee, hours, is_pending, pending_hours, working_days};
use crate::api::LeaveKind;
use crate::leave::catalog::Category;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// An application as MicrOpay lists it, with `extra` fields over the
/// defaults (annual leave of E1, Monday 2 to Tuesday 3 March 2026, approved
/// and received).
fn application(extra: Value) -> LeaveApplicationView {
    let mut fields = json!({
        "leaveApplicationId": 1, "empCode": "E1", "leaveType": "AnnualLeave",
        "startDate": "2026-03-02T00:00:00", "endDate": "2026-03-03T00:00:00",
        "changeStatus": "Received", "leaveStatus": "Approved",
    });
    if let (Some(fields), Value::Object(extra)) = (fields.as_object_mut(), extra) {
        fields.extend(extra);
    }
    serde_json::from_value(fields).expect("a view")
}

fn category(leave_type: &str, leave_code: &str) -> Category {
    Category {
        key: LeaveCategoryKey {
            leave_type: leave_type.to_owned(),
            leave_code: leave_code.to_owned(),
        },
        name: leave_code.to_owned(),
        kind: LeaveKind::Annual,
        inactive: false,
    }
}

#[test]
fn only_approved_leave_payroll_has_not_processed_or_declined_is_pending() {
    assert!(is_pending(&application(json!({}))));
    for (field, word) in [
        ("changeStatus", "Implemented"),
        ("changeStatus", "Rejected"),
        ("leaveStatus", "Declined"),
        ("leaveStatus", " cancelled "),
        ("leaveStatus", "Applied"),
    ] {
        assert!(
            !is_pending(&application(json!({ field: word }))),
            "{field} {word}"
        );
    }
}

#[test]
fn working_days_skip_weekends_and_halve_for_sessions() {
    let none = (None, None);
    // Friday 6 to Monday 9 March: two working days.
    assert_eq!(
        working_days(day("2026-03-06"), day("2026-03-09"), none),
        2.0
    );
    assert_eq!(
        working_days(day("2026-03-07"), day("2026-03-08"), none),
        0.0
    );
    assert_eq!(
        working_days(day("2026-03-03"), day("2026-03-02"), none),
        0.0
    );
    let (first, second) = (Some(Session::First), Some(Session::Second));
    assert_eq!(
        working_days(day("2026-03-02"), day("2026-03-04"), (second, first)),
        2.0,
        "from Monday afternoon to Wednesday morning"
    );
    assert_eq!(
        working_days(day("2026-03-02"), day("2026-03-02"), (second, second)),
        0.5
    );
    assert_eq!(
        working_days(day("2026-03-02"), day("2026-03-02"), (first, second)),
        1.0
    );
}

#[test]
fn hours_are_the_override_else_whole_days_at_the_standard_day() {
    assert_eq!(hours(&application(json!({})), Some(7.6)), 15.2);
    let override_hours = application(json!({"Override": true, "LeaveHours": 8.0}));
    assert_eq!(hours(&override_hours, Some(7.6)), 8.0);
    assert_eq!(hours(&override_hours, None), 8.0);
    let not_overridden = application(json!({"Override": false, "LeaveHours": 8.0}));
    assert_eq!(hours(&not_overridden, Some(7.6)), 15.2);
    assert_eq!(
        hours(&application(json!({})), None),
        0.0,
        "a casual's whole days have no standard hours"
    );
    let sessions = application(json!({"startSession": "2nd", "endSession": 1}));
    assert_eq!(hours(&sessions, Some(8.0)), 8.0);
}

#[test]
fn pending_hours_add_up_per_employee_and_category() {
    let listed = vec![
        application(json!({"leaveApplicationId": 1, "Override": true, "LeaveHours": 8.0})),
        application(json!({"leaveApplicationId": 2, "empCode": " e1 "})),
        application(json!({"leaveApplicationId": 3, "changeStatus": "Implemented"})),
        application(json!({"leaveApplicationId": 4, "empCode": "E2"})),
        application(json!({
            "leaveApplicationId": 5, "leaveType": "UserDefinedLeave", "leaveCode": "toil",
            "Override": true, "LeaveHours": 3.5,
        })),
    ];
    let grouped = by_employee(&listed);
    let mine = grouped
        .get(&duplicate_key("E1"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(grouped.get(&duplicate_key("e2")).map(Vec::len), Some(1));
    let ids: Vec<i64> = mine.iter().map(|view| view.leave_application_id).collect();
    assert_eq!(ids, [1, 2, 5], "E1's pending ones, whatever the case");
    let annual = category("AnnualLeave", "");
    assert_eq!(pending_hours(&mine, &annual, Some(7.6)), 8.0 + 15.2);
    let toil = category("UserDefinedLeave", "TOIL");
    assert_eq!(pending_hours(&mine, &toil, Some(7.6)), 3.5);
    let sick = category("SickLeave", "");
    assert_eq!(pending_hours(&mine, &sick, Some(7.6)), 0.0);
}

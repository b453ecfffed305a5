//! A leave application as `/sandbox/leave-applications` lists it (MicrOpay's
//! `LeaveApplicationView`), turned into what the Payroll desk shows: its
//! status, dates, and hours or working days. The category's name is the
//! caller's (`leave::DeskCategoryNames`), as it may be private.

use paybridge_domain::leave_days;
use paybridge_micropay::{LeaveApplicationView, Session};
use serde_json::Value;

use crate::api::{DeskLeaveApplication, DeskLeaveStatus};

/// One entry of the list (or a process / decline answer), or `None` when
/// it is not a `LeaveApplicationView` the desk can read.
pub(super) fn leave_view(listed: &Value) -> Option<LeaveApplicationView> {
    serde_json::from_value(listed.clone()).ok()
}

/// The application as the desk lists it, its category named `category`.
pub(super) fn desk_leave(
    view: &LeaveApplicationView,
    category: String,
) -> Option<DeskLeaveApplication> {
    let (start, end) = (view.start_date?, view.end_date?);
    let hours = view.override_hours();
    let (first, last) = view.sessions();
    let days = hours.is_none().then(|| {
        leave_days::working_days(
            start,
            end,
            first.map(Session::number),
            last.map(Session::number),
        )
    });
    Some(DeskLeaveApplication {
        id: view.leave_application_id,
        emp_code: view.emp_code.trim().to_owned(),
        employee_name: None,
        category,
        start_date: start.to_string(),
        end_date: end.to_string(),
        hours,
        days,
        status: status(view)?,
        message: view
            .error_message
            .as_deref()
            .filter(|message| !message.trim().is_empty())
            // Payroll may have typed a TFN or account number into it.
            .map(paybridge_http::mask_long_digit_runs),
    })
}

/// Cancelled wins: whatever payroll did with it, it is not leave taken.
fn status(view: &LeaveApplicationView) -> Option<DeskLeaveStatus> {
    let is = |field: &Option<String>, word: &str| {
        field
            .as_deref()
            .is_some_and(|value| value.trim().eq_ignore_ascii_case(word))
    };
    Some(if is(&view.leave_status, "Cancelled") {
        DeskLeaveStatus::Cancelled
    } else if is(&view.leave_status, "Declined") || is(&view.change_status, "Rejected") {
        DeskLeaveStatus::Declined
    } else if is(&view.change_status, "Implemented") {
        DeskLeaveStatus::Processed
    } else if is(&view.change_status, "Received") {
        DeskLeaveStatus::Received
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn listed(overrides: Value) -> Value {
        let mut view = json!({
            "leaveApplicationId": 3, "changeType": "Add", "changeStatus": "Received",
            "empCode": " E0004 ", "startDate": "2026-03-02T00:00:00",
            "endDate": "2026-03-04T00:00:00", "isHourApplication": false,
            "startSession": null, "endSession": null, "leaveStatus": "Approved",
            "leaveType": "AnnualLeave", "leaveCode": null, "override": false,
            "leaveHours": null, "errorMessage": null,
        });
        if let (Value::Object(view), Value::Object(overrides)) = (&mut view, overrides) {
            view.extend(overrides);
        }
        view
    }

    fn shown(overrides: Value) -> Option<DeskLeaveApplication> {
        desk_leave(&leave_view(&listed(overrides))?, "Annual leave".to_owned())
    }

    #[test]
    fn whole_day_leave_is_counted_in_working_days_and_hours_are_kept_as_given() {
        let days = shown(json!({})).expect("read");
        assert_eq!(days.id, 3);
        assert_eq!(days.emp_code, "E0004");
        assert_eq!(
            (days.start_date.as_str(), days.end_date.as_str()),
            ("2026-03-02", "2026-03-04")
        );
        assert_eq!((days.hours, days.days), (None, Some(3.0)));
        assert_eq!(days.status, DeskLeaveStatus::Received);

        let half = shown(json!({ "startSession": 2 })).expect("read");
        assert_eq!(half.days, Some(2.5));
        let hours = shown(json!({ "override": true, "leaveHours": 7.5 })).expect("read");
        assert_eq!((hours.hours, hours.days), (Some(7.5), None));
        // Hours without Override do not count (MicrOpay's rule).
        let ignored = shown(json!({ "leaveHours": 7.5 })).expect("read");
        assert_eq!((ignored.hours, ignored.days), (None, Some(3.0)));
    }

    #[test]
    fn each_state_payroll_leaves_it_in_is_told_apart() {
        let of = |overrides| shown(overrides).expect("read").status;
        assert_eq!(
            of(json!({ "changeStatus": "Implemented" })),
            DeskLeaveStatus::Processed
        );
        assert_eq!(
            of(json!({ "changeStatus": "Rejected", "leaveStatus": "Declined" })),
            DeskLeaveStatus::Declined
        );
        assert_eq!(
            of(json!({ "leaveStatus": "Cancelled" })),
            DeskLeaveStatus::Cancelled
        );
        assert_eq!(
            of(json!({ "changeStatus": "Implemented", "leaveStatus": "Cancelled" })),
            DeskLeaveStatus::Cancelled
        );
        assert!(shown(json!({ "changeStatus": "Lost" })).is_none());
        assert!(shown(json!({ "startDate": null })).is_none());
    }

    #[test]
    fn payroll_s_message_is_kept_with_long_numbers_masked() {
        let declined = shown(json!({
            "changeStatus": "Rejected", "leaveStatus": "Declined",
            "errorMessage": "No balance left; TFN 876543210 on file",
        }))
        .expect("read");
        let message = declined.message.expect("a message");
        assert!(message.starts_with("No balance left"), "{message}");
        assert!(!message.contains("876543210"), "{message}");
        assert_eq!(
            shown(json!({ "errorMessage": "  " }))
                .expect("read")
                .message,
            None
        );
    }
}

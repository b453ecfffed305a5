//! Approved leave payroll has not processed yet, pure: the hours of each
//! application in MicrOpay's `LeaveApplication` list that is still waiting
//! in Leave Processing, which the projected balance takes off the balance.
//! Once payroll processes one (`Implemented`) its hours are in the balance
//! already, so it no longer counts: nothing is taken off twice.
//!
//! An application's hours are as `requests_plan` sends them: its
//! `LeaveHours` when `Override` is set, else whole days at the employee's
//! standard hours, as payroll counts them. A day is a working day (Monday
//! to Friday; public holidays are not known here), a first day starting at
//! the 2nd session or a last day ending at the 1st is half a day. With no
//! standard day (a casual) whole-day leave has no hours to take off.

use std::collections::HashMap;

use chrono::NaiveDate;
use paybridge_domain::{emp_code, leave_days};
use paybridge_micropay::{LeaveApplicationView, Session};

use crate::leave::catalog::Category;

/// Whether the application is leave still to come off the balance: not
/// processed, not declined or cancelled, and approved (one merely applied
/// for is not approved leave).
pub(crate) fn is_pending(view: &LeaveApplicationView) -> bool {
    let is = |field: &Option<String>, word: &str| {
        field
            .as_deref()
            .is_some_and(|value| value.trim().eq_ignore_ascii_case(word))
    };
    !view.is_cancelled_or_declined()
        && !is(&view.change_status, "Implemented")
        && !is(&view.leave_status, "Applied")
}

/// Working days from `start` to `end` (both included), less half a day for
/// a first day from the 2nd session and for a last day to the 1st.
pub(crate) fn working_days(
    start: NaiveDate,
    end: NaiveDate,
    sessions: (Option<Session>, Option<Session>),
) -> f64 {
    leave_days::working_days(
        start,
        end,
        sessions.0.map(Session::number),
        sessions.1.map(Session::number),
    )
}

/// The hours payroll will take for the application.
pub(crate) fn hours(view: &LeaveApplicationView, standard_hours_per_day: Option<f64>) -> f64 {
    if let Some(hours) = view.override_hours() {
        return hours;
    }
    let day = standard_hours_per_day.filter(|day| day.is_finite() && *day > 0.0);
    match (day, view.start_date, view.end_date) {
        (Some(day), Some(start), Some(end)) => day * working_days(start, end, view.sessions()),
        _ => 0.0,
    }
}

/// Whether the application is leave of `category`.
fn is_of(view: &LeaveApplicationView, category: &Category) -> bool {
    view.leave_type.trim() == category.key.leave_type
        && view
            .leave_code
            .as_deref()
            .unwrap_or_default()
            .trim()
            .eq_ignore_ascii_case(category.key.leave_code.trim())
}

/// The pending hours of `category` among one employee's applications.
pub(crate) fn pending_hours(
    applications: &[LeaveApplicationView],
    category: &Category,
    standard_hours_per_day: Option<f64>,
) -> f64 {
    applications
        .iter()
        .filter(|view| is_pending(view) && is_of(view, category))
        .map(|view| hours(view, standard_hours_per_day))
        .sum()
}

/// The pending applications by employee, keyed by
/// [`emp_code::duplicate_key`] as the picker keys codes: one pass over the
/// list, however many employees' balances are read.
pub(crate) fn by_employee(
    applications: &[LeaveApplicationView],
) -> HashMap<String, Vec<LeaveApplicationView>> {
    let mut pending: HashMap<String, Vec<LeaveApplicationView>> = HashMap::new();
    for view in applications.iter().filter(|view| is_pending(view)) {
        pending
            .entry(emp_code::duplicate_key(&view.emp_code))
            .or_default()
            .push(view.clone());
    }
    pending
}

#[cfg(test)]
#[path = "pending_tests.rs"]
mod tests;

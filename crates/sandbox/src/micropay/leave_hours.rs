//! The hours payroll takes off a balance when it processes a leave
//! application into a pay, as the engine's projected balance counts them
//! (`leave/balances/pending.rs`): `LeaveHours` when `Override` is set and
//! they are above 0; else working days (`paybridge_domain::leave_days`) at
//! the employee's standard hours; a casual (no standard day) has no hours
//! for whole-day leave. An hourly application without `LeaveHours` counts
//! by its days, as the engine's does.

use paybridge_domain::leave_days;

use super::leave_applications::SandboxLeaveApplication;
use crate::dataset::SeedEmployee;

/// Hours in a standard day by basis of payment; casuals have none.
const FULL_TIME_DAY: f64 = 7.6;
const PART_TIME_DAY: f64 = 6.0;

/// The employee's standard hours a day (`None` for a casual).
pub(super) fn standard_day(employee: &SeedEmployee) -> Option<f64> {
    match employee.tax.basis_of_payment.as_str() {
        "FullTime" => Some(FULL_TIME_DAY),
        "PartTime" => Some(PART_TIME_DAY),
        _ => None,
    }
}

/// The hours processing `application` takes off `employee`'s balance.
pub(super) fn application_hours(
    application: &SandboxLeaveApplication,
    employee: &SeedEmployee,
) -> f64 {
    if let (true, Some(hours)) = (application.hours_override, application.leave_hours) {
        if hours > 0.0 {
            return hours;
        }
    }
    standard_day(employee).map_or(0.0, |day| day * working_days(application))
}

/// Working days from start to end, both included, less the half days the
/// sessions name.
fn working_days(application: &SandboxLeaveApplication) -> f64 {
    leave_days::working_days(
        application.start_date,
        application.end_date,
        application.start_session,
        application.end_session,
    )
}

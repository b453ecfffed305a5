//! Worknice's shared leave calendar, as the sandbox draws it: everyone's
//! approved leave. A private leave type's name (family and domestic
//! violence leave, or any type an admin made private through Paybridge) is
//! shown only to the employee and to approvers; anyone else sees "On leave".
//! Inferred as a whole: Worknice publishes no calendar schema.

use chrono::NaiveDate;
use serde::Serialize;

use super::leave_requests::LeaveRequestStatus;
use super::WorkniceState;

/// What anyone but the employee and approvers sees of private leave.
pub const ON_LEAVE: &str = "On leave";

/// Who is looking at the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarViewer<'a> {
    /// A person, by Worknice id: sees their own leave in full.
    Person(&'a str),
    /// Someone who approves leave: sees every category.
    Approver,
}

/// One stretch of approved leave on the calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEntry {
    pub person_id: String,
    pub person_name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The leave type's name, or [`ON_LEAVE`] for a private type.
    pub label: String,
}

/// Every approved request as `viewer` sees it, in the order made.
pub(crate) fn shared_calendar(state: &WorkniceState, viewer: CalendarViewer) -> Vec<CalendarEntry> {
    state
        .leave_requests
        .iter()
        .filter(|request| request.status == LeaveRequestStatus::Approved)
        .map(|request| {
            let leave_type = state
                .leave_types
                .iter()
                .find(|t| t.id == request.leave_type_id);
            let sees_category = match viewer {
                CalendarViewer::Approver => true,
                CalendarViewer::Person(id) => id == request.person_id,
            };
            let label = match leave_type {
                Some(t) if !t.private || sees_category => t.name.clone(),
                _ => ON_LEAVE.to_owned(),
            };
            let person_name = state
                .by_id
                .get(&request.person_id)
                .and_then(|&index| state.people.get(index))
                .map(|person| person.display_name.clone())
                .unwrap_or_default();
            CalendarEntry {
                person_id: request.person_id.clone(),
                person_name,
                start_date: request.start_date,
                end_date: request.end_date,
                label,
            }
        })
        .collect()
}

//! Which approved Worknice leave request goes to MicrOpay as which
//! `LeaveApplication`, pure: from the request, the leave categories as the
//! Leave screen shows them, MicrOpay's leave reasons and the employee's
//! employment dates. A request that cannot go is held with a reason a
//! payroll officer can act on. A private category (family and domestic
//! violence leave) is never named in a reason: it reads "leave of a private
//! category", as anyone but the employee and approvers sees it.

use chrono::NaiveDate;
use paybridge_micropay::{LeaveAmount, LeaveApplication, Lookup};
use paybridge_worknice::WorkniceLeaveRequest;

use crate::api::{LeaveCategoryRow, LeaveKind};

/// The employee a request is for, as MicrOpay has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Employment {
    pub emp_code: String,
    pub hired: NaiveDate,
    pub terminated: Option<NaiveDate>,
}

/// What to do with one approved request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LeaveTransfer {
    Send(LeaveApplication),
    /// Not sent, with why and what to do.
    Held(String),
}

/// Words in a `LeaveReason` description that suit each kind of leave.
fn reason_words(kind: LeaveKind) -> &'static [&'static str] {
    match kind {
        LeaveKind::Annual => &["holiday", "annual", "vacation"],
        LeaveKind::PersonalCarers => &["illness", "sick", "carer", "caring"],
        LeaveKind::LongService => &["long service", "holiday"],
        LeaveKind::UserDefined => &["other"],
    }
}

/// The `LeaveReason` code for a kind of leave: an active reason whose
/// description suits it, else the first active one.
pub(crate) fn leave_reason(kind: LeaveKind, reasons: &[Lookup]) -> Option<String> {
    let active: Vec<&Lookup> = reasons
        .iter()
        .filter(|r| r.active && !r.code.trim().is_empty())
        .collect();
    let suits = |reason: &&&Lookup| {
        let description = reason.description.to_lowercase();
        reason_words(kind).iter().any(|w| description.contains(w))
    };
    active
        .iter()
        .find(suits)
        .or(active.first())
        .map(|r| r.code.trim().to_owned())
}

fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// The MicrOpay category of the request's Worknice leave type: the one
/// recorded with that type, else the one with its code.
pub(crate) fn matched_category<'a>(
    request: &WorkniceLeaveRequest,
    categories: &'a [LeaveCategoryRow],
) -> Option<&'a LeaveCategoryRow> {
    let leave_type = request.leave_type.as_ref()?;
    categories
        .iter()
        .find(|c| c.worknice_type_id.as_deref() == Some(leave_type.id.as_str()))
        .or_else(|| {
            categories
                .iter()
                .find(|c| c.code.trim().eq_ignore_ascii_case(leave_type.code.trim()))
        })
}

/// Whether the request is leave of a private category (on either side):
/// then no reason or message about it may name the category or its code.
pub(crate) fn is_private(request: &WorkniceLeaveRequest, categories: &[LeaveCategoryRow]) -> bool {
    request.leave_type.as_ref().is_some_and(|t| t.private)
        || matched_category(request, categories).is_some_and(|c| c.private)
}

/// Plans one approved request. `employee` is `None` when the Worknice person
/// is linked to no MicrOpay employee.
pub(crate) fn plan(
    request: &WorkniceLeaveRequest,
    categories: &[LeaveCategoryRow],
    reasons: &[Lookup],
    employee: Option<&Employment>,
) -> LeaveTransfer {
    let leave_type = request.leave_type.as_ref();
    let Some(category) = matched_category(request, categories) else {
        let named = leave_type.map_or("(a leave type since removed)".to_owned(), |t| {
            if t.private {
                "of a private category".to_owned()
            } else {
                format!("\"{}\"", t.name)
            }
        });
        return LeaveTransfer::Held(format!(
            "The Worknice leave type {named} isn't matched to a MicrOpay leave category, so \
             payroll can't take it. Enter the leave in MicrOpay by hand, or match the type on \
             the Leave categories screen."
        ));
    };
    let private = category.private || leave_type.is_some_and(|t| t.private);
    let name = if private {
        "a private category".to_owned()
    } else {
        category.name.clone()
    };
    if category.inactive {
        return LeaveTransfer::Held(format!(
            "The leave is {name}, which is inactive in MicrOpay: payroll can't take new leave \
             of it. Enter it in MicrOpay under another category."
        ));
    }
    if !category.visible {
        return LeaveTransfer::Held(format!(
            "The leave is {name}, which is hidden from employees on the Leave categories \
             screen, so it isn't sent. Show the category, or enter the leave in MicrOpay by hand."
        ));
    }
    let Some(employee) = employee else {
        return LeaveTransfer::Held(
            "The employee isn't linked to a MicrOpay employee yet. Link them (import or \
             match them) and the leave goes at the next sync."
                .to_owned(),
        );
    };
    let (start, end) = (request.start_date, request.end_date);
    if start < employee.hired {
        return LeaveTransfer::Held(format!(
            "The leave starts {} but {} started on {} in MicrOpay. Correct the dates in \
             Worknice, or the hired date in MicrOpay.",
            day(start),
            employee.emp_code,
            day(employee.hired)
        ));
    }
    if let Some(left) = employee.terminated.filter(|left| end > *left) {
        return LeaveTransfer::Held(format!(
            "The leave ends {} but {} left on {}. Correct the dates in Worknice, or enter \
             the leave in MicrOpay by hand.",
            day(end),
            employee.emp_code,
            day(left)
        ));
    }
    let amount = match (request.part_day, request.hours) {
        (true, None) => {
            return LeaveTransfer::Held(
                "It's a part-day request without hours, so payroll can't tell how much \
                 leave to pay. Ask the employee to add the hours in Worknice."
                    .to_owned(),
            )
        }
        (_, Some(hours)) => LeaveAmount::Hours(hours),
        (false, None) => LeaveAmount::WholeDays,
    };
    let Some(leave_reason) = leave_reason(category.kind, reasons) else {
        return LeaveTransfer::Held(
            "MicrOpay has no active leave reason (LeaveReason lookup) to give the \
             application. Add one in MicrOpay."
                .to_owned(),
        );
    };
    LeaveTransfer::Send(LeaveApplication {
        emp_code: employee.emp_code.clone(),
        leave_type: category.leave_type.clone(),
        leave_code: category.leave_code.clone().filter(|c| !c.trim().is_empty()),
        leave_reason,
        start_date: start,
        end_date: end,
        amount,
    })
}

/// MicrOpay's refusal, with what to do. Leave of a private category gets
/// none of MicrOpay's words: they may name its code (e.g. "no User Defined
/// Leave class has code 'FDV'"), and the reason is shown and kept.
pub(crate) fn refused(error: &str, private: bool) -> String {
    const WHAT_TO_DO: &str = "Correct the request in Worknice (or the employee in \
                              MicrOpay): Paybridge sends it again at the next sync.";
    if private {
        format!(
            "MicrOpay refused this leave application. Its words are not shown: the leave \
             is of a private category. {WHAT_TO_DO}"
        )
    } else {
        format!("{error} {WHAT_TO_DO}")
    }
}

#[cfg(test)]
#[path = "requests_plan_tests.rs"]
mod tests;

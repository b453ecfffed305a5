//! New hires (a Worknice person with an Employee ID and no MicrOpay
//! employee: one Add, sent once) and MicrOpay employees not linked yet.

use std::collections::{BTreeMap, HashSet};

use paybridge_store::{ChangeKind, ChangeRequestRecord, ChangeStatus};

use super::fields::FieldId;
use super::people::{choose_new_hire_defaults, held, with_fields, Index, NOT_IMPORTED};
use super::plan::{
    EmployeeAction, EmployeePlan, FieldAction, FieldPlan, MicropayEmployee, Outcome, Side,
    WorknicePersonSide,
};
use super::rules::{payroll_reason, plan_fields, status_words};

/// A MicrOpay employee without a link: linked now if payroll implemented
/// the Add Paybridge sent for them, otherwise the import's to bring in.
pub(super) fn unlinked_employee<'a>(
    index: &Index<'a>,
    employee: &MicropayEmployee,
    mut plan: EmployeePlan,
    key: &str,
    accounted: &mut HashSet<&'a str>,
) -> EmployeePlan {
    let people = index.people_by_code.get(key).map_or(&[][..], Vec::as_slice);
    for person in people {
        accounted.insert(person.person_id.as_str());
    }
    let requests = index.requests(key);
    let added = requests
        .iter()
        .filter(|request| request.kind == ChangeKind::Add)
        .max_by_key(|request| request.id)
        .is_some_and(|request| request.status == ChangeStatus::Implemented);
    match people {
        [person]
            if added
                && person.unreadable.is_none()
                && !index.linked_people.contains(person.person_id.as_str()) =>
        {
            plan.worknice_person_id = Some(person.person_id.clone());
            plan.baseline_key = Some(employee.emp_code.clone());
            plan.action = Some(EmployeeAction::Link);
            plan.outcome = Outcome::Linked;
            plan.changed = true;
            plan.reasons =
                vec!["Payroll added this new employee: linked to the Worknice person.".to_owned()];
            let planned = plan_fields(&index.rules(requests), &employee.side, &person.side, None);
            with_fields(plan, planned, requests, None)
        }
        _ => {
            plan.outcome = Outcome::NotImported;
            plan.reasons = vec![NOT_IMPORTED.to_owned()];
            plan
        }
    }
}

/// The recorded forms of what an Add for `person` carries.
fn add_values(index: &Index<'_>, person: &WorknicePersonSide) -> BTreeMap<String, String> {
    person
        .side
        .values
        .iter()
        .filter(|(field, _)| !field.is_payrolls_alone() && !person.side.held.contains_key(field))
        .map(|(field, value)| {
            (
                field.key().to_owned(),
                value
                    .recorded(field, index.inputs.fingerprint_key)
                    .into_owned(),
            )
        })
        .collect()
}

pub(crate) const NEEDS_A_START_DATE: &str =
    "New hire: MicrOpay needs a start date — set it in Worknice.";

/// INFERRED from the sandbox's words (WIRE.md, "Lost answers"): the resend
/// of a lost Add was refused because the first still waits for payroll.
/// Payroll has not decided yet, so the next run asks again; any other
/// refusal (payroll rejected it) settles the hire until it changes.
pub(super) fn still_waiting(words: &str) -> bool {
    words.contains("already waiting for payroll")
}

/// A lost Add whose resend MicrOpay refused with payroll's decision (not
/// "still waiting"): payroll has answered, and it is not sent again until
/// the hire changes. Kept queued so each run still looks the EmpCode up.
pub(crate) fn lost_add_settled(request: &ChangeRequestRecord) -> bool {
    request.kind == ChangeKind::Add
        && request.status == ChangeStatus::Queued
        && request.micropay_request_id.is_none()
        && request
            .payroll_message
            .as_deref()
            .is_some_and(|words| !still_waiting(words))
}

/// Why a new hire whose lost Add MicrOpay refused to take again is held.
pub(super) fn lost_add_refused(words: &str) -> String {
    if still_waiting(words) {
        return format!(
            "New hire: MicrOpay's answer to the Add was lost, and the Add sent again was refused \
             because the first still waits for payroll: {words} Paybridge asks again at the \
             next sync."
        );
    }
    format!(
        "New hire: MicrOpay's answer to the Add was lost, and MicrOpay refused the Add sent \
         again: {words} Check New/Edit Employees in MicrOpay. Paybridge sends it again only \
         once the hire is corrected in Worknice."
    )
}

/// A Worknice person with an Employee ID and no MicrOpay employee: one Add,
/// sent once; again only after payroll rejected it and it was corrected.
pub(super) fn new_hire(
    index: &Index<'_>,
    person: &WorknicePersonSide,
    mut plan: EmployeePlan,
    requests: &[&ChangeRequestRecord],
) -> EmployeePlan {
    let last_add = requests
        .iter()
        .filter(|request| request.kind == ChangeKind::Add)
        .max_by_key(|request| request.id);
    let mut reasons = Vec::new();
    let unchanged_since = |request: &ChangeRequestRecord| {
        let sent: BTreeMap<String, String> = request
            .fields
            .iter()
            .map(|field| (field.field.clone(), field.value.clone()))
            .collect();
        sent == add_values(index, person)
    };
    if let Some(request) = last_add {
        match request.status {
            // Its answer was lost and sending it again was refused: it
            // landed, and cannot be followed (WIRE.md, "Lost answers").
            ChangeStatus::Queued
                if request.micropay_request_id.is_none() && request.payroll_message.is_some() =>
            {
                let words = payroll_reason(request);
                if unchanged_since(request) {
                    // Still waiting is payroll's turn, not a data problem:
                    // counted as pending, so a run never looks settled
                    // while the Add waits in MicrOpay.
                    if still_waiting(&words) {
                        plan.outcome = Outcome::Pending;
                        plan.reasons = vec![lost_add_refused(&words)];
                        return plan;
                    }
                    return held(plan, vec![lost_add_refused(&words)]);
                }
                reasons.push(format!(
                    "Sent again, corrected: MicrOpay refused the last one ({words})."
                ));
            }
            ChangeStatus::Rejected => {
                let message = payroll_reason(request);
                if unchanged_since(request) {
                    plan.outcome = Outcome::Rejected;
                    plan.reasons = vec![format!(
                        "Payroll rejected the new employee: {message}. Correct it in Worknice; the next sync sends it again."
                    )];
                    return plan;
                }
                reasons.push(format!(
                    "Sent again, corrected: payroll rejected the last one ({message})."
                ));
            }
            ChangeStatus::Implemented => {
                plan.outcome = Outcome::Pending;
                plan.reasons = vec!["Payroll added this new employee; Paybridge links them once MicrOpay lists them.".to_owned()];
                return plan;
            }
            status => {
                plan.outcome = Outcome::Pending;
                plan.reasons = vec![format!(
                    "New employee waiting for payroll: request {} is {}.",
                    request.id,
                    status_words(status)
                )];
                return plan;
            }
        }
    }
    if !index.inputs.new_hire_defaults_set {
        return held(plan, vec![choose_new_hire_defaults()]);
    }
    if let Some(surname) = person.side.values.get(&FieldId::LastName) {
        if surname.shown().is_empty() {
            let reason =
                "New hire without a surname in Worknice: MicrOpay needs one. Add it in Worknice."
                    .to_owned();
            return held(plan, vec![reason]);
        }
    }
    // MicrOpay's New Employee wizard needs a start date; the sandbox
    // refuses an Add without one (it used to invent today).
    let start_date = person.side.values.get(&FieldId::StartDate);
    if start_date.is_none_or(|value| value.shown().is_empty()) {
        return held(plan, vec![NEEDS_A_START_DATE.to_owned()]);
    }
    for (field, value) in person.side.values.iter() {
        if field.is_payrolls_alone() {
            continue;
        }
        let (action, write, reason) = match person.side.held.get(&field) {
            Some(reason) => (FieldAction::Held, None, reason.clone()),
            None => (
                FieldAction::Add,
                Some(Side::Micropay),
                "new hire: sent in the Add".to_owned(),
            ),
        };
        plan.fields.push(FieldPlan {
            field,
            label: field.label(),
            group: field.group(),
            action,
            write,
            old: None,
            new: write.map(|_| value.shown()),
            micropay: None,
            worknice: Some(value.shown()),
            reason,
            change_request: None,
            value: write.map(|_| value.to_value()),
        });
    }
    reasons.insert(
        0,
        "New hire: one Add to MicrOpay's New Employee wizard, for payroll to approve.".to_owned(),
    );
    plan.reasons = reasons;
    plan.action = Some(EmployeeAction::Add);
    plan.outcome = Outcome::Added;
    plan.changed = true;
    plan
}

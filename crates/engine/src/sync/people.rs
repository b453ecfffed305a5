//! The employee-level rules: who is linked, held as a whole, a new hire,
//! deleted in MicrOpay or not imported yet; each linked pair's fields go to
//! [`super::rules`].

use std::collections::{HashMap, HashSet};

use paybridge_store::{ChangeRequestRecord, LinkRecord};

use super::baseline::{Baseline, BaselineChange};
use super::plan::{
    code_key, EmployeeAction, EmployeePlan, FieldAction, FieldPlan, MicropayEmployee, Outcome,
    PlanInputs, Side, WorknicePersonSide,
};
use super::rules::{payroll_reason, plan_fields, FieldRules, FieldsPlanned};
use super::unread::MicropaySideRef;
use crate::new_hire_defaults::NEW_HIRE_DEFAULTS_MISSING;

pub(super) const SHARED_CODE: &str = "Two or more MicrOpay employees share this employee code (ignoring capitals and spaces around it). Give each its own code in MicrOpay.";
const SHARED_WORKNICE_CODE: &str = "Two or more Worknice people share this Employee ID (ignoring capitals and spaces around it). Give each their own in Worknice.";
const EMPLOYEE_ID_LINKED_ELSEWHERE: &str = "This Employee ID is already linked to another Worknice person: give this person their own Employee ID in Worknice (or correct the other person's).";
const LINKED_PERSON_MISSING: &str = "Worknice did not list the person this employee is linked to: nothing was changed. Check the person is still in Worknice.";
const UNREADABLE_PERSON: &str =
    "Worknice has a person with this Employee ID that Paybridge could not read";
pub(crate) const NEEDS_EMPLOYEE_ID: &str = "needs an Employee ID: set it in Worknice (the MicrOpay EmpCode) so Paybridge can link or add this person";
/// Why a new hire waits: the words ([`NEW_HIRE_DEFAULTS_MISSING`])
/// with what to do about them.
pub(crate) fn choose_new_hire_defaults() -> String {
    format!(
        "New hire: {NEW_HIRE_DEFAULTS_MISSING} (location, payroll company, pay frequency and pay point) in Settings, then Paybridge adds them to MicrOpay"
    )
}
pub(super) const NOT_IMPORTED: &str =
    "Not in Worknice yet: import this employee to start syncing them.";

/// The inputs, indexed.
pub(super) struct Index<'a> {
    pub(super) inputs: &'a PlanInputs<'a>,
    pub(super) people_by_id: HashMap<&'a str, &'a WorknicePersonSide>,
    pub(super) people_by_code: HashMap<String, Vec<&'a WorknicePersonSide>>,
    pub(super) links_by_id: HashMap<i64, &'a LinkRecord>,
    pub(super) links_by_code: HashMap<String, &'a LinkRecord>,
    pub(super) linked_people: HashSet<&'a str>,
    pub(super) requests_by_code: HashMap<String, Vec<&'a ChangeRequestRecord>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(inputs: &'a PlanInputs<'a>) -> Self {
        let mut people_by_code: HashMap<String, Vec<_>> = HashMap::new();
        for person in inputs.worknice {
            if let Some(code) = &person.emp_code {
                people_by_code
                    .entry(code_key(code))
                    .or_default()
                    .push(person);
            }
        }
        let mut requests_by_code: HashMap<String, Vec<_>> = HashMap::new();
        for request in inputs.change_requests {
            requests_by_code
                .entry(code_key(&request.emp_code))
                .or_default()
                .push(request);
        }
        Self {
            inputs,
            people_by_id: inputs
                .worknice
                .iter()
                .map(|person| (person.person_id.as_str(), person))
                .collect(),
            people_by_code,
            links_by_id: inputs
                .links
                .iter()
                .map(|link| (link.id_employee, link))
                .collect(),
            links_by_code: inputs
                .links
                .iter()
                .map(|link| (code_key(&link.emp_code), link))
                .collect(),
            linked_people: inputs
                .links
                .iter()
                .map(|link| link.worknice_person_id.as_str())
                .collect(),
            requests_by_code,
        }
    }

    pub(super) fn requests(&self, key: &str) -> &[&'a ChangeRequestRecord] {
        self.requests_by_code.get(key).map_or(&[], Vec::as_slice)
    }

    pub(super) fn rules<'r>(&'r self, requests: &'r [&'r ChangeRequestRecord]) -> FieldRules<'r> {
        FieldRules {
            fingerprint_key: self.inputs.fingerprint_key,
            directions: self.inputs.directions,
            requests,
        }
    }

    pub(super) fn link_of(&self, employee: &MicropayEmployee) -> Option<&'a LinkRecord> {
        let key = code_key(&employee.emp_code);
        self.links_by_id
            .get(&employee.id_employee)
            .or_else(|| {
                (!key.is_empty())
                    .then(|| self.links_by_code.get(&key))
                    .flatten()
            })
            .copied()
    }

    pub(super) fn deleted(&self, link: &LinkRecord) -> Option<String> {
        self.inputs
            .deleted
            .iter()
            .find(|deleted| {
                deleted.emp_id == link.id_employee
                    || code_key(&deleted.emp_code) == code_key(&link.emp_code)
            })
            .map(|deleted| {
                deleted
                    .deleted_date
                    .map(|date| format!(" on {}", date.format("%Y-%m-%d")))
                    .unwrap_or_default()
            })
    }
}

pub(super) fn blank(name: &str) -> EmployeePlan {
    EmployeePlan {
        emp_code: None,
        name: name.to_owned(),
        id_employee: None,
        worknice_person_id: None,
        outcome: Outcome::Unchanged,
        action: None,
        reasons: Vec::new(),
        fields: Vec::new(),
        changed: false,
        baseline_key: None,
        baseline: BaselineChange::Keep,
    }
}

pub(super) fn held(mut plan: EmployeePlan, reasons: Vec<String>) -> EmployeePlan {
    plan.outcome = Outcome::Held;
    plan.reasons = reasons;
    plan
}

/// A linked employee's outcome from its fields.
fn outcome_of(plan: &EmployeePlan) -> Outcome {
    let has = |action| {
        plan.fields
            .iter()
            .any(|field: &FieldPlan| field.action == action)
    };
    if has(FieldAction::SetBack) {
        Outcome::Rejected
    } else if plan.writes_to(Side::Worknice) || plan.writes_to(Side::Micropay) {
        Outcome::Updated
    } else if has(FieldAction::WaitingForPayroll) {
        Outcome::Pending
    } else if has(FieldAction::Held) {
        Outcome::Held
    } else {
        Outcome::Unchanged
    }
}

pub(super) fn with_fields(
    mut plan: EmployeePlan,
    mut planned: FieldsPlanned,
    requests: &[&ChangeRequestRecord],
    last: Option<&Baseline>,
) -> EmployeePlan {
    plan.changed |= planned.changed;
    plan.fields = std::mem::take(&mut planned.fields);
    plan.baseline = planned.baseline_change(last);
    // The employee shows payroll's reason for a change it set back.
    for request in requests {
        let set_back = plan.fields.iter().any(|field| {
            field.action == FieldAction::SetBack && field.change_request == Some(request.id)
        });
        if set_back {
            plan.reasons.push(format!(
                "Payroll rejected change request {}: {}",
                request.id,
                payroll_reason(request)
            ));
        }
    }
    if plan.action.is_none() {
        plan.outcome = outcome_of(&plan);
    }
    plan
}

/// A linked employee's plan, from MicrOpay's side (`micropay_side` is
/// given the Worknice person; `None` when it cannot be known without
/// MicrOpay's record, which holds the employee) and the person's; its
/// change requests are those under `request_key`.
pub(super) fn linked_pair<'s>(
    index: &Index<'_>,
    plan: EmployeePlan,
    link: &LinkRecord,
    request_key: &str,
    micropay_side: impl FnOnce(&WorknicePersonSide) -> Option<MicropaySideRef<'s>>,
) -> EmployeePlan {
    let requests = index.requests(request_key);
    match index.people_by_id.get(link.worknice_person_id.as_str()) {
        None => held(plan, vec![LINKED_PERSON_MISSING.to_owned()]),
        Some(person) if person.unreadable.is_some() => {
            let what = person.unreadable.as_deref().unwrap_or_default();
            let reason = format!("{UNREADABLE_PERSON}: {what}. Correct them in Worknice.");
            held(plan, vec![reason])
        }
        Some(person) => {
            let Some(side) = micropay_side(person) else {
                return held(plan, vec![super::unread::NOT_READ.to_owned()]);
            };
            let rules = index.rules(requests);
            let last = index.inputs.baselines.get(&link.emp_code);
            let planned = plan_fields(&rules, &side, &person.side, last);
            with_fields(plan, planned, requests, last)
        }
    }
}

/// A linked employee MicrOpay no longer lists, when `DeletedEmployees`
/// says it was deleted: unlinked, the Worknice person kept.
pub(super) fn deleted_link(index: &Index<'_>, link: &LinkRecord) -> Option<EmployeePlan> {
    let when = index.deleted(link)?;
    let name = index
        .people_by_id
        .get(link.worknice_person_id.as_str())
        .map_or(link.emp_code.as_str(), |person| person.name.as_str());
    let mut plan = blank(name);
    plan.emp_code = Some(link.emp_code.clone());
    plan.id_employee = Some(link.id_employee);
    plan.worknice_person_id = Some(link.worknice_person_id.clone());
    plan.outcome = Outcome::Unlinked;
    plan.action = Some(EmployeeAction::Unlink);
    plan.changed = true;
    plan.reasons = vec![format!(
        "Deleted in MicrOpay{when}: unlinked. The Worknice person is kept (Paybridge never deletes a Worknice person); archive them in Worknice if they have left."
    )];
    plan.baseline_key = Some(link.emp_code.clone());
    plan.baseline = BaselineChange::Remove;
    Some(plan)
}

/// A Worknice person no MicrOpay employee or link accounts for: held with
/// what to fix, or a new hire. `None` when MicrOpay's entry for their code
/// (an employee held as a whole) covers them.
pub(super) fn worknice_person(
    index: &Index<'_>,
    person: &WorknicePersonSide,
    read_codes: &HashSet<String>,
) -> Option<EmployeePlan> {
    let mut plan = blank(&person.name);
    plan.worknice_person_id = Some(person.person_id.clone());
    plan.emp_code = person.emp_code.clone();
    if let Some(what) = &person.unreadable {
        let reason = format!("Worknice sent fields of this person that Paybridge could not read: {what}. Correct them in Worknice.");
        return Some(held(plan, vec![reason]));
    }
    let Some(code) = &person.emp_code else {
        return Some(held(plan, vec![NEEDS_EMPLOYEE_ID.to_owned()]));
    };
    let key = code_key(code);
    // Not linked themselves (see the caller): a link on this code is to
    // someone else, so their Employee ID is a copy, not a new hire.
    if index.links_by_code.contains_key(&key) {
        return Some(held(plan, vec![EMPLOYEE_ID_LINKED_ELSEWHERE.to_owned()]));
    }
    if read_codes.contains(&key) {
        return None;
    }
    if index
        .people_by_code
        .get(&key)
        .is_some_and(|people| people.len() > 1)
    {
        return Some(held(plan, vec![SHARED_WORKNICE_CODE.to_owned()]));
    }
    if index
        .inputs
        .deleted
        .iter()
        .any(|deleted| code_key(&deleted.emp_code) == key)
    {
        let reason = "Deleted in MicrOpay: not added again. Archive the person in Worknice, or give them a new Employee ID if they are a new hire.".to_owned();
        return Some(held(plan, vec![reason]));
    }
    Some(super::hires::new_hire(
        index,
        person,
        plan,
        index.requests(&key),
    ))
}

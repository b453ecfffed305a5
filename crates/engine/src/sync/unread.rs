//! Linked employees a `changedSince` read did not return: payroll has not
//! changed them since the last read, so MicrOpay's side is what their
//! baseline saw. Where the plan needs more than the baseline keeps (a
//! sensitive value it only fingerprints, a Worknice update built from
//! MicrOpay's full record, a change request to settle), the employee is
//! read on its own first ([`codes_to_read`]).

use std::borrow::Cow;
use std::collections::HashSet;

use paybridge_store::{ChangeStatus, LinkRecord};

use super::baseline::Baseline;
use super::people::{blank, linked_pair, Index};
use super::plan::{code_key, EmployeePlan, PlanInputs, WorknicePersonSide};
use super::snapshot::{FieldValueRef, MicropaySide};
use crate::api::SyncDirection;

/// MicrOpay's side of one employee, as read or as the baseline saw it.
pub(super) type MicropaySideRef<'s> = Cow<'s, MicropaySide>;

/// Why an employee is held when the plan needed MicrOpay's record and it
/// was not read (the read step reads such employees one by one, so this
/// shows only if that step is skipped).
pub(super) const NOT_READ: &str = "MicrOpay was read for changes only and this employee's record is needed: nothing was changed. The next full read covers them.";

/// The codes to read one by one after a `changedSince` read, before
/// planning: linked employees not returned whose plan needs MicrOpay's
/// record ([`needs_record`]), and Worknice people not linked whose
/// Employee ID MicrOpay did not return (a new hire only if MicrOpay has no
/// such employee).
pub(crate) fn codes_to_read(inputs: &PlanInputs<'_>) -> Vec<String> {
    let index = Index::new(inputs);
    let read_ids: HashSet<i64> = inputs.micropay.iter().map(|e| e.id_employee).collect();
    let read_codes: HashSet<String> = inputs
        .micropay
        .iter()
        .map(|e| code_key(&e.emp_code))
        .collect();
    let mut codes = Vec::new();
    let mut listed = HashSet::new();
    for link in inputs.links {
        let key = code_key(&link.emp_code);
        if read_ids.contains(&link.id_employee)
            || read_codes.contains(&key)
            || index.deleted(link).is_some()
        {
            continue;
        }
        let person = index.people_by_id.get(link.worknice_person_id.as_str());
        let Some(person) = person.filter(|person| person.unreadable.is_none()) else {
            continue; // held for the person, whatever MicrOpay holds
        };
        if needs_record(&index, link, person) && listed.insert(key) {
            codes.push(link.emp_code.clone());
        }
    }
    for person in inputs.worknice {
        if index.linked_people.contains(person.person_id.as_str())
            || person.archived
            || person.unreadable.is_some()
        {
            continue;
        }
        let Some(code) = &person.emp_code else {
            continue;
        };
        let key = code_key(code);
        let deleted = inputs
            .deleted
            .iter()
            .any(|deleted| code_key(&deleted.emp_code) == key);
        if index.links_by_code.contains_key(&key) || read_codes.contains(&key) || deleted {
            continue;
        }
        if listed.insert(key) {
            codes.push(code.clone());
        }
    }
    codes
}

/// Whether planning this unreturned employee needs MicrOpay's record, not
/// only its baseline: no baseline yet; a change request payroll has not
/// implemented (waiting, lost, rejected: their rules compare MicrOpay's
/// value); or a field Worknice changed that is sensitive (the baseline
/// keeps only its fingerprint), flows MicrOpay → Worknice (MicrOpay wins,
/// and the Worknice update is built from MicrOpay's record), or that the
/// baseline does not have. A plain field changed in Worknice that flows to
/// MicrOpay is planned from the baseline: the Change carries Worknice's
/// value.
pub(super) fn needs_record(
    index: &Index<'_>,
    link: &LinkRecord,
    person: &WorknicePersonSide,
) -> bool {
    let Some(last) = index.inputs.baselines.get(&link.emp_code) else {
        return true;
    };
    let unanswered = index
        .requests(&code_key(&link.emp_code))
        .iter()
        .any(|request| request.status != ChangeStatus::Implemented);
    if unanswered {
        return true;
    }
    person.side.values.iter().any(|(field, value)| {
        let Some(seen) = last.get(&field) else {
            return true;
        };
        if *value.recorded(field, index.inputs.fingerprint_key) == *seen.worknice {
            return false;
        }
        field.is_sensitive()
            || index.inputs.directions.of(field) == SyncDirection::MicropayToWorknice
    })
}

/// MicrOpay's side as `baseline` saw it: its plain values (sensitive ones
/// are kept only as fingerprints, and [`needs_record`] reads the employee
/// when one of those is needed).
pub(super) fn baseline_side(baseline: &Baseline) -> MicropaySide {
    let mut side = MicropaySide::default();
    for (field, seen) in baseline.iter() {
        if !field.is_sensitive() {
            side.values
                .insert_ref(field, FieldValueRef::Plain(seen.micropay));
        }
    }
    side
}

/// The plan of a linked employee a `changedSince` read did not return.
pub(super) fn unread_linked(index: &Index<'_>, link: &LinkRecord) -> EmployeePlan {
    let person = index.people_by_id.get(link.worknice_person_id.as_str());
    let mut plan = blank(person.map_or(link.emp_code.as_str(), |person| person.name.as_str()));
    plan.emp_code = Some(link.emp_code.clone());
    plan.id_employee = Some(link.id_employee);
    plan.worknice_person_id = Some(link.worknice_person_id.clone());
    plan.baseline_key = Some(link.emp_code.clone());
    let key = code_key(&link.emp_code);
    linked_pair(index, plan, link, &key, |person| {
        if needs_record(index, link, person) {
            return None;
        }
        let baseline = index.inputs.baselines.get(&link.emp_code)?;
        Some(Cow::Owned(baseline_side(baseline)))
    })
}

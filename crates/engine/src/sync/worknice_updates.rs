//! The Worknice updates the apply step sends, built as MicrOpay's records
//! are read again (`records_needed`), so a page's records go as soon as
//! their updates are made: a first sync after a 50,000 import updates a
//! third of them, and their full records held at once until the apply
//! step were its largest allocation.

use std::collections::HashMap;

use paybridge_micropay::EmployeeDetail;
use paybridge_worknice::{PersonUpdate, WorkniceTaxDetails};

use super::baseline::BaselineChange;
use super::fields::FieldId;
use super::plan::{code_key, EmployeePlan, FieldAction, MicropayEmployee, Plan, Side};
use super::snapshot::{FieldValue, FieldValueRef};
use super::worknice_writes::{person_update, worknice_fields};
use crate::plan::LookupNames;

/// What one record read again gives the employees the plan updates.
pub(super) enum Taken {
    /// Per employee (by its place in the plan), its update.
    Updates(Vec<(usize, PersonUpdate)>),
    /// The record no longer carries what was planned for one of them.
    Changed,
}

pub(super) struct WorkniceUpdates<'a> {
    plan: &'a Plan,
    names: &'a LookupNames,
    /// Worknice's tax details, by person id: the group is sent whole.
    tax: &'a HashMap<String, Option<WorkniceTaxDetails>>,
    /// The employees the plan updates in Worknice, by [`code_key`].
    by_key: HashMap<String, Vec<usize>>,
}

impl<'a> WorkniceUpdates<'a> {
    pub(super) fn new(
        plan: &'a Plan,
        names: &'a LookupNames,
        tax: &'a HashMap<String, Option<WorkniceTaxDetails>>,
    ) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, employee) in plan.employees.iter().enumerate() {
            if !employee.writes_to(Side::Worknice) {
                continue;
            }
            if let Some(code) = &employee.emp_code {
                by_key.entry(code_key(code)).or_default().push(index);
            }
        }
        Self {
            plan,
            names,
            tax,
            by_key,
        }
    }

    pub(super) fn wants(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The codes whose employees the plan updates.
    pub(super) fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.by_key.keys()
    }

    /// The updates `record` (read again, by [`code_key`] `key`) gives; an
    /// employee without a Worknice person gets none (the apply step
    /// refuses it, as without a record).
    pub(super) fn of(&self, key: &str, record: &EmployeeDetail) -> Taken {
        let Some(places) = self.by_key.get(key) else {
            return Taken::Updates(Vec::new());
        };
        let employees = places
            .iter()
            .map(|place| (*place, &self.plan.employees[*place]));
        if !employees
            .clone()
            .all(|(_, employee)| as_planned(employee, record, self.names))
        {
            return Taken::Changed;
        }
        Taken::Updates(
            employees
                .filter_map(|(place, employee)| {
                    let person_id = employee.worknice_person_id.as_ref()?;
                    let current_tax = self.tax.get(person_id).and_then(Option::as_ref);
                    let fields = worknice_fields(employee);
                    Some((
                        place,
                        person_update(&fields, record, current_tax, self.names),
                    ))
                })
                .collect(),
        )
    }
}

/// Whether `record` (read again) carries, for each field the plan writes
/// to Worknice for `employee`, the plan's value.
pub(super) fn as_planned(
    employee: &EmployeePlan,
    record: &EmployeeDetail,
    names: &LookupNames,
) -> bool {
    let now = MicropayEmployee::from_detail(record, names);
    let written = employee
        .fields
        .iter()
        .filter(|field| field.write == Some(Side::Worknice));
    written.clone().all(|field| {
        now.side.values.get(&field.field) == field.value.as_ref().map(FieldValue::view)
    }) && (!written.clone().any(|field| ADDRESS.contains(&field.field))
        || address_as_planned(employee, &now))
}

/// The address goes to Worknice whole (`person_update`), so writing one
/// part of it writes the others from the record read again too.
const ADDRESS: [FieldId; 5] = [
    FieldId::Street,
    FieldId::Suburb,
    FieldId::State,
    FieldId::Postcode,
    FieldId::Country,
];

/// The address parts the plan does not write still hold, in the record
/// read again, what MicrOpay held when planned: the baseline the plan
/// records (a write always records one) saw MicrOpay's value then. A part
/// held for a bad value keeps its old baseline, so it is not compared.
fn address_as_planned(employee: &EmployeePlan, now: &MicropayEmployee) -> bool {
    let BaselineChange::Put(baseline) = &employee.baseline else {
        return false;
    };
    ADDRESS
        .iter()
        .filter(|part| {
            !employee.fields.iter().any(|field| {
                field.field == **part
                    && (field.write == Some(Side::Worknice) || field.action == FieldAction::Held)
            })
        })
        .all(|part| {
            let planned = baseline.get(part).map_or("", |seen| seen.micropay);
            let read_again = match now.side.values.get(part) {
                Some(FieldValueRef::Plain(text)) => text,
                // Address parts are never sensitive; one that were could
                // not be compared here, so it counts as changed.
                Some(FieldValueRef::Sensitive(_)) => return false,
                None => "",
            };
            planned == read_again
        })
}

//! The Worknice updates the apply step sends, built as MicrOpay's records
//! are read again (`records_needed`), so a page's records go as soon as
//! their updates are made: a first sync after a 50,000 import updates a
//! third of them, and their full records held at once until the apply
//! step were its largest allocation.

use std::collections::HashMap;

use paybridge_micropay::EmployeeDetail;
use paybridge_worknice::{PersonUpdate, WorkniceTaxDetails};

use super::plan::{code_key, Plan, Side};
use super::records_needed::as_planned;
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

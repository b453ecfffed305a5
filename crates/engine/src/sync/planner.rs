//! The planner fed one MicrOpay employee at a time ([`Planner::employee`]),
//! so a full read plans each page as it arrives and keeps no employee's
//! side once planned: at 50,000 employees, MicrOpay's sides held whole
//! beside Worknice's were a fifth of a sync's memory. Worknice, the store
//! and the deleted list are read first (the inputs it is made with).
//!
//! Two rules need every MicrOpay employee: a code two of them share holds
//! both, and an employee not linked is matched by code against Worknice.
//! So a linked employee planned before every code is known is planned
//! again, held, at [`Planner::finish`] if its code turns out shared; an
//! employee not linked waits (with its side) until then. The plan is the
//! one [`plan_employees`] makes of them all at once: it is this, fed the
//! employees in order.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::people::{blank, deleted_link, held, linked_pair, worknice_person, Index, SHARED_CODE};
use super::plan::{code_key, EmployeePlan, MicropayCoverage, MicropayEmployee, PlanInputs};

pub(super) struct Planner<'a> {
    index: Index<'a>,
    plans: Vec<EmployeePlan>,
    accounted: HashSet<&'a str>,
    read_ids: HashSet<i64>,
    read_codes: HashSet<String>,
    /// How many employees read carry each code (by [`code_key`]).
    codes: HashMap<String, usize>,
    /// Linked employees planned so far, by their place in `plans`: held
    /// instead at the end if their code is shared.
    linked: Vec<usize>,
    /// Employees not linked, with their place in `plans` (a stand-in
    /// until the end).
    unlinked: Vec<(usize, MicropayEmployee)>,
}

impl<'a> Planner<'a> {
    /// `expected`: about how many employees there will be (room made).
    pub(super) fn new(inputs: &'a PlanInputs<'a>, expected: usize) -> Self {
        Self {
            index: Index::new(inputs),
            plans: Vec::with_capacity(expected),
            accounted: HashSet::new(),
            read_ids: HashSet::new(),
            read_codes: HashSet::new(),
            codes: HashMap::new(),
            linked: Vec::new(),
            unlinked: Vec::new(),
        }
    }

    /// Makes room for `employees` in all (once, before the first): grown
    /// by doubling, the plans and sets have room for 65,536 at 50,000,
    /// and the old and new tables both live while each grows.
    pub(super) fn expect(&mut self, employees: usize) {
        if !self.plans.is_empty() || self.plans.capacity() >= employees {
            return;
        }
        self.plans.reserve_exact(employees);
        self.read_ids.reserve(employees);
        self.read_codes.reserve(employees);
        self.codes.reserve(employees);
        self.accounted.reserve(employees);
        self.linked.reserve_exact(employees);
    }

    /// Plans one MicrOpay employee (in MicrOpay's order).
    pub(super) fn employee(&mut self, employee: &MicropayEmployee) {
        let key = code_key(&employee.emp_code);
        self.read_ids.insert(employee.id_employee);
        if !key.is_empty() {
            *self.codes.entry(key.clone()).or_insert(0) += 1;
        }
        let mut plan = basics_of(employee);
        let link = self.index.link_of(employee);
        if let Some(link) = link {
            self.accounted.insert(link.worknice_person_id.as_str());
            plan.worknice_person_id = Some(link.worknice_person_id.clone());
            plan.baseline_key = Some(link.emp_code.clone());
        }
        let place = self.plans.len();
        if !employee.unusable.is_empty() {
            self.plans.push(held(plan, employee.unusable.clone()));
        } else if let Some(link) = link {
            self.plans
                .push(linked_pair(&self.index, plan, link, &key, |_| {
                    Some(Cow::Borrowed(&employee.side))
                }));
            self.linked.push(place);
        } else {
            self.plans.push(plan);
            self.unlinked.push((place, employee.clone()));
        }
        self.read_codes.insert(key);
    }

    fn shared(&self, key: &str) -> bool {
        self.codes.get(key).is_some_and(|count| *count > 1)
    }

    /// The plans: every employee's, then linked employees MicrOpay no
    /// longer lists, then Worknice people no one accounts for.
    pub(super) fn finish(mut self) -> Vec<EmployeePlan> {
        for place in std::mem::take(&mut self.linked) {
            let plan = &mut self.plans[place];
            let key = plan.emp_code.as_deref().map(code_key).unwrap_or_default();
            if self.codes.get(&key).is_some_and(|count| *count > 1) {
                let mut again = blank(&plan.name);
                again.emp_code = plan.emp_code.take();
                again.id_employee = plan.id_employee;
                again.worknice_person_id = plan.worknice_person_id.take();
                again.baseline_key = plan.baseline_key.take();
                *plan = held(again, vec![SHARED_CODE.to_owned()]);
            }
        }
        for (place, employee) in std::mem::take(&mut self.unlinked) {
            let key = code_key(&employee.emp_code);
            let plan = std::mem::replace(&mut self.plans[place], blank(""));
            self.plans[place] = if self.shared(&key) {
                held(plan, vec![SHARED_CODE.to_owned()])
            } else {
                super::hires::unlinked_employee(
                    &self.index,
                    &employee,
                    plan,
                    &key,
                    &mut self.accounted,
                )
            };
        }
        let inputs = self.index.inputs;
        let mut more = Vec::new();
        for link in inputs.links {
            let read = self.read_ids.contains(&link.id_employee)
                || self.read_codes.contains(&code_key(&link.emp_code));
            if read {
                continue;
            }
            if let Some(plan) = deleted_link(&self.index, link) {
                self.accounted.insert(link.worknice_person_id.as_str());
                more.push(plan);
            } else if inputs.coverage == MicropayCoverage::Changed {
                self.accounted.insert(link.worknice_person_id.as_str());
                more.push(super::unread::unread_linked(&self.index, link));
            }
        }
        for person in inputs.worknice {
            if self.accounted.contains(person.person_id.as_str())
                || self.index.linked_people.contains(person.person_id.as_str())
                // A former employee: nothing to add or to ask for.
                || person.archived
            {
                continue;
            }
            more.extend(worknice_person(&self.index, person, &self.read_codes));
        }
        self.plans.reserve_exact(more.len());
        self.plans.extend(more);
        self.plans
    }
}

/// An employee's plan before any rule: who they are.
fn basics_of(employee: &MicropayEmployee) -> EmployeePlan {
    let mut plan = blank(&employee.name);
    plan.emp_code = (!employee.emp_code.is_empty()).then(|| employee.emp_code.clone());
    plan.id_employee = Some(employee.id_employee);
    plan
}

/// Every employee's plan from inputs read whole.
pub(crate) fn plan_employees(inputs: &PlanInputs<'_>) -> Vec<EmployeePlan> {
    let mut planner = Planner::new(inputs, inputs.micropay.len());
    for employee in inputs.micropay {
        planner.employee(employee);
    }
    planner.finish()
}

//! The sync planner's tests: no HTTP, the plan is a pure function. The
//! helpers build both sides; Worknice's full person read is not in the
//! client yet, so a linked person is built from the MicrOpay snapshot.

mod apply_values;
mod employees;
mod field_rules;
mod properties;
mod snapshots;
mod unread;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use paybridge_micropay::{BankAccount, DeletedEmployee, EmployeeDetail, TaxDetail};
use paybridge_store::{
    ChangeKind, ChangeRequestRecord, ChangeStatus, LinkHow, LinkRecord, RequestedField,
};

use super::baseline::{Baseline, BaselineChange, Seen};
use super::fields::FieldId;
use super::plan::{
    plan, Directions, EmployeeAction, EmployeePlan, FieldPlan, MicropayCoverage, MicropayEmployee,
    Plan, PlanInputs, Side, WorknicePersonSide,
};
use super::snapshot::{worknice_problems, FieldValue, SideSnapshot};
use crate::plan::LookupNames;

pub(super) const KEY: [u8; 32] = [7; 32];
/// Checksum-valid fake TFNs.
pub(super) const TFN: &str = "123456782";
pub(super) const OTHER_TFN: &str = "876543210";
/// Fails the checksum.
pub(super) const BAD_TFN: &str = "123456789";
pub(super) const ACCOUNT: &str = "98765432";

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

pub(super) fn detail(code: &str, id: i64) -> EmployeeDetail {
    EmployeeDetail {
        id_employee: id,
        emp_code: code.to_owned(),
        first_name: " Olivia ".to_owned(),
        surname: "Nguyen".to_owned(),
        date_of_birth: Some(date(1990, 3, 14)),
        hired_date: Some(date(2020, 1, 6)),
        street: "1 George St".to_owned(),
        suburb_city: "Sydney".to_owned(),
        state: "NSW".to_owned(),
        postcode: "2000".to_owned(),
        email: "olivia@example.com".to_owned(),
        mobile_phone: "0400 000 000".to_owned(),
        employee_detail: Some(TaxDetail {
            tfn: Sensitive::new(TFN.to_owned()),
            basis_of_payment: "FullTime".to_owned(),
            is_australian_resident: true,
            tax_free_threshold: true,
            ..TaxDetail::default()
        }),
        employee_banks: vec![BankAccount {
            bsb_code: "062-000".to_owned(),
            account_number: Sensitive::new(ACCOUNT.to_owned()),
            account_name: "O Nguyen".to_owned(),
            balance_of_pay: true,
            order: 0,
            ..BankAccount::default()
        }],
        ..EmployeeDetail::default()
    }
}

pub(super) fn micropay(detail: &EmployeeDetail) -> MicropayEmployee {
    MicropayEmployee::from_detail(detail, &LookupNames::default())
}

pub(super) fn plain(text: &str) -> FieldValue {
    FieldValue::plain(text)
}

pub(super) fn tfn(digits: &str) -> FieldValue {
    FieldValue::sensitive(
        Sensitive::new(digits.to_owned()),
        Sensitive::new(digits.to_owned()).masked_tail(3),
    )
}

/// A Worknice person holding the same values as `employee`.
pub(super) fn person_like(employee: &MicropayEmployee, person_id: &str) -> WorknicePersonSide {
    let values = employee.side.values.clone();
    WorknicePersonSide {
        person_id: person_id.to_owned(),
        emp_code: Some(employee.emp_code.clone()),
        name: employee.name.clone(),
        side: SideSnapshot {
            held: worknice_problems(&values),
            values,
        },
        unreadable: None,
        archived: false,
    }
}

pub(super) fn link(code: &str, id: i64, person: &str) -> LinkRecord {
    LinkRecord {
        emp_code: code.to_owned(),
        id_employee: id,
        worknice_person_id: person.to_owned(),
        how: LinkHow::Created,
        linked_at: chrono::DateTime::UNIX_EPOCH,
    }
}

/// What a sync that left both sides as they are would have recorded.
pub(super) fn seen_now(employee: &MicropayEmployee, person: &WorknicePersonSide) -> Baseline {
    employee
        .side
        .values
        .iter()
        .filter_map(|(field, m)| {
            let w = person.side.values.get(&field)?;
            Some((
                field,
                m.recorded(field, &KEY).into_owned(),
                w.recorded(field, &KEY).into_owned(),
            ))
        })
        .collect::<Vec<_>>()
        .iter()
        .map(|(field, m, w)| (*field, Seen::new(m, w)))
        .collect()
}

/// Everything the planner reads, owned.
#[derive(Debug, Default)]
pub(super) struct World {
    pub micropay: Vec<MicropayEmployee>,
    pub worknice: Vec<WorknicePersonSide>,
    pub links: Vec<LinkRecord>,
    pub baselines: BTreeMap<String, Baseline>,
    pub directions: Directions,
    pub requests: Vec<ChangeRequestRecord>,
    pub deleted: Vec<DeletedEmployee>,
    pub defaults_set: bool,
    pub coverage: MicropayCoverage,
}

impl World {
    /// Each employee linked to a person with the same values, as the last
    /// sync left them.
    pub fn synced(details: &[EmployeeDetail]) -> World {
        let mut world = World {
            defaults_set: true,
            ..World::default()
        };
        for detail in details {
            let employee = micropay(detail);
            let person = person_like(&employee, &format!("p-{}", detail.id_employee));
            world.links.push(link(
                &employee.emp_code,
                employee.id_employee,
                &person.person_id,
            ));
            world
                .baselines
                .insert(employee.emp_code.clone(), seen_now(&employee, &person));
            world.micropay.push(employee);
            world.worknice.push(person);
        }
        world
    }

    pub fn plan(&self) -> Plan {
        plan(&self.inputs())
    }

    pub fn inputs(&self) -> PlanInputs<'_> {
        PlanInputs {
            fingerprint_key: &KEY,
            micropay: &self.micropay,
            coverage: self.coverage,
            worknice: &self.worknice,
            links: &self.links,
            baselines: &self.baselines,
            directions: self.directions,
            change_requests: &self.requests,
            deleted: &self.deleted,
            new_hire_defaults_set: self.defaults_set,
        }
    }

    pub fn set_micropay(&mut self, code: &str, field: FieldId, value: FieldValue) {
        let employee = self
            .micropay
            .iter_mut()
            .find(|employee| employee.emp_code == code)
            .expect("the employee");
        employee.side.values.insert(field, value);
    }

    pub fn person_mut(&mut self, code: &str) -> &mut WorknicePersonSide {
        self.worknice
            .iter_mut()
            .find(|person| person.emp_code.as_deref() == Some(code))
            .expect("the person")
    }

    pub fn set_worknice(&mut self, code: &str, field: FieldId, value: FieldValue) {
        let person = self.person_mut(code);
        person.side.values.insert(field, value);
        person.side.held = worknice_problems(&person.side.values);
    }

    /// Records a change request as the store would hold it; returns its id.
    pub fn request(
        &mut self,
        code: &str,
        kind: ChangeKind,
        status: ChangeStatus,
        fields: &[(FieldId, FieldValue)],
        message: Option<&str>,
    ) -> i64 {
        let fields = fields
            .iter()
            .map(|(field, value)| requested(*field, value))
            .collect();
        let id = self.submit(code, kind, fields);
        let request = self.requests.last_mut().expect("just added");
        request.status = status;
        request.payroll_message = message.map(str::to_owned);
        id
    }

    /// A request as the apply step leaves it: submitted, waiting for payroll.
    fn submit(&mut self, code: &str, kind: ChangeKind, fields: Vec<RequestedField>) -> i64 {
        let id = self.requests.len() as i64 + 1;
        self.requests.push(ChangeRequestRecord {
            id,
            emp_code: code.to_owned(),
            kind,
            micropay_request_id: Some(format!("CE-{id}")),
            status: ChangeStatus::Submitted,
            payroll_message: None,
            fields,
            created_at: chrono::DateTime::UNIX_EPOCH,
            submitted_at: None,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            resolved_at: None,
        });
        id
    }

    /// Does what applying `plan` would: Worknice gets its writes, MicrOpay
    /// requests are submitted (and wait for payroll), links and baselines
    /// are recorded.
    pub fn apply(&mut self, plan: &Plan) {
        for employee in &plan.employees {
            for field in &employee.fields {
                let Some(value) = field.value.clone() else {
                    assert_eq!(field.write, None, "a write carries its value");
                    continue;
                };
                match field.write {
                    Some(Side::Worknice) => {
                        let id = employee.worknice_person_id.as_deref().expect("a person");
                        let person = self
                            .worknice
                            .iter_mut()
                            .find(|person| person.person_id == id)
                            .expect("the person written");
                        person.side.values.insert(field.field, value);
                    }
                    Some(Side::Micropay) => {}
                    None => panic!("a value without a write: {field:?}"),
                }
            }
            let code = employee.emp_code.clone().unwrap_or_default();
            if let Some((kind, fields)) = employee.change_request(&KEY) {
                self.submit(&code, kind, fields);
            }
            match employee.action {
                Some(EmployeeAction::Link) => self.links.push(link(
                    &code,
                    employee.id_employee.expect("an id"),
                    employee.worknice_person_id.as_deref().expect("a person"),
                )),
                Some(EmployeeAction::Unlink) => self.links.retain(|link| link.emp_code != code),
                Some(EmployeeAction::Add) | None => {}
            }
        }
        for (code, change) in plan.baseline_after() {
            match change {
                BaselineChange::Put(baseline) => {
                    self.baselines.insert(code, baseline);
                }
                BaselineChange::Remove => {
                    self.baselines.remove(&code);
                }
                BaselineChange::Keep => {}
            }
        }
    }
}

pub(super) fn requested(field: FieldId, value: &FieldValue) -> RequestedField {
    RequestedField {
        field: field.key().to_owned(),
        fingerprinted: field.is_sensitive(),
        value: value.recorded(field, &KEY).into_owned(),
    }
}

pub(super) fn employee<'p>(plan: &'p Plan, code: &str) -> &'p EmployeePlan {
    plan.employees
        .iter()
        .find(|employee| employee.emp_code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{code} is in the plan"))
}

/// The plan's row for the Worknice person `id` (one with no Employee ID, or a
/// copied one, has no row of its own under a code).
pub(super) fn person<'p>(plan: &'p Plan, id: &str) -> &'p EmployeePlan {
    plan.employees
        .iter()
        .find(|employee| employee.worknice_person_id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("person {id} is in the plan"))
}

pub(super) fn field(employee: &EmployeePlan, field: FieldId) -> Option<&FieldPlan> {
    employee
        .fields
        .iter()
        .find(|planned| planned.field == field)
}

/// The baseline the plan records for `code`.
pub(super) fn baseline_after(plan: &Plan, code: &str) -> Option<Baseline> {
    plan.baseline_after()
        .into_iter()
        .find(|(key, _)| key == code)
        .and_then(|(_, change)| match change {
            BaselineChange::Put(baseline) => Some(baseline),
            _ => None,
        })
}

/// Every employee is accounted for exactly once.
pub(super) fn assert_accounted(plan: &Plan) {
    let total: u64 = plan.accounting.values().sum();
    assert_eq!(total, plan.counts.read, "{:?}", plan.accounting);
    assert_eq!(plan.counts.read, plan.employees.len() as u64);
}

//! The sync plan: a pure function of what was read on both sides and what
//! the store holds (links, baselines, change requests, directions), giving
//! per employee and per field old → new, which side is written and why.
//! Sensitive values appear in it only masked; the values to write travel
//! beside them, skipped by serde.

use std::collections::BTreeMap;

use paybridge_domain::{emp_code, EmpCode, ValidationError};
use paybridge_micropay::{DeletedEmployee, EmployeeDetail};
use paybridge_store::{ChangeKind, ChangeRequestRecord, DataGroup, LinkRecord, RequestedField};
use paybridge_worknice::{WorknicePerson, WorknicePersonStatus};
use serde::{Serialize, Serializer};

use super::baseline::{Baseline, BaselineChange};
use super::fields::FieldId;
use super::snapshot::{
    snapshot_from_micropay, snapshot_from_worknice, unreadable_elsewhere, FieldValue, MicropaySide,
    WorkniceSide,
};
use crate::api::SyncDirection;
// The plan's vocabulary is the API's: what Preview, `paybridge sync --json`
// and history show is what the planner decided.
/// The run's figures, as `paybridge sync --json` names them.
pub(crate) use crate::api::SyncCounts as Counts;
pub(crate) use crate::api::{
    SyncEmployeeAction as EmployeeAction, SyncFieldAction as FieldAction, SyncOutcome as Outcome,
    SyncSide as Side,
};
use crate::plan::{display_name, LookupNames};

/// The directions chosen for the two groups that can flow either way; bank
/// and super always flow MicrOpay → Worknice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Directions {
    pub personal: SyncDirection,
    pub tax: SyncDirection,
}

/// What a new install has: everything MicrOpay → Worknice.
impl Default for Directions {
    fn default() -> Self {
        Self {
            personal: SyncDirection::MicropayToWorknice,
            tax: SyncDirection::MicropayToWorknice,
        }
    }
}

impl Directions {
    pub(crate) fn of(&self, field: FieldId) -> SyncDirection {
        if field.is_payrolls_alone() {
            return SyncDirection::MicropayToWorknice;
        }
        match field.group() {
            DataGroup::Personal => self.personal,
            DataGroup::Tax => self.tax,
            DataGroup::Bank | DataGroup::Super => SyncDirection::MicropayToWorknice,
        }
    }
}

/// One MicrOpay employee as the planner reads it.
#[derive(Debug, Clone)]
pub(crate) struct MicropayEmployee {
    pub id_employee: i64,
    /// Trimmed, as MicrOpay holds it.
    pub emp_code: String,
    pub name: String,
    pub side: MicropaySide,
    /// What makes the record unusable as a whole (no usable code, parts
    /// that cannot be read): the employee is held.
    pub unusable: Vec<String>,
}

impl MicropayEmployee {
    pub(crate) fn from_detail(employee: &EmployeeDetail, names: &LookupNames) -> Self {
        let mut unusable = Vec::new();
        match EmpCode::parse(&employee.emp_code) {
            Ok(_) => {}
            Err(ValidationError::EmpCodeMissing) => unusable.push(NO_EMP_CODE.to_owned()),
            Err(problem) => unusable.push(format!(
                "The employee code can't be used to link Worknice and MicrOpay: {problem}."
            )),
        }
        let elsewhere = unreadable_elsewhere(employee);
        if !elsewhere.is_empty() {
            unusable.push(format!(
                "MicrOpay sent parts of this employee's record that Paybridge cannot read: {}. Correct them in MicrOpay.",
                elsewhere.join("; ")
            ));
        }
        let mut side = snapshot_from_micropay(employee, names);
        // Kept for the whole plan, one per employee.
        side.shrink_to_fit();
        Self {
            id_employee: employee.id_employee,
            emp_code: employee.emp_code.trim().to_owned(),
            name: display_name(employee),
            side,
            unusable,
        }
    }
}

/// One Worknice person as the planner reads them.
#[derive(Debug, Clone)]
pub(crate) struct WorknicePersonSide {
    pub person_id: String,
    /// Their Employee ID, trimmed; `None` when not set.
    pub emp_code: Option<String>,
    pub name: String,
    pub side: WorkniceSide,
    /// Set when Worknice sent fields Paybridge cannot read.
    pub unreadable: Option<String>,
    /// Archived in Worknice: a former employee, never a new hire.
    pub archived: bool,
}

impl WorknicePersonSide {
    pub(crate) fn from_person(person: &WorknicePerson) -> Self {
        Self {
            person_id: person.id.clone(),
            emp_code: person
                .employee_code
                .as_deref()
                .map(str::trim)
                .filter(|code| !code.is_empty())
                .map(str::to_owned),
            name: person.display_name.trim().to_owned(),
            side: snapshot_from_worknice(person),
            unreadable: person.unreadable.clone(),
            archived: matches!(person.status, Some(WorknicePersonStatus::Archived)),
        }
    }
}

/// Whom MicrOpay's read covered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum MicropayCoverage {
    /// Everyone: a linked employee not read is no longer in MicrOpay.
    #[default]
    Everyone,
    /// Those payroll changed since the last read (`changedSince`), and
    /// those read one by one ([`super::unread::codes_to_read`]): a linked
    /// employee not read is as its baseline saw it.
    Changed,
}

/// Everything the plan is made from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlanInputs<'a> {
    /// The install's fingerprint key: sensitive values are compared by
    /// HMAC under it.
    pub fingerprint_key: &'a [u8; 32],
    /// New hires are found against this: a Worknice person whose code is
    /// not here (nor linked) becomes an Add, so after a `changedSince` read
    /// it must hold every such person's code MicrOpay has (read one by one).
    pub micropay: &'a [MicropayEmployee],
    pub coverage: MicropayCoverage,
    pub worknice: &'a [WorknicePersonSide],
    pub links: &'a [LinkRecord],
    /// By the link's employee code.
    pub baselines: &'a BTreeMap<String, Baseline>,
    pub directions: Directions,
    /// Every change request Paybridge made (the store's `all()`), answered
    /// ones included: without the rejected ones, a rejected value still in
    /// Worknice would be sent again.
    pub change_requests: &'a [ChangeRequestRecord],
    /// Every employee `DeletedEmployees` lists, not only those since the
    /// last sync: once unlinked, a deleted employee's Worknice person would
    /// otherwise be taken for a new hire and added again.
    pub deleted: &'a [DeletedEmployee],
    /// Whether Settings has the location, payroll company, pay frequency
    /// and pay point a new hire's Add needs.
    pub new_hire_defaults_set: bool,
}

/// One field of one employee in the plan. Values are as a person may see
/// them (sensitive ones masked); the value to write is in `value`, never
/// serialised.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FieldPlan {
    pub field: FieldId,
    pub label: &'static str,
    #[serde(serialize_with = "group_name")]
    pub group: DataGroup,
    pub action: FieldAction,
    /// The side written, if any.
    pub write: Option<Side>,
    /// The written side's value now (shown).
    pub old: Option<String>,
    /// The value it gets (shown).
    pub new: Option<String>,
    pub micropay: Option<String>,
    pub worknice: Option<String>,
    pub reason: String,
    /// The change request this entry is about (waiting, implemented or
    /// rejected), by Paybridge's id for it.
    pub change_request: Option<i64>,
    /// The value to write, for the apply step.
    #[serde(skip)]
    pub value: Option<FieldValue>,
}

fn group_name<S: Serializer>(group: &DataGroup, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(group.as_str())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EmployeePlan {
    pub emp_code: Option<String>,
    pub name: String,
    pub id_employee: Option<i64>,
    pub worknice_person_id: Option<String>,
    pub outcome: Outcome,
    pub action: Option<EmployeeAction>,
    /// Why the employee is held, unlinked, rejected or waiting.
    pub reasons: Vec<String>,
    pub fields: Vec<FieldPlan>,
    /// Set when any field differs from what the last sync saw (or, on the
    /// first sync, between the sides), or the employee is added, linked or
    /// unlinked.
    pub changed: bool,
    /// The link's code, which keys the baseline; `None` when not linked.
    #[serde(skip)]
    pub baseline_key: Option<String>,
    #[serde(skip)]
    pub baseline: BaselineChange,
}

impl EmployeePlan {
    pub(crate) fn writes_to(&self, side: Side) -> bool {
        self.fields.iter().any(|field| field.write == Some(side))
    }

    /// Write operations: one Worknice update, one MicrOpay request.
    fn writes(&self) -> u64 {
        let to_micropay =
            self.writes_to(Side::Micropay) || self.action == Some(EmployeeAction::Add);
        u64::from(self.writes_to(Side::Worknice)) + u64::from(to_micropay)
    }

    /// The change request the apply step writes to the outbox before it
    /// POSTs: an Add for a new hire, else a Change with every field written
    /// to MicrOpay; each value in the form the store keeps (a fingerprint
    /// for a sensitive one). `None` when nothing goes to MicrOpay.
    pub(crate) fn change_request(
        &self,
        fingerprint_key: &[u8; 32],
    ) -> Option<(ChangeKind, Vec<RequestedField>)> {
        let fields: Vec<RequestedField> = self
            .fields
            .iter()
            .filter(|field| field.write == Some(Side::Micropay))
            .filter_map(|field| {
                let value = field.value.as_ref()?;
                Some(RequestedField {
                    field: field.field.key().to_owned(),
                    fingerprinted: field.field.is_sensitive(),
                    value: value.recorded(field.field, fingerprint_key).into_owned(),
                })
            })
            .collect();
        match self.action {
            Some(EmployeeAction::Add) => Some((ChangeKind::Add, fields)),
            _ if fields.is_empty() => None,
            _ => Some((ChangeKind::Change, fields)),
        }
    }

    fn has(&self, action: FieldAction) -> bool {
        self.fields.iter().any(|field| field.action == action)
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Plan {
    pub counts: Counts,
    /// Employees by outcome: adds up to `counts.read`.
    pub accounting: BTreeMap<Outcome, u64>,
    pub employees: Vec<EmployeePlan>,
}

impl Plan {
    pub(crate) fn from_employees(employees: Vec<EmployeePlan>) -> Self {
        let mut counts = Counts {
            read: employees.len() as u64,
            ..Counts::default()
        };
        let mut accounting = BTreeMap::new();
        for employee in &employees {
            *accounting.entry(employee.outcome).or_insert(0) += 1;
            counts.changed += u64::from(employee.changed);
            counts.written += employee.writes();
            counts.held +=
                u64::from(employee.outcome == Outcome::Held || employee.has(FieldAction::Held));
            counts.conflicts += employee
                .fields
                .iter()
                .filter(|field| field.action == FieldAction::Conflict)
                .count() as u64;
            counts.pending += u64::from(
                employee.has(FieldAction::WaitingForPayroll)
                    || employee.outcome == Outcome::Pending,
            );
            counts.rejected += u64::from(
                employee.has(FieldAction::SetBack) || employee.outcome == Outcome::Rejected,
            );
        }
        Self {
            counts,
            accounting,
            employees,
        }
    }

    /// What the store records once the plan is applied: per linked
    /// employee (by the link's code), the new baseline or its removal.
    /// (The apply step reads them from the plan in place.)
    #[cfg(test)]
    pub(crate) fn baseline_after(&self) -> Vec<(String, BaselineChange)> {
        self.employees
            .iter()
            .filter_map(|employee| {
                let key = employee.baseline_key.clone()?;
                match &employee.baseline {
                    BaselineChange::Keep => None,
                    change => Some((key, change.clone())),
                }
            })
            .collect()
    }
}

/// Makes the plan. Pure: the same inputs give the same plan.
pub(crate) fn plan(inputs: &PlanInputs<'_>) -> Plan {
    Plan::from_employees(super::planner::plan_employees(inputs))
}

pub(crate) const NO_EMP_CODE: &str = "No employee code (EmpCode) in MicrOpay: give the employee one, so Worknice and MicrOpay can be linked.";

/// Codes compare as payroll staff read them: trimmed, ignoring capitals.
pub(crate) fn code_key(code: &str) -> String {
    emp_code::duplicate_key(code)
}

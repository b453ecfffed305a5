//! The plan as the window, the command line and Sync history see it: the
//! API's types ([`crate::api::SyncPreview`], [`SyncEmployee`]), which hold
//! only masked values (the values to write stay in the plan).

use paybridge_store::DataGroup;

use super::plan::{EmployeePlan, FieldPlan, Plan};
use crate::api::{OutcomeCount, SyncEmployee, SyncFieldChange, SyncGroup, SyncPreview};

impl Plan {
    pub(crate) fn shown(&self) -> SyncPreview {
        SyncPreview {
            counts: self.counts,
            accounting: self
                .accounting
                .iter()
                .map(|(outcome, count)| OutcomeCount {
                    outcome: *outcome,
                    count: *count,
                })
                .collect(),
            employees: self.employees.iter().map(EmployeePlan::shown).collect(),
        }
    }
}

impl EmployeePlan {
    pub(crate) fn shown(&self) -> SyncEmployee {
        SyncEmployee {
            emp_code: self.emp_code.clone(),
            name: self.name.clone(),
            id_employee: self.id_employee,
            worknice_person_id: self.worknice_person_id.clone(),
            outcome: self.outcome,
            action: self.action,
            reasons: self.reasons.clone(),
            fields: self.fields.iter().map(FieldPlan::shown).collect(),
            changed: self.changed,
        }
    }
}

impl FieldPlan {
    pub(crate) fn shown(&self) -> SyncFieldChange {
        SyncFieldChange {
            field: self.field.key().to_owned(),
            label: self.label.to_owned(),
            group: match self.group {
                DataGroup::Personal => SyncGroup::Personal,
                DataGroup::Tax => SyncGroup::Tax,
                DataGroup::Bank => SyncGroup::Bank,
                DataGroup::Super => SyncGroup::Super,
            },
            action: self.action,
            write: self.write,
            old: self.old.clone(),
            new: self.new.clone(),
            micropay: self.micropay.clone(),
            worknice: self.worknice.clone(),
            reason: self.reason.clone(),
            change_request: self.change_request,
        }
    }
}

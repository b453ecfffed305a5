//! The plan as the window, the command line and Sync history see it: the
//! API's types ([`crate::api::SyncPreview`], [`SyncEmployee`]), which hold
//! only masked values (the values to write stay in the plan).

use paybridge_store::DataGroup;

use super::plan::{EmployeeAction, EmployeePlan, FieldAction, FieldPlan, Outcome, Plan, Side};
use crate::api::{
    OutcomeCount, SyncCounts, SyncEmployee, SyncEmployeeAction, SyncFieldAction, SyncFieldChange,
    SyncGroup, SyncOutcome, SyncPreview, SyncSide,
};

impl Plan {
    pub(crate) fn shown(&self) -> SyncPreview {
        SyncPreview {
            counts: self.counts.shown(),
            accounting: self
                .accounting
                .iter()
                .map(|(outcome, count)| OutcomeCount {
                    outcome: outcome.shown(),
                    count: *count,
                })
                .collect(),
            employees: self.employees.iter().map(EmployeePlan::shown).collect(),
        }
    }
}

impl super::plan::Counts {
    pub(crate) fn shown(&self) -> SyncCounts {
        SyncCounts {
            read: self.read,
            changed: self.changed,
            written: self.written,
            held: self.held,
            conflicts: self.conflicts,
            pending: self.pending,
            rejected: self.rejected,
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
            outcome: self.outcome.shown(),
            action: self.action.map(|action| match action {
                EmployeeAction::Add => SyncEmployeeAction::Add,
                EmployeeAction::Link => SyncEmployeeAction::Link,
                EmployeeAction::Unlink => SyncEmployeeAction::Unlink,
            }),
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
            action: match self.action {
                FieldAction::Adopt => SyncFieldAction::Adopt,
                FieldAction::Update => SyncFieldAction::Update,
                FieldAction::Conflict => SyncFieldAction::Conflict,
                FieldAction::ChangeRequest => SyncFieldAction::ChangeRequest,
                FieldAction::Add => SyncFieldAction::Add,
                FieldAction::WaitingForPayroll => SyncFieldAction::WaitingForPayroll,
                FieldAction::Implemented => SyncFieldAction::Implemented,
                FieldAction::SetBack => SyncFieldAction::SetBack,
                FieldAction::Held => SyncFieldAction::Held,
            },
            write: self.write.map(|side| match side {
                Side::Micropay => SyncSide::Micropay,
                Side::Worknice => SyncSide::Worknice,
            }),
            old: self.old.clone(),
            new: self.new.clone(),
            micropay: self.micropay.clone(),
            worknice: self.worknice.clone(),
            reason: self.reason.clone(),
            change_request: self.change_request,
        }
    }
}

impl Outcome {
    pub(crate) fn shown(self) -> SyncOutcome {
        match self {
            Self::Unchanged => SyncOutcome::Unchanged,
            Self::Updated => SyncOutcome::Updated,
            Self::Added => SyncOutcome::Added,
            Self::Linked => SyncOutcome::Linked,
            Self::Unlinked => SyncOutcome::Unlinked,
            Self::Pending => SyncOutcome::Pending,
            Self::Rejected => SyncOutcome::Rejected,
            Self::Held => SyncOutcome::Held,
            Self::NotImported => SyncOutcome::NotImported,
        }
    }
}

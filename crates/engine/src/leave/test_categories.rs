//! The leave categories the leave rules' unit tests plan against: annual,
//! personal/carer's, a user-defined TOIL and a private FDV, each with a
//! recorded Worknice leave type `w-…`.

use crate::api::{LeaveCategoryRow, LeaveKind, LeaveTypeMatch};

pub(super) fn category(code: &str, name: &str, kind: LeaveKind, type_id: &str) -> LeaveCategoryRow {
    let user_defined = kind == LeaveKind::UserDefined;
    LeaveCategoryRow {
        code: code.to_owned(),
        name: name.to_owned(),
        kind,
        leave_type: if user_defined {
            "UserDefinedLeave".to_owned()
        } else {
            code.to_owned()
        },
        leave_code: user_defined.then(|| code.to_owned()),
        inactive: false,
        worknice_match: LeaveTypeMatch::Recorded,
        worknice_type_id: Some(type_id.to_owned()),
        worknice_type_name: Some(name.to_owned()),
        worknice: name.to_owned(),
        visible: true,
        private: false,
        private_by_default: false,
        changed_at: None,
        changed_by: None,
    }
}

pub(super) fn categories() -> Vec<LeaveCategoryRow> {
    let mut fdv = category(
        "FDV",
        "Family and Domestic Violence Leave",
        LeaveKind::UserDefined,
        "w-fdv",
    );
    fdv.private = true;
    vec![
        category("AnnualLeave", "Annual leave", LeaveKind::Annual, "w-annual"),
        category(
            "SickLeave",
            "Personal/carer's leave",
            LeaveKind::PersonalCarers,
            "w-personal",
        ),
        category("TOIL", "Time in lieu", LeaveKind::UserDefined, "w-toil"),
        fdv,
    ]
}

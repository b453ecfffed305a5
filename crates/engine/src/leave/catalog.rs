//! The leave category rules, pure: which categories MicrOpay has (the three
//! standard types and each user-defined code), which are private by
//! default, and which Worknice leave type each goes to.

use paybridge_micropay::Lookup;
use paybridge_store::{LeaveCategoryKey, LeaveCategoryRecord};
use paybridge_worknice::WorkniceLeaveType;

use crate::api::{LeaveCategoryRow, LeaveKind, LeaveTypeMatch};
use crate::directions::from_store_trigger;

/// MicrOpay's lookup of user-defined leave codes.
pub(crate) const USER_DEFINED_LOOKUP: &str = "UserDefinedLeave";

const USER_DEFINED_TYPE: &str = "UserDefinedLeave";

/// The standard types: (LeaveType as MicrOpay spells it, name, kind).
const STANDARD: [(&str, &str, LeaveKind); 3] = [
    ("AnnualLeave", "Annual leave", LeaveKind::Annual),
    (
        "SickLeave",
        "Personal/carer's leave",
        LeaveKind::PersonalCarers,
    ),
    (
        "LongServiceLeave",
        "Long service leave",
        LeaveKind::LongService,
    ),
];

/// Codes payroll databases give family and domestic violence leave.
const PRIVATE_CODES: [&str; 5] = ["FDV", "FDVL", "DFV", "DV", "FDVLEAVE"];

/// Words in a description that mean family and domestic violence leave.
const PRIVATE_WORDS: [&str; 2] = ["domestic violence", "family violence"];

/// A MicrOpay leave category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Category {
    pub key: LeaveCategoryKey,
    pub name: String,
    pub kind: LeaveKind,
    pub inactive: bool,
}

impl Category {
    /// What the command line calls it, and the code its Worknice type gets.
    pub fn code(&self) -> &str {
        self.key.setting_name()
    }
}

/// The three standard categories, then each user-defined code in the
/// order MicrOpay lists them (a code listed twice counts once; a blank one
/// is no category).
pub(crate) fn categories(user_defined: &[Lookup]) -> Vec<Category> {
    let mut all: Vec<Category> = STANDARD
        .iter()
        .map(|(leave_type, name, kind)| Category {
            key: LeaveCategoryKey {
                leave_type: (*leave_type).to_owned(),
                leave_code: String::new(),
            },
            name: (*name).to_owned(),
            kind: *kind,
            inactive: false,
        })
        .collect();
    for lookup in user_defined {
        let code = lookup.code.trim();
        if code.is_empty() || all.iter().any(|c| c.code().eq_ignore_ascii_case(code)) {
            continue;
        }
        let description = lookup.description.trim();
        all.push(Category {
            key: LeaveCategoryKey {
                leave_type: USER_DEFINED_TYPE.to_owned(),
                leave_code: code.to_owned(),
            },
            name: (if description.is_empty() {
                code
            } else {
                description
            })
            .to_owned(),
            kind: LeaveKind::UserDefined,
            inactive: !lookup.active,
        });
    }
    all
}

/// The category the command line names, by its code in any case.
pub(crate) fn find<'c>(categories: &'c [Category], code: &str) -> Option<&'c Category> {
    let code = code.trim();
    categories
        .iter()
        .find(|category| category.code().eq_ignore_ascii_case(code))
}

/// Whether `row` is the category a MicrOpay application of `leave_type`
/// (and, for user-defined leave, `leave_code`) is of, as payroll staff
/// spell them (trimmed, any case).
pub(crate) fn is_of_application(
    row: &LeaveCategoryRow,
    leave_type: &str,
    leave_code: Option<&str>,
) -> bool {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    same(&row.leave_type, leave_type)
        && (!same(leave_type, "UserDefinedLeave")
            || same(
                row.leave_code.as_deref().unwrap_or(""),
                leave_code.unwrap_or(""),
            ))
}

/// Family and domestic violence leave is private by default (Fair Work
/// keeps it off pay slips): a user-defined code whose code is one payroll
/// databases give it, or whose description names it.
pub(crate) fn private_by_default(category: &Category) -> bool {
    if category.kind != LeaveKind::UserDefined {
        return false;
    }
    let code = category.code();
    let name = category.name.to_lowercase();
    PRIVATE_CODES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(code))
        || PRIVATE_WORDS.iter().any(|words| name.contains(words))
}

/// Letters and digits only, lower case: "Personal/Carer's Leave" and
/// "personal / carers leave" are one name.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The Worknice leave type a category goes to: the one recorded for it,
/// else one with its code, else one with its name.
pub(crate) fn worknice_match<'t>(
    category: &Category,
    recorded_id: Option<&str>,
    types: &'t [WorkniceLeaveType],
) -> (LeaveTypeMatch, Option<&'t WorkniceLeaveType>) {
    if let Some(found) = recorded_id.and_then(|id| types.iter().find(|t| t.id == id)) {
        return (LeaveTypeMatch::Recorded, Some(found));
    }
    if let Some(found) = types
        .iter()
        .find(|t| t.code.trim().eq_ignore_ascii_case(category.code()))
    {
        return (LeaveTypeMatch::Code, Some(found));
    }
    let name = name_key(&category.name);
    if let Some(found) = types.iter().find(|t| name_key(&t.name) == name) {
        return (LeaveTypeMatch::Name, Some(found));
    }
    (LeaveTypeMatch::WillBeCreated, None)
}

/// The table's rows: every category with what is stored for it and the
/// Worknice type it goes to.
pub(crate) fn rows(
    categories: &[Category],
    stored: &[LeaveCategoryRecord],
    types: &[WorkniceLeaveType],
) -> Vec<LeaveCategoryRow> {
    categories
        .iter()
        .map(|category| {
            let record = stored
                .iter()
                .find(|record| same_key(&record.key, &category.key));
            row(category, record, types)
        })
        .collect()
}

fn same_key(a: &LeaveCategoryKey, b: &LeaveCategoryKey) -> bool {
    a.leave_type == b.leave_type && a.leave_code.eq_ignore_ascii_case(&b.leave_code)
}

/// Whether a category is private: the admin's choice, else the default.
pub(crate) fn is_private(category: &Category, record: Option<&LeaveCategoryRecord>) -> bool {
    record
        .and_then(|record| record.private)
        .unwrap_or_else(|| private_by_default(category))
}

pub(crate) fn row(
    category: &Category,
    record: Option<&LeaveCategoryRecord>,
    types: &[WorkniceLeaveType],
) -> LeaveCategoryRow {
    let recorded_id = record.and_then(|record| record.worknice_type_id.as_deref());
    let (how, found) = worknice_match(category, recorded_id, types);
    let worknice = match (how, found) {
        (LeaveTypeMatch::Code, Some(found)) => format!("{} (same code)", found.name),
        (LeaveTypeMatch::Name, Some(found)) => format!("{} (same name)", found.name),
        (_, Some(found)) => found.name.clone(),
        (_, None) => "will be created in Worknice".to_owned(),
    };
    LeaveCategoryRow {
        code: category.code().to_owned(),
        name: category.name.clone(),
        kind: category.kind,
        leave_type: category.key.leave_type.clone(),
        leave_code: Some(category.key.leave_code.clone()).filter(|code| !code.is_empty()),
        inactive: category.inactive,
        worknice_match: how,
        worknice_type_id: found.map(|t| t.id.clone()),
        worknice_type_name: found.map(|t| t.name.clone()),
        worknice,
        visible: record.is_some_and(|record| record.visible),
        private: is_private(category, record),
        private_by_default: private_by_default(category),
        changed_at: record.and_then(|r| r.changed_at).map(|at| at.to_rfc3339()),
        changed_by: record.and_then(|r| r.changed_by).map(from_store_trigger),
    }
}

#[cfg(test)]
mod tests;

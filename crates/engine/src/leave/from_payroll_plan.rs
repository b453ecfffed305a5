//! Which Worknice leave type an application entered in MicrOpay is copied
//! as, pure: the category it is of (by `LeaveType`, and `LeaveCode` for
//! user-defined leave), shown to employees and mapped to a Worknice type;
//! otherwise skipped with why. A private category is never named in a
//! reason: it reads "leave of a private category".

use paybridge_micropay::LeaveApplicationView;

use super::catalog::is_of_application;
use crate::api::LeaveCategoryRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CopyAs {
    /// Copied as this Worknice leave type (by id).
    To(String),
    /// Not copied, with why.
    Skip(String),
}

pub(crate) fn category_of(view: &LeaveApplicationView, categories: &[LeaveCategoryRow]) -> CopyAs {
    let category = categories
        .iter()
        .find(|c| is_of_application(c, &view.leave_type, view.leave_code.as_deref()));
    let Some(category) = category else {
        return CopyAs::Skip(
            "Its leave category is not one of MicrOpay's categories on the Leave screen: not \
             copied."
                .to_owned(),
        );
    };
    let named = if category.private {
        "Leave of a private category".to_owned()
    } else {
        category.name.clone()
    };
    if !category.visible {
        return CopyAs::Skip(format!(
            "{named} is hidden from employees (Leave screen): copied at a later sync \
             once it is shown."
        ));
    }
    match &category.worknice_type_id {
        Some(type_id) => CopyAs::To(type_id.clone()),
        None => CopyAs::Skip(format!(
            "{named} has no Worknice leave type yet (it is made when the category is \
             shown): copied at a later sync once it has one."
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::{LeaveKind, LeaveTypeMatch};

    fn row(leave_type: &str, code: Option<&str>, visible: bool, private: bool) -> LeaveCategoryRow {
        LeaveCategoryRow {
            code: code.unwrap_or(leave_type).to_owned(),
            name: "Family and Domestic Violence Leave".to_owned(),
            kind: LeaveKind::UserDefined,
            leave_type: leave_type.to_owned(),
            leave_code: code.map(str::to_owned),
            inactive: false,
            worknice_match: LeaveTypeMatch::Name,
            worknice_type_id: Some("lt-1".to_owned()),
            worknice_type_name: None,
            worknice: String::new(),
            visible,
            private,
            private_by_default: private,
            changed_at: None,
            changed_by: None,
        }
    }

    fn view(leave_type: &str, code: Option<&str>) -> LeaveApplicationView {
        serde_json::from_value(json!({
            "LeaveApplicationId": 4, "LeaveType": leave_type, "LeaveCode": code,
        }))
        .expect("a view")
    }

    #[test]
    fn a_visible_mapped_category_is_copied_by_type_and_code() {
        let rows = [
            row("UserDefinedLeave", Some("TOIL"), true, false),
            row("UserDefinedLeave", Some("FDV"), true, true),
        ];
        assert_eq!(
            category_of(&view("UserDefinedLeave", Some("fdv")), &rows[1..]),
            CopyAs::To("lt-1".to_owned())
        );
        assert!(matches!(
            category_of(&view("UserDefinedLeave", Some("STUDY")), &rows),
            CopyAs::Skip(_)
        ));
    }

    #[test]
    fn a_hidden_or_unmapped_private_category_is_skipped_without_its_name() {
        let hidden = [row("UserDefinedLeave", Some("FDV"), false, true)];
        let CopyAs::Skip(why) = category_of(&view("UserDefinedLeave", Some("FDV")), &hidden) else {
            panic!("hidden is skipped");
        };
        assert!(why.contains("hidden") && !why.contains("Family"), "{why}");
        let mut unmapped = row("UserDefinedLeave", Some("FDV"), true, true);
        unmapped.worknice_type_id = None;
        let CopyAs::Skip(why) = category_of(&view("UserDefinedLeave", Some("FDV")), &[unmapped])
        else {
            panic!("unmapped is skipped");
        };
        assert!(
            why.contains("no Worknice leave type") && !why.contains("Family"),
            "{why}"
        );
    }
}

use chrono::{DateTime, Utc};
use paybridge_store::SettingsTrigger as StoredTrigger;

use super::*;

fn lookup(code: &str, description: &str, active: bool) -> Lookup {
    Lookup {
        lookup_type: USER_DEFINED_LOOKUP.to_owned(),
        code: code.to_owned(),
        description: description.to_owned(),
        active,
    }
}

fn worknice(id: &str, name: &str, code: &str) -> WorkniceLeaveType {
    WorkniceLeaveType {
        id: id.to_owned(),
        name: name.to_owned(),
        code: code.to_owned(),
        private: false,
        offered: true,
    }
}

fn stored(
    code: &str,
    visible: bool,
    private: Option<bool>,
    id: Option<&str>,
) -> LeaveCategoryRecord {
    LeaveCategoryRecord {
        key: LeaveCategoryKey {
            leave_type: USER_DEFINED_TYPE.to_owned(),
            leave_code: code.to_owned(),
        },
        visible,
        private,
        worknice_type_id: id.map(str::to_owned),
        changed_at: Some(DateTime::<Utc>::UNIX_EPOCH),
        changed_by: Some(StoredTrigger::Cli),
    }
}

#[test]
fn the_standard_types_come_first_then_each_user_defined_code_once() {
    let listed = categories(&[
        lookup("TOIL", "Time Off In Lieu", true),
        lookup(" ", "no code", true),
        lookup("toil", "Time off in lieu again", true),
        lookup("RDO", "Rostered Day Off (retired)", false),
        lookup("JURY", "", true),
    ]);
    let seen: Vec<(&str, &str, LeaveKind, bool)> = listed
        .iter()
        .map(|c| (c.code(), c.name.as_str(), c.kind, c.inactive))
        .collect();
    assert_eq!(
        seen,
        [
            ("AnnualLeave", "Annual leave", LeaveKind::Annual, false),
            (
                "SickLeave",
                "Personal/carer's leave",
                LeaveKind::PersonalCarers,
                false
            ),
            (
                "LongServiceLeave",
                "Long service leave",
                LeaveKind::LongService,
                false
            ),
            ("TOIL", "Time Off In Lieu", LeaveKind::UserDefined, false),
            (
                "RDO",
                "Rostered Day Off (retired)",
                LeaveKind::UserDefined,
                true
            ),
            ("JURY", "JURY", LeaveKind::UserDefined, false),
        ]
    );
    assert_eq!(listed[0].key.leave_code, "");
    assert_eq!(listed[3].key.leave_type, "UserDefinedLeave");
    assert_eq!(
        find(&listed, " sickleave").map(Category::code),
        Some("SickLeave")
    );
    assert_eq!(find(&listed, "rdo").map(Category::code), Some("RDO"));
    assert_eq!(find(&listed, "AL"), None);
}

#[test]
fn family_and_domestic_violence_leave_is_private_by_default_by_code_or_description() {
    let listed = categories(&[
        lookup("FDV", "Family & DV leave", true),
        lookup("L17", "Family and Domestic Violence Leave", true),
        lookup("X1", "Paid family violence leave", true),
        lookup("CL", "Compassionate Leave", true),
        lookup("dfv", "Leave", true),
    ]);
    let private: Vec<(&str, bool)> = listed
        .iter()
        .map(|c| (c.code(), private_by_default(c)))
        .collect();
    assert_eq!(
        private,
        [
            ("AnnualLeave", false),
            ("SickLeave", false),
            ("LongServiceLeave", false),
            ("FDV", true),
            ("L17", true),
            ("X1", true),
            ("CL", false),
            ("dfv", true),
        ]
    );
}

#[test]
fn an_admins_choice_of_privacy_wins_over_the_default() {
    let listed = categories(&[
        lookup("FDV", "Family and Domestic Violence Leave", true),
        lookup("CL", "Compassionate Leave", true),
    ]);
    let (fdv, cl) = (&listed[3], &listed[4]);
    assert!(is_private(fdv, None));
    assert!(!is_private(
        fdv,
        Some(&stored("FDV", false, Some(false), None))
    ));
    assert!(is_private(cl, Some(&stored("cl", true, Some(true), None))));
    assert!(!is_private(cl, Some(&stored("CL", true, None, None))));
}

#[test]
fn the_worknice_type_is_the_recorded_one_then_same_code_then_same_name() {
    let listed = categories(&[
        lookup("TOIL", "Time Off In Lieu", true),
        lookup("STUDY", "Study Leave", true),
    ]);
    let types = [
        worknice("w1", "Annual  Leave", "ANNUAL"),
        worknice("w2", "Personal / Carers leave", "PERSONAL"),
        worknice("w3", "Time in lieu", "toil"),
        worknice("w4", "Study leave (old)", "STUDYOLD"),
        worknice("w5", "Study Leave", "STUDYNEW"),
    ];
    let matched: Vec<(&str, LeaveTypeMatch, Option<&str>)> = listed
        .iter()
        .map(|c| {
            let (how, found) = worknice_match(c, None, &types);
            (c.code(), how, found.map(|t| t.id.as_str()))
        })
        .collect();
    assert_eq!(
        matched,
        [
            ("AnnualLeave", LeaveTypeMatch::Name, Some("w1")),
            ("SickLeave", LeaveTypeMatch::Name, Some("w2")),
            ("LongServiceLeave", LeaveTypeMatch::WillBeCreated, None),
            ("TOIL", LeaveTypeMatch::Code, Some("w3")),
            ("STUDY", LeaveTypeMatch::Name, Some("w5")),
        ]
    );
    // A recorded type wins over a same-code one; a recorded id Worknice no
    // longer lists falls back to the rules.
    assert_eq!(
        worknice_match(&listed[3], Some("w4"), &types),
        (LeaveTypeMatch::Recorded, Some(&types[3]))
    );
    assert_eq!(
        worknice_match(&listed[3], Some("gone"), &types),
        (LeaveTypeMatch::Code, Some(&types[2]))
    );
}

#[test]
fn rows_say_where_each_category_goes_and_what_is_stored_for_it() {
    let listed = categories(&[
        lookup("FDV", "Family and Domestic Violence Leave", true),
        lookup("RDO", "Rostered Day Off", false),
    ]);
    let types = [
        worknice("w1", "Annual Leave", "ANNUAL"),
        worknice("w9", "FDV", "FDV"),
    ];
    let table = rows(&listed, &[stored("fdv", true, None, Some("w9"))], &types);
    let annual = &table[0];
    assert_eq!(annual.worknice, "Annual Leave (same name)");
    assert!(!annual.visible && !annual.private && annual.leave_code.is_none());
    assert_eq!(annual.changed_at, None);
    let long_service = &table[2];
    assert_eq!(long_service.worknice, "will be created in Worknice");
    assert_eq!(long_service.worknice_type_id, None);
    let fdv = &table[3];
    assert_eq!(fdv.leave_code.as_deref(), Some("FDV"));
    assert!(fdv.visible && fdv.private && fdv.private_by_default);
    assert_eq!(fdv.worknice_match, LeaveTypeMatch::Recorded);
    assert_eq!(fdv.worknice_type_id.as_deref(), Some("w9"));
    assert_eq!(fdv.changed_by, Some(crate::api::SettingsTrigger::Cli));
    let rdo = &table[4];
    assert!(rdo.inactive && !rdo.visible);
}

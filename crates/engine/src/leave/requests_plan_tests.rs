//! The transfer rules: category mapping (user-defined codes as LeaveCode),
//! hours vs whole days, private categories, and each held case.

use chrono::{NaiveDate, TimeZone, Utc};
use paybridge_micropay::{LeaveAmount, Lookup};
use paybridge_worknice::{LeaveRequestStatus, WorkniceLeaveRequest, WorkniceLeaveType};

use super::super::test_categories::categories;
use super::{leave_reason, plan, refused, Employment, LeaveTransfer};
use crate::api::LeaveKind;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn reasons() -> Vec<Lookup> {
    [("HOL", "Holiday"), ("ILL", "Illness"), ("OTHER", "Other")]
        .iter()
        .map(|(code, description)| Lookup {
            lookup_type: "LeaveReason".to_owned(),
            code: (*code).to_owned(),
            description: (*description).to_owned(),
            active: true,
        })
        .collect()
}

fn request(type_id: &str, type_code: &str) -> WorkniceLeaveRequest {
    WorkniceLeaveRequest {
        id: "r1".to_owned(),
        person_id: "p1".to_owned(),
        employee_code: Some("E0007".to_owned()),
        leave_type: Some(WorkniceLeaveType {
            id: type_id.to_owned(),
            name: type_code.to_owned(),
            code: type_code.to_owned(),
            private: false,
            offered: true,
        }),
        start_date: day("2026-03-02"),
        end_date: day("2026-03-06"),
        hours: None,
        part_day: false,
        status: LeaveRequestStatus::Approved,
        payroll_status: None,
        payroll_message: None,
        updated_at: Utc
            .with_ymd_and_hms(2026, 2, 20, 9, 0, 0)
            .single()
            .expect("a time"),
        source: None,
        external_id: None,
    }
}

fn employee() -> Employment {
    Employment {
        emp_code: "E0007".to_owned(),
        hired: day("2021-05-03"),
        terminated: None,
    }
}

fn sent(transfer: LeaveTransfer) -> paybridge_micropay::LeaveApplication {
    match transfer {
        LeaveTransfer::Send(application) => application,
        LeaveTransfer::Held(why) => panic!("held: {why}"),
    }
}

fn held(transfer: LeaveTransfer) -> String {
    match transfer {
        LeaveTransfer::Held(why) => why,
        LeaveTransfer::Send(application) => panic!("sent: {application:?}"),
    }
}

#[test]
fn a_standard_category_goes_as_its_leave_type_with_no_leave_code() {
    let application = sent(plan(
        &request("w-annual", "ANNUAL"),
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert_eq!(application.leave_type, "AnnualLeave");
    assert_eq!(application.leave_code, None);
    assert_eq!(application.leave_reason, "HOL");
    assert_eq!(application.emp_code, "E0007");
    assert_eq!(
        (application.start_date, application.end_date),
        (day("2026-03-02"), day("2026-03-06"))
    );
    assert_eq!(application.amount, LeaveAmount::WholeDays);
    let sick = sent(plan(
        &request("w-personal", "PERSONAL"),
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert_eq!(
        (sick.leave_type.as_str(), sick.leave_reason.as_str()),
        ("SickLeave", "ILL")
    );
}

#[test]
fn a_user_defined_category_goes_with_its_code_as_leave_code_found_by_type_or_code() {
    let by_id = sent(plan(
        &request("w-toil", "TIME-OFF"),
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert_eq!(by_id.leave_type, "UserDefinedLeave");
    assert_eq!(by_id.leave_code.as_deref(), Some("TOIL"));
    assert_eq!(by_id.leave_reason, "OTHER");
    let by_code = sent(plan(
        &request("w-unrecorded", "toil"),
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert_eq!(by_code.leave_code.as_deref(), Some("TOIL"));
}

#[test]
fn hours_go_as_hours_and_a_part_day_without_them_is_held() {
    let mut part_day = request("w-annual", "ANNUAL");
    part_day.part_day = true;
    part_day.end_date = part_day.start_date;
    part_day.hours = Some(3.5);
    let application = sent(plan(
        &part_day,
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert_eq!(application.amount, LeaveAmount::Hours(3.5));
    part_day.hours = None;
    let why = held(plan(
        &part_day,
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert!(why.contains("part-day request without hours"), "{why}");
}

#[test]
fn a_hidden_inactive_or_unmatched_category_is_held_saying_what_to_do() {
    let mut rows = categories();
    rows[0].visible = false;
    let why = held(plan(
        &request("w-annual", "ANNUAL"),
        &rows,
        &reasons(),
        Some(&employee()),
    ));
    assert!(
        why.contains("Annual leave") && why.contains("hidden"),
        "{why}"
    );
    rows[0].visible = true;
    rows[0].inactive = true;
    let why = held(plan(
        &request("w-annual", "ANNUAL"),
        &rows,
        &reasons(),
        Some(&employee()),
    ));
    assert!(why.contains("inactive in MicrOpay"), "{why}");
    let why = held(plan(
        &request("w-volunteer", "VOLUNTEER"),
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert!(why.contains("\"VOLUNTEER\" isn't matched"), "{why}");
}

#[test]
fn dates_outside_employment_and_an_unlinked_employee_are_held() {
    let annual = request("w-annual", "ANNUAL");
    let late_hire = Employment {
        hired: day("2026-03-04"),
        ..employee()
    };
    let why = held(plan(&annual, &categories(), &reasons(), Some(&late_hire)));
    assert!(why.contains("started on 4 Mar 2026"), "{why}");
    let leaver = Employment {
        terminated: Some(day("2026-03-03")),
        ..employee()
    };
    let why = held(plan(&annual, &categories(), &reasons(), Some(&leaver)));
    assert!(why.contains("left on 3 Mar 2026"), "{why}");
    let why = held(plan(&annual, &categories(), &reasons(), None));
    assert!(why.contains("isn't linked"), "{why}");
}

#[test]
fn a_private_category_goes_to_payroll_but_is_never_named_in_a_reason() {
    let fdv = sent(plan(
        &request("w-fdv", "FDV"),
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert_eq!(fdv.leave_code.as_deref(), Some("FDV"));
    let mut rows = categories();
    rows[3].visible = false;
    let why = held(plan(
        &request("w-fdv", "FDV"),
        &rows,
        &reasons(),
        Some(&employee()),
    ));
    assert!(why.contains("a private category"), "{why}");
    assert!(!why.contains("Violence") && !why.contains("FDV"), "{why}");
    let mut private_type = request("w-gone", "FDV-W");
    if let Some(t) = private_type.leave_type.as_mut() {
        t.private = true;
        t.name = "Family violence".to_owned();
    }
    let why = held(plan(
        &private_type,
        &categories(),
        &reasons(),
        Some(&employee()),
    ));
    assert!(!why.to_lowercase().contains("violence"), "{why}");
}

#[test]
fn the_reason_suits_the_kind_or_is_the_first_active_one() {
    assert_eq!(
        leave_reason(LeaveKind::LongService, &reasons()).as_deref(),
        Some("HOL")
    );
    let only_other = vec![reasons().remove(2)];
    assert_eq!(
        leave_reason(LeaveKind::Annual, &only_other).as_deref(),
        Some("OTHER")
    );
    let mut retired = reasons();
    retired.iter_mut().for_each(|r| r.active = false);
    assert_eq!(leave_reason(LeaveKind::Annual, &retired), None);
    let why = held(plan(
        &request("w-annual", "ANNUAL"),
        &categories(),
        &retired,
        Some(&employee()),
    ));
    assert!(why.contains("no active leave reason"), "{why}");
}

#[test]
fn a_refusal_of_private_leave_keeps_micropay_s_words_out() {
    let words = "MicrOpay refused the change: no User Defined Leave class has code 'FDV'.";
    let private = refused(words, true);
    assert!(!private.contains("FDV"), "{private}");
    assert!(private.contains("next sync"), "{private}");
    let shared = refused(words, false);
    assert!(shared.starts_with(words), "{shared}");
}

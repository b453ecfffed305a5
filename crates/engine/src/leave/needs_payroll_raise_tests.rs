//! Which item a submitted request now calls for, and its words.

use chrono::{TimeZone, Utc};
use paybridge_worknice::WorkniceLeaveType;

use super::super::test_categories::categories;
use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn request(type_id: &str, status: LeaveRequestStatus) -> WorkniceLeaveRequest {
    WorkniceLeaveRequest {
        id: "r1".to_owned(),
        person_id: "p1".to_owned(),
        employee_code: Some("E0042".to_owned()),
        leave_type: Some(WorkniceLeaveType {
            id: type_id.to_owned(),
            name: format!("type {type_id}"),
            code: type_id.to_owned(),
            private: false,
            offered: true,
        }),
        start_date: day("2026-12-14"),
        end_date: day("2026-12-18"),
        hours: None,
        part_day: false,
        status,
        payroll_status: None,
        payroll_message: None,
        updated_at: Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("a time"),
        source: None,
        external_id: None,
    }
}

/// A transfer sent as `request(type_id, ..)` with whole days.
fn submitted(leave_type: &str, leave_code: Option<&str>) -> Submitted {
    let type_id = match leave_code {
        Some(code) => format!("w-{}", code.to_lowercase()),
        None if leave_type == "SickLeave" => "w-personal".to_owned(),
        None => "w-annual".to_owned(),
    };
    Submitted {
        request_id: "r1".to_owned(),
        micropay_id: 1042,
        sent: LeaveTransferSent {
            emp_code: "E0042".to_owned(),
            leave_type: leave_type.to_owned(),
            leave_code: leave_code.map(str::to_owned),
            start_date: day("2026-12-14"),
            end_date: day("2026-12-18"),
            request: Some(LeaveRequestAsSent {
                worknice_type_id: type_id,
                hours_hundredths: None,
            }),
        },
        payroll_status: Some("TRANSFERRED".to_owned()),
    }
}

const OPEN: Payroll = Payroll::Open { hours: Some(None) };

#[test]
fn a_cancelled_request_is_a_cancel_in_a_payroll_officer_s_words() {
    let cancelled = request("w-annual", LeaveRequestStatus::Cancelled);
    let cancel = item(
        &submitted("AnnualLeave", None),
        &cancelled,
        OPEN,
        &categories(),
    )
    .expect("an item");
    assert_eq!(cancel.kind, NeedsPayrollKind::Cancel);
    assert_eq!(
        cancel.what_to_do,
        "Cancel leave application 1042 in MicrOpay (E0042, Annual leave 2026-12-14 to \
         2026-12-18): it was cancelled in Worknice after Paybridge sent it."
    );
    let processed = Payroll::Processed { hours: None };
    let reverse = item(
        &submitted("AnnualLeave", None),
        &cancelled,
        processed,
        &categories(),
    )
    .expect("an item");
    assert!(
        reverse.what_to_do.contains("already processed by payroll"),
        "{}",
        reverse.what_to_do
    );
    assert_eq!(
        item(
            &submitted("AnnualLeave", None),
            &cancelled,
            Payroll::Gone,
            &categories()
        ),
        None,
        "payroll declined it: nothing to do"
    );
}

#[test]
fn an_unchanged_request_raises_nothing_and_a_change_of_dates_hours_or_type_does() {
    let sent = submitted("AnnualLeave", None);
    let same = request("w-annual", LeaveRequestStatus::Approved);
    assert_eq!(item(&sent, &same, OPEN, &categories()), None);

    let mut later = same.clone();
    later.start_date = day("2026-12-15");
    later.hours = Some(30.0);
    let change = item(&sent, &later, OPEN, &categories()).expect("a change");
    assert_eq!(change.kind, NeedsPayrollKind::Change);
    assert_eq!(
        change.what_to_do,
        "Change leave application 1042 in MicrOpay (E0042) to Annual leave 2026-12-15 to \
         2026-12-18, 30 hours: it was changed in Worknice after Paybridge sent it (as Annual \
         leave 2026-12-14 to 2026-12-18)."
    );

    let mut hours = same.clone();
    hours.hours = Some(7.5);
    assert!(item(&sent, &hours, OPEN, &categories()).is_some());
    let unknown = Payroll::Open { hours: None };
    assert!(
        item(&sent, &hours, unknown, &categories()).is_some(),
        "hours are compared with what was sent"
    );

    let sick = request("w-personal", LeaveRequestStatus::Approved);
    let change = item(&sent, &sick, OPEN, &categories()).expect("a change");
    assert!(
        change.what_to_do.contains("to Personal/carer's leave"),
        "{change:?}"
    );
    assert_ne!(detail(&sick, false), detail(&same, false));
    assert_ne!(detail(&hours, false), detail(&same, false));
    assert_ne!(
        detail(&same, true),
        detail(&same, false),
        "processed since: another thing to do"
    );
}

#[test]
fn a_private_category_is_called_leave_in_what_to_do() {
    let sent = submitted("UserDefinedLeave", Some("FDV"));
    let cancelled = request("w-fdv", LeaveRequestStatus::Cancelled);
    let item_of = |request: &WorkniceLeaveRequest| {
        item(&sent, request, OPEN, &categories()).expect("an item")
    };
    let cancel = item_of(&cancelled);
    assert!(
        cancel.what_to_do.contains("(E0042, leave 2026-12-14"),
        "{cancel:?}"
    );
    // Changed from private to annual: neither side is named.
    let annual = request("w-annual", LeaveRequestStatus::Approved);
    let change = item_of(&annual);
    for words in [&cancel.what_to_do, &change.what_to_do, &change.detail] {
        assert!(
            !words.contains("FDV") && !words.contains("Violence"),
            "{words}"
        );
        assert!(!words.contains("Annual"), "{words}");
    }
}

#[test]
fn payroll_is_read_from_micropay_s_view_else_from_what_the_store_recorded() {
    let view: LeaveApplicationView = serde_json::from_value(serde_json::json!({
        "LeaveApplicationId": 1042, "ChangeStatus": "Implemented",
        "Override": true, "LeaveHours": 8.0,
    }))
    .expect("a view");
    let views = HashMap::from([(1042, view)]);
    let sent = submitted("AnnualLeave", None);
    assert_eq!(
        payroll_of(&sent, &views, true),
        Some(Payroll::Processed {
            hours: Some(Some(8.0))
        })
    );
    let none = HashMap::new();
    assert_eq!(
        payroll_of(&sent, &none, false),
        None,
        "not read: waits a run"
    );
    assert_eq!(
        payroll_of(&sent, &none, true),
        Some(Payroll::Open { hours: None })
    );
    let declined = Submitted {
        payroll_status: Some("DECLINED".to_owned()),
        ..sent
    };
    assert_eq!(payroll_of(&declined, &none, false), Some(Payroll::Gone));
}

#[test]
fn a_re_mapped_category_or_hours_payroll_edited_raise_nothing() {
    let sent = submitted("AnnualLeave", None);
    let same = request("w-annual", LeaveRequestStatus::Approved);
    // An admin maps Annual leave to another Worknice type after the send.
    let mut re_mapped = categories();
    re_mapped[0].worknice_type_id = Some("w-annual-2".to_owned());
    assert_eq!(item(&sent, &same, OPEN, &re_mapped), None);
    // Payroll keyed 30 hours into the application in MicrOpay.
    let edited = Payroll::Open {
        hours: Some(Some(30.0)),
    };
    assert_eq!(item(&sent, &same, edited, &categories()), None);
    // The employee moves it to personal leave in Worknice: a change.
    let sick = request("w-personal", LeaveRequestStatus::Approved);
    assert!(item(&sent, &sick, OPEN, &re_mapped).is_some());
}

#[test]
fn a_transfer_sent_before_the_request_was_recorded_compares_as_before() {
    let mut sent = submitted("AnnualLeave", None);
    sent.sent.request = None;
    let same = request("w-annual", LeaveRequestStatus::Approved);
    assert_eq!(item(&sent, &same, OPEN, &categories()), None);
    let edited = Payroll::Open {
        hours: Some(Some(30.0)),
    };
    assert!(
        item(&sent, &same, edited, &categories()).is_some(),
        "MicrOpay's hours are all there is to compare with"
    );
    let mut re_mapped = categories();
    re_mapped[0].worknice_type_id = Some("w-annual-2".to_owned());
    assert!(item(&sent, &same, OPEN, &re_mapped).is_some());
}

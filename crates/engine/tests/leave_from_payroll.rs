//! Leave entered in MicrOpay directly appears in Worknice, against both
//! sandboxes over HTTP: one approved request per application, whatever the
//! retries; never sent back to MicrOpay; set cancelled once payroll
//! cancels it; hidden categories skipped; private ones private; years of
//! history left alone on the first run. The engine's clock is fixed on
//! 1 March 2026.

mod common;
mod leave_common;
mod sync_common;

use chrono::{NaiveDate, TimeZone, Utc};
use paybridge_engine::{
    FixedClock, LeaveFromPayrollCounts, RunResult, SettingsTrigger, SyncRunDetail,
};
use paybridge_sandbox::worknice::{
    LeaveRequestSource, LeaveRequestStatus, SandboxLeaveRequest, GRAPHQL_PATH, ON_LEAVE,
};
use paybridge_sandbox::{Fault, FaultKind};
use serde_json::{json, Value};

use common::{setup_with_clock, Setup};
use leave_common::{approved_leave, leave_ready_on, post_control, LEAVE_PATH};
use sync_common::*;

/// Linked employees current on 1 March 2026, the requests option on and
/// annual leave shown; the first leave run has not happened yet.
async fn ready(seed: u64) -> (Setup, Vec<String>) {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("a time");
    let s = setup_with_clock(6, seed, std::sync::Arc::new(FixedClock(now))).await;
    leave_ready_on(s, NaiveDate::from_ymd_opt(2025, 12, 1).expect("a date")).await
}

/// A payroll user keys leave in MicrOpay: its `LeaveApplicationId`.
async fn enter(s: &Setup, body: Value) -> i64 {
    let url = format!("{}/sandbox/leave-applications", micropay_url(s));
    let entered = post_control(&url, body).await;
    entered["leaveApplicationId"].as_i64().expect("an id")
}

async fn annual(s: &Setup, code: &str, start: &str, end: &str) -> i64 {
    enter(
        s,
        json!({"empCode": code, "leaveType": "AnnualLeave", "startDate": start, "endDate": end}),
    )
    .await
}

fn copied(detail: &SyncRunDetail) -> LeaveFromPayrollCounts {
    let counts = detail
        .summary
        .counts
        .leave_from_payroll
        .unwrap_or_else(|| panic!("the copy ran: {:?}", detail.summary));
    assert_eq!(
        counts.read,
        counts.created + counts.already_in_worknice + counts.skipped + counts.pending,
        "{counts:?}"
    );
    counts
}

fn from_payroll(s: &Setup) -> Vec<SandboxLeaveRequest> {
    s.sandbox
        .worknice
        .leave_requests()
        .into_iter()
        .filter(|r| r.source == LeaveRequestSource::Payroll)
        .collect()
}

fn person_of(s: &Setup, code: &str) -> String {
    s.open_store()
        .links()
        .get(code)
        .expect("reads")
        .expect("linked")
        .worknice_person_id
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_entered_in_micropay_appears_once_in_worknice_and_is_never_sent_back() {
    let (s, codes) = ready(501).await;
    let id = annual(&s, &codes[0], "2026-03-02", "2026-03-04").await;
    let first = copied(&sync(&s).await);
    assert_eq!((first.read, first.created), (1, 1), "{first:?}");

    let copies = from_payroll(&s);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = &copies[0];
    assert_eq!(copy.status, LeaveRequestStatus::Approved);
    assert_eq!(copy.person_id, person_of(&s, &codes[0]));
    assert_eq!(
        (copy.start_date, copy.end_date),
        (day("2026-03-02"), day("2026-03-04"))
    );
    assert_eq!(copy.external_id.as_deref(), Some(id.to_string().as_str()));
    let annual_type = s
        .engine
        .leave_categories()
        .await
        .expect("categories")
        .into_iter()
        .find(|c| c.leave_type == "AnnualLeave")
        .and_then(|c| c.worknice_type_id)
        .expect("annual leave has a Worknice type");
    assert_eq!(copy.leave_type_id, annual_type);

    // APPROVED in Worknice, yet never transferred back to MicrOpay.
    let second = sync(&s).await;
    let again = copied(&second);
    assert_eq!(
        (again.created, again.already_in_worknice),
        (0, 1),
        "{again:?}"
    );
    let transfer = second
        .summary
        .counts
        .leave_requests
        .expect("the transfer ran");
    assert_eq!(transfer.read, 0, "{transfer:?}");
    assert_eq!(
        s.sandbox.micropay.leave_applications().len(),
        1,
        "no application posted"
    );
    assert_eq!(from_payroll(&s).len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn cancelled_in_payroll_cancels_the_copy_once_and_declined_before_is_not_copied() {
    let (s, codes) = ready(502).await;
    let id = annual(&s, &codes[0], "2026-03-09", "2026-03-09").await;
    copied(&sync(&s).await);
    post_control(
        &format!(
            "{}/sandbox/leave-applications/{id}/cancel",
            micropay_url(&s)
        ),
        json!({}),
    )
    .await;
    let declined = annual(&s, &codes[1], "2026-03-10", "2026-03-10").await;
    post_control(
        &format!(
            "{}/sandbox/leave-applications/{declined}/decline",
            micropay_url(&s)
        ),
        json!({}),
    )
    .await;

    let run = copied(&sync(&s).await);
    assert_eq!(
        (run.cancelled, run.skipped, run.created),
        (1, 1, 0),
        "{run:?}"
    );
    let copies = from_payroll(&s);
    assert_eq!(
        copies.len(),
        1,
        "the declined one is not copied: {copies:?}"
    );
    assert_eq!(copies[0].status, LeaveRequestStatus::Cancelled);

    let stamp = copies[0].updated_at;
    let quiet = copied(&sync(&s).await);
    assert_eq!((quiet.cancelled, quiet.read), (0, 0), "{quiet:?}");
    assert_eq!(from_payroll(&s)[0].updated_at, stamp, "cancelled once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_category_is_skipped_and_a_private_one_shows_as_on_leave_to_others() {
    let (s, codes) = ready(503).await;
    s.engine
        .set_leave_visibility("FDV", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    enter(
        &s,
        json!({"empCode": codes[0], "leaveType": "SickLeave",
               "startDate": "2026-03-02", "endDate": "2026-03-02"}),
    )
    .await;
    enter(
        &s,
        json!({"empCode": codes[1], "leaveType": "UserDefinedLeave", "leaveCode": "FDV",
               "startDate": "2026-03-03", "endDate": "2026-03-03", "hours": 7.6}),
    )
    .await;
    let detail = sync(&s).await;
    let run = copied(&detail);
    assert_eq!((run.created, run.skipped), (1, 1), "{run:?}");
    let skipped = &detail.leave_from_payroll_skipped;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].emp_code, codes[0]);
    assert!(
        skipped[0].reason.contains("hidden from employees"),
        "{skipped:?}"
    );
    let copies = from_payroll(&s);
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].hours, Some(7.6));

    let calendar = |viewer: String| {
        let url = format!("{}/sandbox/calendar?viewer={viewer}", worknice_base(&s));
        async move {
            let entries: Vec<Value> = reqwest::get(url)
                .await
                .expect("the calendar answers")
                .json()
                .await
                .expect("entries");
            entries
        }
    };
    let person = person_of(&s, &codes[1]);
    let other = calendar(person_of(&s, &codes[0])).await;
    let seen: Vec<&Value> = other.iter().filter(|e| e["personId"] == person).collect();
    assert_eq!(seen.len(), 1, "{other:?}");
    assert_eq!(seen[0]["label"], ON_LEAVE);
    let own = calendar(person.clone()).await;
    let mine = own.iter().find(|e| e["personId"] == person).expect("on it");
    assert_ne!(
        mine["label"], ON_LEAVE,
        "the employee sees their own category"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn under_faults_and_a_lost_answer_there_is_still_exactly_one_copy() {
    let (s, codes) = ready(504).await;
    annual(&s, &codes[0], "2026-03-02", "2026-03-02").await;
    s.sandbox
        .micropay
        .faults()
        .add(Fault::times(LEAVE_PATH, FaultKind::Status(503), 1));
    let worknice = s.sandbox.worknice.faults();
    worknice.add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1)
            .for_operation("CreatePayrollLeaveRequest"),
    );
    worknice.add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1)
            .for_operation("LeaveRequestByExternalId"),
    );
    let run = sync(&s).await;
    let counts = copied(&run);
    assert_eq!(counts.created, 1, "found after the lost answer: {counts:?}");
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    assert_eq!(worknice.fired(), 2);
    assert_eq!(s.sandbox.micropay.faults().fired(), 1);
    copied(&sync(&s).await);
    assert_eq!(from_payroll(&s).len(), 1, "exactly one");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_503_on_the_copy_is_retried_in_the_run_and_a_long_wait_leaves_it_pending() {
    let (s, codes) = ready(505).await;
    annual(&s, &codes[0], "2026-03-02", "2026-03-02").await;
    let worknice = s.sandbox.worknice.faults();
    worknice.add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 1)
            .for_operation("CreatePayrollLeaveRequest"),
    );
    let run = sync(&s).await;
    assert_eq!(
        copied(&run).created,
        1,
        "retried in the run: {:?}",
        run.summary
    );
    assert_eq!(run.summary.result, RunResult::Done);
    assert_eq!(worknice.fired(), 1);

    // Worknice asks for longer than the engine waits, and the look-up
    // fails too: nothing is known this run.
    annual(&s, &codes[1], "2026-03-03", "2026-03-03").await;
    worknice.add(
        Fault::times(
            GRAPHQL_PATH,
            FaultKind::RateLimited {
                retry_after_secs: 3600,
            },
            1,
        )
        .for_operation("CreatePayrollLeaveRequest"),
    );
    worknice.add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(400), 1)
            .for_operation("LeaveRequestByExternalId"),
    );
    let run = sync(&s).await;
    assert_eq!(copied(&run).pending, 1, "{:?}", run.summary);
    assert_eq!(run.summary.result, RunResult::Partial);
    assert_eq!(from_payroll(&s).len(), 1);
    let next = copied(&sync(&s).await);
    assert_eq!(next.created, 1, "{next:?}");
    assert_eq!(from_payroll(&s).len(), 2, "each once");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_run_leaves_payroll_history_alone() {
    let (s, codes) = ready(506).await;
    annual(&s, &codes[0], "2026-01-05", "2026-01-09").await;
    let first = copied(&sync(&s).await);
    assert_eq!(first.read, 0, "over a month ago: {first:?}");
    annual(&s, &codes[0], "2026-03-16", "2026-03-16").await;
    let next = copied(&sync(&s).await);
    assert_eq!((next.read, next.created), (1, 1), "{next:?}");
    let copies = from_payroll(&s);
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].start_date, day("2026-03-16"));
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_paybridge_sent_to_micropay_is_not_copied_back_to_worknice() {
    let (s, codes) = ready(507).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    let first = sync(&s).await;
    let sent = first
        .summary
        .counts
        .leave_requests
        .expect("the transfer ran");
    assert_eq!(sent.transferred, 1, "{sent:?}");
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
    let copy = copied(&first);
    assert_eq!(copy.read, 0, "Paybridge's own application: {copy:?}");
    copied(&sync(&s).await);
    assert!(from_payroll(&s).is_empty(), "{:?}", from_payroll(&s));
    assert_eq!(s.sandbox.worknice.leave_requests().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_of_an_employee_not_linked_is_skipped_with_why() {
    let (s, _) = ready(508).await;
    // Payroll adds an employee Worknice does not have: nobody links them.
    edit_in_micropay(
        &s,
        "ZZ901",
        json!({"firstName": "Ada", "surname": "Unlinked", "hiredDate": "2025-01-06"}),
    )
    .await;
    annual(&s, "ZZ901", "2026-03-02", "2026-03-02").await;
    let detail = sync(&s).await;
    assert!(s
        .open_store()
        .links()
        .get("ZZ901")
        .expect("reads")
        .is_none());
    let run = copied(&detail);
    assert_eq!((run.skipped, run.created), (1, 0), "{run:?}");
    let reason = &detail.leave_from_payroll_skipped[0].reason;
    assert!(reason.contains("not linked"), "{reason}");
    assert!(from_payroll(&s).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn skipped_leave_still_to_come_is_copied_once_its_category_is_shown() {
    let (s, codes) = ready(509).await;
    annual(&s, &codes[0], "2026-03-09", "2026-03-10").await;
    let sick = enter(
        &s,
        json!({"empCode": codes[1], "leaveType": "SickLeave",
               "startDate": "2026-03-02", "endDate": "2026-03-02"}),
    )
    .await;
    let first = copied(&sync(&s).await);
    assert_eq!((first.created, first.skipped), (1, 1), "{first:?}");

    // Still hidden: looked at again, but neither copied nor counted twice,
    // and kept as skipped (not left queued by the look).
    let again = copied(&sync(&s).await);
    assert_eq!((again.created, again.skipped), (0, 0), "{again:?}");
    assert_eq!(from_payroll(&s).len(), 1);
    let kept = s
        .open_store()
        .leave_from_payroll()
        .all()
        .expect("reads")
        .into_iter()
        .find(|record| record.micropay_id == sick)
        .expect("recorded");
    assert!(
        matches!(
            kept.state,
            paybridge_store::FromPayrollState::Skipped { .. }
        ),
        "{:?}",
        kept.state
    );

    s.engine
        .set_leave_visibility("SickLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let shown = copied(&sync(&s).await);
    assert_eq!((shown.created, shown.skipped), (1, 0), "{shown:?}");
    let sick: Vec<_> = from_payroll(&s)
        .into_iter()
        .filter(|r| r.start_date == day("2026-03-02"))
        .collect();
    assert_eq!(sick.len(), 1, "{sick:?}");
    assert_eq!(sick[0].person_id, person_of(&s, &codes[1]));
    assert_eq!(sick[0].status, LeaveRequestStatus::Approved);

    let last = copied(&sync(&s).await);
    assert_eq!(last.created, 0, "{last:?}");
    assert_eq!(from_payroll(&s).len(), 2, "never copied twice");
}

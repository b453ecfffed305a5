//! A leave request cancelled or changed in Worknice after Paybridge sent it
//! to MicrOpay goes on the Needs payroll list with what to do in MicrOpay,
//! against both sandboxes over HTTP: raised once, brought up to date by a
//! later change, gone from the open list once marked done; a private
//! category is never named; leave payroll processed already is to reverse.

mod common;
mod leave_common;
mod sync_common;

use chrono::{NaiveDate, Utc};
use paybridge_engine::{
    ErrorCode, NeedsPayrollAction, NeedsPayrollEntry, RunResult, SettingsTrigger,
};
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_store::{LeaveTransferSent, LeaveTransferState};
use serde_json::{json, Value};

use common::Setup;
use leave_common::*;
use sync_common::*;

async fn in_worknice(s: &Setup, request: &str, what: &str, body: Value) {
    control(
        s,
        &format!("/sandbox/leave-requests/{request}/{what}"),
        body,
    )
    .await;
}

async fn open_items(s: &Setup) -> Vec<NeedsPayrollEntry> {
    s.engine.needs_payroll().await.expect("the list").open
}

/// A sync that finished, with how many items it raised.
async fn raised_by_sync(s: &Setup) -> u64 {
    let run = sync(s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    leave_counts(&run).needs_payroll
}

#[tokio::test(flavor = "multi_thread")]
async fn cancels_and_changes_after_the_transfer_are_raised_once_and_marked_done() {
    let (s, codes) = leave_ready(501).await;
    let cancelled = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    let changed = approved_leave(&s, &codes[1], "Annual Leave", None).await;
    let first = leave_counts(&sync(&s).await);
    assert_eq!(
        (first.transferred, first.needs_payroll),
        (2, 0),
        "{first:?}"
    );
    assert!(open_items(&s).await.is_empty());

    in_worknice(&s, &cancelled, "cancel", json!({})).await;
    assert_eq!(raised_by_sync(&s).await, 1);
    let open = open_items(&s).await;
    assert_eq!(open.len(), 1, "{open:?}");
    let cancel = &open[0];
    let application = application_of(&s, &codes[0]);
    assert_eq!(cancel.action, NeedsPayrollAction::Cancel);
    assert_eq!(cancel.micropay_application_id, application);
    assert_eq!(cancel.emp_code, codes[0]);
    assert_eq!(cancel.worknice_request_id, cancelled);
    assert!(
        cancel.what_to_do.starts_with(&format!(
            "Cancel leave application {application} in MicrOpay ({}, ",
            codes[0]
        )),
        "{}",
        cancel.what_to_do
    );
    assert!(
        cancel
            .what_to_do
            .contains("cancelled in Worknice after Paybridge sent it"),
        "{}",
        cancel.what_to_do
    );

    assert_eq!(raised_by_sync(&s).await, 0, "seen again: nothing new");
    assert_eq!(open_items(&s).await, open);

    in_worknice(&s, &changed, "change", json!({"startDate": "2026-03-03"})).await;
    assert_eq!(raised_by_sync(&s).await, 1);
    let change_of = |open: &[NeedsPayrollEntry]| -> NeedsPayrollEntry {
        let changes: Vec<_> = open
            .iter()
            .filter(|item| item.action == NeedsPayrollAction::Change)
            .cloned()
            .collect();
        assert_eq!(changes.len(), 1, "{open:?}");
        changes[0].clone()
    };
    let change = change_of(&open_items(&s).await);
    assert_eq!(change.worknice_request_id, changed);
    assert_eq!(
        change.micropay_application_id,
        application_of(&s, &codes[1])
    );
    assert!(
        change.what_to_do.contains("leave 2026-03-03, whole days"),
        "{}",
        change.what_to_do
    );

    in_worknice(&s, &changed, "change", json!({"endDate": "2026-03-05"})).await;
    assert_eq!(raised_by_sync(&s).await, 1);
    let open = open_items(&s).await;
    assert_eq!(open.len(), 2, "the cancel and one change: {open:?}");
    let updated = change_of(&open);
    assert_eq!(updated.id, change.id, "the open item brought up to date");
    assert!(
        updated.what_to_do.contains("2026-03-03 to 2026-03-05"),
        "{}",
        updated.what_to_do
    );

    let report = s
        .engine
        .mark_needs_payroll_done(updated.id)
        .await
        .expect("marked");
    assert_eq!(report.open.len(), 1, "{report:?}");
    assert_eq!(report.open[0].id, cancel.id);
    assert_eq!(report.recently_done.len(), 1, "{report:?}");
    assert_eq!(report.recently_done[0].id, updated.id);
    assert!(report.recently_done[0].done_at.is_some());
    assert_eq!(
        raised_by_sync(&s).await,
        0,
        "done as it is: not raised again"
    );
    let unknown = s
        .engine
        .mark_needs_payroll_done(updated.id)
        .await
        .expect_err("done already");
    assert_eq!(unknown.code, ErrorCode::NotFound);

    let history = s.engine.sync_history(10).await.expect("history");
    let kept: Vec<u64> = history
        .iter()
        .filter_map(|run| run.counts.leave_requests.map(|c| c.needs_payroll))
        .collect();
    assert_eq!(
        kept.iter().sum::<u64>(),
        3,
        "the history keeps it: {kept:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_private_category_cancelled_is_called_leave() {
    let (s, codes) = leave_ready(502).await;
    let fdv = s
        .engine
        .set_leave_visibility("FDV", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let request = approved_leave(&s, &codes[0], "FDV", None).await;
    assert_eq!(leave_counts(&sync(&s).await).transferred, 1);
    in_worknice(&s, &request, "cancel", json!({})).await;
    // No approved request is left: the step still looks.
    assert_eq!(raised_by_sync(&s).await, 1);
    let open = open_items(&s).await;
    assert_eq!(open.len(), 1, "{open:?}");
    let words = &open[0].what_to_do;
    assert!(words.contains(&format!("({}, leave ", codes[0])), "{words}");
    for secret in ["FDV", fdv.name.as_str(), "Violence"] {
        assert!(!words.contains(secret), "{secret}: {words}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_payroll_processed_then_cancelled_is_to_reverse_and_declined_is_nothing() {
    let (s, codes) = leave_ready(503).await;
    let processed = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    let declined = approved_leave(&s, &codes[1], "Annual Leave", None).await;
    assert_eq!(leave_counts(&sync(&s).await).transferred, 2);
    let desk = |id: i64, what: &str| {
        format!(
            "{}/sandbox/leave-applications/{id}/{what}",
            micropay_url(&s)
        )
    };
    post_control(&desk(application_of(&s, &codes[0]), "process"), json!({})).await;
    post_control(
        &desk(application_of(&s, &codes[1]), "decline"),
        json!({"message": "No balance"}),
    )
    .await;
    in_worknice(&s, &processed, "cancel", json!({})).await;
    in_worknice(&s, &declined, "cancel", json!({})).await;

    assert_eq!(raised_by_sync(&s).await, 1, "payroll declined the other");
    let open = open_items(&s).await;
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].worknice_request_id, processed);
    let words = &open[0].what_to_do;
    assert!(words.starts_with("Reverse leave application"), "{words}");
    assert!(words.contains("already processed by payroll"), "{words}");
    assert_eq!(raised_by_sync(&s).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_cancel_becomes_a_reverse_once_payroll_processes_the_application() {
    let (s, codes) = leave_ready(504).await;
    let request = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    assert_eq!(leave_counts(&sync(&s).await).transferred, 1);
    in_worknice(&s, &request, "cancel", json!({})).await;
    assert_eq!(raised_by_sync(&s).await, 1);
    let before = open_items(&s).await;
    assert!(
        before[0].what_to_do.starts_with("Cancel leave application"),
        "{before:?}"
    );

    let process = format!(
        "{}/sandbox/leave-applications/{}/process",
        micropay_url(&s),
        application_of(&s, &codes[0])
    );
    post_control(&process, json!({})).await;
    assert_eq!(
        raised_by_sync(&s).await,
        1,
        "the open item is brought up to date"
    );
    let after = open_items(&s).await;
    assert_eq!(after.len(), 1, "still one item: {after:?}");
    assert_eq!(after[0].id, before[0].id);
    assert!(
        after[0].what_to_do.starts_with("Reverse leave application"),
        "{after:?}"
    );
    assert_eq!(raised_by_sync(&s).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_that_could_not_be_brought_up_to_date_leaves_the_run_partial_then_catches_up() {
    let (s, codes) = leave_ready(505).await;
    let request = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    assert_eq!(leave_counts(&sync(&s).await).transferred, 1);
    in_worknice(&s, &request, "cancel", json!({})).await;
    // No request is approved now, so the check reads the categories, and
    // MicrOpay's lookups are down for the whole run.
    s.sandbox
        .micropay
        .faults()
        .add(Fault::rate("/api/LookupType", FaultKind::Status(503), 1.0));
    let run = sync(&s).await;
    assert_eq!(run.summary.result, RunResult::Partial, "{:?}", run.summary);
    let why = format!("{:?}", run.summary);
    assert!(
        why.contains("were not checked this run") && why.contains("checked next run"),
        "{why}"
    );
    assert!(open_items(&s).await.is_empty());

    s.sandbox.micropay.faults().clear();
    assert_eq!(raised_by_sync(&s).await, 1);
    let open = open_items(&s).await;
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].action, NeedsPayrollAction::Cancel);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_for_a_request_cancelled_since_is_found_and_listed_to_cancel() {
    let (s, codes) = leave_ready(506).await;
    let took = approved_leave(&s, &codes[0], "Annual Leave", None).await;
    let never = approved_leave(&s, &codes[1], "Annual Leave", None).await;
    // A run was killed with both POSTs queued: MicrOpay took the first,
    // the second never reached it. Then both were cancelled in Worknice.
    let url = format!("{}/sandbox/leave-applications", micropay_url(&s));
    post_control(
        &url,
        json!({"empCode": codes[0], "leaveType": "AnnualLeave",
               "startDate": "2026-03-02", "endDate": "2026-03-03"}),
    )
    .await;
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).expect("a date");
    for (request, code) in [(&took, &codes[0]), (&never, &codes[1])] {
        let sent = LeaveTransferSent {
            emp_code: code.clone(),
            leave_type: "AnnualLeave".to_owned(),
            leave_code: None,
            start_date: day(2),
            end_date: day(3),
            request: None,
        };
        s.open_store()
            .leave_transfers()
            .queue(request, &sent, Utc::now())
            .expect("queued");
        in_worknice(&s, request, "cancel", json!({})).await;
    }

    assert_eq!(raised_by_sync(&s).await, 1);
    let open = open_items(&s).await;
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].worknice_request_id, took);
    assert_eq!(open[0].action, NeedsPayrollAction::Cancel);
    assert_eq!(
        open[0].micropay_application_id,
        application_of(&s, &codes[0])
    );
    assert_eq!(
        s.sandbox.micropay.leave_applications().len(),
        1,
        "nothing sent"
    );
    let never_row = s
        .open_store()
        .leave_transfers()
        .get(&never)
        .expect("reads")
        .expect("a row");
    assert!(
        matches!(never_row.state, LeaveTransferState::Held { .. }),
        "{never_row:?}"
    );
    assert_eq!(raised_by_sync(&s).await, 0);
}

//! Approved Worknice leave requests go to MicrOpay in a sync, exactly once,
//! against both sandboxes over HTTP: a second sync, a lost answer, 503 and
//! 429 never make a second LeaveApplication; a request that cannot go is
//! held with why while the others go; with the option off nothing is read.

mod common;
mod leave_common;
mod sync_common;

use chrono::{NaiveDate, TimeDelta, Utc};
use paybridge_engine::{LeaveBalancesState, LeaveOptionName, RunResult, SettingsTrigger};
use paybridge_sandbox::{Fault, FaultKind};
use serde_json::json;

use common::{setup_with_clock, HandClock};
use leave_common::*;
use sync_common::*;

#[tokio::test(flavor = "multi_thread")]
async fn an_approved_request_becomes_one_leave_application_however_often_it_syncs() {
    let (s, codes) = leave_ready(301).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    let first = sync(&s).await;
    let counts = leave_counts(&first);
    assert_eq!((counts.read, counts.transferred), (1, 1), "{counts:?}");
    assert_eq!(applications_for(&s, &codes[0]), 1);

    let second = sync(&s).await;
    let counts = leave_counts(&second);
    assert_eq!(
        (counts.transferred, counts.already_transferred),
        (0, 1),
        "{counts:?}"
    );
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
    let history = s.engine.sync_history(5).await.expect("history");
    assert_eq!(
        history[0]
            .counts
            .leave_requests
            .map(|c| c.already_transferred),
        Some(1)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_found_in_micropay_and_not_sent_again() {
    let (s, codes) = leave_ready(302).await;
    approved_leave(&s, &codes[0], "Annual Leave", Some(15.0)).await;
    fault_next_leave(&s, FaultKind::DropAfterApply);
    let first = sync(&s).await;
    assert_eq!(leave_counts(&first).transferred, 1, "{:?}", first.summary);
    sync(&s).await;
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_dropped_before_micropay_stored_it_is_sent_once_next_run() {
    let (s, codes) = leave_ready(303).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    fault_next_leave(&s, FaultKind::DropConnection);
    let first = sync(&s).await;
    assert_eq!(leave_counts(&first).pending, 1, "{:?}", first.summary);
    assert_eq!(
        first.summary.result,
        paybridge_engine::RunResult::Partial,
        "{:?}",
        first.summary
    );
    assert!(s.sandbox.micropay.leave_applications().is_empty());
    let second = sync(&s).await;
    assert_eq!(leave_counts(&second).transferred, 1, "{:?}", second.summary);
    sync(&s).await;
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_503_and_a_429_are_waited_out_within_the_run() {
    let (s, codes) = leave_ready(304).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    fault_next_leave(&s, FaultKind::Status(503));
    fault_next_leave(
        &s,
        FaultKind::RateLimited {
            retry_after_secs: 0,
        },
    );
    let run = sync(&s).await;
    assert_eq!(leave_counts(&run).transferred, 1, "{:?}", run.summary);
    assert_eq!(run.summary.result, paybridge_engine::RunResult::Done);
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_part_day_without_hours_is_held_with_why_and_the_others_go() {
    let (s, codes) = leave_ready(305).await;
    let made = control(
        &s,
        "/sandbox/leave-requests",
        json!({
            "employeeCode": codes[0], "category": "Annual Leave",
            "startDate": "2026-03-02", "endDate": "2026-03-02", "partDay": true,
        }),
    )
    .await;
    let held_id = made["id"].as_str().expect("an id").to_owned();
    control(
        &s,
        &format!("/sandbox/leave-requests/{held_id}/approve"),
        json!({}),
    )
    .await;
    approved_leave(&s, &codes[1], "Annual Leave", None).await;

    let run = sync(&s).await;
    let counts = leave_counts(&run);
    assert_eq!((counts.read, counts.transferred, counts.held), (2, 1, 1));
    assert_eq!(run.leave_held.len(), 1);
    assert_eq!(run.leave_held[0].worknice_request_id, held_id);
    assert!(
        run.leave_held[0].reason.contains("without hours"),
        "{}",
        run.leave_held[0].reason
    );
    assert_eq!(applications_for(&s, &codes[0]), 0);
    assert_eq!(applications_for(&s, &codes[1]), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_option_off_nothing_is_read_or_sent() {
    let (s, codes) = leave_ready(306).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    s.engine
        .set_leave_option(LeaveOptionName::Requests, false, SettingsTrigger::Cli)
        .await
        .expect("option off");
    let run = sync(&s).await;
    assert_eq!(run.summary.counts.leave_requests, None);
    assert_eq!(
        s.sandbox.worknice.requests_served_for("LeaveRequestsPage"),
        0,
        "no leave request read"
    );
    assert!(s.sandbox.micropay.leave_applications().is_empty());

    // On again: the request waiting all along goes at the next sync.
    s.engine
        .set_leave_option(LeaveOptionName::Requests, true, SettingsTrigger::Cli)
        .await
        .expect("option on");
    let run = sync(&s).await;
    assert_eq!(leave_counts(&run).transferred, 1, "{:?}", run.summary);
    assert!(s.sandbox.worknice.requests_served_for("LeaveRequestsPage") > 0);
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_not_settled_with_an_alike_request_s_application() {
    let (s, codes) = leave_ready(307).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    assert_eq!(leave_counts(&sync(&s).await).transferred, 1);
    // The same leave asked for again (say, made twice by mistake): its
    // answer is lost, and the look-up must find its own application.
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    fault_next_leave(&s, FaultKind::DropAfterApply);
    let run = sync(&s).await;
    let counts = leave_counts(&run);
    assert_eq!(
        (counts.transferred, counts.already_transferred),
        (1, 1),
        "{counts:?}"
    );
    let held: Vec<i64> = s
        .sandbox
        .micropay
        .leave_applications()
        .iter()
        .map(|a| a.id)
        .collect();
    let mut recorded: Vec<i64> = s
        .open_store()
        .leave_transfers()
        .all()
        .expect("reads")
        .into_iter()
        .filter_map(|t| match t.state {
            paybridge_store::LeaveTransferState::Submitted { micropay_id } => Some(micropay_id),
            _ => None,
        })
        .collect();
    recorded.sort_unstable();
    assert_eq!(recorded, held, "each request holds its own application");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_queued_request_held_later_is_looked_up_not_sent_twice_when_it_can_go_again() {
    let (s, codes) = leave_ready(308).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    // MicrOpay stores it and the answer is lost; the look-up cannot read
    // the list: the row stays queued, the run partial.
    fault_next_leave(&s, FaultKind::DropAfterApply);
    s.sandbox
        .micropay
        .faults()
        .add(Fault::times(LEAVE_PATH, FaultKind::Status(400), 20));
    let first = sync(&s).await;
    assert_eq!(
        first.summary.result,
        paybridge_engine::RunResult::Partial,
        "{:?}",
        first.summary
    );
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
    s.sandbox.micropay.faults().clear();
    // The category is hidden before the next run, then shown again.
    s.engine
        .set_leave_visibility("AnnualLeave", false, SettingsTrigger::Cli)
        .await
        .expect("hidden");
    let hidden = sync(&s).await;
    leave_counts(&hidden);
    s.engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let shown = sync(&s).await;
    leave_counts(&shown);
    assert_eq!(
        applications_for(&s, &codes[0]),
        1,
        "{:?} {:?}",
        hidden.summary,
        shown.summary
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_during_the_leave_step_stops_it_before_the_next_post() {
    let (s, codes) = leave_ready(309).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    approved_leave(&s, &codes[1], "Annual Leave", None).await;
    // Slow posts, so the cancel lands while the first one is in MicrOpay.
    s.sandbox.micropay.faults().add(Fault::rate(
        LEAVE_PATH,
        FaultKind::Latency(std::time::Duration::from_millis(300)),
        1.0,
    ));
    let cancel_once_one_is_in = async {
        while s.sandbox.micropay.leave_applications().is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        assert!(s.engine.cancel_sync(), "a sync is running");
    };
    let (run, ()) = tokio::join!(sync(&s), cancel_once_one_is_in);
    let counts = leave_counts(&run);
    assert_eq!((counts.transferred, counts.pending), (1, 1), "{counts:?}");
    assert_eq!(run.summary.result, paybridge_engine::RunResult::Partial);
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 1);
    s.sandbox.micropay.faults().clear();
    let rest = sync(&s).await;
    let counts = leave_counts(&rest);
    assert_eq!((counts.transferred, counts.already_transferred), (1, 1));
    assert_eq!(s.sandbox.micropay.leave_applications().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_approved_before_the_option_was_turned_on_is_not_read_or_sent() {
    // The option is turned on an hour from now by the engine's clock, so
    // what Worknice approves now was approved before it (payroll keyed it
    // by hand): a live organisation's past leave is not sent again.
    let clock = HandClock::at(Utc::now() + TimeDelta::hours(1));
    let hired_before = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    let (s, codes) = leave_ready_on(setup_with_clock(6, 311, clock).await, hired_before).await;
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    approved_leave(&s, &codes[1], "Annual Leave", Some(7.6)).await;
    let counts = leave_counts(&sync(&s).await);
    assert_eq!((counts.read, counts.transferred), (0, 0), "{counts:?}");
    assert!(s.sandbox.micropay.leave_applications().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_without_balances_still_syncs_employees_and_leave_requests() {
    let (s, codes) = leave_ready(312).await;
    s.engine
        .set_leave_option(LeaveOptionName::Balances, true, SettingsTrigger::Cli)
        .await
        .expect("balances on");
    s.sandbox.micropay.set_leave_balances_unavailable(true);
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    edit_in_micropay(&s, &codes[1], json!({"firstName": "Marguerite"})).await;

    let run = sync(&s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    assert_eq!(leave_counts(&run).transferred, 1);
    assert_eq!(applications_for(&s, &codes[0]), 1);
    let person = worknice_person(&s, &codes[1]).await;
    assert_eq!(
        person["personalDetails"]["firstName"], "Marguerite",
        "{person}"
    );
    let balances = run.summary.counts.leave_balances.expect("the step ran");
    assert_eq!(
        balances.state,
        LeaveBalancesState::Unavailable,
        "{balances:?}"
    );
    let options = s.engine.leave_options().await.expect("options");
    assert!(
        options.balances.unavailable.is_some(),
        "the switch says why"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_category_can_t_be_requested_in_worknice_until_it_is_shown_again() {
    let (s, codes) = leave_ready(313).await;
    let offered = || {
        s.sandbox
            .worknice
            .leave_types()
            .into_iter()
            .find(|t| t.code == "ANNUAL")
            .expect("seeded")
            .offered
    };
    assert!(offered());
    s.engine
        .set_leave_visibility("AnnualLeave", false, SettingsTrigger::Cli)
        .await
        .expect("hidden");
    assert!(!offered(), "hidden from employees in Worknice too");
    let request = json!({
        "employeeCode": codes[0], "category": "ANNUAL",
        "startDate": "2026-03-02", "endDate": "2026-03-03", "partDay": false,
    });
    let refused = reqwest::Client::new()
        .post(format!("{}/sandbox/leave-requests", worknice_base(&s)))
        .json(&request)
        .send()
        .await
        .expect("answers");
    assert!(refused.status().is_client_error(), "{}", refused.status());
    let words = refused.text().await.expect("a body");
    assert!(words.contains("isn't offered"), "{words}");

    s.engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    assert!(offered());
    approved_leave(&s, &codes[0], "Annual Leave", None).await;
    assert_eq!(leave_counts(&sync(&s).await).transferred, 1);

    // Never shown: Worknice's own type of it (matched by name) is hidden too.
    s.engine
        .set_leave_visibility("SickLeave", false, SettingsTrigger::Cli)
        .await
        .expect("hidden");
    let personal = s
        .sandbox
        .worknice
        .leave_types()
        .into_iter()
        .find(|t| t.code == "PERSONAL")
        .expect("seeded");
    assert!(!personal.offered, "{personal:?}");
}

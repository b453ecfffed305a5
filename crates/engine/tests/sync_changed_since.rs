//! Routine syncs read MicrOpay with `changedSince`, backed by a periodic
//! full read: against the real sandboxes, with the engine's clock and the
//! sandbox's moved by hand together.

mod common;
mod sync_common;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use paybridge_engine::{MicropayRead, RunResult, SyncRunDetail, SyncTrigger};
use paybridge_sandbox::{Sandbox, SandboxOptions};
use serde_json::json;

use common::HandClock;
use sync_common::*;

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

/// Both clocks at `at`: the engine's, and the sandbox payroll's (which
/// stamps each edit's "last changed").
fn set_clocks(s: &common::Setup, clock: &HandClock, at: DateTime<Utc>) {
    clock.set(at);
    s.sandbox.micropay.pin_clock(at.naive_utc());
}

async fn setup(clock: Arc<HandClock>) -> common::Setup {
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 20,
        seed: 71,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts");
    common::connect_with_clock(sandbox, clock).await
}

/// A routine run, with the `changedSince` of every employee list page it
/// asked for.
async fn routine_sync(s: &common::Setup) -> (SyncRunDetail, Vec<Option<chrono::NaiveDateTime>>) {
    let before = s.sandbox.micropay.employee_list_reads().len();
    let run = sync(s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    let asked = s.sandbox.micropay.employee_list_reads()[before..].to_vec();
    (run, asked)
}

#[tokio::test(flavor = "multi_thread")]
async fn routine_syncs_read_changes_only_and_the_periodic_full_read_finds_what_they_miss() {
    let start = utc("2026-06-01T09:00:00Z");
    let clock = HandClock::at(start);
    let s = setup(clock.clone()).await;
    set_clocks(&s, &clock, start);
    // Tax flows Worknice → MicrOpay from the start (a change of direction
    // later would itself bring a full read).
    tax_flows_to_micropay(&s).await;
    let codes = import_new_employees(&s).await;
    let (edited, missed, set_back, taxed, leaver) = (
        codes[0].clone(),
        codes[1].clone(),
        codes[2].clone(),
        codes[3].clone(),
        codes[4].clone(),
    );

    // The first sync reads everyone.
    let (first, asked) = routine_sync(&s).await;
    assert!(
        matches!(&first.summary.micropay_read, Some(MicropayRead::Full { why }) if why == "the first sync"),
        "{:?}",
        first.summary.micropay_read
    );
    assert!(
        !asked.is_empty() && asked.iter().all(Option::is_none),
        "{asked:?}"
    );

    // A normal edit in payroll: the next sync asks for what changed since
    // the last run began (less ten minutes for clock skew), and Worknice
    // gets it.
    set_clocks(&s, &clock, start + Duration::hours(1));
    edit_in_micropay(&s, &edited, json!({"preferredName": "Bex"})).await;
    let (run, asked) = routine_sync(&s).await;
    let since = start - Duration::minutes(10);
    assert_eq!(
        asked,
        [Some(since.naive_utc())],
        "one page of changes: {:?}",
        run.summary.micropay_read
    );
    // Read one by one besides: the Worknice people whose Employee ID
    // payroll has but who are not linked (the sandbox seeds some), checked
    // before anyone takes them for new hires.
    let Some(MicropayRead::ChangedSince {
        since: asked_since,
        read_one_by_one: unlinked,
    }) = run.summary.micropay_read.clone()
    else {
        panic!("{:?}", run.summary.micropay_read)
    };
    assert_eq!(asked_since, since.to_rfc3339());
    assert_eq!(run.summary.counts.written, 1, "{:?}", run.summary);
    assert_eq!(
        worknice_person(&s, &edited).await["personalDetails"]["preferredName"],
        "Bex"
    );

    // An edit `changedSince` misses (a direct database edit in payroll), a
    // Worknice edit payroll's side wins (personal flows MicrOpay →
    // Worknice), a Worknice tax edit that goes to payroll as a Change, and
    // a termination.
    set_clocks(&s, &clock, start + Duration::hours(2));
    post_to_micropay(
        &s,
        &format!("/sandbox/employees/{missed}?keepChangedAt=true"),
        json!({"preferredName": "Quiet"}),
    )
    .await;
    let first_name = worknice_person(&s, &set_back).await["personalDetails"]["firstName"].clone();
    edit_in_worknice(
        &s,
        &set_back,
        json!({"personalDetails": {"firstName": "Changed"}}),
    )
    .await;
    let help = worknice_person(&s, &taxed).await["taxDetails"]["helpDebt"].clone();
    let flipped = !help.as_bool().expect("a flag");
    edit_tax(&s, &taxed, "helpDebt", json!(flipped)).await;
    post_to_micropay(
        &s,
        &format!("/sandbox/employees/{leaver}/terminate"),
        json!({"terminationDate": "2026-05-29"}),
    )
    .await;
    let requests_before = requests(&s).await.len();
    let (run, asked) = routine_sync(&s).await;
    let since = start + Duration::hours(1) - Duration::minutes(10);
    assert_eq!(asked, [Some(since.naive_utc())]);
    assert!(
        matches!(
            &run.summary.micropay_read,
            Some(MicropayRead::ChangedSince { read_one_by_one, .. }) if *read_one_by_one == unlinked + 1
        ),
        "only the employee MicrOpay wins for is read on its own: {:?}",
        run.summary.micropay_read
    );
    assert_ne!(
        worknice_person(&s, &missed).await["personalDetails"]["preferredName"],
        "Quiet",
        "changedSince misses it"
    );
    assert_eq!(
        worknice_person(&s, &set_back).await["personalDetails"]["firstName"],
        first_name,
        "MicrOpay wins, with MicrOpay's value"
    );
    let sent = requests(&s).await;
    assert_eq!(sent.len(), requests_before + 1, "{sent:?}");
    let change = sent.last().expect("a request").to_string();
    assert!(change.contains(&taxed), "{change}");
    assert_eq!(
        worknice_person(&s, &leaver).await["tenure"]["terminationDate"],
        "2026-05-29",
        "a termination comes with changedSince"
    );

    // Routine again within the day: still missed.
    set_clocks(&s, &clock, start + Duration::hours(20));
    let (_, asked) = routine_sync(&s).await;
    assert!(asked.iter().all(Option::is_some), "{asked:?}");
    assert_ne!(
        worknice_person(&s, &missed).await["personalDetails"]["preferredName"],
        "Quiet"
    );

    // A day after the last full read, the next sync reads everyone and
    // finds it.
    set_clocks(&s, &clock, start + Duration::hours(24));
    let (run, asked) = routine_sync(&s).await;
    assert!(asked.iter().all(Option::is_none), "{asked:?}");
    assert!(
        matches!(&run.summary.micropay_read, Some(MicropayRead::Full { why }) if why.contains("24 hours")),
        "{:?}",
        run.summary.micropay_read
    );
    assert_eq!(
        worknice_person(&s, &missed).await["personalDetails"]["preferredName"],
        "Quiet"
    );
    let history = s.engine.sync_history(1).await.expect("history");
    assert_eq!(history[0].micropay_read, run.summary.micropay_read);
}

/// `paybridge sync --full-read`: everyone, whatever the routine choice.
#[tokio::test(flavor = "multi_thread")]
async fn a_full_read_on_demand_finds_a_missed_edit_at_once() {
    let start = utc("2026-06-01T09:00:00Z");
    let clock = HandClock::at(start);
    let s = setup(clock.clone()).await;
    set_clocks(&s, &clock, start);
    let codes = synced(&s).await;
    set_clocks(&s, &clock, start + Duration::hours(1));
    post_to_micropay(
        &s,
        &format!("/sandbox/employees/{}?keepChangedAt=true", codes[0]),
        json!({"preferredName": "Quiet"}),
    )
    .await;
    let run = s
        .engine
        .sync_now_reading(
            SyncTrigger::Cli,
            &|_| {},
            paybridge_engine::ReadRequest::Full,
        )
        .await
        .expect("syncs");
    assert_eq!(
        run.summary.micropay_read,
        Some(MicropayRead::Full {
            why: "asked for a full read".to_owned()
        })
    );
    assert_eq!(
        worknice_person(&s, &codes[0]).await["personalDetails"]["preferredName"],
        "Quiet"
    );
}

//! Balances sent to the Worknice sandbox over HTTP: visible categories
//! only, written only when they changed, a hidden category dropped, the
//! counts adding up, and nothing read or sent with the option off; a
//! sync sends them once a day.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use paybridge_engine::{
    LeaveBalancesState, LeaveOptionName, RunResult, SettingsTrigger, SyncRunSummary, SyncTrigger,
};

use common::{setup, setup_with_clock, HandClock, Setup};

/// Current MicrOpay employees who are in Worknice.
fn in_both(s: &Setup) -> Vec<String> {
    let people: Vec<String> = s
        .sandbox
        .worknice
        .people()
        .into_iter()
        .filter_map(|person| person.employee_code)
        .collect();
    s.sandbox
        .micropay
        .employees()
        .into_iter()
        .filter(|e| !e.terminated && people.contains(&e.emp_code))
        .map(|e| e.emp_code)
        .collect()
}

fn nine_on_the_first() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("a time")
}

async fn sync_run(s: &Setup) -> SyncRunSummary {
    s.engine
        .sync_now(SyncTrigger::Cli, &|_| {})
        .await
        .expect("ran")
}

/// The balances option on, and annual leave the one category employees see.
async fn balances_on_with_annual_visible(s: &Setup) {
    s.engine
        .set_leave_option(LeaveOptionName::Balances, true, SettingsTrigger::Cli)
        .await
        .expect("on");
    s.engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
}

#[tokio::test(flavor = "multi_thread")]
async fn visible_balances_go_to_worknice_once_and_a_hidden_category_is_dropped() {
    let s = setup(9, 81).await;
    let off = s.engine.send_leave_balances().await.expect("answered");
    assert_eq!(off.state, LeaveBalancesState::Off);
    assert_eq!((off.read, off.written), (0, 0));
    assert!(s.sandbox.micropay.leave_balance_reads().is_empty());

    balances_on_with_annual_visible(&s).await;
    let annual_type = s
        .sandbox
        .worknice
        .leave_types()
        .into_iter()
        .find(|t| t.code == "ANNUAL")
        .expect("seeded")
        .id;
    let both = in_both(&s);
    assert!(!both.is_empty(), "the seed puts some employees in Worknice");

    let first = s.engine.send_leave_balances().await.expect("sent");
    assert_eq!(first.state, LeaveBalancesState::Shown);
    assert_eq!(
        first.written + first.unchanged + first.not_in_worknice + first.held.len() as u64,
        first.read,
        "the counts add up to what was read"
    );
    assert_eq!(first.written, both.len() as u64, "held: {:?}", first.held);
    let shown = s
        .sandbox
        .worknice
        .leave_balances(&both[0])
        .expect("a person");
    let seeded = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|e| e.emp_code == both[0])
        .expect("employee");
    let annual_hours = seeded
        .leave_balances
        .iter()
        .find(|b| b.leave_code == "AL")
        .expect("seeded")
        .hours;
    assert_eq!(shown.len(), 1, "only the visible category: {shown:?}");
    assert_eq!(shown[0].leave_type_id, annual_type);
    assert!((shown[0].hours - annual_hours).abs() < 1e-9);

    let again = s.engine.send_leave_balances().await.expect("sent");
    assert_eq!(again.written, 0, "nothing changed, nothing written");
    assert_eq!(again.unchanged, both.len() as u64);

    s.engine
        .set_leave_visibility("AnnualLeave", false, SettingsTrigger::Cli)
        .await
        .expect("hidden");
    let hidden = s.engine.send_leave_balances().await.expect("sent");
    assert_eq!(hidden.written, both.len() as u64);
    assert_eq!(
        s.sandbox.worknice.leave_balances(&both[0]),
        Some(Vec::new()),
        "a hidden category is no longer offered"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_sends_the_balances_once_a_day_while_the_option_is_on() {
    let start = nine_on_the_first();
    let clock = HandClock::at(start);
    let s = setup_with_clock(9, 82, clock.clone()).await;
    let sync = || sync_run(&s);
    let off = sync().await;
    assert_eq!(off.counts.leave_balances, None, "the option is off");
    assert!(s.sandbox.micropay.leave_balance_reads().is_empty());

    balances_on_with_annual_visible(&s).await;
    let both = in_both(&s).len() as u64;
    let first = sync().await;
    let sent = first
        .counts
        .leave_balances
        .expect("the first run sends them");
    assert_eq!(sent.state, LeaveBalancesState::Shown);
    assert_eq!(sent.written, both, "{first:?}");
    assert_eq!(
        sent.written + sent.unchanged + sent.not_in_worknice + sent.held,
        sent.read
    );
    assert_ne!(first.result, RunResult::Failed);
    let reads = s.sandbox.micropay.leave_balance_reads().len();

    clock.set(start + Duration::hours(23));
    let later = sync().await;
    assert_eq!(later.counts.leave_balances, None, "not due within the day");
    assert_eq!(s.sandbox.micropay.leave_balance_reads().len(), reads);

    clock.set(start + Duration::hours(24));
    let next_day = sync().await;
    let again = next_day.counts.leave_balances.expect("due a day later");
    assert_eq!((again.written, again.unchanged), (0, both));
    assert!(
        s.sandbox.micropay.leave_balance_reads().len() > reads,
        "read afresh"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_leave_type_deleted_in_worknice_is_left_out_and_the_rest_still_sent() {
    let s = setup(9, 83).await;
    balances_on_with_annual_visible(&s).await;
    s.engine
        .set_leave_visibility("SickLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let personal = s
        .sandbox
        .worknice
        .leave_types()
        .into_iter()
        .find(|t| t.code == "PERSONAL")
        .expect("seeded")
        .id;
    assert!(s.sandbox.worknice.delete_leave_type(&personal), "deleted");
    let both = in_both(&s);

    let sent = s.engine.send_leave_balances().await.expect("sent");
    assert!(sent.held.is_empty(), "no one held: {:?}", sent.held);
    assert_eq!(sent.written, both.len() as u64);
    let shown = s
        .sandbox
        .worknice
        .leave_balances(&both[0])
        .expect("a person");
    assert_eq!(shown.len(), 1, "annual leave only: {shown:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn hiding_a_category_takes_its_balances_off_worknice_at_the_next_sync() {
    let start = nine_on_the_first();
    let clock = HandClock::at(start);
    let s = setup_with_clock(9, 84, clock.clone()).await;
    let sync = || sync_run(&s);
    balances_on_with_annual_visible(&s).await;
    assert!(sync().await.counts.leave_balances.is_some(), "sent");
    let both = in_both(&s);
    let offered = |code: &str| s.sandbox.worknice.leave_balances(code).expect("a person");
    assert_eq!(offered(&both[0]).len(), 1);

    clock.set(start + Duration::hours(1));
    s.engine
        .set_leave_visibility("AnnualLeave", false, SettingsTrigger::Cli)
        .await
        .expect("hidden");
    clock.set(start + Duration::hours(2));
    let hidden = sync().await;
    let sent = hidden
        .counts
        .leave_balances
        .expect("due within the day: a category was hidden");
    assert_eq!(sent.written, both.len() as u64, "{hidden:?}");
    for code in &both {
        assert_eq!(
            offered(code),
            Vec::new(),
            "{code} is no longer offered annual leave"
        );
    }

    clock.set(start + Duration::hours(3));
    assert_eq!(
        sync().await.counts.leave_balances,
        None,
        "not due again until the day is up or a setting changes"
    );
}

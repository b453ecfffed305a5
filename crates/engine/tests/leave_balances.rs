//! Leave balances against the MicrOpay sandbox over HTTP: read only with
//! the option on, kept five minutes of the injected clock, hours and days,
//! the endpoint missing said clearly, and the admin's cap counted.

mod common;

use chrono::{Duration, TimeZone, Utc};
use paybridge_engine::{
    Engine, ErrorCode, LeaveBalancesState, LeaveOptionName, SettingsTrigger, BALANCES_UNAVAILABLE,
};
use paybridge_sandbox::{Fault, FaultKind};

use common::{setup_with_clock, HandClock, Setup};

const LEAVE_BALANCE: &str = "/api/LeaveBalance";

async fn setup_at_nine(employees: usize, seed: u64) -> (Setup, std::sync::Arc<HandClock>) {
    let clock = HandClock::at(nine());
    (
        setup_with_clock(employees, seed, clock.clone()).await,
        clock,
    )
}

fn nine() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 1, 9, 0, 0)
        .single()
        .expect("time")
}

async fn balances_on(s: &Setup) {
    s.engine
        .set_leave_option(LeaveOptionName::Balances, true, SettingsTrigger::Cli)
        .await
        .expect("on");
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_option_off_nothing_is_read_and_it_says_so() {
    let (s, _clock) = setup_at_nine(3, 71).await;
    let before = s.sandbox.micropay.requests_served();
    let report = s.engine.leave_balances(None).await.expect("answered");
    assert_eq!(report.state, LeaveBalancesState::Off);
    assert!(report
        .message
        .as_deref()
        .is_some_and(|m| m.contains("Leave balances are off")));
    assert!(report.employees.is_empty());
    assert_eq!(report.requests, 0);
    assert!(s.sandbox.micropay.leave_balance_reads().is_empty());
    assert_eq!(
        s.sandbox.micropay.requests_served(),
        before,
        "not even the employees are read"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_employees_balances_come_in_hours_and_days_as_of_the_read() {
    let (s, _clock) = setup_at_nine(6, 72).await;
    balances_on(&s).await;
    s.engine
        .set_leave_visibility("TOIL", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
    let seeded = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|e| e.tax.basis_of_payment == "FullTime")
        .expect("a full-timer");
    let report = s
        .engine
        .leave_balances(Some(&seeded.emp_code.to_lowercase()))
        .await
        .expect("read");
    assert_eq!(report.state, LeaveBalancesState::Shown);
    assert_eq!(report.requests, 1);
    let [employee] = report.employees.as_slice() else {
        panic!("one employee: {report:?}");
    };
    assert_eq!(employee.emp_code, seeded.emp_code);
    assert_eq!(employee.as_of, nine().to_rfc3339());
    assert_eq!(employee.standard_hours_per_day, Some(7.6));
    let seeded_annual = seeded
        .leave_balances
        .iter()
        .find(|b| b.leave_code == "AL")
        .expect("seeded")
        .hours;
    let annual = employee
        .balances
        .iter()
        .find(|b| b.code == "AnnualLeave")
        .expect("annual");
    assert!((annual.hours - seeded_annual).abs() < 1e-9);
    let expected_days = (seeded_annual / 7.6 * 100.0).round() / 100.0;
    assert_eq!(annual.days, Some(expected_days));
    assert!(!annual.visible, "Annual leave was not made visible");
    let toil = employee
        .balances
        .iter()
        .find(|b| b.code == "TOIL")
        .expect("a visible category is listed");
    assert!(toil.visible && toil.hours == 0.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_stands_for_five_minutes_of_the_engines_clock() {
    let (s, clock) = setup_at_nine(4, 73).await;
    balances_on(&s).await;
    let first = s.engine.leave_balances(None).await.expect("read");
    assert_eq!(first.employees.len() + first.held.len(), 4);
    assert_eq!(first.requests, 4);
    clock.set(nine() + Duration::minutes(4));
    let again = s.engine.leave_balances(None).await.expect("cached");
    assert_eq!(again.requests, 0);
    assert_eq!(again.employees, first.employees, "as of nine still");
    assert_eq!(s.sandbox.micropay.leave_balance_reads().len(), 4);
    clock.set(nine() + Duration::minutes(5));
    let later = s.engine.leave_balances(None).await.expect("read again");
    assert_eq!(later.requests, 4);
    assert!(later
        .employees
        .iter()
        .all(|e| e.as_of == (nine() + Duration::minutes(5)).to_rfc3339()));
    assert_eq!(s.sandbox.micropay.leave_balance_reads().len(), 8);
}

#[tokio::test(flavor = "multi_thread")]
async fn temporary_failures_are_retried_and_every_employee_is_accounted_for() {
    let (s, _clock) = setup_at_nine(5, 74).await;
    balances_on(&s).await;
    let faults = s.sandbox.micropay.faults();
    faults.add(Fault::times(LEAVE_BALANCE, FaultKind::Status(503), 2));
    faults.add(Fault::times(LEAVE_BALANCE, FaultKind::DropConnection, 1));
    faults.add(Fault::times(
        LEAVE_BALANCE,
        FaultKind::RateLimited {
            retry_after_secs: 0,
        },
        1,
    ));
    let report = s.engine.leave_balances(None).await.expect("read");
    assert_eq!(report.state, LeaveBalancesState::Shown);
    assert_eq!(report.employees.len(), 5, "held: {:?}", report.held);
    assert!(report.held.is_empty());
    assert_eq!(faults.fired(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_without_balances_gets_the_clear_message_and_the_switch_shows_why() {
    let (s, _clock) = setup_at_nine(6, 75).await;
    balances_on(&s).await;
    s.sandbox.micropay.set_leave_balances_unavailable(true);
    let report = s.engine.leave_balances(None).await.expect("answered");
    assert_eq!(report.state, LeaveBalancesState::Unavailable);
    assert_eq!(report.message.as_deref(), Some(BALANCES_UNAVAILABLE));
    assert!(
        report.requests <= 4,
        "reads stop at the first 404 (those in flight aside): {}",
        report.requests
    );
    let options = s.engine.leave_options().await.expect("options");
    let why = options.balances.unavailable.expect("the switch says why");
    assert!(why.starts_with(BALANCES_UNAVAILABLE), "{why}");
    // Kept in the store: another process (the CLI) or a restart says it too.
    let reopened = Engine::open(s.options.clone()).expect("opens");
    let kept = reopened.leave_options().await.expect("options");
    assert_eq!(kept.balances.unavailable.as_deref(), Some(why.as_str()));
    // The rest keeps working: the categories still read from MicrOpay.
    assert!(!s
        .engine
        .leave_categories()
        .await
        .expect("listed")
        .is_empty());
    s.sandbox.micropay.set_leave_balances_unavailable(false);
    let back = s.engine.leave_balances(None).await.expect("read");
    assert_eq!(back.state, LeaveBalancesState::Shown);
    assert_eq!(
        s.engine
            .leave_options()
            .await
            .expect("options")
            .balances
            .unavailable,
        None
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_employee_is_named_not_taken_for_a_missing_endpoint() {
    let (s, _clock) = setup_at_nine(2, 76).await;
    balances_on(&s).await;
    let error = s
        .engine
        .leave_balances(Some("NOBODY"))
        .await
        .expect_err("no such employee");
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(s.sandbox.micropay.leave_balance_reads().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cap_is_a_recorded_setting_and_reads_wait_for_their_turn() {
    let (s, _clock) = setup_at_nine(8, 77).await;
    balances_on(&s).await;
    let error = s
        .engine
        .set_leave_balance_cap(Some(0), SettingsTrigger::Cli)
        .await
        .expect_err("0 would stop balances");
    assert_eq!(error.code, ErrorCode::Validation);
    let cap = s
        .engine
        .set_leave_balance_cap(Some(5), SettingsTrigger::App)
        .await
        .expect("set");
    assert_eq!(cap.per_second, Some(5));
    assert_eq!(cap.changed_by, Some(SettingsTrigger::App));
    let report = s.engine.leave_balances(None).await.expect("read");
    assert_eq!(report.employees.len(), 8);
    assert_eq!(report.requests, 8);
    // One every 200 ms: of the first four sent together, three must wait
    // (the rest wait too unless a read takes longer than its turn).
    assert!(
        report.waited_for_cap >= 3,
        "{} waited",
        report.waited_for_cap
    );
    let history = s.engine.settings_history().await.expect("history");
    assert!(history
        .iter()
        .any(|c| c.setting == "leave.balances-request-cap" && c.to.as_deref() == Some("5")));
}

/// An employee deleted in MicrOpay between the list and their balance read
/// gets a 404 from the balance endpoint too: that employee is held with the
/// reason, the others are shown, and the database is not taken for one
/// without balances.
#[tokio::test(flavor = "multi_thread")]
async fn an_employee_deleted_mid_read_is_held_not_taken_for_a_missing_endpoint() {
    let (s, _clock) = setup_at_nine(2, 78).await;
    balances_on(&s).await;
    let codes: Vec<String> = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .map(|e| e.emp_code)
        .collect();
    let faults = s.sandbox.micropay.faults();
    faults.add(Fault::times(
        LEAVE_BALANCE,
        FaultKind::Latency(std::time::Duration::from_secs(2)),
        2,
    ));
    let deleted = &codes[1];
    let url = format!(
        "http://{}/sandbox/employees/{deleted}/delete",
        s.sandbox.micropay.address()
    );
    let delete_while_they_wait = async {
        // Both balance reads have reached the sandbox and wait there.
        while faults.fired() < 2 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        reqwest::Client::new().post(url).send().await.expect("sent")
    };
    let (report, answer) = tokio::join!(s.engine.leave_balances(None), delete_while_they_wait);
    assert!(answer.status().is_success(), "{}", answer.status());
    let report = report.expect("answered");
    assert_eq!(report.state, LeaveBalancesState::Shown, "{report:?}");
    assert_eq!(report.message, None);
    let shown: Vec<&str> = report
        .employees
        .iter()
        .map(|e| e.emp_code.as_str())
        .collect();
    assert_eq!(shown, [codes[0].as_str()]);
    let [held] = report.held.as_slice() else {
        panic!("the deleted one held: {report:?}");
    };
    assert_eq!(&held.emp_code, deleted);
    assert!(held.reason.contains(deleted.as_str()), "{}", held.reason);
    let options = s.engine.leave_options().await.expect("options");
    assert_eq!(
        options.balances.unavailable, None,
        "the switch says nothing"
    );
}

/// Under a cap, reads already waiting for their turn when MicrOpay says it
/// has no balances are not sent after all: the first 404 is the last.
#[tokio::test(flavor = "multi_thread")]
async fn reads_waiting_for_their_turn_stop_at_the_first_404() {
    let (s, _clock) = setup_at_nine(8, 80).await;
    balances_on(&s).await;
    s.engine
        .set_leave_balance_cap(Some(2), SettingsTrigger::Cli)
        .await
        .expect("set");
    s.sandbox.micropay.set_leave_balances_unavailable(true);
    let report = s.engine.leave_balances(None).await.expect("answered");
    assert_eq!(report.state, LeaveBalancesState::Unavailable);
    // Four go to their turn together; one every 500 ms. The first's 404
    // (and the employee read that confirms it) is back long before the
    // next turn, so at most one more could have gone.
    assert!(
        report.requests <= 2,
        "{} balance requests after the first 404",
        report.requests
    );
}

//! The projected balance end to end, against both sandboxes over HTTP:
//! approved leave transferred to MicrOpay comes off the projected balance
//! while it waits in Leave Processing; once payroll processes it the
//! balance itself is lower, and the projected balance stays where it was.

mod common;
mod leave_common;
mod sync_common;

use chrono::{NaiveDate, TimeZone, Utc};
use paybridge_engine::{LeaveBalanceRow, LeaveOptionName, SettingsTrigger};
use paybridge_sandbox::worknice::SandboxLeaveBalance;
use serde_json::json;

use common::{setup_with_clock, HandClock, Setup};
use leave_common::*;
use sync_common::*;

/// The employee's annual leave row, as the engine answers it, and how many
/// balance requests the answer made.
async fn annual_of(s: &Setup, code: &str) -> (LeaveBalanceRow, u64) {
    let report = s
        .engine
        .leave_balances(Some(code))
        .await
        .expect("balances read");
    let [employee] = report.employees.as_slice() else {
        panic!("one employee: {report:?}");
    };
    let annual = employee
        .balances
        .iter()
        .find(|b| b.code == "AnnualLeave")
        .cloned()
        .expect("annual leave is listed");
    (annual, report.requests)
}

/// The one balance (annual leave) Worknice shows the employee.
fn annual_in_worknice(s: &Setup, code: &str) -> SandboxLeaveBalance {
    let [annual] = s
        .sandbox
        .worknice
        .leave_balances(code)
        .expect("a person")
        .try_into()
        .unwrap_or_else(|all: Vec<_>| panic!("annual leave only: {all:?}"));
    annual
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[tokio::test(flavor = "multi_thread")]
async fn approved_leave_is_off_the_projected_balance_before_and_after_payroll_processes_it() {
    let nine = Utc
        .with_ymd_and_hms(2026, 2, 23, 9, 0, 0)
        .single()
        .expect("a time");
    let clock = HandClock::at(nine);
    let hired_before = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    let (s, codes) = leave_ready_on(setup_with_clock(6, 501, clock).await, hired_before).await;
    s.engine
        .set_leave_option(LeaveOptionName::Balances, true, SettingsTrigger::Cli)
        .await
        .expect("balances on");
    let code = codes[0].clone();
    post_control(
        &format!("{}/sandbox/leave-balances/{code}", micropay_url(&s)),
        json!({"leaveCode": "AL", "hours": 40.0}),
    )
    .await;

    approved_leave(&s, &code, "Annual Leave", Some(8.0)).await;
    let sent = leave_counts(&sync(&s).await);
    assert_eq!(sent.transferred, 1, "{sent:?}");
    let (annual, _) = annual_of(&s, &code).await;
    assert!(close(annual.hours, 40.0), "{annual:?}");
    assert!(
        close(annual.projected_hours, 32.0),
        "waiting in Leave Processing: {annual:?}"
    );
    // The same run sent it to Worknice, where the employee sees it too.
    let in_worknice = annual_in_worknice(&s, &code);
    assert!(close(in_worknice.hours, 40.0), "{in_worknice:?}");
    assert!(
        in_worknice
            .projected_hours
            .is_some_and(|hours| close(hours, 32.0)),
        "{in_worknice:?}"
    );

    let [application] = s
        .sandbox
        .micropay
        .leave_applications()
        .try_into()
        .unwrap_or_else(|all: Vec<_>| panic!("one application in MicrOpay: {all:?}"));
    post_control(
        &format!(
            "{}/sandbox/leave-applications/{}/process",
            micropay_url(&s),
            application.id
        ),
        json!({}),
    )
    .await;
    let (cached, requests) = annual_of(&s, &code).await;
    assert_eq!(requests, 0, "the same five minutes: the read stands");
    assert_eq!(cached, annual);

    // The leave step sees payroll processed it, and forgets the reads.
    let run = sync(&s).await;
    let processed = leave_counts(&run);
    assert_eq!(processed.processed, 1, "{processed:?}");
    // Not a day since everyone's were sent: only this employee's go now.
    let moved = run.summary.counts.leave_balances.expect("sent");
    assert_eq!(
        (moved.everyone, moved.read, moved.written),
        (false, 1, 1),
        "{moved:?}"
    );
    let in_worknice = annual_in_worknice(&s, &code);
    assert!(
        close(in_worknice.hours, 32.0),
        "Worknice keeps up: {in_worknice:?}"
    );
    assert_eq!(
        in_worknice.projected_hours.map(|h| (h * 100.0).round()),
        Some(3200.0)
    );
    // The run forgot the stale read and its send read afresh: that read stands.
    let (annual, requests) = annual_of(&s, &code).await;
    assert_eq!(
        requests, 0,
        "the run's send read them within the five minutes"
    );
    assert!(close(annual.hours, 32.0), "payroll took it: {annual:?}");
    assert!(
        close(annual.projected_hours, 32.0),
        "taken off once, not twice: {annual:?}"
    );
}

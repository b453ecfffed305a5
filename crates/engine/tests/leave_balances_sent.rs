//! Balances sent to the Worknice sandbox over HTTP: visible categories
//! only, written only when they changed, a hidden category dropped, the
//! counts adding up, and nothing read or sent with the option off.

mod common;

use paybridge_engine::{LeaveBalancesState, LeaveOptionName, SettingsTrigger};

use common::{setup, Setup};

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

#[tokio::test(flavor = "multi_thread")]
async fn visible_balances_go_to_worknice_once_and_a_hidden_category_is_dropped() {
    let s = setup(9, 81).await;
    let off = s.engine.send_leave_balances().await.expect("answered");
    assert_eq!(off.state, LeaveBalancesState::Off);
    assert_eq!((off.read, off.written), (0, 0));
    assert!(s.sandbox.micropay.leave_balance_reads().is_empty());

    s.engine
        .set_leave_option(LeaveOptionName::Balances, true, SettingsTrigger::Cli)
        .await
        .expect("on");
    s.engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::Cli)
        .await
        .expect("shown");
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

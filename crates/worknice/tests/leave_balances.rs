//! People's leave balances against the Worknice sandbox over HTTP (an
//! inferred schema): set and read back, a hidden category dropped by the
//! next write, an unknown leave type refused with nothing changed, reads
//! and the idempotent write retried.

mod common;

use common::{client_for, start};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{WorkniceError, WorkniceLeaveBalance};

fn balance(leave_type_id: &str, hours: f64, days: Option<f64>) -> WorkniceLeaveBalance {
    WorkniceLeaveBalance {
        leave_type_id: leave_type_id.to_owned(),
        hours,
        days,
        projected_hours: Some(hours - 7.6),
        as_of: "2025-07-01T09:00:00+00:00".to_owned(),
    }
}

/// The employee code of a person the sandbox seeded.
fn someone_with_a_code(running: &common::Running) -> String {
    running
        .server
        .people()
        .into_iter()
        .find_map(|person| person.employee_code)
        .expect("a person with a code")
}

#[tokio::test]
async fn balances_are_replaced_whole_so_a_category_left_out_is_no_longer_offered() {
    let running = start(62).await;
    let client = client_for(&running);
    let code = someone_with_a_code(&running);
    let types = client.leave_types().await.expect("listed");
    let (annual, toil) = (types[0].id.as_str(), types[2].id.as_str());
    assert_eq!(
        client.leave_balances(&code).await.expect("read"),
        Some(Vec::new()),
        "none until an integration sets them"
    );
    let both = [balance(annual, 76.0, Some(10.0)), balance(toil, 3.5, None)];
    let set = client.set_leave_balances(&code, &both).await.expect("set");
    assert_eq!(set.as_deref(), Some(&both[..]));
    assert_eq!(
        client.leave_balances(&code).await.expect("read"),
        Some(both.to_vec())
    );

    // TOIL hidden: the next write leaves it out, and it is gone.
    let only_annual = [balance(annual, 68.4, Some(9.0))];
    client
        .set_leave_balances(&code, &only_annual)
        .await
        .expect("set");
    let shown = running.server.leave_balances(&code).expect("the person");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].leave_type_id, annual);
    assert!((shown[0].hours - 68.4).abs() < 1e-9);

    assert_eq!(client.leave_balances("NOBODY").await.expect("read"), None);
    assert_eq!(
        client
            .set_leave_balances("NOBODY", &only_annual)
            .await
            .expect("answered"),
        None
    );
}

#[tokio::test]
async fn an_unknown_leave_type_is_refused_and_nothing_changes() {
    let running = start(63).await;
    let client = client_for(&running);
    let code = someone_with_a_code(&running);
    let error = client
        .set_leave_balances(&code, &[balance("no-such-type", 1.0, None)])
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, WorkniceError::InvalidField { field, .. } if field == "balances[0].leaveTypeId"),
        "{error}"
    );
    assert_eq!(running.server.leave_balances(&code), Some(Vec::new()));
}

#[tokio::test]
async fn passing_trouble_is_retried_on_the_read_and_the_write() {
    let running = start(64).await;
    let client = client_for(&running);
    let code = someone_with_a_code(&running);
    let annual = client.leave_types().await.expect("listed")[0].id.clone();
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 2));
    client
        .set_leave_balances(&code, &[balance(&annual, 8.0, None)])
        .await
        .expect("after the 503s");
    assert_eq!(running.server.faults().fired(), 2);
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::DropConnection, 1));
    let read = client.leave_balances(&code).await.expect("after the drop");
    assert_eq!(read.map(|b| b.len()), Some(1));
}

//! The inferred `api/LeaveBalance` read: seeded balances per category, the
//! sandbox's faults retried, and 404 when the database doesn't have it.

use paybridge_micropay::{MicropayErrorKind, LEAVE_BALANCE_PATH};
use paybridge_sandbox::{Fault, FaultKind};

use crate::{client, sandbox};

fn path() -> String {
    format!("/{LEAVE_BALANCE_PATH}")
}

#[tokio::test]
async fn an_employees_seeded_balances_are_read_per_category() {
    let sandbox = sandbox(6, true).await;
    let seeded = &sandbox.micropay.employees()[0];
    let read = client(&sandbox.credentials.micropay)
        .leave_balances(&seeded.emp_code)
        .await
        .expect("read");
    assert_eq!(read.emp_code, seeded.emp_code);
    assert!(read.as_at.is_some(), "balances carry their as-at date");
    let annual = read
        .balances
        .iter()
        .find(|b| b.leave_type == "AnnualLeave")
        .expect("everyone has annual leave");
    let seeded_annual = seeded
        .leave_balances
        .iter()
        .find(|b| b.leave_code == "AL")
        .expect("seeded");
    assert!((annual.hours - seeded_annual.hours).abs() < 1e-9);
    assert_eq!(annual.leave_code, None, "standard types carry no LeaveCode");
    assert_eq!(read.balances.len(), seeded.leave_balances.len());
    let expected_day = match seeded.tax.basis_of_payment.as_str() {
        "Casual" => None,
        _ => Some(()),
    };
    assert_eq!(read.standard_hours_per_day.map(|_| ()), expected_day);
    assert_eq!(
        sandbox.micropay.leave_balance_reads(),
        [seeded.emp_code.as_str()]
    );
}

#[tokio::test]
async fn temporary_failures_on_the_balance_read_are_retried() {
    let sandbox = sandbox(2, true).await;
    let faults = sandbox.micropay.faults();
    faults.add(Fault::times(&path(), FaultKind::Status(503), 1));
    faults.add(Fault::times(
        &path(),
        FaultKind::RateLimited {
            retry_after_secs: 0,
        },
        1,
    ));
    faults.add(Fault::times(&path(), FaultKind::DropConnection, 1));
    let emp_code = sandbox.micropay.employees()[1].emp_code.clone();
    client(&sandbox.credentials.micropay)
        .leave_balances(&emp_code)
        .await
        .expect("fourth try");
    assert_eq!(faults.fired(), 3);
}

#[tokio::test]
async fn a_database_without_the_endpoint_answers_not_found() {
    let sandbox = sandbox(2, true).await;
    sandbox.micropay.set_leave_balances_unavailable(true);
    let emp_code = sandbox.micropay.employees()[0].emp_code.clone();
    let error = client(&sandbox.credentials.micropay)
        .leave_balances(&emp_code)
        .await
        .expect_err("404");
    assert_eq!(error.kind(), MicropayErrorKind::NotFound);
    assert!(
        sandbox.micropay.leave_balance_reads().is_empty(),
        "nothing was served"
    );
}

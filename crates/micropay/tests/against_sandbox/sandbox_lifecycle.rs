//! The MicrOpay sandbox's request lifecycle at its edges: the auto-accept
//! delay waits for the payroll server.

use std::time::Duration;

use chrono::NaiveDate;
use paybridge_micropay::{ChangeEmployee, ChangeRequestState};
use paybridge_sandbox::{Sandbox, SandboxOptions};

use crate::client;

#[tokio::test]
async fn the_auto_accept_delay_waits_while_the_payroll_server_is_off() {
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 10,
        seed: 11,
        auto_accept_ms: Some(60_000),
        ..SandboxOptions::default()
    })
    .await
    .expect("the sandbox starts");
    let start = NaiveDate::from_ymd_opt(2026, 8, 3)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a date");
    sandbox.micropay.pin_clock(start);
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.set_payroll_online(false);
    let mut change = ChangeEmployee::change("E0006");
    change.details.first_name = Some("Noor".to_owned());
    let id = client.submit_change(&change).await.expect("stored");
    sandbox.micropay.advance_clock(Duration::from_secs(600));
    let waiting = client.change_request_status(id).await.expect("status");
    assert_eq!(
        waiting.state,
        ChangeRequestState::Received,
        "nobody implements it while the payroll server is off"
    );
    assert_eq!(waiting.implemented_at, None);
    sandbox.micropay.set_payroll_online(true);
    let done = client.change_request_status(id).await.expect("status");
    assert_eq!(done.state, ChangeRequestState::Implemented);
    assert_eq!(
        client.employee("E0006").await.expect("E0006").first_name,
        "Noor"
    );
}

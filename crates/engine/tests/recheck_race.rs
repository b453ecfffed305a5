//! A background re-check of a saved connection races the user's own Save
//! and Disconnect: whatever the user pressed meanwhile must stand. The
//! re-check's request is held by the sandbox (a latency fault) so the user's
//! action lands, deterministically, while it is in flight.

mod common;

use std::sync::Arc;
use std::time::Duration;

use paybridge_engine::{ConnectionKind, Engine, SandboxForms};
use paybridge_sandbox::{Fault, FaultKind, Sandbox, SandboxOptions};

async fn sandbox(employees: usize, seed: u64) -> Sandbox {
    Sandbox::start(SandboxOptions {
        employees,
        seed,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts")
}

/// Holds the next request to `path` on `faults` for long enough that the
/// test can act while it waits.
fn hold_next_request(faults: &paybridge_sandbox::Faults, path: &str) {
    faults.add(Fault::times(
        path,
        FaultKind::Latency(Duration::from_millis(1500)),
        1,
    ));
}

/// Waits (bounded) until the held request has reached the server.
async fn until_held(faults: &paybridge_sandbox::Faults) {
    for _ in 0..500 {
        if faults.fired() > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("the re-check never reached the sandbox");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_disconnect_during_a_recheck_stays_disconnected() {
    let first = sandbox(12, 3).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = Arc::new(Engine::open(common::options(&dir)).expect("engine opens"));
    let forms = SandboxForms::from(&first.credentials);
    engine
        .save_worknice(forms.worknice)
        .await
        .expect("Worknice saves");

    hold_next_request(first.worknice.faults(), "/api/graphql");
    let recheck = tokio::spawn({
        let engine = engine.clone();
        async move { engine.check_worknice().await }
    });
    until_held(first.worknice.faults()).await;
    engine
        .disconnect(ConnectionKind::Worknice)
        .await
        .expect("disconnects");
    recheck
        .await
        .expect("re-check task")
        .expect("the re-check itself passed");

    let connections = engine.connections().await.expect("connections");
    assert_eq!(
        connections.worknice, None,
        "the re-check brought a disconnected connection back"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_save_during_a_recheck_keeps_what_the_user_saved() {
    let first = sandbox(12, 3).await;
    let second = sandbox(7, 4).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = Arc::new(Engine::open(common::options(&dir)).expect("engine opens"));
    let before = SandboxForms::from(&first.credentials);
    let after = SandboxForms::from(&second.credentials);
    engine
        .save_micropay(before.micropay)
        .await
        .expect("MicrOpay saves");

    hold_next_request(first.micropay.faults(), "/api");
    let recheck = tokio::spawn({
        let engine = engine.clone();
        async move { engine.check_micropay().await }
    });
    until_held(first.micropay.faults()).await;
    let saved = engine
        .save_micropay(after.micropay.clone())
        .await
        .expect("the new address saves");
    let rechecked = recheck
        .await
        .expect("re-check task")
        .expect("the re-check of the old address passed");
    assert_ne!(rechecked.employee_count, saved.employee_count);

    let connection = engine
        .connections()
        .await
        .expect("connections")
        .micropay
        .expect("still connected");
    assert_eq!(connection.url, after.micropay.url);
    assert_eq!(connection.username, after.micropay.username);
    assert_eq!(connection.employee_count, saved.employee_count);
    assert_eq!(connection.last_error, None);
}

/// A new token saved at the same address while a re-check of the old one
/// is in flight: the old token's failure must not land on the new save.
#[tokio::test(flavor = "multi_thread")]
async fn a_new_token_saved_at_the_same_address_during_a_recheck_stands() {
    let sandbox = sandbox(12, 3).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let options = common::options(&dir);
    let engine = Arc::new(Engine::open(options.clone()).expect("engine opens"));
    let forms = SandboxForms::from(&sandbox.credentials);
    engine
        .save_worknice(forms.worknice.clone())
        .await
        .expect("Worknice saves");
    // The saved token stops working (revoked in Worknice, say).
    options
        .secrets_from_env()
        .expect("secret store")
        .set(
            "worknice.token",
            &paybridge_domain::Sensitive::new("revoked-token".to_owned()),
        )
        .expect("token replaced");

    hold_next_request(sandbox.worknice.faults(), "/api/graphql");
    let recheck = tokio::spawn({
        let engine = engine.clone();
        async move { engine.check_worknice().await }
    });
    until_held(sandbox.worknice.faults()).await;
    engine
        .save_worknice(forms.worknice.clone())
        .await
        .expect("the working token saves at the same address");
    recheck
        .await
        .expect("re-check task")
        .expect_err("the re-check of the revoked token failed");

    let connection = engine
        .connections()
        .await
        .expect("connections")
        .worknice
        .expect("still connected");
    assert_eq!(connection.url, forms.worknice.url);
    assert_eq!(
        connection.last_error, None,
        "the old token's failure landed on the new save"
    );
}

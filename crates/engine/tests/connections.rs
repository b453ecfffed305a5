//! The connection flows end to end: the engine against both sandbox servers
//! over real HTTP, with secrets in the real OS keyring (run inside
//! scripts/in-test-session.sh, which provides a throwaway gnome-keyring).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use paybridge_engine::{
    ConnectionKind, Engine, EngineOptions, ErrorCode, FixedClock, MicropayForm, SandboxForms,
    WorkniceForm,
};
use paybridge_sandbox::{Fault, FaultKind, Sandbox, SandboxOptions};

static NEXT_SERVICE: AtomicU32 = AtomicU32::new(0);

/// A data folder and a keyring service of the test's own, so tests can run
/// side by side.
fn options(dir: &tempfile::TempDir) -> EngineOptions {
    let service = format!(
        "paybridge-engine-test-{}-{}",
        std::process::id(),
        NEXT_SERVICE.fetch_add(1, Ordering::SeqCst)
    );
    EngineOptions {
        data_dir: dir.path().to_owned(),
        keyring_service: service,
    }
}

fn fixed_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0)
            .single()
            .expect("valid time"),
    ))
}

/// A fresh engine (own folder and keyring service) with its sandbox started.
async fn engine_with_its_sandbox() -> (tempfile::TempDir, Engine, SandboxForms) {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = Engine::open_with_clock(options(&dir), fixed_clock()).expect("engine opens");
    let forms = engine.start_sandbox().await.expect("sandbox starts");
    (dir, engine, forms)
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_forms_test_save_survive_a_restart_and_disconnect() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = options(&dir);
    let engine = Engine::open_with_clock(options.clone(), fixed_clock()).expect("engine opens");
    let forms = engine.start_sandbox().await.expect("sandbox starts");

    let micropay = engine
        .test_micropay(forms.micropay.clone())
        .await
        .expect("MicrOpay test passes");
    assert_eq!(micropay.organisation, "Demo Pty Ltd");
    assert_eq!(
        micropay.status_line,
        format!(
            "Connected to Demo Pty Ltd — {} employees",
            micropay.employee_count
        )
    );
    assert!(micropay.employee_count > 0);
    let worknice = engine
        .test_worknice(forms.worknice.clone())
        .await
        .expect("Worknice test passes");
    assert!(worknice.status_line.starts_with("Connected to "));

    // Testing saves nothing.
    let before_save = engine.connections().await.expect("connections");
    assert!(before_save.micropay.is_none() && before_save.worknice.is_none());

    engine
        .save_micropay(forms.micropay.clone())
        .await
        .expect("MicrOpay saves");
    engine
        .save_worknice(forms.worknice.clone())
        .await
        .expect("Worknice saves");

    // A second engine on the same folder and keyring is the app restarted;
    // the sandbox keeps running in the first one.
    let restarted =
        Engine::open_with_clock(options.clone(), fixed_clock()).expect("engine reopens");
    let saved = restarted.connections().await.expect("connections");
    let saved_micropay = saved.micropay.expect("MicrOpay is still saved");
    assert_eq!(saved_micropay.url, forms.micropay.url);
    assert_eq!(saved_micropay.username, forms.micropay.username);
    assert_eq!(saved_micropay.status_line, micropay.status_line);
    assert_eq!(saved_micropay.last_checked_at, "2026-11-25T09:30:00+00:00");
    assert!(saved.worknice.is_some());

    // The saved secrets come from the keyring: nothing retyped.
    assert_eq!(
        restarted
            .check_micropay()
            .await
            .expect("saved MicrOpay works"),
        micropay
    );
    assert_eq!(
        restarted
            .check_worknice()
            .await
            .expect("saved Worknice works"),
        worknice
    );

    restarted
        .disconnect(ConnectionKind::Micropay)
        .await
        .expect("disconnects");
    restarted
        .disconnect(ConnectionKind::Worknice)
        .await
        .expect("disconnects");
    let after = restarted.connections().await.expect("connections");
    assert!(after.micropay.is_none() && after.worknice.is_none());
    let error = restarted
        .check_micropay()
        .await
        .expect_err("nothing saved any more");
    assert_eq!(error.code, ErrorCode::NotConnected);
    // The keyring no longer holds the password: a blank one is not filled in.
    let blank = MicropayForm {
        password: Default::default(),
        ..forms.micropay.clone()
    };
    let error = restarted
        .test_micropay(blank)
        .await
        .expect_err("no saved password");
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(error.message, "Enter the MicrOpay password.");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_named_and_never_echoed() {
    let (_dir, engine, forms) = engine_with_its_sandbox().await;
    let wrong = MicropayForm {
        password: "Tr0ub4dor&3-wrong".to_owned().into(),
        ..forms.micropay
    };

    let error = engine
        .save_micropay(wrong)
        .await
        .expect_err("wrong password fails");

    assert_eq!(error.code, ErrorCode::WrongCredentials);
    assert!(
        !error.message.contains("Tr0ub4dor"),
        "the message echoed the password: {}",
        error.message
    );
    assert!(
        engine
            .connections()
            .await
            .expect("connections")
            .micropay
            .is_none(),
        "a failed test saved nothing"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_payroll_company_is_refused_with_the_ones_that_exist() {
    let (_dir, engine, forms) = engine_with_its_sandbox().await;
    let other = MicropayForm {
        payroll_company: "Nonexistent Holdings".to_owned(),
        ..forms.micropay
    };

    let error = engine
        .test_micropay(other)
        .await
        .expect_err("unknown company");

    assert_eq!(error.code, ErrorCode::Validation);
    assert!(
        error.message.contains("Nonexistent Holdings"),
        "{}",
        error.message
    );
    assert!(error.message.contains("Demo Pty Ltd"), "{}", error.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_recheck_is_recorded_and_cleared_by_the_next_good_one() {
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 12,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts");
    let forms = SandboxForms::from(&sandbox.credentials);
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = Engine::open_with_clock(options(&dir), fixed_clock()).expect("engine opens");
    engine
        .save_worknice(forms.worknice.clone())
        .await
        .expect("saves");

    // Worknice rejects the token once (e.g. it was revoked, then reissued).
    sandbox
        .worknice
        .faults()
        .add(Fault::times("/api/graphql", FaultKind::Status(401), 1));
    let error = engine.check_worknice().await.expect_err("token rejected");
    assert_eq!(error.code, ErrorCode::TokenRejected);
    let saved = engine
        .connections()
        .await
        .expect("connections")
        .worknice
        .expect("still saved");
    assert_eq!(
        saved.last_error.as_ref().map(|e| e.code),
        Some(ErrorCode::TokenRejected)
    );
    assert_eq!(saved.status_line, error.message);

    engine.check_worknice().await.expect("fine again");
    let saved = engine
        .connections()
        .await
        .expect("connections")
        .worknice
        .expect("still saved");
    assert_eq!(saved.last_error, None);
    assert!(
        saved.status_line.starts_with("Connected to "),
        "{}",
        saved.status_line
    );

    // A save that fails leaves the saved connection as it was.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let error = engine
        .save_worknice(WorkniceForm {
            url: dead_url,
            token: "a-new-token".to_owned().into(),
        })
        .await
        .expect_err("unreachable");
    assert_eq!(error.code, ErrorCode::Unreachable);
    let saved = engine
        .connections()
        .await
        .expect("connections")
        .worknice
        .expect("still saved");
    assert_eq!(saved.url, forms.worknice.url);
}

/// Waits (bounded) until nothing accepts connections on `url`'s port: the
/// dropped engine's sandbox has stopped.
async fn wait_until_closed(url: &str) {
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(&address).await.is_err() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the sandbox at {address} never stopped");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restarted_app_brings_its_sandbox_back_on_the_same_ports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = options(&dir);
    let engine = Engine::open_with_clock(options.clone(), fixed_clock()).expect("engine opens");
    let forms = engine.start_sandbox().await.expect("sandbox starts");
    let before = engine
        .save_micropay(forms.micropay.clone())
        .await
        .expect("saves");
    engine
        .save_worknice(forms.worknice.clone())
        .await
        .expect("saves");
    drop(engine);
    wait_until_closed(&forms.micropay.url).await;
    wait_until_closed(&forms.worknice.url).await;

    let restarted = Engine::open_with_clock(options, fixed_clock()).expect("engine reopens");

    assert_eq!(
        restarted
            .check_micropay()
            .await
            .expect("the sandbox is back"),
        before
    );
    restarted
        .check_worknice()
        .await
        .expect("the sandbox is back");
    // Pressing the sandbox button again gives the same forms, not a second sandbox.
    let again = restarted.start_sandbox().await.expect("sandbox");
    assert_eq!(again.micropay.url, forms.micropay.url);
    assert_eq!(again.worknice.url, forms.worknice.url);
}

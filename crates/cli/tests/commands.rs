//! The `paybridge` binary as a script would use it: `sandbox` in one
//! process, `check` in another, over real HTTP.

use std::process::Command;

use serde_json::Value;

mod common;

use common::{SandboxProcess, BIN};

impl SandboxProcess {
    /// `paybridge check` with both sides from the environment.
    fn check(&self, data_dir: &std::path::Path, password: &str) -> (i32, Value) {
        let output = Command::new(BIN)
            .args([
                "--data-dir",
                data_dir.to_str().expect("utf-8 path"),
                "check",
            ])
            .env("PAYBRIDGE_MICROPAY_URL", self.field("micropay", "url"))
            .env(
                "PAYBRIDGE_MICROPAY_USERNAME",
                self.field("micropay", "username"),
            )
            .env("PAYBRIDGE_MICROPAY_PASSWORD", password)
            .env(
                "PAYBRIDGE_MICROPAY_API_KEY",
                self.field("micropay", "apiKey"),
            )
            .env("PAYBRIDGE_WORKNICE_URL", self.field("worknice", "url"))
            .env("PAYBRIDGE_WORKNICE_TOKEN", self.field("worknice", "token"))
            .output()
            .expect("paybridge check runs");
        let report = serde_json::from_slice(&output.stdout).expect("check prints JSON");
        (output.status.code().expect("exit code"), report)
    }
}

#[test]
fn sandbox_prints_one_json_line_with_both_sides() {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    assert!(sandbox
        .field("micropay", "url")
        .starts_with("http://127.0.0.1:"));
    for name in ["username", "password", "apiKey"] {
        assert!(
            !sandbox.field("micropay", name).is_empty(),
            "micropay.{name} is empty"
        );
    }
    assert!(sandbox
        .field("worknice", "url")
        .starts_with("http://127.0.0.1:"));
    assert!(!sandbox.field("worknice", "token").is_empty());
}

#[test]
fn check_from_the_environment_reports_both_sides_and_exits_zero() {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    let dir = tempfile::tempdir().expect("temp dir");

    let (code, report) = sandbox.check(dir.path(), &sandbox.field("micropay", "password"));

    assert_eq!(code, 0, "{report}");
    assert_eq!(report["micropay"]["ok"], true);
    assert_eq!(report["micropay"]["organisation"], "Demo Pty Ltd");
    // Active employees only: the sandbox terminates the one at index 17 of 30.
    assert_eq!(report["micropay"]["employeeCount"], 29);
    assert_eq!(report["worknice"]["ok"], true);
    assert_eq!(report["worknice"]["organisation"], "Demo Pty Ltd");
    // Environment values are never stored: nothing was written to the data folder.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn a_wrong_password_fails_its_side_only_and_exits_non_zero() {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    let dir = tempfile::tempdir().expect("temp dir");

    let (code, report) = sandbox.check(dir.path(), "not-the-password");

    assert_eq!(code, 1);
    assert_eq!(report["micropay"]["ok"], false);
    assert_eq!(report["micropay"]["code"], "wrong_credentials");
    assert!(
        !report.to_string().contains("not-the-password"),
        "the password was echoed: {report}"
    );
    assert_eq!(report["worknice"]["ok"], true);
}

#[test]
fn a_database_without_the_web_api_says_it_must_be_purchased() {
    let sandbox = SandboxProcess::start(30, 7, &["--no-api-access"]);
    let dir = tempfile::tempdir().expect("temp dir");

    let (code, report) = sandbox.check(dir.path(), &sandbox.field("micropay", "password"));

    assert_eq!(code, 1);
    assert_eq!(report["micropay"]["code"], "api_not_purchased");
    let message = report["micropay"]["message"].as_str().expect("message");
    assert!(message.contains("purchased from Access Group"), "{message}");
}

#[test]
fn sandbox_faults_from_the_command_line_reach_the_client() {
    // Every employee read fails as if the payroll server were down; lookups still answer.
    let sandbox = SandboxProcess::start(
        30,
        7,
        &["--micropay-fault", "path=/api/EmployeeDetails,status=500"],
    );
    let dir = tempfile::tempdir().expect("temp dir");

    let (code, report) = sandbox.check(dir.path(), &sandbox.field("micropay", "password"));

    assert_eq!(code, 1);
    assert_eq!(report["micropay"]["ok"], false, "{report}");
    assert_eq!(report["worknice"]["ok"], true, "{report}");
}

#[test]
fn a_fault_spec_that_means_nothing_is_refused_with_a_reason() {
    let output = Command::new(BIN)
        .args(["sandbox", "--micropay-fault", "explode"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown fault setting"), "{stderr}");
}

#[test]
fn auto_accept_from_the_command_line_lets_payroll_implement_requests_unattended() {
    use paybridge_domain::Sensitive;
    use paybridge_micropay::{ChangeEmployee, ChangeRequestState, MicropayClient, MicropayConfig};

    let sandbox = SandboxProcess::start(10, 7, &["--auto-accept-ms", "0"]);
    let config = MicropayConfig::parse(
        &sandbox.field("micropay", "url"),
        sandbox.field("micropay", "username"),
        Sensitive::new(sandbox.field("micropay", "password")),
        Sensitive::new(sandbox.field("micropay", "apiKey")),
    )
    .expect("the sandbox url parses");
    let client = MicropayClient::new(config).expect("a loopback url is accepted");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let mut change = ChangeEmployee::change("E0003");
        change.details.first_name = Some("Rowan".to_owned());
        let id = client.submit_change(&change).await.expect("sent");
        // No payroll user touches it: the delay of 0 implements it on the next read.
        let status = client.change_request_status(id).await.expect("status");
        assert_eq!(status.state, ChangeRequestState::Implemented);
        let employee = client.employee("E0003").await.expect("E0003");
        assert_eq!(employee.first_name, "Rowan");
    });
}

//! `paybridge status` and `paybridge history` as child processes, after
//! real syncs run through the engine against a sandbox over HTTP (run
//! inside scripts/in-test-session.sh for its throwaway keyring).

use std::process::{Command, Output};

use paybridge_engine::{
    Engine, EngineOptions, ImportSelection, LinkState, NoProgress, SandboxForms, SyncTrigger,
};
use paybridge_sandbox::{Sandbox, SandboxOptions};
use serde_json::{json, Value};

// Only BIN: this test runs its sandbox in process, to edit it over HTTP.
#[allow(dead_code)]
mod common;

use common::BIN;

struct Profile {
    dir: tempfile::TempDir,
    keyring_service: String,
    engine: Engine,
    sandbox: Sandbox,
}

impl Profile {
    async fn new(seed: u64) -> Self {
        let sandbox = Sandbox::start(SandboxOptions {
            employees: 12,
            seed,
            ..SandboxOptions::default()
        })
        .await
        .expect("sandbox starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let keyring_service = format!("paybridge-cli-status-test-{}-{seed}", std::process::id());
        let engine = Engine::open(EngineOptions {
            data_dir: dir.path().to_owned(),
            keyring_service: keyring_service.clone(),
        })
        .expect("engine opens");
        let forms = SandboxForms::from(&sandbox.credentials);
        engine
            .save_micropay(forms.micropay)
            .await
            .expect("MicrOpay saves");
        engine
            .save_worknice(forms.worknice)
            .await
            .expect("Worknice saves");
        Self {
            dir,
            keyring_service,
            engine,
            sandbox,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("PAYBRIDGE_KEYRING_SERVICE", &self.keyring_service)
            .output()
            .expect("paybridge runs")
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let output = self.run(args);
        let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "{args:?} printed no JSON ({error}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        (output.status.code().expect("exit code"), value)
    }

    /// Imports the current employees Worknice does not have; gives one code.
    async fn import_some(&self) -> String {
        let codes: Vec<String> = self
            .engine
            .employees()
            .await
            .expect("employees load")
            .into_iter()
            .filter(|candidate| candidate.link_state == LinkState::New && !candidate.terminated)
            .map(|candidate| candidate.emp_code)
            .collect();
        self.engine
            .import(ImportSelection::EmpCodes(codes.clone()), false, &NoProgress)
            .await
            .expect("imports");
        codes[0].clone()
    }

    async fn edit_in_micropay(&self, emp_code: &str, body: Value) {
        let url = format!(
            "{}/sandbox/employees/{emp_code}",
            self.sandbox.credentials.micropay.url
        );
        let response = reqwest::Client::new()
            .post(url)
            .json(&body)
            .send()
            .await
            .expect("the control answers");
        assert!(response.status().is_success(), "{}", response.status());
    }
}

const COUNT_NAMES: [&str; 7] = [
    "read",
    "changed",
    "written",
    "held",
    "conflicts",
    "pending",
    "rejected",
];

#[tokio::test(flavor = "multi_thread")]
async fn before_any_sync_status_and_history_say_so() {
    let profile = Profile::new(61).await;
    let (code, status) = profile.json(&["status", "--json"]);
    assert_eq!(code, 0, "{status}");
    assert_eq!(
        status,
        json!({"lastRun": null, "running": false, "nextScheduledAt": null, "pendingRequests": []})
    );
    let (code, runs) = profile.json(&["history", "--json"]);
    assert_eq!((code, runs), (0, json!([])));

    let text = profile.run(&["status"]);
    assert_eq!(text.status.code(), Some(0));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("No sync has run yet."), "{text}");
    assert!(text.contains("The schedule is off."), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn history_lists_the_runs_and_one_run_field_by_field() {
    let profile = Profile::new(62).await;
    let code = profile.import_some().await;
    // The first sync after the import adopts what the seed left different.
    let first = profile
        .engine
        .sync_now(SyncTrigger::Button, &|_| {})
        .await
        .expect("syncs");
    profile
        .edit_in_micropay(&code, json!({"surname": "Okonkwo-Baptiste"}))
        .await;
    let second = profile
        .engine
        .sync_now(SyncTrigger::Cli, &|_| {})
        .await
        .expect("syncs");
    assert_eq!(second.counts.changed, 1, "{second:?}");

    let (exit, runs) = profile.json(&["history", "--json"]);
    assert_eq!(exit, 0);
    let runs = runs.as_array().expect("an array");
    let ids: Vec<i64> = runs
        .iter()
        .map(|run| run["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, [second.id, first.id], "newest first");
    let newest = &runs[0];
    assert_eq!(
        *newest,
        serde_json::to_value(&second).expect("JSON"),
        "history shows the run as the run itself ended it"
    );
    assert_eq!(runs[1], serde_json::to_value(&first).expect("JSON"));
    assert_eq!(newest["trigger"], "cli");
    assert_eq!(newest["result"], "done");
    assert_eq!(runs[1]["trigger"], "button");
    for name in COUNT_NAMES {
        assert!(newest["counts"][name].is_u64(), "{name}: {newest}");
    }
    assert_eq!(newest["counts"]["changed"], 1);
    assert!(newest["durationMs"].is_u64(), "{newest}");
    assert!(newest["startedAt"].is_string() && newest["finishedAt"].is_string());
    let (_, limited) = profile.json(&["history", "--limit", "1", "--json"]);
    assert_eq!(limited.as_array().map(Vec::len), Some(1));

    let id = second.id.to_string();
    let (exit, detail) = profile.json(&["history", "--run", &id, "--json"]);
    assert_eq!(exit, 0, "{detail}");
    assert_eq!(detail["summary"], *newest);
    let accounted: u64 = detail["accounting"]
        .as_array()
        .expect("accounting")
        .iter()
        .map(|outcome| outcome["count"].as_u64().expect("a count"))
        .sum();
    assert_eq!(
        accounted, second.counts.read,
        "every employee read is accounted for"
    );
    let record = detail["records"]
        .as_array()
        .expect("records")
        .iter()
        .find(|record| record["empCode"] == code.as_str())
        .unwrap_or_else(|| panic!("{code} not in {detail}"));
    let surname = record["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|field| field["field"] == "lastName")
        .unwrap_or_else(|| panic!("no surname change in {record}"));
    assert_eq!(surname["new"], "Okonkwo-Baptiste");
    assert_eq!(surname["write"], "worknice");
    assert!(surname["reason"]
        .as_str()
        .is_some_and(|why| !why.is_empty()));

    let text = profile.run(&["history", "--run", &id]);
    assert_eq!(text.status.code(), Some(0));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(&format!("run {id} ")) && text.contains("(command line) done"),
        "{text}"
    );
    assert!(text.contains("→ Okonkwo-Baptiste ("), "{text}");

    let (exit, status) = profile.json(&["status", "--json"]);
    assert_eq!(exit, 0);
    assert_eq!(status["lastRun"], *newest);
    assert_eq!(status["running"], false);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_run_exits_1_with_a_clear_message() {
    let profile = Profile::new(63).await;
    let output = profile.run(&["history", "--run", "4242"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("There is no sync run 4242."), "{stderr}");
    let (exit, failure) = profile.json(&["history", "--run", "4242", "--json"]);
    assert_eq!(exit, 1);
    assert_eq!(failure["ok"], false);
    assert_eq!(failure["code"], "not_found");
    // `status not-received` names what it cannot mark, in text and JSON.
    let output = profile.run(&["status", "not-received", "4242"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("There is no change request 4242"),
        "{stderr}"
    );
    let (exit, failure) = profile.json(&["status", "not-received", "4242", "--json"]);
    assert_eq!(
        (exit, &failure["code"]),
        (1, &json!("not_found")),
        "{failure}"
    );

    // With a schedule set, the status names the next run.
    let schedule = profile.engine.set_schedule(
        paybridge_engine::SyncSchedule::EveryMinutes { minutes: 30 },
        paybridge_engine::SettingsTrigger::Cli,
    );
    schedule.await.expect("schedule saves");
    let (_, status) = profile.json(&["status", "--json"]);
    let next = status["nextScheduledAt"].as_str().expect("a next time");
    let next = chrono::DateTime::parse_from_rfc3339(next).expect("RFC 3339");
    let minutes = (next.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!((28..=30).contains(&minutes), "{minutes} minutes away");
}

/// A checksum-valid fake TFN and an account number no seed produces.
const NEW_TFN: &str = "123456782";
const NEW_ACCOUNT: &str = "98765432";

#[tokio::test(flavor = "multi_thread")]
async fn a_run_that_changed_a_tfn_and_a_bank_account_shows_them_masked() {
    let profile = Profile::new(64).await;
    let code = profile.import_some().await;
    profile
        .engine
        .sync_now(SyncTrigger::Button, &|_| {})
        .await
        .expect("syncs");
    let before = profile
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|employee| employee.emp_code == code)
        .expect("seeded");
    let digits = |text: &str| {
        text.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
    };
    let old_tfn = digits(before.tax.tfn.expose());
    let old_accounts: Vec<String> = before
        .bank_accounts
        .iter()
        .map(|account| digits(account.account_number.expose()))
        .collect();
    assert!(old_tfn.len() >= 8 && !old_accounts.is_empty(), "{code}");
    profile
        .edit_in_micropay(
            &code,
            json!({
                "employeeDetail": {"tfn": NEW_TFN},
                "employeeBanks": [{
                    "bsbCode": "062-000",
                    "accountNumber": NEW_ACCOUNT,
                    "accountName": "Test Account",
                    "bankName": "CBA",
                    "payAmount": 0,
                    "balanceOfPay": true,
                    "order": 1
                }]
            }),
        )
        .await;
    let run = profile
        .engine
        .sync_now(SyncTrigger::Cli, &|_| {})
        .await
        .expect("syncs");
    assert_eq!(run.counts.changed, 1, "{run:?}");

    let id = run.id.to_string();
    let output = profile.run(&["history", "--run", &id, "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let detail: Value = serde_json::from_str(&stdout).expect("JSON");
    let record = detail["records"]
        .as_array()
        .expect("records")
        .iter()
        .find(|record| record["empCode"] == code.as_str())
        .unwrap_or_else(|| panic!("{code} not in {detail}"));
    let changed: Vec<&str> = record["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|field| field["field"].as_str())
        .collect();
    assert!(
        changed.contains(&"tfn") && changed.contains(&"bankAccounts"),
        "the run touched both: {record}"
    );
    assert!(!stdout.contains(NEW_TFN), "TFN unmasked: {stdout}");
    assert!(!stdout.contains(NEW_ACCOUNT), "account unmasked: {stdout}");
    assert!(!stdout.contains(&old_tfn), "old TFN unmasked: {stdout}");
    for account in &old_accounts {
        assert!(!stdout.contains(account.as_str()), "old account unmasked");
    }

    let text = profile.run(&["history", "--run", &id]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Tax file number"), "{text}");
    assert!(
        !text.contains(NEW_TFN) && !text.contains(NEW_ACCOUNT),
        "{text}"
    );
}

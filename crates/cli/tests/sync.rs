//! `paybridge sync` as a child process against a `paybridge sandbox` child
//! process, with the connections saved in a data folder and the throwaway
//! keyring of scripts/in-test-session.sh.

use std::process::{Command, Output, Stdio};

use paybridge_engine::{Engine, EngineOptions};
use serde_json::Value;

mod common;

use common::{SandboxProcess, BIN};

const COUNTS: [&str; 7] = [
    "read",
    "changed",
    "written",
    "held",
    "conflicts",
    "pending",
    "rejected",
];

/// A data folder with both connections saved, as the app would leave it.
struct Profile {
    dir: tempfile::TempDir,
    options: EngineOptions,
}

impl Profile {
    async fn saved_for(sandbox: &SandboxProcess) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = EngineOptions {
            data_dir: dir.path().to_owned(),
            keyring_service: format!("paybridge-cli-sync-test-{}", std::process::id()),
        };
        let engine = Engine::open(options.clone()).expect("engine opens");
        let forms = sandbox.forms();
        engine
            .save_micropay(forms.micropay)
            .await
            .expect("MicrOpay saves");
        engine
            .save_worknice(forms.worknice)
            .await
            .expect("Worknice saves");
        Self { dir, options }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("PAYBRIDGE_KEYRING_SERVICE", &self.options.keyring_service)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("runs")
    }
}

fn counts(plan: &Value) -> Vec<u64> {
    COUNTS
        .iter()
        .map(|name| {
            plan[*name]
                .as_u64()
                .unwrap_or_else(|| panic!("{name} is a number: {plan}"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_run_prints_the_plan_and_a_sync_applies_it_then_writes_nothing() {
    let sandbox = SandboxProcess::start(30, 5, &[]);
    let profile = Profile::saved_for(&sandbox).await;
    let import = profile.run(&["import", "--all", "--json"]);
    assert!(import.status.code() == Some(0) || import.status.code() == Some(2));

    let json = profile.run(&["sync", "--dry-run", "--json"]);
    assert_eq!(json.status.code(), Some(0), "{json:?}");
    let plan: Value = serde_json::from_slice(&json.stdout).expect("prints JSON");
    let printed = counts(&plan);
    assert!(printed[0] >= 30, "every employee is read: {plan}");
    assert!(plan["employees"].as_array().expect("records").len() as u64 == printed[0]);

    // The same plan the engine makes on the same data folder.
    let engine = Engine::open(profile.options.clone()).expect("engine opens");
    let made =
        serde_json::to_value(engine.sync_preview().await.expect("the plan is made")).expect("JSON");
    assert_eq!(counts(&made), printed);

    // The summary: the same counts, then one line per planned field write.
    let human = profile.run(&["sync", "--dry-run"]);
    assert_eq!(human.status.code(), Some(0));
    let human = String::from_utf8(human.stdout).expect("text");
    let first = human.lines().next().expect("a summary line");
    for (name, count) in COUNTS.iter().zip(&printed) {
        assert!(first.contains(&format!("{name} {count}")), "{first}");
    }
    let planned_fields = plan["employees"]
        .as_array()
        .expect("records")
        .iter()
        .flat_map(|employee| employee["fields"].as_array().expect("fields"))
        .filter(|field| !field["write"].is_null())
        .count();
    assert_eq!(
        human.matches("(MicrOpay → Worknice;").count(),
        planned_fields,
        "{human}"
    );

    // A sync: the counts as numbers at the top, the run and its records.
    let synced = profile.run(&["sync", "--json"]);
    assert_eq!(synced.status.code(), Some(0), "{synced:?}");
    let run: Value = serde_json::from_slice(&synced.stdout).expect("prints JSON");
    assert_eq!(run["result"], "done", "{run}");
    assert!(run["runId"].as_i64().is_some(), "{run}");
    assert_eq!(run["retryLater"], 0, "{run}");
    let done = counts(&run);
    assert_eq!(done[0], printed[0], "read: {run}");
    assert_eq!(done[2], printed[2], "every planned write was done: {run}");
    let accounted: u64 = run["accounting"]
        .as_array()
        .expect("the accounting")
        .iter()
        .map(|entry| entry["count"].as_u64().expect("a count"))
        .sum();
    assert_eq!(
        accounted, done[0],
        "every employee read accounted for: {run}"
    );
    let records = run["records"].as_array().expect("records");
    assert!(
        records
            .iter()
            .all(|record| record["outcome"] != "unchanged"),
        "{run}"
    );

    // Right after it, a sync has nothing to write.
    let again = profile.run(&["sync", "--json"]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let again: Value = serde_json::from_slice(&again.stdout).expect("prints JSON");
    assert_eq!(again["written"], 0, "{again}");
    assert_eq!(again["changed"], 0, "{again}");
    assert_ne!(again["runId"], run["runId"]);
    let plan =
        serde_json::to_value(engine.sync_preview().await.expect("the plan is made")).expect("JSON");
    assert_eq!(plan["written"], 0, "{plan}");

    // The human summary says the run's result and its counts.
    let human = profile.run(&["sync"]);
    assert_eq!(human.status.code(), Some(0));
    let human = String::from_utf8(human.stdout).expect("text");
    let first = human.lines().next().expect("a summary line");
    assert!(
        first.starts_with("Sync ") && first.contains("(done): read "),
        "{first}"
    );
}

/// POSTs `body` to the MicrOpay sandbox's "edit as payroll would" control.
async fn edit_in_micropay(sandbox: &SandboxProcess, emp_code: &str, body: Value) {
    let base = sandbox.field("micropay", "url");
    let response = reqwest::Client::new()
        .post(format!(
            "{}/sandbox/employees/{emp_code}",
            base.trim_end_matches('/')
        ))
        .json(&body)
        .send()
        .await
        .expect("the control answers");
    assert!(response.status().is_success(), "{}", response.status());
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_stops_a_sync_at_a_safe_point_and_exits_2_and_the_next_run_finishes() {
    // Every update takes a while, so the run is still writing when the
    // signal comes.
    let slow = [
        "--worknice-fault",
        "path=/api/graphql,operation=UpdatePerson,latency-ms=700",
    ];
    let sandbox = SandboxProcess::start(30, 6, &slow);
    let profile = Profile::saved_for(&sandbox).await;
    let import = profile.run(&["import", "--all", "--json"]);
    assert!(import.status.code() == Some(0) || import.status.code() == Some(2));
    let settle = profile.run(&["sync", "--json"]);
    assert_eq!(settle.status.code(), Some(0), "{settle:?}");
    let plan: Value = serde_json::from_slice(&profile.run(&["sync", "--dry-run", "--json"]).stdout)
        .expect("JSON");
    let codes: Vec<String> = plan["employees"]
        .as_array()
        .expect("employees")
        .iter()
        .filter(|employee| employee["outcome"] == "unchanged")
        .filter_map(|employee| employee["empCode"].as_str().map(str::to_owned))
        .take(16)
        .collect();
    assert_eq!(codes.len(), 16, "{plan}");
    for code in &codes {
        edit_in_micropay(
            &sandbox,
            code,
            serde_json::json!({"preferredName": "Quincey"}),
        )
        .await;
    }

    let child = profile
        .command(&["sync", "--json"])
        .spawn()
        .expect("sync starts");
    // Once the first update is in Worknice, the run is into its (slow)
    // writes with most still to send.
    let people_url = format!("{}/sandbox/people", worknice_base(&sandbox));
    loop {
        let people: Vec<Value> = reqwest::get(&people_url)
            .await
            .expect("answers")
            .json()
            .await
            .expect("a list");
        if people
            .iter()
            .any(|person| person["personalDetails"]["preferredName"] == "Quincey")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let output = child.wait_with_output().expect("the sync ends");
    let run: Value = serde_json::from_slice(&output.stdout).expect("prints JSON");
    assert_eq!(output.status.code(), Some(2), "partial: {run}");
    assert_eq!(run["result"], "partial", "{run}");
    let left = run["retryLater"].as_u64().expect("a number");
    let written = run["written"].as_u64().expect("a number");
    assert!(left > 0 && written > 0, "{run}");
    assert_eq!(left + written, 16, "{run}");

    // The next run writes what was left, and only that.
    let rest = profile.run(&["sync", "--json"]);
    let rest_run: Value = serde_json::from_slice(&rest.stdout).expect("JSON");
    assert_eq!(rest.status.code(), Some(0), "{rest_run}");
    assert_eq!(rest_run["written"].as_u64(), Some(left), "{rest_run}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_that_cannot_read_micropay_fails_with_the_reason_and_exit_1() {
    // Saving the connection reads employees; the sync also asks for the
    // deleted ones, which MicrOpay refuses here.
    let broken = ["--micropay-fault", "path=/api/DeletedEmployees,status=401"];
    let sandbox = SandboxProcess::start(10, 7, &broken);
    let profile = Profile::saved_for(&sandbox).await;
    let output = profile.run(&["sync", "--json"]);
    let run: Value = serde_json::from_slice(&output.stdout).expect("prints JSON");
    assert_eq!(output.status.code(), Some(1), "{run}");
    assert_eq!(run["result"], "failed", "{run}");
    assert!(
        run["message"]
            .as_str()
            .is_some_and(|message| !message.is_empty()),
        "{run}"
    );
    assert_eq!(counts(&run), vec![0; 7], "{run}");
}

async fn post_control(url: String, body: Value) -> Value {
    let response = reqwest::Client::new()
        .post(&url)
        .json(&body)
        .send()
        .await
        .expect("the control answers");
    assert!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    response.json().await.unwrap_or(Value::Null)
}

async fn payroll_requests(sandbox: &SandboxProcess) -> Vec<Value> {
    let base = sandbox.field("micropay", "url");
    reqwest::get(format!("{}/sandbox/requests", base.trim_end_matches('/')))
        .await
        .expect("answers")
        .json::<Vec<Value>>()
        .await
        .expect("a list")
}

/// The Worknice sandbox's own address (its API lives under /api/graphql).
fn worknice_base(sandbox: &SandboxProcess) -> String {
    let url = url::Url::parse(&sandbox.field("worknice", "url")).expect("url");
    format!(
        "http://{}:{}",
        url.host_str().expect("host"),
        url.port().expect("port")
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_killed_at_random_points_completes_when_run_again_with_nothing_duplicated() {
    use rand::{Rng, SeedableRng};
    const KILLS: u32 = 5;
    // Slow writes on both sides, so kills land mid-run.
    let slow = [
        "--worknice-fault",
        "path=/api/graphql,operation=UpdatePerson,latency-ms=200",
        "--micropay-fault",
        "path=/api/ChangeEmployee,latency-ms=300",
    ];
    let sandbox = SandboxProcess::start(40, 12, &slow);
    let profile = Profile::saved_for(&sandbox).await;
    let import = profile.run(&["import", "--all", "--json"]);
    assert!(import.status.code() == Some(0) || import.status.code() == Some(2));
    assert_eq!(profile.run(&["sync", "--json"]).status.code(), Some(0));
    {
        let engine = Engine::open(profile.options.clone()).expect("engine opens");
        let choices = engine.new_hire_choices().await.expect("choices");
        engine
            .set_new_hire_defaults(
                paybridge_engine::NewHireDefaultsChange {
                    location: Some(choices.locations[0].code.clone()),
                    payroll_company: Some(choices.payroll_companies[0].code.clone()),
                    pay_frequency: Some(choices.pay_frequencies[0].code.clone()),
                    pay_point: Some(choices.pay_points[0].code.clone()),
                },
                paybridge_engine::SettingsTrigger::Cli,
            )
            .await
            .expect("defaults");
    }
    let plan: Value = serde_json::from_slice(&profile.run(&["sync", "--dry-run", "--json"]).stdout)
        .expect("JSON");
    let codes: Vec<String> = plan["employees"]
        .as_array()
        .expect("employees")
        .iter()
        .filter(|employee| employee["outcome"] == "unchanged")
        .filter_map(|employee| employee["empCode"].as_str().map(str::to_owned))
        .take(20)
        .collect();
    assert_eq!(codes.len(), 20);
    for (index, code) in codes.iter().enumerate() {
        edit_in_micropay(
            &sandbox,
            code,
            serde_json::json!({"preferredName": format!("Lee{index}")}),
        )
        .await;
    }
    for (index, code) in ["NH101", "NH102"].iter().enumerate() {
        post_control(
            format!("{}/sandbox/hires", worknice_base(&sandbox)),
            serde_json::json!({
                "personalDetails": {"firstName": "Noor", "lastName": format!("Haddad{index}")},
                "job": {"positionTitle": "Site Manager", "startDate": "2026-02-01", "location": "Perth"},
                "employeeCode": code,
            }),
        )
        .await;
    }

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2027);
    for _ in 0..KILLS {
        let mut child = profile
            .command(&["sync", "--json"])
            .spawn()
            .expect("starts");
        let at = std::time::Duration::from_millis(rng.random_range(150..2500));
        tokio::time::sleep(at).await;
        // A run that already finished is fine: the next kill lands later.
        let _ = child.kill();
        child.wait().expect("reaped");
    }

    // Run again, payroll accepting what waits, until a run writes nothing.
    let base = sandbox.field("micropay", "url");
    let mut settled = false;
    for _ in 0..8 {
        let output = profile.run(&["sync", "--json"]);
        let run: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        for request in payroll_requests(&sandbox).await {
            if request["changeStatus"] == "Received" {
                post_control(
                    format!(
                        "{}/sandbox/requests/{}/accept",
                        base.trim_end_matches('/'),
                        request["changeEmployeeId"]
                    ),
                    Value::Null,
                )
                .await;
            }
        }
        if output.status.code() == Some(0) && run["written"] == 0 && run["pending"] == 0 {
            settled = true;
            break;
        }
        let busy: Vec<&Value> = run["records"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|record| record["outcome"] != "held")
            .collect();
        eprintln!("not settled: {} {} {busy:?}", run["result"], run["message"]);
    }
    assert!(settled, "the sync completes after the kills");

    let requests = payroll_requests(&sandbox).await;
    for code in ["NH101", "NH102"] {
        let adds = requests
            .iter()
            .filter(|request| request["empCode"] == code && request["changeType"] == "Add")
            .count();
        assert_eq!(adds, 1, "{code}: one Add: {requests:?}");
    }
    let people: Vec<Value> = reqwest::get(format!("{}/sandbox/people", worknice_base(&sandbox)))
        .await
        .expect("answers")
        .json()
        .await
        .expect("a list");
    for (index, code) in codes.iter().enumerate() {
        let matching: Vec<&Value> = people
            .iter()
            .filter(|person| person["employeeCode"] == code.as_str())
            .collect();
        assert_eq!(matching.len(), 1, "{code} once in Worknice");
        assert_eq!(
            matching[0]["personalDetails"]["preferredName"],
            format!("Lee{index}")
        );
    }
    for code in ["NH101", "NH102"] {
        let hire = people
            .iter()
            .find(|person| person["employeeCode"] == code)
            .expect("the hire");
        assert!(!hire["connection"].is_null(), "{code} linked: {hire}");
    }

    let key = profile
        .options
        .secrets_from_env()
        .expect("secret store")
        .key(paybridge_secrets::DATABASE_KEY_ACCOUNT)
        .expect("answers")
        .expect("the key");
    let store = paybridge_store::Store::open(
        &paybridge_store::database_path(&profile.options.data_dir),
        &key,
    )
    .expect("opens");
    assert_eq!(store.integrity_check().expect("checks"), "ok");
    let runs = store.sync_runs().list(100).expect("runs");
    assert!(
        runs.iter().all(|run| run.result != "running"),
        "no run left running"
    );
}

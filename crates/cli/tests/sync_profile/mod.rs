//! What the `paybridge sync` tests share: a data folder with both
//! connections saved, the counts as `--json` names them, and the
//! sandboxes' HTTP controls (`/sandbox/...`).

#![allow(dead_code)]

use std::process::{Command, Output, Stdio};

use paybridge_engine::{Engine, EngineOptions};
use serde_json::Value;

use crate::common::{SandboxProcess, BIN};

pub const COUNTS: [&str; 7] = [
    "read",
    "changed",
    "written",
    "held",
    "conflicts",
    "pending",
    "rejected",
];

/// A data folder with both connections saved, as the app would leave it.
pub struct Profile {
    pub dir: tempfile::TempDir,
    pub options: EngineOptions,
}

impl Profile {
    pub async fn saved_for(sandbox: &SandboxProcess) -> Self {
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

    pub fn command(&self, args: &[&str]) -> Command {
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

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("runs")
    }

    /// Saved, every employee imported (some may be held: exit 2) and one
    /// sync run to settle the import's leftovers.
    pub async fn imported_and_synced(sandbox: &SandboxProcess) -> Self {
        let profile = Self::saved_for(sandbox).await;
        let import = profile.run(&["import", "--all", "--json"]);
        assert!(import.status.code() == Some(0) || import.status.code() == Some(2));
        let settle = profile.run(&["sync", "--json"]);
        assert_eq!(settle.status.code(), Some(0), "{settle:?}");
        profile
    }

    /// The leave requests option on and annual leave shown to employees:
    /// an approved annual leave request goes to MicrOpay at the next sync.
    pub fn annual_leave_requests_on(&self) {
        for args in [
            ["leave", "options", "requests", "on"],
            ["leave", "visibility", "AnnualLeave", "on"],
        ] {
            let output = self.run(&args);
            assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        }
    }

    /// The EmpCodes of the first `count` employees the dry-run plan shows
    /// in step ("unchanged": linked, nothing to write).
    pub fn unchanged_codes(&self, count: usize) -> Vec<String> {
        let output = self.run(&["sync", "--dry-run", "--json"]);
        let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let codes: Vec<String> = plan["employees"]
            .as_array()
            .expect("employees")
            .iter()
            .filter(|employee| employee["outcome"] == "unchanged")
            .filter_map(|employee| employee["empCode"].as_str().map(str::to_owned))
            .take(count)
            .collect();
        assert_eq!(codes.len(), count, "{plan}");
        codes
    }

    /// Starts `paybridge sync` `kills` times and kills it (SIGKILL) after
    /// a seeded random wait in `within` ms each time; a run that finished
    /// first is fine (the next kill lands later).
    pub async fn kill_syncs(&self, seed: u64, kills: usize, within: std::ops::Range<u64>) {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        for _ in 0..kills {
            let mut child = self.command(&["sync", "--json"]).spawn().expect("starts");
            let at = std::time::Duration::from_millis(rng.random_range(within.clone()));
            tokio::time::sleep(at).await;
            let _ = child.kill();
            child.wait().expect("reaped");
        }
    }
}

pub fn counts(plan: &Value) -> Vec<u64> {
    COUNTS
        .iter()
        .map(|name| {
            plan[*name]
                .as_u64()
                .unwrap_or_else(|| panic!("{name} is a number: {plan}"))
        })
        .collect()
}

/// POSTs `body` to the MicrOpay sandbox's "edit as payroll would" control.
pub async fn edit_in_micropay(sandbox: &SandboxProcess, emp_code: &str, body: Value) {
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

pub async fn post_control(url: String, body: Value) -> Value {
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

pub async fn payroll_requests(sandbox: &SandboxProcess) -> Vec<Value> {
    let base = sandbox.field("micropay", "url");
    reqwest::get(format!("{}/sandbox/requests", base.trim_end_matches('/')))
        .await
        .expect("answers")
        .json::<Vec<Value>>()
        .await
        .expect("a list")
}

/// The Worknice sandbox's own address (its API lives under /api/graphql).
pub fn worknice_base(sandbox: &SandboxProcess) -> String {
    let url = url::Url::parse(&sandbox.field("worknice", "url")).expect("url");
    format!(
        "http://{}:{}",
        url.host_str().expect("host"),
        url.port().expect("port")
    )
}

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

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("PAYBRIDGE_KEYRING_SERVICE", &self.options.keyring_service)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("runs")
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
async fn a_dry_run_prints_the_plan_and_a_sync_without_it_says_it_is_not_built() {
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

    // Applying is not built: it says so and fails, changing nothing.
    for args in [&["sync"][..], &["sync", "--json"][..]] {
        let refused = profile.run(args);
        assert_eq!(refused.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&refused.stderr).trim(),
            "Applying a sync is not built yet: run `paybridge sync --dry-run` to see what it would change."
        );
    }
    let again =
        serde_json::to_value(engine.sync_preview().await.expect("the plan is made")).expect("JSON");
    assert_eq!(counts(&again), printed);
}

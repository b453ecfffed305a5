//! `paybridge directions`, `paybridge settings new-hire-defaults` and
//! `paybridge leave` (the settings a sync follows) as child processes, on connections saved to a `paybridge sandbox` child process
//! (run inside scripts/in-test-session.sh for its throwaway keyring).

use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use paybridge_engine::{Engine, EngineOptions, SandboxForms};
use paybridge_sandbox::dataset::{Dataset, SeedLookup};
use paybridge_sandbox::{Sandbox, SandboxOptions};
use serde_json::Value;

mod common;

use common::{SandboxProcess, BIN};

static NEXT_SERVICE: AtomicU32 = AtomicU32::new(0);

/// A data folder with both connections saved, and the sandbox payroll
/// company's code (the connection names it by description).
struct Profile {
    dir: tempfile::TempDir,
    keyring_service: String,
    payroll_company_code: String,
}

impl Profile {
    async fn saved_for(forms: SandboxForms) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let keyring_service = format!(
            "paybridge-cli-directions-test-{}-{}",
            std::process::id(),
            NEXT_SERVICE.fetch_add(1, Ordering::SeqCst)
        );
        let engine = Engine::open(EngineOptions {
            data_dir: dir.path().to_owned(),
            keyring_service: keyring_service.clone(),
        })
        .expect("engine opens");
        engine
            .save_micropay(forms.micropay)
            .await
            .expect("MicrOpay saves");
        engine
            .save_worknice(forms.worknice)
            .await
            .expect("Worknice saves");
        let choices = engine.new_hire_choices().await.expect("lookups");
        Self {
            dir,
            keyring_service,
            payroll_company_code: choices.payroll_companies[0].code.clone(),
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
}

fn direction_of(rows: &Value, group: &str) -> String {
    rows.as_array()
        .expect("an array")
        .iter()
        .find(|row| row["group"] == group)
        .unwrap_or_else(|| panic!("no {group} row"))["direction"]
        .as_str()
        .expect("direction")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn directions_are_listed_set_and_refused_for_fixed_groups() {
    let sandbox = SandboxProcess::start(3, 81, &[]);
    let profile = Profile::saved_for(sandbox.forms()).await;

    let (code, rows) = profile.json(&["directions", "--json"]);
    assert_eq!(code, 0);
    let groups: Vec<&str> = rows
        .as_array()
        .expect("array")
        .iter()
        .map(|row| row["group"].as_str().expect("group"))
        .collect();
    assert_eq!(
        groups,
        [
            "personal",
            "tax",
            "bank",
            "super",
            "leave-requests",
            "leave-balances"
        ]
    );
    assert_eq!(direction_of(&rows, "tax"), "micropay-to-worknice");

    let set = profile.run(&["directions", "set", "tax", "worknice-to-micropay"]);
    assert_eq!(set.status.code(), Some(0), "{set:?}");
    assert_eq!(
        String::from_utf8_lossy(&set.stdout).trim(),
        "Tax details: Worknice → MicrOpay, from the next sync."
    );
    let (_, rows) = profile.json(&["directions", "--json"]);
    assert_eq!(direction_of(&rows, "tax"), "worknice-to-micropay");
    assert_eq!(direction_of(&rows, "personal"), "micropay-to-worknice");
    let tax = &rows[1];
    assert_eq!(tax["changedBy"], "cli");

    // A fixed group: exit 1 with the reason, in words and in JSON.
    let refused = profile.run(&["directions", "set", "bank", "worknice-to-micropay"]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("The direction of bank accounts is fixed, MicrOpay to Worknice")
            && stderr.contains("fixed amounts"),
        "{stderr}"
    );
    let (code, failure) = profile.json(&[
        "directions",
        "set",
        "super",
        "worknice-to-micropay",
        "--json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(failure["ok"], false);
    assert_eq!(failure["code"], "validation");
    let (_, rows) = profile.json(&["directions", "--json"]);
    assert_eq!(direction_of(&rows, "super"), "micropay-to-worknice");

    // A group or direction the CLI does not know is refused before it runs.
    let unknown = profile.run(&["directions", "set", "payslips", "worknice-to-micropay"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("leave-balances"));

    let table = profile.run(&["directions"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("Worknice → MicrOpay"), "{text}");
    assert!(text.contains("set on the Leave screen"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn new_hire_defaults_are_shown_checked_and_set() {
    // A payroll with one pay point, planted so the test does not depend on
    // what the sandbox seeds; the command runs against it over HTTP.
    let mut dataset = Dataset::generate(82, 2);
    dataset
        .lookups
        .retain(|lookup| lookup.lookup_type != "PayPoint");
    dataset
        .lookups
        .push(SeedLookup::new("PayPoint", "MAIN", "Main pay point"));
    let sandbox = Sandbox::start_with_dataset(
        SandboxOptions {
            seed: 82,
            ..SandboxOptions::default()
        },
        dataset,
    )
    .await
    .expect("sandbox starts");
    let profile = Profile::saved_for(SandboxForms::from(&sandbox.credentials)).await;

    let (code, shown) = profile.json(&["settings", "new-hire-defaults", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(shown["complete"], false);
    assert_eq!(shown["missing"].as_array().expect("missing").len(), 4);

    let (code, failure) = profile.json(&[
        "settings",
        "new-hire-defaults",
        "--location",
        "NOPE",
        "--json",
    ]);
    assert_eq!(code, 1);
    let message = failure["message"].as_str().expect("message");
    assert!(
        message.starts_with("\"NOPE\" is not a location in MicrOpay.")
            && message.contains("SYD (Sydney Office)"),
        "{message}"
    );

    let (code, saved) = profile.json(&[
        "settings",
        "new-hire-defaults",
        "--location",
        "mel",
        "--payroll-company",
        &profile.payroll_company_code,
        "--pay-frequency",
        "F",
        "--json",
    ]);
    assert_eq!(code, 0, "{saved}");
    assert_eq!(saved["location"], "MEL");
    assert_eq!(saved["payFrequency"], "F");
    // An Add needs a pay point too.
    assert_eq!(saved["complete"], false, "{saved}");
    assert_eq!(saved["missing"], serde_json::json!(["pay point"]));

    let (code, saved) = profile.json(&[
        "settings",
        "new-hire-defaults",
        "--pay-point",
        "main",
        "--json",
    ]);
    assert_eq!(code, 0, "{saved}");
    assert_eq!(saved["payPoint"], "MAIN");
    assert_eq!(saved["location"], "MEL", "the others kept");
    assert_eq!(saved["complete"], true, "{saved}");

    let text = profile.run(&["settings", "new-hire-defaults"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Location         MEL"), "{text}");
    assert!(text.contains("Pay point        MAIN"), "{text}");
    assert!(!text.contains("Still to choose"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_categories_visibility_privacy_and_options() {
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 2,
        seed: 83,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts");
    let profile = Profile::saved_for(SandboxForms::from(&sandbox.credentials)).await;

    let (code, rows) = profile.json(&["leave", "categories", "--json"]);
    assert_eq!(code, 0, "{rows}");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows[0]["code"], "AnnualLeave");
    let fdv = rows.iter().find(|r| r["code"] == "FDV").expect("FDV");
    assert_eq!(
        (&fdv["private"], &fdv["visible"]),
        (&Value::Bool(true), &Value::Bool(false))
    );
    assert_eq!(fdv["worknice"], "will be created in Worknice");
    let table = profile.run(&["leave", "categories"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("Rostered Day Off (retired) (inactive)"),
        "{text}"
    );

    let shown = profile.run(&["leave", "visibility", "fdv", "on"]);
    assert_eq!(shown.status.code(), Some(0), "{shown:?}");
    assert_eq!(
        String::from_utf8_lossy(&shown.stdout).trim(),
        "Family and Domestic Violence Leave (FDV): visible to employees, private; \
         Worknice leave type: Family and Domestic Violence Leave."
    );
    let made: Vec<_> = sandbox
        .worknice
        .leave_types()
        .into_iter()
        .filter(|t| t.code == "FDV")
        .collect();
    assert_eq!(made.len(), 1);
    assert!(made[0].private);

    let (code, cl) = profile.json(&["leave", "private", "CL", "on", "--json"]);
    assert_eq!(code, 0, "{cl}");
    assert_eq!(cl["private"], true);
    let (code, refused) = profile.json(&["leave", "visibility", "RDO", "on", "--json"]);
    assert_eq!(code, 1);
    assert_eq!(refused["code"], "validation");
    let unknown = profile.run(&["leave", "private", "NOPE", "off"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("\"NOPE\" is not a leave category"));
    let bad_switch = profile.run(&["leave", "private", "CL", "maybe"]);
    assert_eq!(bad_switch.status.code(), Some(2), "clap refuses it");

    let (code, options) = profile.json(&["leave", "options", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(options["balances"]["on"], false);
    assert_eq!(options["requests"]["on"], false);
    let (code, options) = profile.json(&["leave", "options", "requests", "on", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(options["requests"]["on"], true);
    assert_eq!(options["changedBy"], "cli");
    let one = profile.run(&["leave", "options", "balances"]);
    let text = String::from_utf8_lossy(&one.stdout);
    assert!(
        text.starts_with("balances  off  Show employee leave balances live from MicrOpay.")
            && !text.contains("requests"),
        "{text}"
    );

    // Every change above, as made from the command line.
    let engine = Engine::open(EngineOptions {
        data_dir: profile.dir.path().to_owned(),
        keyring_service: profile.keyring_service.clone(),
    })
    .expect("engine opens");
    let history = engine.settings_history().await.expect("history");
    let settings: Vec<&str> = history.iter().map(|c| c.setting.as_str()).collect();
    assert_eq!(
        settings,
        ["leave.requests", "leave.CL.private", "leave.FDV.visible"]
    );
    assert!(history
        .iter()
        .all(|c| c.changed_by == paybridge_engine::SettingsTrigger::Cli));
}

#[tokio::test(flavor = "multi_thread")]
async fn leave_balances_are_off_then_shown_with_as_of_and_the_cap_is_recorded() {
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 3,
        seed: 84,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts");
    let profile = Profile::saved_for(SandboxForms::from(&sandbox.credentials)).await;
    let emp_code = sandbox.micropay.employees()[0].emp_code.clone();

    let off = profile.run(&["leave", "balances"]);
    assert_eq!(off.status.code(), Some(0), "{off:?}");
    assert!(String::from_utf8_lossy(&off.stdout).starts_with("Leave balances are off"));
    assert!(sandbox.micropay.leave_balance_reads().is_empty());

    let (code, _) = profile.json(&["leave", "options", "balances", "on", "--json"]);
    assert_eq!(code, 0);
    let (code, report) = profile.json(&["leave", "balances", "--emp-code", &emp_code, "--json"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["state"], "shown");
    let employee = &report["employees"][0];
    assert_eq!(employee["empCode"], emp_code.as_str());
    assert!(employee["asOf"].as_str().is_some_and(|at| !at.is_empty()));
    assert_eq!(employee["balances"][0]["code"], "AnnualLeave");
    let table = profile.run(&["leave", "balances"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains(&format!("{emp_code} (as of ")), "{text}");
    assert!(text.contains("3 employees shown, 0 held"), "{text}");

    let (code, cap) = profile.json(&["leave", "balance-cap", "5", "--json"]);
    assert_eq!((code, &cap["perSecond"]), (0, &Value::from(5)));
    let refused = profile.run(&["leave", "balance-cap", "fast"]);
    assert_eq!(refused.status.code(), Some(1));

    sandbox.micropay.set_leave_balances_unavailable(true);
    // A fresh process: nothing cached, so MicrOpay is asked and says 404.
    let missing = profile.run(&["leave", "balances"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stdout)
        .contains("Leave balances aren't available from this MicrOpay database"));
    // Another fresh process: the switch still says why (kept in the store).
    let (code, options) = profile.json(&["leave", "options", "--json"]);
    assert_eq!(code, 0, "{options}");
    let why = options["balances"]["unavailable"]
        .as_str()
        .unwrap_or_default();
    assert!(
        why.starts_with("Leave balances aren't available from this MicrOpay database"),
        "{options}"
    );
    // A sync says so in its leave line, and the rest of it runs.
    let synced = profile.run(&["sync"]);
    let text = String::from_utf8_lossy(&synced.stdout);
    assert!(matches!(synced.status.code(), Some(0 | 2)), "{synced:?}");
    assert!(
        text.contains(
            "Leave balances to Worknice: none sent. Leave balances aren't available from this \
             MicrOpay database."
        ),
        "{text}"
    );
}

//! `paybridge sync` as a child process against a `paybridge sandbox` child
//! process, with the connections saved in a data folder and the throwaway
//! keyring of scripts/in-test-session.sh.

use std::process::Command;

use paybridge_engine::Engine;
use serde_json::Value;

mod common;
mod sync_profile;

use common::SandboxProcess;
use sync_profile::*;

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
    // Every record the run stored is printed (the engine streams them into
    // history and keeps them only for a caller that asks).
    assert!(!records.is_empty(), "the import's follow-up writes: {run}");
    let id = run["runId"].to_string();
    let history = profile.run(&["history", "--run", &id, "--json"]);
    assert_eq!(history.status.code(), Some(0), "{history:?}");
    let history: Value = serde_json::from_slice(&history.stdout).expect("prints JSON");
    assert_eq!(
        records.len(),
        history["records"].as_array().expect("records").len(),
        "{run}\n{history}"
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

    // The human summary says the run's result and its counts, and why a
    // field is held (a TFN failing its checksum, edited as payroll would).
    let held_code = plan["employees"]
        .as_array()
        .expect("employees")
        .iter()
        .find(|employee| employee["outcome"] == "unchanged" && !employee["empCode"].is_null())
        .and_then(|employee| employee["empCode"].as_str())
        .expect("a synced employee")
        .to_owned();
    edit_in_micropay(
        &sandbox,
        &held_code,
        serde_json::json!({"employeeDetail": {"tfn": "123456789"}}),
    )
    .await;
    let human = profile.run(&["sync"]);
    assert_eq!(human.status.code(), Some(0));
    let human = String::from_utf8(human.stdout).expect("text");
    let first = human.lines().next().expect("a summary line");
    assert!(
        first.starts_with("Sync ") && first.contains("(done): read "),
        "{first}"
    );
    let held_line = human
        .lines()
        .find(|line| line.starts_with(&format!("{held_code} ")))
        .expect("a line for the held employee");
    assert!(
        held_line.contains(
            "Tax file number: tax file number fails its checksum: not sent; correct it in MicrOpay"
        ),
        "{held_line}"
    );
    assert!(!human.contains("123456789"), "the TFN is not shown");
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
    let profile = Profile::imported_and_synced(&sandbox).await;
    let codes = profile.unchanged_codes(16);
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

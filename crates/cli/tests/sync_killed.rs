//! `paybridge sync` SIGKILLed at seeded random points, then run again:
//! it completes with nothing duplicated and the database intact.

use paybridge_engine::Engine;
use serde_json::Value;

mod common;
mod sync_profile;

use common::SandboxProcess;
use sync_profile::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_killed_at_random_points_completes_when_run_again_with_nothing_duplicated() {
    const KILLS: usize = 5;
    // Slow writes on both sides, so kills land mid-run.
    let slow = [
        "--worknice-fault",
        "path=/api/graphql,operation=UpdatePerson,latency-ms=200",
        "--micropay-fault",
        "path=/api/ChangeEmployee,latency-ms=300",
    ];
    let sandbox = SandboxProcess::start(40, 12, &slow);
    let profile = Profile::imported_and_synced(&sandbox).await;
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
    let codes = profile.unchanged_codes(20);
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

    profile.kill_syncs(2027, KILLS, 150..2500).await;

    // Run again, payroll accepting what waits, until a run writes nothing.
    let base = sandbox.field("micropay", "url");
    let mut settled = false;
    for _ in 0..8 {
        let output = profile.run(&["sync", "--json"]);
        let run: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        // Settled only when payroll had nothing waiting either: what it
        // accepts now is for the next run to find.
        let mut accepted = 0;
        for request in payroll_requests(&sandbox).await {
            // A killed run may already have asked about it: payroll's
            // first answer moves it on to "PickedUp", still waiting.
            if request["changeStatus"] == "Received" || request["changeStatus"] == "PickedUp" {
                post_control(
                    format!(
                        "{}/sandbox/requests/{}/accept",
                        base.trim_end_matches('/'),
                        request["changeEmployeeId"]
                    ),
                    Value::Null,
                )
                .await;
                accepted += 1;
            }
        }
        if output.status.code() == Some(0)
            && run["written"] == 0
            && run["pending"] == 0
            && accepted == 0
        {
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

//! `paybridge leave needs-payroll [--json]` and `… done <ID>` against a
//! `paybridge sandbox` child: a request cancelled in Worknice after it was
//! sent is listed with what to do in MicrOpay; marked done it leaves the
//! open list; an ID with nothing to do exits 1 with the engine's message.

use serde_json::{json, Value};

mod common;
mod sync_profile;

use common::SandboxProcess;
use sync_profile::*;

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_cancelled_after_it_was_sent_is_listed_and_marked_done() {
    let sandbox = SandboxProcess::start(8, 23, &[]);
    let profile = Profile::imported_and_synced(&sandbox).await;
    profile.annual_leave_requests_on();
    let code = profile.unchanged_codes(1).remove(0);
    let base = worknice_base(&sandbox);
    let made = post_control(
        format!("{base}/sandbox/leave-requests"),
        json!({"employeeCode": code, "category": "Annual Leave",
               "startDate": "2026-11-02", "endDate": "2026-11-03"}),
    )
    .await;
    let id = made["id"].as_str().expect("an id").to_owned();
    post_control(
        format!("{base}/sandbox/leave-requests/{id}/approve"),
        json!({}),
    )
    .await;
    let sent = profile.run(&["sync"]);
    assert_eq!(sent.status.code(), Some(0), "{sent:?}");
    let empty = profile.run(&["leave", "needs-payroll"]);
    assert_eq!(empty.status.code(), Some(0), "{empty:?}");
    assert!(
        stdout_of(&empty).contains("Nothing to do in MicrOpay."),
        "{empty:?}"
    );

    post_control(
        format!("{base}/sandbox/leave-requests/{id}/cancel"),
        json!({}),
    )
    .await;
    let raised = profile.run(&["sync"]);
    assert_eq!(raised.status.code(), Some(0), "{raised:?}");
    assert!(
        stdout_of(&raised).contains("Needs payroll: 1 leave request(s)"),
        "{raised:?}"
    );

    let table = profile.run(&["leave", "needs-payroll"]);
    assert_eq!(table.status.code(), Some(0), "{table:?}");
    let text = stdout_of(&table);
    let row = text
        .lines()
        .find(|line| line.contains("Cancel leave application"))
        .unwrap_or_else(|| panic!("a row: {text}"));
    assert!(row.contains(" cancel ") && row.contains(&code), "{text}");
    assert!(text.contains("0 done in the last 30 days."), "{text}");

    let listed = profile.run(&["leave", "needs-payroll", "--json"]);
    assert_eq!(listed.status.code(), Some(0), "{listed:?}");
    let report: Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let open = report["open"].as_array().expect("open items");
    assert_eq!(open.len(), 1, "{report}");
    assert_eq!(open[0]["action"], "cancel", "{report}");
    assert_eq!(open[0]["empCode"], code.as_str(), "{report}");
    assert_eq!(open[0]["workniceRequestId"], id.as_str(), "{report}");
    let item = open[0]["id"].as_i64().expect("an id").to_string();

    let done = profile.run(&["leave", "needs-payroll", "done", &item, "--json"]);
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    let report: Value = serde_json::from_slice(&done.stdout).expect("JSON");
    assert_eq!(report["open"], json!([]), "{report}");
    assert_eq!(
        report["recentlyDone"][0]["id"].to_string(),
        item,
        "{report}"
    );
    let shown = profile.run(&["leave", "needs-payroll"]);
    assert!(
        stdout_of(&shown).contains("1 done in the last 30 days."),
        "{shown:?}"
    );

    let again = profile.run(&["leave", "needs-payroll", "done", &item]);
    assert_eq!(again.status.code(), Some(1), "{again:?}");
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains(&format!("has number {item} still to do")),
        "{said}"
    );
    let unknown = profile.run(&["leave", "needs-payroll", "done", "999999", "--json"]);
    assert_eq!(unknown.status.code(), Some(1), "{unknown:?}");
    let failure: Value = serde_json::from_slice(&unknown.stdout).expect("JSON");
    assert_eq!(failure["ok"], false, "{failure}");
    assert_eq!(failure["code"], "not_found", "{failure}");
}

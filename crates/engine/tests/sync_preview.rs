//! The sync's preview, end to end: the engine reads both sandbox servers
//! over real HTTP (secrets in the throwaway keyring of
//! scripts/in-test-session.sh), plans, and writes nothing.

mod common;
mod sync_common;

use serde_json::{json, Value};

use common::{setup, Setup};
// The people the sandbox seeds in Worknice already differ from MicrOpay in
// their mobile numbers: linking them would plan real changes, so the tests
// import MicrOpay's new employees instead.
use sync_common::{edit_in_micropay, import_new_employees};

/// Every field the plan writes, as `code field write old new`.
fn planned_writes(plan: &Value) -> Vec<String> {
    let mut writes = Vec::new();
    for employee in plan["employees"].as_array().expect("employees") {
        for field in employee["fields"].as_array().expect("fields") {
            if !field["write"].is_null() || field["action"] == "conflict" {
                writes.push(format!(
                    "{} {} {} {} → {} ({})",
                    employee["empCode"],
                    field["field"],
                    field["write"],
                    field["old"],
                    field["new"],
                    field["action"]
                ));
            }
        }
    }
    writes
}

async fn preview(s: &Setup) -> Value {
    serde_json::to_value(s.engine.sync_preview().await.expect("the plan is made")).expect("JSON")
}

#[tokio::test(flavor = "multi_thread")]
async fn right_after_the_import_the_preview_plans_no_writes() {
    let s = setup(40, 11).await;
    let codes = import_new_employees(&s).await;
    assert!(codes.len() >= 15, "{codes:?}");
    let people_before = format!("{:?}", s.sandbox.worknice.people());
    let employees_before = format!("{:?}", s.sandbox.micropay.employees());
    let writes = |s: &Setup| -> Vec<u64> {
        [
            "CreatePerson",
            "CreatePeople",
            "UpdatePerson",
            "ArchivePerson",
            "ConnectPerson",
            "ConnectPeople",
        ]
        .iter()
        .map(|operation| s.sandbox.worknice.requests_served_for(operation))
        .collect()
    };
    let writes_before = writes(&s);
    let plan = preview(&s).await;
    assert_eq!(planned_writes(&plan), Vec::<String>::new());
    assert_eq!(plan["written"], json!(0));
    assert_eq!(plan["conflicts"], json!(0));
    assert!(
        plan["read"].as_u64().expect("a number") >= 40,
        "{}",
        plan["read"]
    );
    // A preview writes nothing, on either side.
    assert!(format!("{:?}", s.sandbox.worknice.people()) == people_before);
    assert!(format!("{:?}", s.sandbox.micropay.employees()) == employees_before);
    // `Debug` hides TFNs and account numbers: count the writes sent too,
    // and check the store recorded no baselines and no change requests.
    assert_eq!(writes(&s), writes_before, "no Worknice write was sent");
    let store = s.open_store();
    assert!(store.baselines().all().expect("reads").is_empty());
    assert!(store.change_requests().all().expect("reads").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_name_edited_in_micropay_is_the_one_planned_write() {
    let s = setup(40, 11).await;
    let code = import_new_employees(&s).await[0].clone();
    let employee = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|employee| employee.emp_code == code)
        .expect("seeded");
    edit_in_micropay(&s, &code, json!({"firstName": "Marguerite"})).await;

    let plan = preview(&s).await;
    // The first sync after the import adopts MicrOpay's value (the import
    // records no baselines).
    assert_eq!(
        planned_writes(&plan),
        vec![format!(
            "\"{code}\" \"firstName\" \"worknice\" \"{}\" → \"Marguerite\" (\"adopt\")",
            employee.first_name
        )]
    );
    assert_eq!(plan["written"], json!(1));
    assert_eq!(plan["changed"], json!(1));
    assert_eq!(plan["conflicts"], json!(0));
}

/// A checksum-valid fake TFN no seeded employee has.
const NEW_TFN: &str = "123456782";

#[tokio::test(flavor = "multi_thread")]
async fn a_tax_file_number_appears_in_the_preview_only_masked() {
    let s = setup(40, 11).await;
    let code = import_new_employees(&s).await[0].clone();
    let old_tfn: String = s
        .sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|employee| employee.emp_code == code)
        .expect("seeded")
        .tax
        .tfn
        .expose()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_ne!(old_tfn, NEW_TFN);
    edit_in_micropay(&s, &code, json!({"employeeDetail": {"tfn": NEW_TFN}})).await;

    let plan = preview(&s).await;
    let writes = planned_writes(&plan);
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(
        writes[0].contains("\"tfn\" \"worknice\" \"•••••• ")
            && writes[0].ends_with("\"•••••• 782\" (\"adopt\")"),
        "old and new masked: {writes:?}"
    );
    let text = plan.to_string();
    assert!(!text.contains(NEW_TFN), "the new TFN shows unmasked");
    assert!(!text.contains(&old_tfn), "the old TFN shows unmasked");
}

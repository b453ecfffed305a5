//! What the sync-apply tests share: importing the sandbox's employees, and
//! the sandboxes' HTTP controls (`/sandbox/...`), as scripts and the
//! Payroll desk drive them.

#![allow(dead_code)]

use paybridge_engine::{ImportSelection, LinkState, NoProgress, SyncProgressUpdate};
use serde_json::Value;

use crate::common::Setup;

/// Imports every current employee Worknice does not have yet; their codes.
pub async fn import_new_employees(s: &Setup) -> Vec<String> {
    let codes: Vec<String> = s
        .engine
        .employees()
        .await
        .expect("employees load")
        .into_iter()
        .filter(|candidate| candidate.link_state == LinkState::New && !candidate.terminated)
        .map(|candidate| candidate.emp_code)
        .collect();
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(codes.clone()), false, &NoProgress)
        .await
        .expect("imports");
    assert_eq!(summary.created as usize, codes.len(), "{summary:?}");
    codes
}

async fn post(url: String, body: &Value) -> Value {
    let response = reqwest::Client::new()
        .post(&url)
        .json(body)
        .send()
        .await
        .expect("the control answers");
    let status = response.status();
    let text = response.text().await.expect("a body");
    assert!(status.is_success(), "{url}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn get(url: String) -> Value {
    reqwest::get(&url)
        .await
        .expect("the control answers")
        .json()
        .await
        .expect("JSON")
}

pub fn micropay_url(s: &Setup) -> String {
    s.sandbox
        .credentials
        .micropay
        .url
        .trim_end_matches('/')
        .to_owned()
}

pub fn worknice_base(s: &Setup) -> String {
    let address = s.sandbox.worknice.local_addr();
    format!("http://{address}")
}

/// Edits an employee as payroll would (`POST /sandbox/employees/{code}`).
pub async fn edit_in_micropay(s: &Setup, emp_code: &str, body: Value) {
    post(
        format!("{}/sandbox/employees/{emp_code}", micropay_url(s)),
        &body,
    )
    .await;
}

/// POSTs `body` to a MicrOpay sandbox control at `path` (e.g.
/// `/sandbox/employees/E1/terminate`).
pub async fn post_to_micropay(s: &Setup, path: &str, body: Value) -> Value {
    post(format!("{}{path}", micropay_url(s)), &body).await
}

/// Edits a person as an HR admin would (`POST /sandbox/people/{code}`).
pub async fn edit_in_worknice(s: &Setup, emp_code: &str, body: Value) {
    post(
        format!("{}/sandbox/people/{emp_code}", worknice_base(s)),
        &body,
    )
    .await;
}

/// Locks a person's fields as an HR admin would
/// (`POST /sandbox/people/{code}/locks`); no fields unlocks them.
pub async fn lock_in_worknice(s: &Setup, emp_code: &str, fields: &[&str]) {
    post(
        format!("{}/sandbox/people/{emp_code}/locks", worknice_base(s)),
        &serde_json::json!({ "fields": fields }),
    )
    .await;
}

/// `POST /sandbox/hires` on the Worknice port.
pub async fn hire_in_worknice(s: &Setup, body: Value) -> Value {
    post(format!("{}/sandbox/hires", worknice_base(s)), &body).await
}

/// Everyone in Worknice with every synced field (`GET /sandbox/people`).
pub async fn worknice_people(s: &Setup) -> Vec<Value> {
    get(format!("{}/sandbox/people", worknice_base(s)))
        .await
        .as_array()
        .cloned()
        .expect("a list")
}

pub async fn worknice_person(s: &Setup, emp_code: &str) -> Value {
    worknice_people(s)
        .await
        .into_iter()
        .find(|person| person["employeeCode"] == emp_code)
        .unwrap_or_else(|| panic!("{emp_code} in Worknice"))
}

/// Every change request MicrOpay holds (`GET /sandbox/requests`).
pub async fn requests(s: &Setup) -> Vec<Value> {
    get(format!("{}/sandbox/requests", micropay_url(s)))
        .await
        .as_array()
        .cloned()
        .expect("a list")
}

pub async fn accept(s: &Setup, id: &Value) {
    post(
        format!("{}/sandbox/requests/{id}/accept", micropay_url(s)),
        &Value::Null,
    )
    .await;
}

pub async fn reject(s: &Setup, id: &Value, message: &str) {
    post(
        format!("{}/sandbox/requests/{id}/reject", micropay_url(s)),
        &serde_json::json!({ "message": message }),
    )
    .await;
}

/// The Worknice writes the sandbox has served so far.
pub fn worknice_writes(s: &Setup) -> u64 {
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
    .sum()
}

/// Progress updates, kept for the test to look at.
#[derive(Default)]
pub struct Recorded(pub std::sync::Mutex<Vec<SyncProgressUpdate>>);

impl Recorded {
    pub fn sink(&self) -> impl Fn(SyncProgressUpdate) + Send + Sync + '_ {
        move |update| self.0.lock().expect("lock").push(update)
    }
}

/// Imports, then syncs once: the state every later sync compares with.
pub async fn synced(s: &Setup) -> Vec<String> {
    let codes = import_new_employees(s).await;
    let first = s
        .engine
        .sync_now(paybridge_engine::SyncTrigger::Cli, &|_| {})
        .await
        .expect("syncs");
    assert_eq!(first.result, paybridge_engine::RunResult::Done, "{first:?}");
    codes
}

/// A run, whose accounting is checked to add up to what it read.
pub async fn sync(s: &Setup) -> paybridge_engine::SyncRunDetail {
    let detail = s
        .engine
        .sync_now_detailed(paybridge_engine::SyncTrigger::Button, &|_| {})
        .await
        .expect("syncs");
    assert_adds_up(s, &detail);
    detail
}

/// [`sync`], reading every MicrOpay employee (`--full-read`): for tests
/// that compare counts across runs, which a routine `changedSince` run
/// would not (it plans the employees it read and those linked).
pub async fn sync_full(s: &Setup) -> paybridge_engine::SyncRunDetail {
    let detail = s
        .engine
        .sync_now_reading(
            paybridge_engine::SyncTrigger::Button,
            &|_| {},
            paybridge_engine::ReadRequest::Full,
        )
        .await
        .expect("syncs");
    assert_adds_up(s, &detail);
    detail
}

/// Every employee read is in exactly one outcome, in the run's answer and
/// in history.
pub fn assert_adds_up(s: &Setup, detail: &paybridge_engine::SyncRunDetail) {
    let read = detail.summary.counts.read;
    let accounted: u64 = detail.accounting.iter().map(|entry| entry.count).sum();
    assert_eq!(accounted, read, "{:?}", detail.accounting);
    let records_held = detail
        .records
        .iter()
        .filter(|record| record.employee.outcome == paybridge_engine::SyncOutcome::Held)
        .count() as u64;
    let held = detail
        .accounting
        .iter()
        .find(|entry| entry.outcome == paybridge_engine::SyncOutcome::Held)
        .map_or(0, |entry| entry.count);
    assert_eq!(held, records_held, "held in the accounting and the records");
    let run = s
        .open_store()
        .sync_runs()
        .get(detail.summary.id)
        .expect("reads")
        .expect("in history");
    let stored: Value = serde_json::from_str(&run.counts).expect("JSON");
    let stored_sum: u64 = stored["accounting"]
        .as_array()
        .expect("the accounting in history")
        .iter()
        .map(|entry| entry["count"].as_u64().expect("a count"))
        .sum();
    assert_eq!(stored_sum, read, "{stored}");
    assert_eq!(stored["read"], read);
}

/// The run's record for `code`.
pub fn record_for(detail: &paybridge_engine::SyncRunDetail, code: &str) -> Value {
    let record = detail
        .records
        .iter()
        .find(|record| record.employee.emp_code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{code} in {:?}", detail.records));
    serde_json::to_value(record).expect("JSON")
}

/// Sets every new-hire default to MicrOpay's first choice.
pub async fn choose_new_hire_defaults(s: &Setup) {
    let choices = s.engine.new_hire_choices().await.expect("choices");
    let first = |list: &[paybridge_engine::LookupChoice]| Some(list[0].code.clone());
    s.engine
        .set_new_hire_defaults(
            paybridge_engine::NewHireDefaultsChange {
                location: first(&choices.locations),
                payroll_company: first(&choices.payroll_companies),
                pay_frequency: first(&choices.pay_frequencies),
                pay_point: first(&choices.pay_points),
            },
            paybridge_engine::SettingsTrigger::Cli,
        )
        .await
        .expect("defaults saved");
}

/// Tax details flow Worknice → MicrOpay from the next sync.
pub async fn tax_flows_to_micropay(s: &Setup) {
    s.engine
        .set_direction(
            paybridge_engine::SyncGroup::Tax,
            paybridge_engine::SyncDirection::WorkniceToMicropay,
            paybridge_engine::SettingsTrigger::Cli,
        )
        .await
        .expect("tax flows Worknice → MicrOpay");
}

/// Worknice takes the tax group whole: the person's, with one field changed.
pub async fn edit_tax(s: &Setup, code: &str, field: &str, value: Value) {
    let mut tax = worknice_person(s, code).await["taxDetails"].clone();
    tax[field] = value;
    edit_in_worknice(s, code, serde_json::json!({ "taxDetails": tax })).await;
}

/// How many `operation` writes for `code` the audit trail holds, e.g.
/// `change-employee-add`: one per POST, answered or not.
pub fn audited(s: &Setup, operation: &str, code: &str) -> usize {
    s.open_store()
        .sync_runs()
        .audit_trail(None)
        .expect("reads")
        .iter()
        .filter(|entry| entry.operation == operation && entry.emp_code.as_deref() == Some(code))
        .count()
}

/// The next `ChangeEmployee` POST meets `fault` once (a dropped connection,
/// an answer lost after MicrOpay stored it, a refusal).
pub fn fault_next_change(s: &Setup, fault: paybridge_sandbox::FaultKind) {
    s.sandbox
        .micropay
        .faults()
        .add(paybridge_sandbox::Fault::times(
            "/api/ChangeEmployee",
            fault,
            1,
        ));
}

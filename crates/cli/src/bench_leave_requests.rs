//! `paybridge bench leave-requests`: N approved Worknice leave requests,
//! spread over the linked employees of a fresh sandbox (two to each where
//! the sandbox has enough of them, a week apart), transferred to MicrOpay
//! by one sync. Prints its time, its requests to each side, how many
//! applications MicrOpay then holds and how many of those are duplicates
//! (the same employee, type, code and dates twice: must be 0).

use std::collections::HashMap;

use anyhow::Context;
use chrono::{Duration, NaiveDate};
use paybridge_engine::{
    Engine, ImportSelection, LeaveOptionName, LinkState, NoProgress, RunResult, SettingsTrigger,
    SyncTrigger,
};
use serde::Serialize;
use serde_json::{json, Value};

use crate::bench::{engine_on, seconds, start_sandbox};

/// Requests per employee the sandbox is sized for.
const REQUESTS_PER_EMPLOYEE: usize = 2;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LeaveRequestsBench {
    requests: usize,
    /// Linked current employees the requests were spread over.
    employees: usize,
    /// The one sync that transferred them.
    sync_seconds: f64,
    micropay_requests: u64,
    worknice_requests: u64,
    /// The sync's leave step: sent to MicrOpay.
    transferred: u64,
    held: u64,
    /// `LeaveApplication`s the MicrOpay sandbox holds after it.
    applications: usize,
    /// Applications beyond the first for one employee, type, code and dates.
    duplicates: usize,
}

pub(crate) async fn leave_requests(requests: usize) -> anyhow::Result<()> {
    // A few more employees than needed: leavers are not linked.
    let sandbox_size = (requests.div_ceil(REQUESTS_PER_EMPLOYEE) * 5 / 4).max(10);
    let (_sandbox, credentials) = start_sandbox(sandbox_size)?;
    let url = |side: &str| -> anyhow::Result<String> {
        Ok(credentials[side]["url"]
            .as_str()
            .with_context(|| format!("the sandbox's {side} URL"))?
            .trim_end_matches('/')
            .to_owned())
    };
    let (micropay_url, worknice_url) = (url("micropay")?, url("worknice")?);
    let (engine, _data_dir) = engine_on(credentials).await?;
    let codes = ready_for_leave(&engine).await?;
    anyhow::ensure!(!codes.is_empty(), "no linked employee to take leave");

    let http = reqwest::Client::builder().no_proxy().build()?;
    let monday = NaiveDate::from_ymd_opt(2026, 3, 2).context("a date")?;
    for n in 0..requests {
        let code = &codes[n % codes.len()];
        // An employee's k-th request is k weeks on, Monday and Tuesday.
        let start = monday + Duration::weeks((n / codes.len()) as i64);
        approve_in_worknice(&http, &worknice_url, code, start).await?;
    }

    let before = engine.request_counts();
    let (sync_seconds, run) = seconds(engine.sync_now_detailed(SyncTrigger::Cli, &|_| {})).await?;
    let after = engine.request_counts();
    anyhow::ensure!(
        run.summary.result == RunResult::Done,
        "the sync ended {:?}: {}",
        run.summary.result,
        run.summary.message.unwrap_or_default()
    );
    let leave = run
        .summary
        .counts
        .leave_requests
        .context("the sync ran no leave step")?;
    let applications = applications_in_micropay(&http, &micropay_url).await?;
    let report = LeaveRequestsBench {
        requests,
        employees: codes.len().min(requests),
        sync_seconds,
        micropay_requests: after.micropay - before.micropay,
        worknice_requests: after.worknice - before.worknice,
        transferred: leave.transferred,
        held: leave.held,
        applications: applications.len(),
        duplicates: duplicates(&applications),
    };
    eprintln!(
        "{} approved leave requests over {} employees: one sync {:.2} s, {} MicrOpay + {} \
         Worknice requests; transferred {}, held {}; MicrOpay holds {} applications, {} \
         duplicates",
        report.requests,
        report.employees,
        report.sync_seconds,
        report.micropay_requests,
        report.worknice_requests,
        report.transferred,
        report.held,
        report.applications,
        report.duplicates,
    );
    crate::print_json_line(&report)
}

/// Imports everyone, syncs once (so the timed sync is about the leave),
/// turns leave requests on with annual leave shown: the linked current
/// employees' codes.
async fn ready_for_leave(engine: &Engine) -> anyhow::Result<Vec<String>> {
    engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .map_err(anyhow::Error::msg)?;
    engine
        .sync_now(SyncTrigger::Cli, &|_| {})
        .await
        .map_err(anyhow::Error::msg)?;
    engine
        .set_leave_option(LeaveOptionName::Requests, true, SettingsTrigger::Cli)
        .await
        .map_err(anyhow::Error::msg)?;
    engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::Cli)
        .await
        .map_err(anyhow::Error::msg)?;
    let candidates = engine.employees().await.map_err(anyhow::Error::msg)?;
    Ok(candidates
        .into_iter()
        .filter(|c| !c.terminated && matches!(c.link_state, LinkState::AlreadyLinked { .. }))
        .map(|c| c.emp_code)
        .collect())
}

/// A `/sandbox/` control call: its JSON answer.
async fn control(http: &reqwest::Client, url: String, body: Value) -> anyhow::Result<Value> {
    let response = http.post(&url).json(&body).send().await?;
    let status = response.status();
    let answer: Value = response.json().await.unwrap_or(Value::Null);
    anyhow::ensure!(status.is_success(), "{url}: HTTP {status} {answer}");
    Ok(answer)
}

/// The employee asks for annual leave from `start` to the next day in
/// Worknice, and an approver approves it.
async fn approve_in_worknice(
    http: &reqwest::Client,
    worknice_url: &str,
    code: &str,
    start: NaiveDate,
) -> anyhow::Result<()> {
    let made = control(
        http,
        format!("{worknice_url}/sandbox/leave-requests"),
        json!({
            "employeeCode": code, "category": "Annual Leave",
            "startDate": start.to_string(), "endDate": (start + Duration::days(1)).to_string(),
        }),
    )
    .await?;
    let id = made["id"].as_str().context("the request's id")?;
    control(
        http,
        format!("{worknice_url}/sandbox/leave-requests/{id}/approve"),
        json!({}),
    )
    .await?;
    Ok(())
}

async fn applications_in_micropay(
    http: &reqwest::Client,
    micropay_url: &str,
) -> anyhow::Result<Vec<Value>> {
    let listed: Value = http
        .get(format!("{micropay_url}/sandbox/leave-applications"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    listed
        .as_array()
        .cloned()
        .context("the applications as a list")
}

/// Applications beyond the first with the same employee, type, code and dates.
fn duplicates(applications: &[Value]) -> usize {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for application in applications {
        let key = ["empCode", "leaveType", "leaveCode", "startDate", "endDate"]
            .map(|field| application[field].to_string().to_uppercase())
            .join("|");
        *seen.entry(key).or_default() += 1;
    }
    seen.values().map(|count| count - 1).sum()
}

//! `paybridge bench leave-balances`: every current employee's balances
//! read live from a fresh sandbox, uncapped (time, requests), then under a
//! cap of so many requests a second on a smaller sandbox, its time
//! extrapolated to the full count (a cap of 5 makes 5,000 reads take
//! about 17 minutes, too long to sit through on every run).

use paybridge_engine::{Engine, LeaveBalancesState, LeaveOptionName, SettingsTrigger};
use serde::Serialize;

use crate::bench::{engine_on, seconds, start_sandbox};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LeaveBalancesBench {
    employees: usize,
    uncapped_seconds: f64,
    /// Balance reads only (the employee list and lookup are apart).
    uncapped_balance_requests: u64,
    /// Every MicrOpay request of the answer, the employee list's included.
    uncapped_micropay_requests: u64,
    cap_per_second: u32,
    capped_employees: usize,
    capped_seconds: f64,
    capped_balance_requests: u64,
    capped_waited: u64,
    /// `capped_seconds` scaled to `employees`: the cap, not the reads,
    /// sets the pace.
    capped_seconds_extrapolated: f64,
}

async fn balances_on(engine: &Engine) -> anyhow::Result<()> {
    engine
        .set_leave_option(LeaveOptionName::Balances, true, SettingsTrigger::Cli)
        .await
        .map_err(anyhow::Error::msg)?;
    Ok(())
}

/// What one read of every current employee's balances cost.
struct Read {
    seconds: f64,
    employees: usize,
    balance_requests: u64,
    waited: u64,
    micropay_requests: u64,
}

async fn read_all(engine: &Engine) -> anyhow::Result<Read> {
    let before = engine.request_counts().micropay;
    let (seconds, report) = seconds(engine.leave_balances(None)).await?;
    anyhow::ensure!(
        report.state == LeaveBalancesState::Shown && report.held.is_empty(),
        "balances not all read ({:?}, {} held)",
        report.state,
        report.held.len()
    );
    Ok(Read {
        seconds,
        employees: report.employees.len(),
        balance_requests: report.requests,
        waited: report.waited_for_cap,
        micropay_requests: engine.request_counts().micropay - before,
    })
}

pub(crate) async fn leave_balances(
    employees: usize,
    cap: u32,
    capped_employees: usize,
) -> anyhow::Result<()> {
    let (_sandbox, credentials) = start_sandbox(employees)?;
    let (engine, _data_dir) = engine_on(credentials).await?;
    balances_on(&engine).await?;
    let uncapped = read_all(&engine).await?;
    drop(engine);

    let (_capped_sandbox, credentials) = start_sandbox(capped_employees)?;
    let (capped, _capped_dir) = engine_on(credentials).await?;
    balances_on(&capped).await?;
    capped
        .set_leave_balance_cap(Some(cap), SettingsTrigger::Cli)
        .await
        .map_err(anyhow::Error::msg)?;
    let under_cap = read_all(&capped).await?;

    let report = LeaveBalancesBench {
        employees: uncapped.employees,
        uncapped_seconds: uncapped.seconds,
        uncapped_balance_requests: uncapped.balance_requests,
        uncapped_micropay_requests: uncapped.micropay_requests,
        cap_per_second: cap,
        capped_employees: under_cap.employees,
        capped_seconds: under_cap.seconds,
        capped_balance_requests: under_cap.balance_requests,
        capped_waited: under_cap.waited,
        capped_seconds_extrapolated: under_cap.seconds * uncapped.employees as f64
            / under_cap.employees.max(1) as f64,
    };
    eprintln!(
        "leave balances of {} current employees: uncapped {:.2} s, {} balance requests \
         ({} MicrOpay requests in all); under {} requests/s: {} employees in {:.1} s \
         ({} requests, {} waited for their turn), so {} would take about {:.0} s \
         ({:.1} min, extrapolated)",
        report.employees,
        report.uncapped_seconds,
        report.uncapped_balance_requests,
        report.uncapped_micropay_requests,
        report.cap_per_second,
        report.capped_employees,
        report.capped_seconds,
        report.capped_balance_requests,
        report.capped_waited,
        report.employees,
        report.capped_seconds_extrapolated,
        report.capped_seconds_extrapolated / 60.0,
    );
    crate::print_json_line(&report)
}

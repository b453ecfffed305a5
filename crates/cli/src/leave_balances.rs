//! `paybridge leave balances [--emp-code X] [--json]` and `paybridge leave
//! balance-cap [N|none] [--json]`: balances read live from MicrOpay (with
//! "as of"), and the admin's cap on balance requests a second. Exit 0 when
//! shown (or off, said so); 1 with the reason otherwise (balances
//! unavailable from this database, an employee held, a failure).

use std::io::Write;

use paybridge_engine::{
    EmployeeLeaveBalances, LeaveBalanceCap, LeaveBalancesReport, LeaveBalancesState,
};

use crate::terminal::terminal_safe;

/// The exit code a report gives.
pub(crate) fn exit_code(report: &LeaveBalancesReport) -> i32 {
    match report.state {
        LeaveBalancesState::Shown if report.held.is_empty() => 0,
        LeaveBalancesState::Off => 0,
        _ => 1,
    }
}

/// `none`, or a number of requests a second.
pub(crate) fn parse_cap(word: &str) -> Result<Option<u32>, String> {
    if word.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    word.trim()
        .parse()
        .map(Some)
        .map_err(|_| format!("\"{word}\" is not a number of requests a second, or none"))
}

pub(crate) fn print_report(report: &LeaveBalancesReport) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if let Some(message) = &report.message {
        writeln!(stdout, "{}", terminal_safe(message))?;
    }
    for employee in &report.employees {
        print_employee(&mut stdout, employee)?;
    }
    let mut stderr = std::io::stderr().lock();
    for held in &report.held {
        writeln!(
            stderr,
            "{}: not read: {}",
            terminal_safe(&held.emp_code),
            terminal_safe(&held.reason)
        )?;
    }
    if report.state == LeaveBalancesState::Shown {
        writeln!(
            stdout,
            "{} employees shown, {} held; {} balance requests to MicrOpay.",
            report.employees.len(),
            report.held.len(),
            report.requests
        )?;
    }
    Ok(())
}

fn print_employee(
    stdout: &mut std::io::StdoutLock<'_>,
    employee: &EmployeeLeaveBalances,
) -> anyhow::Result<()> {
    let payroll = employee
        .payroll_as_at
        .as_deref()
        .map(|date| format!(", payroll as at {date}"))
        .unwrap_or_default();
    writeln!(
        stdout,
        "{} (as of {}{payroll})",
        terminal_safe(&employee.emp_code),
        employee.as_of
    )?;
    for row in &employee.balances {
        let days = row
            .days
            .map(|days| format!("{days:>8.2} days"))
            .unwrap_or_else(|| format!("{:>13}", "—"));
        writeln!(
            stdout,
            "  {:<17} {:<36} {:>9.2} h {days}  {}",
            terminal_safe(&row.code),
            terminal_safe(&row.name),
            row.hours,
            if row.visible { "visible" } else { "hidden" }
        )?;
    }
    Ok(())
}

pub(crate) fn print_cap(cap: &LeaveBalanceCap) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match cap.per_second {
        Some(n) => writeln!(
            stdout,
            "Balance reads: at most {n} requests a second to MicrOpay."
        )?,
        None => writeln!(stdout, "Balance reads: no cap.")?,
    }
    Ok(())
}

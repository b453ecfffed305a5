//! `paybridge status [--json]`: the last sync, whether one runs now, the
//! next scheduled run and the change requests waiting for payroll; and
//! `paybridge status not-received ID`, the way out for a lost Change.

use std::io::Write;
use std::path::PathBuf;

use paybridge_engine::{SyncRunSummary, SyncStatus};

use crate::engine::{open, report_failure};
use crate::history::{local_time, run_line};
use crate::terminal::terminal_safe;

/// Returns the exit code: 0, or 1 when the status could not be read.
pub(crate) async fn run(data_dir: Option<PathBuf>, json: bool) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match engine.sync_status().await {
        Ok(status) if json => crate::print_json_line(&status).map(|()| 0),
        Ok(status) => print_status(&status).map(|()| 0),
        Err(error) => report_failure(error, json),
    }
}

/// Marks a lost change request as not received by MicrOpay. Returns the
/// exit code: 0, or 1 with the reason.
pub(crate) async fn not_received(
    data_dir: Option<PathBuf>,
    id: i64,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match engine.mark_not_received(id).await {
        Ok(request) if json => crate::print_json_line(&request).map(|()| 0),
        Ok(request) => {
            writeln!(
                std::io::stdout().lock(),
                "Change request {} for {} marked not received by MicrOpay: the next sync sends {} again.",
                request.id,
                terminal_safe(&request.emp_code),
                request.fields.join(", ")
            )?;
            Ok(0)
        }
        Err(error) => report_failure(error, json),
    }
}

fn print_status(status: &SyncStatus) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match &status.last_run {
        Some(run) => writeln!(stdout, "Last sync: {}", last_run(run))?,
        None => writeln!(stdout, "No sync has run yet.")?,
    }
    if status.running {
        writeln!(stdout, "A sync is running now.")?;
    }
    match &status.next_scheduled_at {
        Some(at) => writeln!(stdout, "Next scheduled sync: {}", local_time(at))?,
        None => writeln!(stdout, "The schedule is off.")?,
    }
    match status.pending_requests.len() {
        0 => writeln!(stdout, "No change request is waiting for payroll.")?,
        1 => writeln!(stdout, "1 change request is waiting for payroll:")?,
        n => writeln!(stdout, "{n} change requests are waiting for payroll:")?,
    }
    for request in &status.pending_requests {
        writeln!(
            stdout,
            "  {} {} ({}, {}): {}",
            request.id,
            terminal_safe(&request.emp_code),
            request.kind,
            request.status.replace('_', " "),
            request.fields.join(", ")
        )?;
    }
    Ok(())
}

fn last_run(run: &SyncRunSummary) -> String {
    let mut line = run_line(run);
    if let Some(message) = &run.message {
        line.push_str(&format!("\n  {}", terminal_safe(message)));
    }
    line
}

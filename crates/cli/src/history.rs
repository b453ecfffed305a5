//! `paybridge history [--run ID] [--json]`: the sync runs, newest first, or
//! one run with every record it touched, field by field (old → new, masked
//! where sensitive, and why).

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Local};
use paybridge_engine::{RunResult, SyncRunDetail, SyncRunSummary, SyncTrigger, HISTORY_LIMIT};

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

/// Returns the exit code: 0, or 1 when the history (or that run) could not
/// be read.
pub(crate) async fn run(
    data_dir: Option<PathBuf>,
    run_id: Option<i64>,
    limit: Option<u32>,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match run_id {
        Some(run_id) => match engine.sync_run_detail(run_id).await {
            Ok(detail) if json => crate::print_json_line(&detail).map(|()| 0),
            Ok(detail) => print_detail(&detail).map(|()| 0),
            Err(error) => report_failure(error, json),
        },
        None => match engine.sync_history(limit.unwrap_or(HISTORY_LIMIT)).await {
            Ok(runs) if json => crate::print_json_line(&runs).map(|()| 0),
            Ok(runs) => print_runs(&runs).map(|()| 0),
            Err(error) => report_failure(error, json),
        },
    }
}

fn print_runs(runs: &[SyncRunSummary]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if runs.is_empty() {
        writeln!(stdout, "No sync has run yet.")?;
    }
    for run in runs {
        writeln!(stdout, "{}", run_line(run))?;
    }
    Ok(())
}

fn print_detail(detail: &SyncRunDetail) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let run = &detail.summary;
    writeln!(stdout, "{}", run_line(run))?;
    if let Some(message) = &run.message {
        writeln!(stdout, "{}", terminal_safe(message))?;
    }
    if run.retry_later > 0 {
        writeln!(stdout, "{} will be retried next run.", run.retry_later)?;
    }
    if detail.records.is_empty() {
        writeln!(stdout, "This run touched no employee.")?;
    }
    for record in &detail.records {
        let employee = &record.employee;
        let outcome = serde_json::to_value(employee.outcome)?;
        writeln!(
            stdout,
            "\n{} {}: {}",
            terminal_safe(employee.emp_code.as_deref().unwrap_or("-")),
            terminal_safe(&employee.name),
            outcome.as_str().unwrap_or_default()
        )?;
        for reason in &employee.reasons {
            writeln!(stdout, "  {}", terminal_safe(reason))?;
        }
        for field in &employee.fields {
            writeln!(
                stdout,
                "  {}: {} → {} ({})",
                field.label,
                shown(field.old.as_deref()),
                shown(field.new.as_deref()),
                terminal_safe(&field.reason)
            )?;
        }
        if let Some(error) = &record.write_error {
            writeln!(stdout, "  Not written: {}", terminal_safe(error))?;
        }
    }
    Ok(())
}

fn shown(value: Option<&str>) -> String {
    match value.map(terminal_safe) {
        Some(text) if !text.is_empty() => text,
        _ => "(empty)".to_owned(),
    }
}

/// One run on one line: id, start, trigger, result, duration and counts.
pub(crate) fn run_line(run: &SyncRunSummary) -> String {
    let counts = &run.counts;
    let duration = run
        .duration_ms
        .map(|ms| format!(", {:.1} s", ms as f64 / 1000.0))
        .unwrap_or_default();
    format!(
        "run {} {} ({}) {}{duration}: read {}, changed {}, written {}, held {}, conflicts {}, \
         pending {}, rejected {}",
        run.id,
        local_time(&run.started_at),
        trigger_words(run.trigger),
        result_word(run.result),
        counts.read,
        counts.changed,
        counts.written,
        counts.held,
        counts.conflicts,
        counts.pending,
        counts.rejected
    )
}

fn trigger_words(trigger: SyncTrigger) -> &'static str {
    match trigger {
        SyncTrigger::Button => "Sync now",
        SyncTrigger::Schedule => "schedule",
        SyncTrigger::Cli => "command line",
    }
}

fn result_word(result: RunResult) -> &'static str {
    match result {
        RunResult::Running => "running",
        RunResult::Done => "done",
        RunResult::Partial => "partial",
        RunResult::Failed => "failed",
    }
}

/// An RFC 3339 time as this computer's local time, to the second.
pub(crate) fn local_time(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|at| {
            at.with_timezone(&Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

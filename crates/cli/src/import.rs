//! `paybridge import (--all | --emp-code A,B,…) [--include-terminated] [--dry-run] [--json]`.

use std::io::Write;
use std::path::PathBuf;

use paybridge_engine::{ImportOptions, ImportSelection, ImportSummary, NoProgress};

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

/// Exit code of a run that left employees to retry next run.
const EXIT_PARTIAL: i32 = 2;

/// How the engine's reason for a leaver skipped begins.
const TERMINATED: &str = "terminated on ";

fn print_text(summary: &ImportSummary) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let verb = if summary.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    writeln!(
        stdout,
        "{verb} {} employees: {} created, {} linked, {} skipped ({} already linked), {} held, {} to retry{}",
        summary.listed,
        summary.created,
        summary.linked,
        summary.skipped,
        summary.already_linked,
        summary.held_count,
        summary.retry_next_run_count,
        if summary.cancelled {
            " (cancelled)"
        } else {
            ""
        }
    )?;
    for held in &summary.held {
        writeln!(
            stdout,
            "  {} {}: held: {}",
            terminal_safe(&held.emp_code),
            terminal_safe(&held.name),
            terminal_safe(&held.reason)
        )?;
    }
    for skipped in &summary.skipped_records {
        writeln!(
            stdout,
            "  {} {}: skipped: {}",
            terminal_safe(&skipped.emp_code),
            terminal_safe(&skipped.name),
            terminal_safe(&skipped.reason)
        )?;
    }
    for retry in &summary.retry_next_run {
        writeln!(
            stdout,
            "  {} {}: will be retried next run: {}",
            terminal_safe(&retry.emp_code),
            terminal_safe(&retry.name),
            terminal_safe(&retry.reason)
        )?;
    }
    if summary
        .skipped_records
        .iter()
        .any(|skipped| skipped.reason.starts_with(TERMINATED))
    {
        writeln!(
            stdout,
            "Employees who have left are not imported unless asked for: add --include-terminated."
        )?;
    }
    if summary.cancelled {
        writeln!(
            stdout,
            "Cancelled: the employees not reached will be retried next run."
        )?;
    }
    if summary.partial {
        writeln!(
            stdout,
            "Partial: {} employees will be retried next run.",
            summary.retry_next_run_count
        )?;
    }
    Ok(())
}

/// Returns the exit code: 0, or 2 when the run was partial or cancelled. Ctrl-C cancels:
/// employees not yet started are left alone and the summary says so.
pub(crate) async fn run(
    data_dir: Option<PathBuf>,
    selection: ImportSelection,
    options: ImportOptions,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    let import = engine.import_with(selection, options, &NoProgress);
    tokio::pin!(import);
    let outcome = loop {
        tokio::select! {
            outcome = &mut import => break outcome,
            Ok(()) = tokio::signal::ctrl_c() => {
                engine.cancel_import();
            }
        }
    };
    let summary = match outcome {
        Ok(summary) => summary,
        Err(error) => return report_failure(error, json),
    };
    if json {
        crate::print_json_line(&summary)?;
    } else {
        print_text(&summary)?;
    }
    // Cancelled means some employees were never reached: like a partial
    // run, the next one does them.
    Ok(if summary.partial || summary.cancelled {
        EXIT_PARTIAL
    } else {
        0
    })
}

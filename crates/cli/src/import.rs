//! `paybridge import (--all | --emp-code A,B,…) [--dry-run] [--json]`.

use std::io::Write;
use std::path::PathBuf;

use paybridge_engine::{ImportSelection, ImportSummary, NoProgress};

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

fn print_text(summary: &ImportSummary) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let verb = if summary.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    writeln!(
        stdout,
        "{verb}: {} created, {} linked, {} skipped, {} held{}",
        summary.created,
        summary.linked,
        summary.skipped,
        summary.held.len(),
        if summary.cancelled {
            " (cancelled)"
        } else {
            ""
        }
    )?;
    for held in &summary.held {
        writeln!(
            stdout,
            "  {} {}: {}",
            terminal_safe(&held.emp_code),
            terminal_safe(&held.name),
            terminal_safe(&held.reason)
        )?;
    }
    Ok(())
}

/// Returns the exit code. Ctrl-C cancels: employees not yet started are
/// left alone and the summary says so.
pub(crate) async fn run(
    data_dir: Option<PathBuf>,
    selection: ImportSelection,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    let import = engine.import(selection, dry_run, &NoProgress);
    tokio::pin!(import);
    let outcome = loop {
        tokio::select! {
            outcome = &mut import => break outcome,
            Ok(()) = tokio::signal::ctrl_c() => {
                engine.cancel_import();
            }
        }
    };
    match outcome {
        Ok(summary) if json => {
            crate::print_json_line(&summary)?;
            Ok(0)
        }
        Ok(summary) => {
            print_text(&summary)?;
            Ok(0)
        }
        Err(error) => report_failure(error, json),
    }
}

//! `paybridge sync --dry-run [--json]`: the plan a sync would carry out.
//! Applying it is not built yet, and the command says so rather than
//! pretend.

use std::io::Write;
use std::path::PathBuf;

use serde_json::Value;

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

pub(crate) const NOT_BUILT: &str =
    "Applying a sync is not built yet: run `paybridge sync --dry-run` to see what it would change.";

/// The counts, in the order a summary lists them (the JSON names).
const COUNTS: [&str; 7] = [
    "read",
    "changed",
    "written",
    "held",
    "conflicts",
    "pending",
    "rejected",
];

/// Returns the exit code.
pub(crate) async fn run(
    data_dir: Option<PathBuf>,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<i32> {
    if !dry_run {
        eprintln!("{NOT_BUILT}");
        return Ok(1);
    }
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match engine.sync_preview().await {
        Ok(plan) if json => {
            crate::print_json_line(&plan)?;
            Ok(0)
        }
        Ok(plan) => {
            print_summary(&serde_json::to_value(&plan)?)?;
            Ok(0)
        }
        Err(error) => report_failure(error, json),
    }
}

fn text(value: &Value) -> String {
    terminal_safe(value.as_str().unwrap_or_default())
}

/// A value in an `old → new` line: an empty one says so.
fn shown_value(value: &Value) -> String {
    match text(value) {
        empty if empty.is_empty() => "(empty)".to_owned(),
        shown => shown,
    }
}

/// The counts, then one line per planned write or hold.
fn print_summary(plan: &Value) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let counts: Vec<String> = COUNTS
        .iter()
        .map(|name| format!("{name} {}", plan[*name].as_u64().unwrap_or_default()))
        .collect();
    writeln!(stdout, "Dry run, nothing written: {}", counts.join(", "))?;
    let employees = plan["employees"].as_array().cloned().unwrap_or_default();
    for employee in &employees {
        let code = employee["empCode"].as_str().unwrap_or("-");
        let name = text(&employee["name"]);
        for reason in employee["reasons"].as_array().into_iter().flatten() {
            if employee["outcome"] != "unchanged" && employee["outcome"] != "not-imported" {
                writeln!(stdout, "{} {name}: {}", terminal_safe(code), text(reason))?;
            }
        }
        for field in employee["fields"].as_array().into_iter().flatten() {
            let writes = !field["write"].is_null();
            if !writes && field["action"] != "held" {
                continue;
            }
            if field["action"] == "held" {
                // A held field is not written: no old → new to show.
                writeln!(
                    stdout,
                    "{} {name}: {}: held ({})",
                    terminal_safe(code),
                    text(&field["label"]),
                    text(&field["reason"]),
                )?;
                continue;
            }
            let direction = match field["write"].as_str() {
                Some("worknice") => "MicrOpay → Worknice",
                Some("micropay") => "Worknice → MicrOpay",
                _ => "held",
            };
            writeln!(
                stdout,
                "{} {name}: {}: {} → {} ({direction}; {})",
                terminal_safe(code),
                text(&field["label"]),
                shown_value(&field["old"]),
                shown_value(&field["new"]),
                text(&field["reason"]),
            )?;
        }
    }
    Ok(())
}

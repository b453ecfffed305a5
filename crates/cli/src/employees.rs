//! `paybridge employees`: every MicrOpay employee with its link state.

use std::io::Write;
use std::path::PathBuf;

use paybridge_engine::{ImportCandidate, LinkState};

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

fn state_text(state: &LinkState) -> String {
    match state {
        LinkState::New => "new".to_owned(),
        LinkState::Matches { .. } => "matches".to_owned(),
        LinkState::AlreadyLinked { .. } => "already linked".to_owned(),
        LinkState::CantImport { reasons } => {
            format!("can't import: {}", terminal_safe(&reasons.join(" ")))
        }
    }
}

fn print_table(candidates: &[ImportCandidate]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    for candidate in candidates {
        writeln!(
            stdout,
            "{:<10} {:<28} {:<12} {:<10} {}",
            if candidate.emp_code.is_empty() {
                "-".to_owned()
            } else {
                terminal_safe(&candidate.emp_code)
            },
            terminal_safe(&candidate.name),
            terminal_safe(&candidate.location),
            if candidate.terminated {
                "terminated"
            } else {
                "active"
            },
            state_text(&candidate.link_state)
        )?;
    }
    Ok(())
}

/// Returns the exit code.
pub(crate) async fn run(data_dir: Option<PathBuf>, json: bool) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match engine.employees().await {
        Ok(candidates) if json => {
            crate::print_json_line(&candidates)?;
            Ok(0)
        }
        Ok(candidates) => {
            print_table(&candidates)?;
            Ok(0)
        }
        Err(error) => report_failure(error, json),
    }
}

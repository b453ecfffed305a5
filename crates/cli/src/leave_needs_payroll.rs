//! `paybridge leave needs-payroll [--json]` and `paybridge leave
//! needs-payroll done <ID> [--json]`: the Needs payroll list (leave
//! requests cancelled or changed in Worknice after Paybridge sent them, to
//! be acted on in MicrOpay by hand) and a payroll officer marking an item
//! done. Exit 0 when shown or marked; 1 with the engine's message otherwise
//! (e.g. no open item has that ID).

use std::io::Write;

use clap::Subcommand;
use paybridge_engine::{AppError, Engine, NeedsPayrollAction, NeedsPayrollReport};

use crate::terminal::terminal_safe;

#[derive(Debug, clap::Args)]
pub(crate) struct NeedsPayrollArgs {
    #[command(subcommand)]
    command: Option<NeedsPayrollCommand>,
    /// Print the list as one JSON object (the engine's report).
    #[arg(long, global = true)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
enum NeedsPayrollCommand {
    /// Mark item ID done (it was done in MicrOpay): the list as it is then.
    Done {
        #[arg(value_name = "ID")]
        id: i64,
    },
}

/// The list, after marking an item done when asked to.
pub(crate) async fn answer(
    engine: &Engine,
    args: &NeedsPayrollArgs,
) -> Result<NeedsPayrollReport, AppError> {
    match args.command {
        Some(NeedsPayrollCommand::Done { id }) => engine.mark_needs_payroll_done(id).await,
        None => engine.needs_payroll().await,
    }
}

pub(crate) fn print_report(report: &NeedsPayrollReport) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if report.open.is_empty() {
        writeln!(stdout, "Nothing to do in MicrOpay.")?;
    } else {
        writeln!(
            stdout,
            "{:<5} {:<7} {:<10} {:<12} WHAT TO DO",
            "ID", "ACTION", "EMP CODE", "APPLICATION"
        )?;
        for entry in &report.open {
            writeln!(
                stdout,
                "{:<5} {:<7} {:<10} {:<12} {}",
                entry.id,
                match entry.action {
                    NeedsPayrollAction::Cancel => "cancel",
                    NeedsPayrollAction::Change => "change",
                },
                terminal_safe(&entry.emp_code),
                entry.micropay_application_id,
                terminal_safe(&entry.what_to_do)
            )?;
        }
    }
    writeln!(
        stdout,
        "{} done in the last 30 days.",
        report.recently_done.len()
    )?;
    Ok(())
}

//! `paybridge leave categories | visibility | private | options | balances
//! | balance-cap | needs-payroll`: which leave categories employees see,
//! which are private, the two leave options, balances live from MicrOpay
//! (`leave_balances.rs`) and the Needs payroll list
//! (`leave_needs_payroll.rs`). Exits 0 when done, 1 with the reason otherwise.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use paybridge_engine::{
    AppError, Engine, ErrorCode, LeaveBalanceCap, LeaveBalancesReport, LeaveCategoryRow,
    LeaveOptionName, LeaveOptionSwitch, LeaveOptions, SettingsTrigger,
};

use crate::engine::{open, report_failure};
use crate::leave_balances;
use leave_needs_payroll::NeedsPayrollArgs;

// Beside this file, declared here: main.rs stays as it is.
#[path = "leave_needs_payroll.rs"]
mod leave_needs_payroll;
use crate::terminal::terminal_safe;

#[derive(Debug, Subcommand)]
pub(crate) enum LeaveCommand {
    /// Every MicrOpay leave category: its Worknice leave type, whether
    /// employees see it, whether it is private, inactive ones marked.
    Categories {
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show a category to employees (its Worknice leave type is made when
    /// Worknice has none) or hide it. CODE as `leave categories` lists it.
    Visibility(CategorySwitch),
    /// Mark a category private (others see only "On leave") or not.
    Private(CategorySwitch),
    /// Show the two leave options, or turn one on or off.
    Options {
        #[arg(value_enum)]
        option: Option<OptionArg>,
        #[arg(value_enum, requires = "option")]
        switch: Option<Switch>,
        /// Print the options as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Leave balances read live from MicrOpay (kept 5 minutes), with "as
    /// of": one employee's, or every current employee's.
    Balances {
        #[arg(long, value_name = "X")]
        emp_code: Option<String>,
        /// Print the engine's report as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Show the cap on balance requests a second to MicrOpay, or set it
    /// (a number, or `none`).
    BalanceCap {
        #[arg(value_name = "N|none")]
        cap: Option<String>,
        /// Print the cap as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Leave requests cancelled or changed in Worknice after they were
    /// sent, with what to do in MicrOpay; `done <ID>` once it is done.
    NeedsPayroll(NeedsPayrollArgs),
}

/// A category and whether to turn its switch on or off.
#[derive(Debug, clap::Args)]
pub(crate) struct CategorySwitch {
    #[arg(value_name = "CODE")]
    code: String,
    #[arg(value_enum)]
    switch: Switch,
    /// Print the category as one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Switch {
    On,
    Off,
}

impl Switch {
    fn is_on(self) -> bool {
        matches!(self, Self::On)
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum OptionArg {
    Balances,
    Requests,
}

impl From<OptionArg> for LeaveOptionName {
    fn from(option: OptionArg) -> Self {
        match option {
            OptionArg::Balances => Self::Balances,
            OptionArg::Requests => Self::Requests,
        }
    }
}

/// Runs one `leave` command; returns the exit code.
pub(crate) async fn run(data_dir: Option<PathBuf>, command: LeaveCommand) -> anyhow::Result<i32> {
    let json = match &command {
        LeaveCommand::Categories { json }
        | LeaveCommand::Options { json, .. }
        | LeaveCommand::Balances { json, .. }
        | LeaveCommand::BalanceCap { json, .. } => *json,
        LeaveCommand::Visibility(args) | LeaveCommand::Private(args) => args.json,
        LeaveCommand::NeedsPayroll(args) => args.json,
    };
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match answer(&engine, command).await {
        Ok(Answer::Categories(rows)) if json => crate::print_json_line(&rows).map(|()| 0),
        Ok(Answer::Categories(rows)) => print_categories(&rows).map(|()| 0),
        Ok(Answer::Category(row)) if json => crate::print_json_line(&row).map(|()| 0),
        Ok(Answer::Category(row)) => print_category(&row).map(|()| 0),
        Ok(Answer::Options(options, _)) if json => crate::print_json_line(&options).map(|()| 0),
        Ok(Answer::Options(options, only)) => print_options(&options, only).map(|()| 0),
        Ok(Answer::Balances(report)) if json => {
            crate::print_json_line(&report).map(|()| leave_balances::exit_code(&report))
        }
        Ok(Answer::Balances(report)) => {
            leave_balances::print_report(&report).map(|()| leave_balances::exit_code(&report))
        }
        Ok(Answer::Cap(cap)) if json => crate::print_json_line(&cap).map(|()| 0),
        Ok(Answer::Cap(cap)) => leave_balances::print_cap(&cap).map(|()| 0),
        Ok(Answer::NeedsPayroll(report)) if json => crate::print_json_line(&report).map(|()| 0),
        Ok(Answer::NeedsPayroll(report)) => leave_needs_payroll::print_report(&report).map(|()| 0),
        Err(error) => report_failure(error, json),
    }
}

enum Answer {
    Categories(Vec<LeaveCategoryRow>),
    Category(LeaveCategoryRow),
    Options(LeaveOptions, Option<LeaveOptionName>),
    Balances(LeaveBalancesReport),
    Cap(LeaveBalanceCap),
    NeedsPayroll(paybridge_engine::NeedsPayrollReport),
}

async fn answer(engine: &Engine, command: LeaveCommand) -> Result<Answer, AppError> {
    let by = SettingsTrigger::Cli;
    Ok(match command {
        LeaveCommand::Categories { .. } => Answer::Categories(engine.leave_categories().await?),
        LeaveCommand::Visibility(args) => Answer::Category(
            engine
                .set_leave_visibility(&args.code, args.switch.is_on(), by)
                .await?,
        ),
        LeaveCommand::Private(args) => Answer::Category(
            engine
                .set_leave_private(&args.code, args.switch.is_on(), by)
                .await?,
        ),
        LeaveCommand::Options { option, switch, .. } => {
            let only = option.map(LeaveOptionName::from);
            let options = match (only, switch) {
                (Some(option), Some(switch)) => {
                    engine.set_leave_option(option, switch.is_on(), by).await?
                }
                _ => engine.leave_options().await?,
            };
            Answer::Options(options, only)
        }
        LeaveCommand::Balances { emp_code, .. } => {
            Answer::Balances(engine.leave_balances(emp_code.as_deref()).await?)
        }
        LeaveCommand::BalanceCap { cap, .. } => Answer::Cap(match cap {
            Some(word) => {
                let cap = leave_balances::parse_cap(&word)
                    .map_err(|reason| AppError::new(ErrorCode::Validation, reason))?;
                engine.set_leave_balance_cap(cap, by).await?
            }
            None => engine.leave_balance_cap().await?,
        }),
        LeaveCommand::NeedsPayroll(args) => {
            Answer::NeedsPayroll(leave_needs_payroll::answer(engine, &args).await?)
        }
    })
}

fn yes_no(on: bool) -> &'static str {
    if on {
        "yes"
    } else {
        "no"
    }
}

fn print_categories(rows: &[LeaveCategoryRow]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{:<17} {:<36} {:<8} {:<8} Worknice leave type",
        "CODE", "CATEGORY", "VISIBLE", "PRIVATE"
    )?;
    for row in rows {
        let name = if row.inactive {
            format!("{} (inactive)", terminal_safe(&row.name))
        } else {
            terminal_safe(&row.name)
        };
        writeln!(
            stdout,
            "{:<17} {:<36} {:<8} {:<8} {}",
            terminal_safe(&row.code),
            name,
            yes_no(row.visible),
            yes_no(row.private),
            terminal_safe(&row.worknice)
        )?;
    }
    Ok(())
}

fn print_category(row: &LeaveCategoryRow) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{} ({}): {}, {}; Worknice leave type: {}.",
        terminal_safe(&row.name),
        terminal_safe(&row.code),
        if row.visible {
            "visible to employees"
        } else {
            "hidden from employees"
        },
        if row.private {
            "private"
        } else {
            "not private"
        },
        terminal_safe(&row.worknice)
    )?;
    Ok(())
}

fn print_options(options: &LeaveOptions, only: Option<LeaveOptionName>) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let print = |stdout: &mut std::io::StdoutLock<'_>, switch: &LeaveOptionSwitch| {
        writeln!(
            stdout,
            "{:<9} {:<3}  {}. {}",
            match switch.option {
                LeaveOptionName::Balances => "balances",
                LeaveOptionName::Requests => "requests",
            },
            if switch.on { "on" } else { "off" },
            switch.label,
            switch.explanation
        )?;
        match &switch.unavailable {
            Some(why) => writeln!(stdout, "{:<14} {}", "", terminal_safe(why)),
            None => Ok(()),
        }
    };
    for switch in [&options.balances, &options.requests] {
        if only.is_none_or(|only| only == switch.option) {
            print(&mut stdout, switch)?;
        }
    }
    Ok(())
}

//! `paybridge directions [set <group> <direction>]` and
//! `paybridge settings new-hire-defaults`: the settings a sync follows.

use std::io::Write;
use std::path::PathBuf;

use paybridge_engine::{
    DirectionRow, NewHireDefaults, NewHireDefaultsChange, SettingsTrigger, SyncDirection,
    SyncGroup, NEW_HIRE_DEFAULTS_MISSING, ONE_WAY_REASON,
};

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

/// A data group, by the names the issue gives them.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum GroupArg {
    Personal,
    Tax,
    Bank,
    Super,
    LeaveRequests,
    LeaveBalances,
}

impl From<GroupArg> for SyncGroup {
    fn from(group: GroupArg) -> Self {
        match group {
            GroupArg::Personal => Self::Personal,
            GroupArg::Tax => Self::Tax,
            GroupArg::Bank => Self::Bank,
            GroupArg::Super => Self::Super,
            GroupArg::LeaveRequests => Self::LeaveRequests,
            GroupArg::LeaveBalances => Self::LeaveBalances,
        }
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum DirectionArg {
    MicropayToWorknice,
    WorkniceToMicropay,
}

impl From<DirectionArg> for SyncDirection {
    fn from(direction: DirectionArg) -> Self {
        match direction {
            DirectionArg::MicropayToWorknice => Self::MicropayToWorknice,
            DirectionArg::WorkniceToMicropay => Self::WorkniceToMicropay,
        }
    }
}

fn arrow(direction: SyncDirection) -> &'static str {
    match direction {
        SyncDirection::MicropayToWorknice => "MicrOpay → Worknice",
        SyncDirection::WorkniceToMicropay => "Worknice → MicrOpay",
    }
}

fn how_set(row: &DirectionRow) -> String {
    if let Some(reason) = &row.fixed_reason {
        format!("fixed: {reason}")
    } else if let Some(screen) = &row.set_on {
        format!("set on {screen}")
    } else {
        "micropay-to-worknice or worknice-to-micropay".to_owned()
    }
}

fn changed(row: &DirectionRow) -> String {
    match (&row.changed_at, row.changed_by) {
        (Some(at), Some(by)) => format!(
            "  (changed {at} from the {})",
            match by {
                SettingsTrigger::App => "app",
                SettingsTrigger::Cli => "command line",
            }
        ),
        _ => String::new(),
    }
}

fn print_rows(rows: &[DirectionRow]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    for row in rows {
        let name = serde_json::to_value(row.group)?;
        writeln!(
            stdout,
            "{:<15} {:<17} {:<20} {}{}",
            name.as_str().unwrap_or_default(),
            row.label,
            arrow(row.direction),
            how_set(row),
            changed(row)
        )?;
    }
    writeln!(stdout)?;
    writeln!(
        stdout,
        "Personal and tax details go one way at a time: {ONE_WAY_REASON}"
    )?;
    writeln!(stdout, "A change takes effect from the next sync.")?;
    Ok(())
}

/// `paybridge directions [--json]`. Returns the exit code.
pub(crate) async fn show(data_dir: Option<PathBuf>, json: bool) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match engine.directions().await {
        Ok(rows) if json => crate::print_json_line(&rows).map(|()| 0),
        Ok(rows) => print_rows(&rows).map(|()| 0),
        Err(error) => report_failure(error, json),
    }
}

/// `paybridge directions set <group> <direction>`: 1 with the reason for a
/// fixed group.
pub(crate) async fn set(
    data_dir: Option<PathBuf>,
    group: GroupArg,
    direction: DirectionArg,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    match engine
        .set_direction(group.into(), direction.into(), SettingsTrigger::Cli)
        .await
    {
        Ok(row) if json => crate::print_json_line(&row).map(|()| 0),
        Ok(row) => {
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "{}: {}, from the next sync.",
                row.label,
                arrow(row.direction)
            )?;
            Ok(0)
        }
        Err(error) => report_failure(error, json),
    }
}

/// `paybridge settings new-hire-defaults [--location …] … [--json]`: shows
/// the defaults, or sets the ones given (checked against MicrOpay's lookups).
pub(crate) async fn new_hire_defaults(
    data_dir: Option<PathBuf>,
    change: NewHireDefaultsChange,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    let nothing_to_set = change == NewHireDefaultsChange::default();
    let outcome = if nothing_to_set {
        engine.new_hire_defaults().await
    } else {
        engine
            .set_new_hire_defaults(change, SettingsTrigger::Cli)
            .await
    };
    match outcome {
        Ok(defaults) if json => crate::print_json_line(&defaults).map(|()| 0),
        Ok(defaults) => print_defaults(&defaults).map(|()| 0),
        Err(error) => report_failure(error, json),
    }
}

fn print_defaults(defaults: &NewHireDefaults) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let shown = |code: &Option<String>| {
        code.as_deref()
            .map(terminal_safe)
            .unwrap_or_else(|| "(not chosen)".to_owned())
    };
    for (name, code) in [
        ("Location", &defaults.location),
        ("Payroll company", &defaults.payroll_company),
        ("Pay frequency", &defaults.pay_frequency),
        ("Pay point", &defaults.pay_point),
    ] {
        writeln!(stdout, "{name:<16} {}", shown(code))?;
    }
    if !defaults.complete {
        writeln!(
            stdout,
            "Still to choose: {}. Until then, new hires are held with \"{NEW_HIRE_DEFAULTS_MISSING}\".",
            defaults.missing.join(", ")
        )?;
    }
    Ok(())
}

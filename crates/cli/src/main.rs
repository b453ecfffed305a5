//! `paybridge`: the engine without a window, for servers, demos and tests.

mod bench;
mod bench_command;
mod bench_leave_balances;
mod bench_leave_requests;
mod bench_sync;
mod check;
mod connect;
mod directions;
mod employees;
mod engine;
mod history;
mod import;
mod leave;
mod leave_balances;
mod status;
mod sync;
mod terminal;

use std::io::Write;
use std::path::PathBuf;

use clap::{ArgGroup, Parser, Subcommand};
use paybridge_engine::{ImportOptions, ImportSelection, NewHireDefaultsChange};
use paybridge_sandbox::{Fault, Sandbox, SandboxOptions};

#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "paybridge",
    version,
    about = "Connects Worknice with MicrOpay."
)]
struct Cli {
    /// Where Paybridge keeps its database (default: the OS app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve both sandbox APIs on 127.0.0.1; prints one JSON line with their
    /// URLs and credentials, then serves until interrupted.
    Sandbox {
        #[arg(long, default_value_t = 250)]
        employees: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 0)]
        micropay_port: u16,
        #[arg(long, default_value_t = 0)]
        worknice_port: u16,
        /// Answer as a payroll database without the Web API purchased.
        #[arg(long)]
        no_api_access: bool,
        /// Payroll accepts every change request this many milliseconds after
        /// it arrives (default: only by hand, through /sandbox/requests).
        #[arg(long, value_name = "MS")]
        auto_accept_ms: Option<u64>,
        /// A fault on the MicrOpay server, e.g.
        /// `path=/api/EmployeeDetails,status=503,rate=0.2`, `retry-after=5,times=3`,
        /// `drop`, `malformed`, `latency-ms=800`. Repeatable.
        #[arg(long = "micropay-fault", value_name = "SPEC")]
        micropay_faults: Vec<Fault>,
        /// A fault on the Worknice server (same form). Repeatable.
        #[arg(long = "worknice-fault", value_name = "SPEC")]
        worknice_faults: Vec<Fault>,
    },
    /// Test both connections (from PAYBRIDGE_MICROPAY_* / PAYBRIDGE_WORKNICE_*
    /// when set, otherwise the saved ones); prints a JSON result per side and
    /// exits 0 only when both are ok.
    Check,
    /// Test one connection and save it as the app's Save does (secrets to the
    /// keyring, or the sealed file with PAYBRIDGE_SECRETS=file). Fields from
    /// PAYBRIDGE_MICROPAY_* / PAYBRIDGE_WORKNICE_*, or asked on a terminal.
    Connect {
        #[arg(value_enum)]
        side: connect::Side,
        /// Print the result as `check` does, as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Forget one connection: its secrets and its saved fields.
    Disconnect {
        #[arg(value_enum)]
        side: connect::Side,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// List MicrOpay employees with their link state (new, matches, already
    /// linked, can't import), using the saved connections.
    Employees {
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Import MicrOpay employees into Worknice (a backup is taken first when
    /// there is none), using the saved connections.
    #[command(group(ArgGroup::new("selection").required(true).args(["all", "emp_code"])))]
    Import {
        /// Every employee (terminated ones are skipped unless --include-terminated).
        #[arg(long)]
        all: bool,
        /// These employees, e.g. `--emp-code E001,E002`.
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        emp_code: Vec<String>,
        /// Import employees who have left too.
        #[arg(long)]
        include_terminated: bool,
        /// Say what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Syncs now: reads both sides, writes what changed, records the run in
    /// history (exit 0 done, 2 partial, 1 failed). `--dry-run`: what a sync
    /// would change, employee by employee and field by field; writes nothing.
    Sync {
        /// Show the plan; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Read every MicrOpay employee, not only those payroll changed
        /// since the last sync (routine syncs read everyone at least once
        /// a day anyway).
        #[arg(long)]
        full_read: bool,
        /// Print the plan as one JSON object (counts `read`, `changed`,
        /// `written`, `held`, `conflicts`, `pending`, `rejected`, and the
        /// employees behind them).
        #[arg(long)]
        json: bool,
    },
    /// The last sync, whether one runs now, the next scheduled run and the
    /// change requests waiting for payroll.
    Status {
        #[command(subcommand)]
        action: Option<StatusAction>,
        /// Print the status as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// The sync runs, newest first (trigger, start, duration, result,
    /// counts), or with `--run ID` one run with every record it touched,
    /// field by field.
    History {
        /// Show this run's records.
        #[arg(long = "run", value_name = "ID")]
        run: Option<i64>,
        /// List at most this many runs (default 500).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Print one JSON value: the runs' array, or the run's detail.
        #[arg(long)]
        json: bool,
    },
    /// Which way each data group flows (personal, tax, bank, super,
    /// leave-requests, leave-balances), or `set` one.
    Directions {
        #[command(subcommand)]
        action: Option<DirectionsAction>,
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Settings the sync follows.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Leave categories employees see, private ones, and the leave options.
    #[command(subcommand)]
    Leave(leave::LeaveCommand),
    /// Benchmarks that print their figures (see bench/ at the repository root).
    #[command(subcommand)]
    Bench(bench_command::BenchCommand),
}

#[derive(Debug, Subcommand)]
enum DirectionsAction {
    /// Choose which way a group flows from the next sync on; a fixed group
    /// exits 1 with the reason.
    Set {
        #[arg(value_enum)]
        group: directions::GroupArg,
        #[arg(value_enum)]
        direction: directions::DirectionArg,
        /// Print the changed row as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum StatusAction {
    /// Mark a change request whose answer was lost as not received by
    /// MicrOpay (checked in New/Edit Employees): the next sync sends its
    /// fields again. ID as `paybridge status` lists it.
    NotReceived {
        #[arg(value_name = "ID")]
        id: i64,
        /// Print the request as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum SettingsCommand {
    /// Show the codes new hires are added to MicrOpay with, or set the ones
    /// given (checked against MicrOpay's lookups; "" clears one).
    NewHireDefaults {
        #[arg(long, value_name = "CODE")]
        location: Option<String>,
        #[arg(long, value_name = "CODE")]
        payroll_company: Option<String>,
        #[arg(long, value_name = "CODE")]
        pay_frequency: Option<String>,
        #[arg(long, value_name = "CODE")]
        pay_point: Option<String>,
        /// Print the defaults as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("PAYBRIDGE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Runtime::new()?;
    match cli.command {
        Command::Sandbox {
            employees,
            seed,
            micropay_port,
            worknice_port,
            no_api_access,
            auto_accept_ms,
            micropay_faults,
            worknice_faults,
        } => {
            let options = SandboxOptions {
                employees,
                seed,
                micropay_port,
                worknice_port,
                api_access: !no_api_access,
                auto_accept_ms,
            };
            runtime.block_on(serve_sandbox(options, micropay_faults, worknice_faults))
        }
        Command::Check => {
            let all_ok = runtime.block_on(check::run(cli.data_dir))?;
            std::process::exit(if all_ok { 0 } else { 1 });
        }
        Command::Connect { side, json } => {
            let code = runtime.block_on(connect::connect(cli.data_dir, side, json))?;
            std::process::exit(code);
        }
        Command::Disconnect { side, json } => {
            let code = runtime.block_on(connect::disconnect(cli.data_dir, side, json))?;
            std::process::exit(code);
        }
        Command::Employees { json } => {
            let code = runtime.block_on(employees::run(cli.data_dir, json))?;
            std::process::exit(code);
        }
        Command::Import {
            all,
            emp_code,
            include_terminated,
            dry_run,
            json,
        } => {
            let selection = if all {
                ImportSelection::All
            } else {
                ImportSelection::EmpCodes(emp_code)
            };
            let options = ImportOptions {
                dry_run,
                include_terminated,
            };
            let code = runtime.block_on(import::run(cli.data_dir, selection, options, json))?;
            std::process::exit(code);
        }
        Command::Sync {
            dry_run,
            full_read,
            json,
        } => {
            let read = if full_read {
                paybridge_engine::ReadRequest::Full
            } else {
                paybridge_engine::ReadRequest::Routine
            };
            let code = runtime.block_on(sync::run(cli.data_dir, dry_run, read, json))?;
            std::process::exit(code);
        }
        Command::Status { action, json } => {
            let code = match action {
                None => runtime.block_on(status::run(cli.data_dir, json))?,
                Some(StatusAction::NotReceived { id, json: own_json }) => {
                    runtime.block_on(status::not_received(cli.data_dir, id, json || own_json))?
                }
            };
            std::process::exit(code);
        }
        Command::History { run, limit, json } => {
            let code = runtime.block_on(history::run(cli.data_dir, run, limit, json))?;
            std::process::exit(code);
        }
        Command::Directions { action, json } => {
            let code = match action {
                None => runtime.block_on(directions::show(cli.data_dir, json))?,
                Some(DirectionsAction::Set {
                    group,
                    direction,
                    json: set_json,
                }) => runtime.block_on(directions::set(
                    cli.data_dir,
                    group,
                    direction,
                    json || set_json,
                ))?,
            };
            std::process::exit(code);
        }
        Command::Settings(SettingsCommand::NewHireDefaults {
            location,
            payroll_company,
            pay_frequency,
            pay_point,
            json,
        }) => {
            let change = NewHireDefaultsChange {
                location,
                payroll_company,
                pay_frequency,
                pay_point,
            };
            let code =
                runtime.block_on(directions::new_hire_defaults(cli.data_dir, change, json))?;
            std::process::exit(code);
        }
        Command::Leave(command) => {
            let code = runtime.block_on(leave::run(cli.data_dir, command))?;
            std::process::exit(code);
        }
        Command::Bench(command) => bench_command::run(&runtime, cli.data_dir, command),
    }
}

async fn serve_sandbox(
    options: SandboxOptions,
    micropay_faults: Vec<Fault>,
    worknice_faults: Vec<Fault>,
) -> anyhow::Result<()> {
    let sandbox = Sandbox::start(options).await?;
    for fault in micropay_faults {
        sandbox.micropay.faults().add(fault);
    }
    for fault in worknice_faults {
        sandbox.worknice.faults().add(fault);
    }
    print_json_line(&sandbox.credentials)?;
    tokio::signal::ctrl_c().await?;
    sandbox.shutdown();
    Ok(())
}

pub(crate) fn print_json_line(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    terminal::write_json(&mut stdout, value)?;
    writeln!(stdout)?;
    stdout.flush()?;
    Ok(())
}

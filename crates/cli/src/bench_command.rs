//! `paybridge bench …`: the benchmarks' arguments, and which one runs.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use crate::{bench, bench_leave_balances, bench_leave_requests, bench_sync};

#[derive(Debug, Subcommand)]
pub(crate) enum BenchCommand {
    /// Import every employee of a fresh sandbox, next to the time to merely
    /// fetch the same pages; prints wall times, request counts, peak memory.
    Import {
        #[arg(long, default_value_t = 5000)]
        employees: usize,
    },
    /// The sync against issue 7's goals: the first full sync (the import)
    /// against its floor, a sync with nothing changed, a sync after one
    /// change, and the peak memory of a sync with `--peak-employees`.
    Sync {
        #[arg(long, default_value_t = 5000)]
        employees: usize,
        #[arg(long, default_value_t = 50000)]
        peak_employees: usize,
    },
    /// Every current employee's leave balances read live: time and
    /// requests uncapped, then under `--cap` requests a second on
    /// `--capped-employees` (extrapolated to `--employees`).
    LeaveBalances {
        #[arg(long, default_value_t = 5000)]
        employees: usize,
        #[arg(long, default_value_t = 5)]
        cap: u32,
        #[arg(long, default_value_t = 100)]
        capped_employees: usize,
    },
    /// `--requests` approved Worknice leave requests, spread over the linked
    /// employees, transferred to MicrOpay by one sync: its time, requests to
    /// each side, the applications MicrOpay then holds and any duplicates.
    LeaveRequests {
        #[arg(long, default_value_t = 500)]
        requests: usize,
    },
    /// One sync of `--data-dir`, then this process's peak memory, as one
    /// JSON line (`bench sync` runs it in a fresh process).
    #[command(hide = true)]
    SyncPeak {
        #[arg(long)]
        keyring_service: String,
        #[arg(long)]
        employees: usize,
    },
    /// Time the picker's read (`list_employees`) against a bare fetch of the
    /// same pages, on a fresh sandbox or on the one whose JSON line is on stdin.
    Fetch {
        #[arg(long, default_value_t = 10000)]
        employees: usize,
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Read the sandbox's JSON line from stdin instead of starting one.
        #[arg(long)]
        stdin: bool,
    },
}

pub(crate) fn run(
    runtime: &tokio::runtime::Runtime,
    data_dir: Option<PathBuf>,
    command: BenchCommand,
) -> anyhow::Result<()> {
    match command {
        BenchCommand::Import { employees } => runtime.block_on(bench::import(employees)),
        BenchCommand::Fetch {
            employees,
            runs,
            stdin,
        } => runtime.block_on(bench::fetch(employees, runs, stdin)),
        BenchCommand::Sync {
            employees,
            peak_employees,
        } => runtime.block_on(bench_sync::sync(employees, peak_employees)),
        BenchCommand::LeaveBalances {
            employees,
            cap,
            capped_employees,
        } => runtime.block_on(bench_leave_balances::leave_balances(
            employees,
            cap,
            capped_employees,
        )),
        BenchCommand::LeaveRequests { requests } => {
            runtime.block_on(bench_leave_requests::leave_requests(requests))
        }
        BenchCommand::SyncPeak {
            keyring_service,
            employees,
        } => {
            let data_dir = data_dir.context("`bench sync-peak` needs --data-dir")?;
            runtime.block_on(bench_sync::peak(data_dir, keyring_service, employees))
        }
    }
}

//! `paybridge bench sync`: the sync's speed and memory against the goals
//! of issue 7, in one run (see `bench/sync.sh`):
//!
//! 1. the first full sync (the import) of a fresh sandbox next to its
//!    floor, the bare clients sending the same reads and writes at the same
//!    concurrency to a second sandbox of the same seed;
//! 2. a sync right after it, with nothing changed;
//! 3. a sync after payroll changed one employee's first name;
//! 4. the peak memory of a sync with many more employees, in a process of
//!    its own (`bench sync-peak`), so the import before it does not count.
//!
//! Each sandbox is a child process: the memory is the engine's alone.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};

use anyhow::Context;
use paybridge_engine::{
    import_floor, Engine, EngineOptions, ImportSelection, LinkState, NoProgress, ReadRequest,
    RequestCounts, RunResult, SandboxForms, SyncPhase, SyncProgressUpdate, SyncTrigger,
};
use serde::{Deserialize, Serialize};

use crate::bench::{
    connected_engine, engine_on, peak_memory_mib, seconds, start_sandbox, status_mib,
};

/// The goals.
const FLOOR_RATIO_GOAL: f64 = 1.25;
const SYNC_SECONDS_GOAL: f64 = 1.0;
const PEAK_MEMORY_GOAL_MIB: f64 = 150.0;

/// The first name payroll gives the changed employee.
const CHANGED_FIRST_NAME: &str = "Benchmarked";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SyncBench {
    employees: usize,
    first_sync: FirstSync,
    after_import: SyncFigures,
    nothing_changed: SyncFigures,
    /// Nothing changed, MicrOpay read in full (`paybridge sync
    /// --full-read`; a routine sync does this daily): the full read's time.
    nothing_changed_full_read: SyncFigures,
    one_changed: SyncFigures,
    peak: PeakFigures,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FirstSync {
    /// `engine.import(All)`, its first backup included.
    import_seconds: f64,
    import_micropay_requests: u64,
    import_worknice_requests: u64,
    created: u32,
    linked: u32,
    /// The bare clients: the same reads and writes, no store.
    floor_seconds: f64,
    floor_micropay_requests: u64,
    floor_worknice_requests: u64,
    floor_created: u32,
    floor_linked: u32,
    /// import ÷ floor.
    ratio: f64,
}

/// One "Sync now".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyncFigures {
    /// What was timed: `sync_now`.
    measured: String,
    seconds: f64,
    micropay_requests: u64,
    worknice_requests: u64,
    /// Writes done.
    written: u64,
    changed: u64,
    /// When each phase began, in ms from the start.
    phases: Vec<PhaseStart>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PhaseStart {
    phase: SyncPhase,
    at_ms: f64,
    /// This process's resident memory then (VmRSS).
    resident_mib: f64,
}

/// The child's line: one sync of `employees` and its process's VmHWM.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PeakFigures {
    employees: usize,
    sync: SyncFigures,
    peak_memory_mib: f64,
}

/// One "Sync now" as the bench measures it: routine (MicrOpay read
/// `changedSince` once a full read allows it) or reading everyone.
async fn timed_sync(engine: &Engine, read: ReadRequest) -> anyhow::Result<SyncFigures> {
    let before = engine.request_counts();
    let started = std::time::Instant::now();
    // When each phase began, from the run's progress.
    let phases: Mutex<Vec<PhaseStart>> = Mutex::new(Vec::new());
    let progress = |update: SyncProgressUpdate| {
        let mut phases = phases.lock().unwrap_or_else(PoisonError::into_inner);
        if phases.last().map(|last| last.phase) != Some(update.phase) {
            phases.push(PhaseStart {
                phase: update.phase,
                at_ms: started.elapsed().as_secs_f64() * 1000.0,
                resident_mib: status_mib("VmRSS:"),
            });
        }
    };
    let (seconds, run) =
        seconds(engine.sync_now_reading(SyncTrigger::Cli, &progress, read)).await?;
    let run = run.summary;
    let after = engine.request_counts();
    anyhow::ensure!(
        run.result == RunResult::Done,
        "the sync ended {:?}: {}",
        run.result,
        run.message.unwrap_or_default()
    );
    Ok(SyncFigures {
        measured: match read {
            ReadRequest::Routine => "sync_now",
            ReadRequest::Full => "sync_now --full-read",
        }
        .to_owned(),
        seconds,
        micropay_requests: after.micropay - before.micropay,
        worknice_requests: after.worknice - before.worknice,
        written: run.counts.written,
        changed: run.counts.changed,
        phases: phases.into_inner().unwrap_or_else(PoisonError::into_inner),
    })
}

fn difference(after: RequestCounts, before: RequestCounts) -> RequestCounts {
    RequestCounts {
        micropay: after.micropay - before.micropay,
        worknice: after.worknice - before.worknice,
    }
}

pub(crate) async fn sync(employees: usize, peak_employees: usize) -> anyhow::Result<()> {
    let (_floor_sandbox, floor_credentials) = start_sandbox(employees)?;
    let (_sandbox, credentials) = start_sandbox(employees)?;

    let forms: SandboxForms = serde_json::from_value(floor_credentials)?;
    let (floor_seconds, floor) = seconds(import_floor(&forms.micropay, &forms.worknice)).await?;

    let micropay_url = credentials["micropay"]["url"]
        .as_str()
        .context("the sandbox's MicrOpay URL")?
        .to_owned();
    let (engine, _data_dir) = engine_on(credentials).await?;
    let before = engine.request_counts();
    let (import_seconds, summary) =
        seconds(engine.import(ImportSelection::All, false, &NoProgress)).await?;
    let import_requests = difference(engine.request_counts(), before);
    let first_sync = FirstSync {
        import_seconds,
        import_micropay_requests: import_requests.micropay,
        import_worknice_requests: import_requests.worknice,
        created: summary.created,
        linked: summary.linked,
        floor_seconds,
        floor_micropay_requests: floor.requests.micropay,
        floor_worknice_requests: floor.requests.worknice,
        floor_created: floor.created,
        floor_linked: floor.linked,
        ratio: import_seconds / floor_seconds,
    };

    let after_import = timed_sync(&engine, ReadRequest::Routine).await?;
    let nothing_changed = timed_sync(&engine, ReadRequest::Routine).await?;
    let nothing_changed_full_read = timed_sync(&engine, ReadRequest::Full).await?;

    let changed_code = linked_employee(&engine).await?;
    edit_first_name(&micropay_url, &changed_code).await?;
    let one_changed = timed_sync(&engine, ReadRequest::Routine).await?;
    drop(engine);

    let peak = peak_sync(peak_employees).await?;
    let report = SyncBench {
        employees,
        first_sync,
        after_import,
        nothing_changed,
        nothing_changed_full_read,
        one_changed,
        peak,
    };
    print_table(&report, &changed_code)?;
    crate::print_json_line(&report)
}

/// A current employee the import linked (the first in MicrOpay's order).
async fn linked_employee(engine: &Engine) -> anyhow::Result<String> {
    let candidates = engine.employees().await.map_err(anyhow::Error::msg)?;
    candidates
        .into_iter()
        .find(|candidate| {
            !candidate.terminated && matches!(candidate.link_state, LinkState::AlreadyLinked { .. })
        })
        .map(|candidate| candidate.emp_code)
        .context("no linked employee to change")
}

/// Payroll changes the employee's first name, through the sandbox's control.
async fn edit_first_name(micropay_url: &str, emp_code: &str) -> anyhow::Result<()> {
    let url = format!(
        "{}/sandbox/employees/{emp_code}",
        micropay_url.trim_end_matches('/')
    );
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()?
        .post(url)
        .json(&serde_json::json!({ "firstName": CHANGED_FIRST_NAME }))
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "the sandbox refused the edit: HTTP {}",
        response.status()
    );
    Ok(())
}

/// Imports `employees` from a sandbox of their own into a data folder here,
/// then has a fresh process (`bench sync-peak`) sync it and say its peak.
async fn peak_sync(employees: usize) -> anyhow::Result<PeakFigures> {
    let (_sandbox, credentials) = start_sandbox(employees)?;
    let data_dir = tempfile::tempdir()?;
    let keyring_service = format!("paybridge-bench-{}-peak", std::process::id());
    let options = EngineOptions {
        data_dir: data_dir.path().to_owned(),
        keyring_service: keyring_service.clone(),
    };
    let engine = connected_engine(options, credentials).await?;
    engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .map_err(anyhow::Error::msg)?;
    drop(engine);
    let output = peak_command()?
        .args(["bench", "sync-peak", "--keyring-service", &keyring_service])
        .arg("--data-dir")
        .arg(data_dir.path())
        .args(["--employees", &employees.to_string()])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("starting `paybridge bench sync-peak`")?;
    anyhow::ensure!(output.status.success(), "`bench sync-peak` failed");
    // The JSON line: a profiler may print its own lines around it.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().rfind(|line| line.starts_with('{'));
    serde_json::from_str(line.unwrap_or_default()).context("the line `bench sync-peak` printed")
}

/// The child's command: this program, or under the profiler
/// `PAYBRIDGE_BENCH_PEAK_UNDER` names (words split on spaces, e.g.
/// `heaptrack -o /tmp/ht/h`), to see where the peak's memory goes.
fn peak_command() -> anyhow::Result<Command> {
    let exe = std::env::current_exe()?;
    let wrapper = std::env::var("PAYBRIDGE_BENCH_PEAK_UNDER").unwrap_or_default();
    let mut words = wrapper.split_whitespace();
    Ok(match words.next() {
        None => Command::new(exe),
        Some(program) => {
            let mut command = Command::new(program);
            command.args(words).arg(exe);
            command
        }
    })
}

/// `paybridge bench sync-peak`: one sync of the data folder, then this
/// process's VmHWM.
pub(crate) async fn peak(
    data_dir: PathBuf,
    keyring_service: String,
    employees: usize,
) -> anyhow::Result<()> {
    let engine = Engine::open(EngineOptions {
        data_dir,
        keyring_service,
    })
    .map_err(anyhow::Error::msg)?;
    // The first sync after the import: a full read of everyone.
    let sync = timed_sync(&engine, ReadRequest::Routine).await?;
    let figures = PeakFigures {
        employees,
        sync,
        peak_memory_mib: peak_memory_mib(),
    };
    crate::print_json_line(&figures)
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

/// `written_goal`: how many writes the goal allows, `None` for a sync the
/// goals say nothing about.
fn sync_row(what: &str, figures: &SyncFigures, written_goal: Option<u64>) -> String {
    let goal = match written_goal {
        Some(writes) => format!(
            "goal < {SYNC_SECONDS_GOAL} s, {writes} written: {}",
            verdict(figures.seconds < SYNC_SECONDS_GOAL && figures.written == writes)
        ),
        None => "no goal".to_owned(),
    };
    format!(
        "{what:<44} {:>9.3} s  {:>6} MicrOpay + {:>6} Worknice requests  {:>6} written  {:>6} changed  ({goal}; measured: {})",
        figures.seconds,
        figures.micropay_requests,
        figures.worknice_requests,
        figures.written,
        figures.changed,
        figures.measured,
    )
}

fn print_table(report: &SyncBench, changed_code: &str) -> anyhow::Result<()> {
    let first = &report.first_sync;
    let mut out = std::io::stdout().lock();
    writeln!(out, "sync benchmark, {} employees", report.employees)?;
    writeln!(
        out,
        "{:<44} {:>9.3} s  {:>6} MicrOpay + {:>6} Worknice requests  created {}, linked {}",
        "first full sync (the import)",
        first.import_seconds,
        first.import_micropay_requests,
        first.import_worknice_requests,
        first.created,
        first.linked,
    )?;
    writeln!(
        out,
        "{:<44} {:>9.3} s  {:>6} MicrOpay + {:>6} Worknice requests  created {}, linked {}",
        "its floor (bare clients, no store)",
        first.floor_seconds,
        first.floor_micropay_requests,
        first.floor_worknice_requests,
        first.floor_created,
        first.floor_linked,
    )?;
    writeln!(
        out,
        "{:<44} {:>9.2} x  (goal <= {FLOOR_RATIO_GOAL} x: {})",
        "import / floor",
        first.ratio,
        verdict(first.ratio <= FLOOR_RATIO_GOAL),
    )?;
    writeln!(
        out,
        "{}",
        sync_row("sync right after the import", &report.after_import, None)
    )?;
    writeln!(
        out,
        "{}",
        sync_row(
            "sync with nothing changed",
            &report.nothing_changed,
            Some(0)
        )
    )?;
    writeln!(
        out,
        "{}",
        sync_row(
            "sync with nothing changed, full read",
            &report.nothing_changed_full_read,
            None
        )
    )?;
    writeln!(
        out,
        "{}",
        sync_row(
            &format!("sync after payroll renamed {changed_code}"),
            &report.one_changed,
            Some(1)
        )
    )?;
    let peak = &report.peak;
    writeln!(
        out,
        "{:<44} {:>9.1} MiB  (goal < {PEAK_MEMORY_GOAL_MIB} MiB: {}; measured: {} in {:.2} s, {} written)",
        format!("peak memory, {} employees", peak.employees),
        peak.peak_memory_mib,
        verdict(peak.peak_memory_mib < PEAK_MEMORY_GOAL_MIB),
        peak.sync.measured,
        peak.sync.seconds,
        peak.sync.written,
    )?;
    Ok(())
}

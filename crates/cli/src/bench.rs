//! `paybridge bench import`: the import's cost against the sandbox, with the
//! baseline the issue asks for measured in the same run.
//!
//! The sandbox runs as a child process (`paybridge sandbox`), so the peak
//! memory printed is the engine's alone. Needs a keyring (run inside
//! `scripts/in-test-session.sh`, as `bench/import.sh` does).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use anyhow::Context;
use paybridge_engine::{Engine, EngineOptions, ImportSelection, NoProgress, SandboxForms};
use serde::Serialize;

/// The sandbox child, killed on drop.
pub(crate) struct SandboxChild(Child);

impl Drop for SandboxChild {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportBench {
    employees: usize,
    /// The clients' reads of every page the picker reads (MicrOpay
    /// employees and lookups, Worknice people), with the same concurrency,
    /// parsed and then dropped: the floor for `list_employees`.
    bare_fetch_seconds: f64,
    /// `list_employees`: the same reads plus every employee's link state.
    list_employees_seconds: f64,
    list_employees_requests: u64,
    /// The whole import, first backup included.
    import_seconds: f64,
    import_micropay_requests: u64,
    import_worknice_requests: u64,
    created: u32,
    linked: u32,
    skipped: u32,
    held: u32,
    retry_next_run: u32,
    /// VmHWM of this process: the engine, not the sandbox.
    peak_memory_mib: f64,
}

/// `paybridge bench fetch`: the picker's read against its floor.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FetchBench {
    employees: usize,
    /// Median of the runs.
    bare_fetch_ms: f64,
    list_employees_ms: f64,
    /// list_employees ÷ bare fetch.
    ratio: f64,
    runs: usize,
}

pub(crate) fn start_sandbox(employees: usize) -> anyhow::Result<(SandboxChild, serde_json::Value)> {
    let mut child = Command::new(std::env::current_exe()?)
        .args([
            "sandbox",
            "--seed",
            "42",
            "--employees",
            &employees.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting `paybridge sandbox`")?;
    let stdout = child.stdout.take().context("sandbox stdout")?;
    let child = SandboxChild(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    Ok((
        child,
        serde_json::from_str(&line).context("the sandbox's JSON line")?,
    ))
}

/// VmHWM of this process: its peak resident memory.
pub(crate) fn peak_memory_mib() -> f64 {
    status_mib("VmHWM:")
}

/// One of this process's memory figures in /proc/self/status, in MiB.
pub(crate) fn status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(field))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// A throwaway engine (its own data folder and keyring service) with both
/// connections saved from the sandbox's JSON line.
pub(crate) async fn engine_on(
    credentials: serde_json::Value,
) -> anyhow::Result<(Engine, tempfile::TempDir)> {
    let data_dir = tempfile::tempdir()?;
    let options = EngineOptions {
        data_dir: data_dir.path().to_owned(),
        keyring_service: format!("paybridge-bench-{}", std::process::id()),
    };
    Ok((connected_engine(options, credentials).await?, data_dir))
}

/// An engine on `options` with both connections saved from the sandbox's
/// JSON line.
pub(crate) async fn connected_engine(
    options: EngineOptions,
    credentials: serde_json::Value,
) -> anyhow::Result<Engine> {
    let engine = Engine::open(options).map_err(anyhow::Error::msg)?;
    // The sandbox's line is the shape of the Connections forms.
    let forms: SandboxForms = serde_json::from_value(credentials)?;
    engine
        .save_micropay(forms.micropay)
        .await
        .map_err(anyhow::Error::msg)?;
    engine
        .save_worknice(forms.worknice)
        .await
        .map_err(anyhow::Error::msg)?;
    Ok(engine)
}

pub(crate) async fn seconds<T>(
    work: impl std::future::Future<Output = Result<T, paybridge_engine::AppError>>,
) -> anyhow::Result<(f64, T)> {
    let started = Instant::now();
    let value = work.await.map_err(anyhow::Error::msg)?;
    Ok((started.elapsed().as_secs_f64(), value))
}

pub(crate) async fn import(employees: usize) -> anyhow::Result<()> {
    let (_sandbox, credentials) = start_sandbox(employees)?;
    let (engine, _data_dir) = engine_on(credentials).await?;

    let (bare_fetch_seconds, (read, _)) = seconds(engine.bare_fetch()).await?;
    anyhow::ensure!(read == employees, "the bare fetch saw {read} employees");
    let before = engine.request_counts();
    let (list_employees_seconds, candidates) = seconds(engine.employees()).await?;
    let after_fetch = engine.request_counts();
    anyhow::ensure!(
        candidates.len() == employees,
        "the picker saw {} employees",
        candidates.len()
    );

    let (import_seconds, summary) =
        seconds(engine.import(ImportSelection::All, false, &NoProgress)).await?;
    let after_import = engine.request_counts();

    let report = ImportBench {
        employees,
        bare_fetch_seconds,
        list_employees_seconds,
        list_employees_requests: (after_fetch.micropay + after_fetch.worknice)
            - (before.micropay + before.worknice),
        import_seconds,
        import_micropay_requests: after_import.micropay - after_fetch.micropay,
        import_worknice_requests: after_import.worknice - after_fetch.worknice,
        created: summary.created,
        linked: summary.linked,
        skipped: summary.skipped,
        held: summary.held_count,
        retry_next_run: summary.retry_next_run_count,
        peak_memory_mib: peak_memory_mib(),
    };
    eprintln!(
        "import of {} employees: {:.2} s ({:.1}x list_employees); list_employees {:.2} s, bare fetch \
         {:.2} s ({:.2}x); requests: {} MicrOpay + {} Worknice (list_employees: {}); created {}, \
         linked {}, skipped {}, held {}, to retry {}; engine peak memory {:.0} MiB",
        report.employees,
        report.import_seconds,
        report.import_seconds / report.list_employees_seconds,
        report.list_employees_seconds,
        report.bare_fetch_seconds,
        report.list_employees_seconds / report.bare_fetch_seconds,
        report.import_micropay_requests,
        report.import_worknice_requests,
        report.list_employees_requests,
        report.created,
        report.linked,
        report.skipped,
        report.held,
        report.retry_next_run,
        report.peak_memory_mib,
    );
    crate::print_json_line(&report)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Times `list_employees` against the bare fetch of the same pages, `runs`
/// times each, alternating, on a sandbox given by its JSON line on stdin
/// (as `paybridge sandbox` prints it) or on a fresh one of `employees`.
pub(crate) async fn fetch(employees: usize, runs: usize, from_stdin: bool) -> anyhow::Result<()> {
    let (_sandbox, credentials) = if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        (
            None,
            serde_json::from_str(&line).context("the sandbox's JSON line on stdin")?,
        )
    } else {
        let (child, credentials) = start_sandbox(employees)?;
        (Some(child), credentials)
    };
    let (engine, _data_dir) = engine_on(credentials).await?;
    let (mut bare, mut listed) = (Vec::new(), Vec::new());
    let mut count = 0;
    for _ in 0..runs.max(1) {
        let (seconds_bare, (read, _)) = seconds(engine.bare_fetch()).await?;
        let (seconds_listed, candidates) = seconds(engine.employees()).await?;
        anyhow::ensure!(candidates.len() == read, "the two reads differ");
        count = read;
        bare.push(seconds_bare * 1000.0);
        listed.push(seconds_listed * 1000.0);
    }
    let report = FetchBench {
        employees: count,
        bare_fetch_ms: median(bare),
        list_employees_ms: median(listed),
        ratio: 0.0,
        runs: runs.max(1),
    };
    let report = FetchBench {
        ratio: report.list_employees_ms / report.bare_fetch_ms,
        ..report
    };
    eprintln!(
        "{} employees: list_employees {:.0} ms, bare fetch of the same pages {:.0} ms ({:.2}x; median of {})",
        report.employees, report.list_employees_ms, report.bare_fetch_ms, report.ratio, report.runs
    );
    crate::print_json_line(&report)
}

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
struct SandboxChild(Child);

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
    /// Reading every page the import reads (MicrOpay employees, Worknice
    /// people), with the import's concurrency, and nothing else.
    fetch_only_seconds: f64,
    fetch_only_requests: u64,
    /// The whole import, first backup included.
    import_seconds: f64,
    import_micropay_requests: u64,
    import_worknice_requests: u64,
    created: u32,
    linked: u32,
    held: usize,
    /// VmHWM of this process: the engine, not the sandbox.
    peak_memory_mib: f64,
}

fn start_sandbox(employees: usize) -> anyhow::Result<(SandboxChild, serde_json::Value)> {
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

fn peak_memory_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
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

pub(crate) async fn import(employees: usize) -> anyhow::Result<()> {
    let (_sandbox, credentials) = start_sandbox(employees)?;
    let data_dir = tempfile::tempdir()?;
    let options = EngineOptions {
        data_dir: data_dir.path().to_owned(),
        keyring_service: format!("paybridge-bench-{}", std::process::id()),
    };
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

    let before = engine.request_counts();
    let started = Instant::now();
    let candidates = engine.employees().await.map_err(anyhow::Error::msg)?;
    let fetch_only_seconds = started.elapsed().as_secs_f64();
    let after_fetch = engine.request_counts();
    anyhow::ensure!(
        candidates.len() == employees,
        "the picker saw {} employees",
        candidates.len()
    );

    let started = Instant::now();
    let summary = engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .map_err(anyhow::Error::msg)?;
    let import_seconds = started.elapsed().as_secs_f64();
    let after_import = engine.request_counts();

    let report = ImportBench {
        employees,
        fetch_only_seconds,
        fetch_only_requests: (after_fetch.micropay + after_fetch.worknice)
            - (before.micropay + before.worknice),
        import_seconds,
        import_micropay_requests: after_import.micropay - after_fetch.micropay,
        import_worknice_requests: after_import.worknice - after_fetch.worknice,
        created: summary.created,
        linked: summary.linked,
        held: summary.held.len(),
        peak_memory_mib: peak_memory_mib(),
    };
    eprintln!(
        "import of {} employees: {:.2} s (fetch only: {:.2} s, {:.1}x); requests: {} MicrOpay + {} Worknice \
         (fetch only: {}); created {}, linked {}, held {}; engine peak memory {:.0} MiB",
        report.employees,
        report.import_seconds,
        report.fetch_only_seconds,
        report.import_seconds / report.fetch_only_seconds,
        report.import_micropay_requests,
        report.import_worknice_requests,
        report.fetch_only_requests,
        report.created,
        report.linked,
        report.held,
        report.peak_memory_mib,
    );
    crate::print_json_line(&report)
}

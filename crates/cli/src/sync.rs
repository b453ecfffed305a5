//! `paybridge sync [--dry-run] [--json]`: a sync run (read, plan, write,
//! record in history), or with `--dry-run` the plan it would carry out.
//! Exit codes: done 0, partial 2, failed 1 (a run already going: 1).

use std::io::Write;
use std::path::PathBuf;

use paybridge_engine::{
    ReadRequest, RunResult, SyncProgressUpdate, SyncTrigger, BALANCES_UNAVAILABLE,
};
use serde_json::{json, Value};

use crate::engine::{open, report_failure};
use crate::terminal::terminal_safe;

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
    read: ReadRequest,
    json: bool,
) -> anyhow::Result<i32> {
    let engine = match open(data_dir) {
        Ok(engine) => engine,
        Err(error) => return report_failure(error, json),
    };
    if !dry_run {
        return apply(&engine, read, json).await;
    }
    match engine.sync_preview_reading(read).await {
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

/// Runs a sync and prints its result: the counts at the top level (the
/// names `--dry-run` uses), `runId`, `result`, `retryLater`, `message`,
/// the `accounting` (adds up to `read`, as in `--dry-run`) and the
/// `records` the run touched.
async fn apply(
    engine: &paybridge_engine::Engine,
    read: ReadRequest,
    json: bool,
) -> anyhow::Result<i32> {
    let no_progress = |_: SyncProgressUpdate| {};
    let run = engine.sync_now_reading(SyncTrigger::Cli, &no_progress, read);
    tokio::pin!(run);
    // Ctrl-C stops the run at its next safe point: it ends partial (2).
    let outcome = loop {
        tokio::select! {
            outcome = &mut run => break outcome,
            Ok(()) = tokio::signal::ctrl_c() => {
                engine.cancel_sync();
            }
        }
    };
    let detail = match outcome {
        Ok(detail) => detail,
        Err(error) => return report_failure(error, json),
    };
    let summary = &detail.summary;
    let code = match summary.result {
        RunResult::Done => 0,
        RunResult::Partial => 2,
        RunResult::Failed | RunResult::Running => 1,
    };
    let mut printed = serde_json::to_value(summary.counts)?;
    printed["runId"] = json!(summary.id);
    printed["result"] = serde_json::to_value(summary.result)?;
    printed["retryLater"] = json!(summary.retry_later);
    printed["message"] = json!(summary.message);
    printed["micropayRead"] = serde_json::to_value(&summary.micropay_read)?;
    printed["accounting"] = serde_json::to_value(&detail.accounting)?;
    printed["records"] = serde_json::to_value(&detail.records)?;
    printed["leaveHeld"] = serde_json::to_value(&detail.leave_held)?;
    printed["leaveFromPayrollSkipped"] = serde_json::to_value(&detail.leave_from_payroll_skipped)?;
    if json {
        crate::print_json_line(&printed)?;
    } else {
        print_run(&printed)?;
    }
    Ok(code)
}

/// The counts and the result, then one line per employee written, held,
/// waiting for payroll or rejected (values as history keeps them: masked).
fn print_run(run: &Value) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let counts: Vec<String> = COUNTS
        .iter()
        .map(|name| format!("{name} {}", run[*name].as_u64().unwrap_or_default()))
        .collect();
    writeln!(
        stdout,
        "Sync {} ({}): {}",
        run["runId"],
        text(&run["result"]),
        counts.join(", ")
    )?;
    match run["micropayRead"]["kind"].as_str() {
        Some("full") => writeln!(
            stdout,
            "MicrOpay: read every employee ({}).",
            text(&run["micropayRead"]["why"])
        )?,
        Some("changedSince") => writeln!(
            stdout,
            "MicrOpay: read the employees payroll changed since {} (and {} one by one); everyone is read at least once a day.",
            text(&run["micropayRead"]["since"]),
            run["micropayRead"]["readOneByOne"]
        )?,
        _ => {}
    }
    if let Some(message) = run["message"].as_str() {
        writeln!(stdout, "{}", terminal_safe(message))?;
    }
    print_leave(&mut stdout, run)?;
    for record in run["records"].as_array().into_iter().flatten() {
        let code = terminal_safe(record["empCode"].as_str().unwrap_or("-"));
        let name = text(&record["name"]);
        let outcome = text(&record["outcome"]);
        let fields: Vec<String> = record["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|field| {
                if !field["write"].is_null() {
                    return Some(format!(
                        "{} {} → {}",
                        text(&field["label"]),
                        shown_value(&field["old"]),
                        shown_value(&field["new"])
                    ));
                }
                // Nothing written to this field: why, when it is news
                // (held, waiting for payroll, implemented).
                let why = ["held", "waiting-for-payroll", "implemented"]
                    .contains(&field["action"].as_str().unwrap_or_default());
                why.then(|| format!("{}: {}", text(&field["label"]), text(&field["reason"])))
            })
            .collect();
        let mut line = format!("{code} {name}: {outcome}");
        if !fields.is_empty() {
            line.push_str(&format!(" ({})", fields.join("; ")));
        }
        let reasons: Vec<String> = record["reasons"]
            .as_array()
            .into_iter()
            .flatten()
            .map(text)
            .chain(record["writeError"].as_str().map(terminal_safe))
            .collect();
        if !reasons.is_empty() {
            line.push_str(&format!(": {}", reasons.join(" ")));
        }
        writeln!(stdout, "{line}")?;
    }
    Ok(())
}

/// The leave steps: the balances sent to Worknice (when the day's send
/// ran), the requests' counts (when the requests option is on), then one
/// line per approved request held, with why.
fn print_leave(stdout: &mut impl Write, run: &Value) -> anyhow::Result<()> {
    let balances = &run["leaveBalances"];
    if balances["state"] == "unavailable" {
        writeln!(
            stdout,
            "Leave balances to Worknice: none sent. {BALANCES_UNAVAILABLE}."
        )?;
    } else if !balances.is_null() {
        let count = |name: &str| balances[name].as_u64().unwrap_or_default();
        let whose = if balances["everyone"] == false {
            " (only employees whose leave moved this run)"
        } else {
            ""
        };
        writeln!(
            stdout,
            "Leave balances to Worknice{whose}: {} read, {} written, {} unchanged, {} not in Worknice, {} held.",
            count("read"),
            count("written"),
            count("unchanged"),
            count("notInWorknice"),
            count("held")
        )?;
    }
    let leave = &run["leaveRequests"];
    if leave.is_null() {
        return Ok(());
    }
    let count = |name: &str| leave[name].as_u64().unwrap_or_default();
    writeln!(
        stdout,
        "Leave requests: {} approved read, {} transferred, {} already transferred, {} held, {} pending.",
        count("read"),
        count("transferred"),
        count("alreadyTransferred"),
        count("held"),
        count("pending")
    )?;
    // A separate group, not part of the sum above: payroll's outcomes
    // written back to Worknice requests this run.
    if count("processed") + count("declined") > 0 {
        writeln!(
            stdout,
            "Payroll's status back in Worknice: {} processed, {} declined.",
            count("processed"),
            count("declined")
        )?;
    }
    if count("needsPayroll") > 0 {
        writeln!(
            stdout,
            "Needs payroll: {} leave request(s) cancelled or changed in Worknice after they were \
             sent (see `paybridge leave needs-payroll`).",
            count("needsPayroll")
        )?;
    }
    let copied = &run["leaveFromPayroll"];
    if !copied.is_null() {
        let count = |name: &str| copied[name].as_u64().unwrap_or_default();
        writeln!(
            stdout,
            "Leave entered in MicrOpay: {} read, {} created in Worknice, {} already in Worknice, {} skipped, {} pending, {} cancelled.",
            count("read"),
            count("created"),
            count("alreadyInWorknice"),
            count("skipped"),
            count("pending"),
            count("cancelled")
        )?;
    }
    for skipped in run["leaveFromPayrollSkipped"]
        .as_array()
        .into_iter()
        .flatten()
    {
        writeln!(
            stdout,
            "Leave application {} ({}) entered in MicrOpay not copied: {}",
            skipped["micropayApplicationId"]
                .as_i64()
                .unwrap_or_default(),
            text(&skipped["empCode"]),
            text(&skipped["reason"])
        )?;
    }
    for held in run["leaveHeld"].as_array().into_iter().flatten() {
        writeln!(
            stdout,
            "Leave request {} ({}) held: {}",
            text(&held["workniceRequestId"]),
            held["empCode"]
                .as_str()
                .map_or("-".to_owned(), terminal_safe),
            text(&held["reason"])
        )?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::print_leave;

    #[test]
    fn leave_entered_in_micropay_gets_its_own_line() {
        let run = json!({
            "leaveRequests": {"read": 0},
            "leaveFromPayroll": {"read": 3, "created": 1, "alreadyInWorknice": 1, "skipped": 1,
                                 "pending": 0, "cancelled": 1},
            "leaveFromPayrollSkipped": [{"micropayApplicationId": 4, "empCode": "E7",
                                         "reason": "Sick leave is hidden from employees."}],
        });
        let mut out = Vec::new();
        print_leave(&mut out, &run).expect("printed");
        let text = String::from_utf8(out).expect("text");
        assert!(
            text.contains(
                "Leave entered in MicrOpay: 3 read, 1 created in Worknice, 1 already in Worknice, \
                 1 skipped, 0 pending, 1 cancelled."
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "Leave application 4 (E7) entered in MicrOpay not copied: Sick leave is hidden"
            ),
            "{text}"
        );
        let mut none = Vec::new();
        print_leave(&mut none, &json!({})).expect("printed");
        assert!(none.is_empty());
    }
}

//! What a run records: one `SyncRunRecord` per employee it touched (not
//! the unchanged ones, nor those left to the import), and the run's counts
//! with `written` as the writes done rather than planned.

use super::apply::{Applied, WriteOutcome};
use super::plan::{EmployeePlan, Outcome, Plan};
use std::collections::BTreeMap;

use crate::api::{OutcomeCount, SyncCounts, SyncOutcome, SyncRunRecord};

fn touched(employee: &EmployeePlan, index: usize, applied: &Applied) -> bool {
    employee.changed
        || !matches!(employee.outcome, Outcome::Unchanged | Outcome::NotImported)
        || applied.worknice.contains_key(&index)
        || applied.micropay.contains_key(&index)
        || applied.links.contains_key(&index)
}

fn outcomes(applied: &Applied, index: usize) -> impl Iterator<Item = &WriteOutcome> {
    [
        applied.worknice.get(&index),
        applied.micropay.get(&index),
        applied.links.get(&index),
    ]
    .into_iter()
    .flatten()
}

/// The run's records, made one at a time (stored as they come).
pub(super) fn run_records<'a>(
    plan: &'a Plan,
    applied: &'a Applied,
) -> impl Iterator<Item = SyncRunRecord> + 'a {
    plan.employees
        .iter()
        .enumerate()
        .filter(|(index, employee)| touched(employee, *index, applied))
        .map(|(index, employee)| {
            let mut shown = employee.shown();
            let mut write_error = None;
            for outcome in outcomes(applied, index) {
                match outcome {
                    WriteOutcome::Refused(reason) => {
                        shown.outcome = SyncOutcome::Held;
                        shown.reasons.push(reason.clone());
                        write_error.get_or_insert_with(|| reason.clone());
                    }
                    WriteOutcome::RetryLater(reason) | WriteOutcome::Unknown(reason) => {
                        write_error.get_or_insert_with(|| reason.clone());
                    }
                    WriteOutcome::Waiting(reason) => {
                        if shown.outcome != SyncOutcome::Held {
                            shown.outcome = SyncOutcome::Pending;
                        }
                        shown.reasons.push(reason.clone());
                    }
                    WriteOutcome::NotReached => {
                        write_error.get_or_insert_with(|| {
                            "The run stopped before this employee: written next run.".to_owned()
                        });
                    }
                    WriteOutcome::Written => {}
                }
            }
            SyncRunRecord {
                employee: shown,
                write_error,
            }
        })
}

pub(super) fn run_counts(plan: &Plan, applied: &Applied) -> SyncCounts {
    let mut counts = plan.counts;
    counts.written = applied
        .worknice
        .values()
        .chain(applied.micropay.values())
        .filter(|outcome| **outcome == WriteOutcome::Written)
        .count() as u64;
    let newly_held = plan
        .employees
        .iter()
        .enumerate()
        .filter(|(index, employee)| {
            employee.outcome != Outcome::Held
                && !employee
                    .fields
                    .iter()
                    .any(|field| field.action == super::plan::FieldAction::Held)
                && outcomes(applied, *index)
                    .any(|outcome| matches!(outcome, WriteOutcome::Refused(_)))
        })
        .count() as u64;
    counts.held += newly_held;
    // A lost Add whose resend payroll refused as still waiting: pending.
    counts.pending += plan
        .employees
        .iter()
        .enumerate()
        .filter(|(index, employee)| {
            employee.outcome != Outcome::Pending
                && outcomes(applied, *index)
                    .any(|outcome| matches!(outcome, WriteOutcome::Waiting(_)))
                && !outcomes(applied, *index)
                    .any(|outcome| matches!(outcome, WriteOutcome::Refused(_)))
        })
        .count() as u64;
    counts
}

/// Where the run left each employee read (as its record says: a write
/// refused holds the employee), counted by outcome; adds up to `read`.
pub(super) fn run_accounting(plan: &Plan, applied: &Applied) -> Vec<OutcomeCount> {
    let mut by_outcome: BTreeMap<SyncOutcome, u64> = BTreeMap::new();
    for (index, employee) in plan.employees.iter().enumerate() {
        let refused =
            outcomes(applied, index).any(|outcome| matches!(outcome, WriteOutcome::Refused(_)));
        let waiting =
            outcomes(applied, index).any(|outcome| matches!(outcome, WriteOutcome::Waiting(_)));
        let outcome = if refused {
            SyncOutcome::Held
        } else if waiting {
            SyncOutcome::Pending
        } else {
            employee.outcome
        };
        *by_outcome.entry(outcome).or_insert(0) += 1;
    }
    by_outcome
        .into_iter()
        .map(|(outcome, count)| OutcomeCount { outcome, count })
        .collect()
}

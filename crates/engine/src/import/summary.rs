//! The run's summary, built as employees are accounted for: each one in
//! scope lands in exactly one count, so created + linked + skipped + held +
//! to retry = listed.

use super::item::{Action, Outcome, Work};
use super::select::Selected;
use crate::api::{ImportSummary, SkippedRecord};

const NOT_REACHED: &str = "not reached before the import was cancelled";

#[derive(Debug)]
pub(crate) struct Tally {
    summary: ImportSummary,
}

impl Tally {
    pub(crate) fn new(dry_run: bool) -> Self {
        Self {
            summary: ImportSummary {
                dry_run,
                cancelled: false,
                partial: false,
                listed: 0,
                created: 0,
                linked: 0,
                skipped: 0,
                already_linked: 0,
                skipped_records: Vec::new(),
                held: Vec::new(),
                held_count: 0,
                retry_next_run: Vec::new(),
                retry_next_run_count: 0,
                backup_id: None,
            },
        }
    }

    /// Cancelled while reading, before anyone was looked at.
    pub(crate) fn cancelled_before_start(mut self) -> ImportSummary {
        self.summary.cancelled = true;
        self.finish()
    }

    pub(crate) fn backup(&mut self, id: i64) {
        self.summary.backup_id = Some(id);
    }

    /// Counts what selection decided and returns the work left to do.
    pub(crate) fn selected(&mut self, selected: Selected) -> Vec<Work> {
        let summary = &mut self.summary;
        summary.listed = selected.listed;
        summary.created += selected.recovered;
        summary.already_linked = selected.already_linked;
        summary.held.extend(selected.held);
        summary.skipped_records.extend(selected.skipped);
        summary.retry_next_run.extend(selected.retry_next_run);
        selected.work
    }

    /// A dry run's count of what would happen.
    pub(crate) fn would(&mut self, action: &Action) {
        match action {
            Action::Create => self.summary.created += 1,
            Action::Link { .. } => self.summary.linked += 1,
        }
    }

    pub(crate) fn not_reached(&mut self, work: &Work) {
        self.outcome(
            work.plan.employee_code.clone(),
            work.name.clone(),
            Outcome::NotReached,
        );
    }

    pub(crate) fn outcome(&mut self, emp_code: String, name: String, outcome: Outcome) {
        let summary = &mut self.summary;
        match outcome {
            Outcome::Created => summary.created += 1,
            Outcome::Linked => summary.linked += 1,
            Outcome::NotReached => {
                summary.cancelled = true;
                summary.skipped_records.push(SkippedRecord {
                    emp_code,
                    name,
                    reason: NOT_REACHED.to_owned(),
                });
            }
            Outcome::Held(record) => summary.held.push(record),
            Outcome::RetryNextRun(record) | Outcome::Fatal(record, _) => {
                summary.retry_next_run.push(record)
            }
        }
    }

    pub(crate) fn finish(mut self) -> ImportSummary {
        let summary = &mut self.summary;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        summary.held.sort_by(|a, b| a.emp_code.cmp(&b.emp_code));
        summary
            .skipped_records
            .sort_by(|a, b| a.emp_code.cmp(&b.emp_code));
        summary
            .retry_next_run
            .sort_by(|a, b| a.emp_code.cmp(&b.emp_code));
        summary.held_count = count(summary.held.len());
        summary.retry_next_run_count = count(summary.retry_next_run.len());
        summary.skipped = summary
            .already_linked
            .saturating_add(count(summary.skipped_records.len()));
        summary.partial = summary.retry_next_run_count > 0;
        self.summary
    }
}

//! What Preview, "Sync now", Sync history and `paybridge sync / status /
//! history` exchange with the engine. Values a person sees are already
//! masked where sensitive (TFNs, account and member numbers).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SyncGroup;

/// What started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SyncTrigger {
    /// "Sync now" in the window.
    Button,
    Schedule,
    Cli,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RunResult {
    /// Still going (only while it runs, or a run that died: see
    /// [`SyncRunSummary::message`]).
    Running,
    /// Everything in the plan was written, held with its reason, or waits
    /// for payroll.
    Done,
    /// Some writes are left for the next run (passing trouble, a cancel):
    /// `retry_later` says how many.
    Partial,
    /// Nothing could be planned or written (e.g. a side could not be read).
    Failed,
}

/// The run's figures, as `paybridge sync --json` names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncCounts {
    /// Employees and people read and planned.
    #[ts(type = "number")]
    pub read: u64,
    /// Employees with anything changed.
    #[ts(type = "number")]
    pub changed: u64,
    /// Write operations: per employee one Worknice update and/or one
    /// MicrOpay change request (a preview counts the planned ones, a run
    /// the ones done).
    #[ts(type = "number")]
    pub written: u64,
    /// Employees held as a whole or with a held field.
    #[ts(type = "number")]
    pub held: u64,
    /// Fields changed on the target side, or on both: MicrOpay won.
    #[ts(type = "number")]
    pub conflicts: u64,
    /// Employees with a change request waiting for payroll.
    #[ts(type = "number")]
    pub pending: u64,
    /// Employees whose change request payroll rejected.
    #[ts(type = "number")]
    pub rejected: u64,
    /// Approved leave requests, when the requests option is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub leave_requests: Option<super::LeaveTransferCounts>,
    /// Leave entered in MicrOpay directly, copied to Worknice, when the
    /// requests option is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub leave_from_payroll: Option<super::LeaveFromPayrollCounts>,
    /// Leave balances sent to Worknice, when the balances option is on and
    /// the day's send was due this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub leave_balances: Option<super::LeaveBalanceCounts>,
}

/// Which way a planned write goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncSide {
    Micropay,
    Worknice,
}

/// What the plan does with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncFieldAction {
    /// First sync after the import and the sides differ: the group's
    /// source wins.
    Adopt,
    /// Changed on the source side only: written to the target.
    Update,
    /// Changed on the target side, or on both: MicrOpay wins.
    Conflict,
    /// Worknice → MicrOpay: carried by a `ChangeEmployee` Change.
    ChangeRequest,
    /// Carried by a new hire's `ChangeEmployee` Add.
    Add,
    /// Frozen: a change request carrying it waits for payroll.
    WaitingForPayroll,
    /// Payroll implemented the change request carrying it: nothing to do.
    Implemented,
    /// Payroll rejected the change request carrying it: Worknice is set
    /// back to MicrOpay's value.
    SetBack,
    /// Not written either way until it is fixed.
    Held,
}

/// Where an employee ends up; each employee read has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncOutcome {
    Unchanged,
    Updated,
    Added,
    Linked,
    Unlinked,
    Pending,
    Rejected,
    Held,
    NotImported,
}

/// What the plan does with an employee as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncEmployeeAction {
    Add,
    Link,
    Unlink,
}

/// One field of one employee: old → new, the side written and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncFieldChange {
    /// The catalogue's key, in camelCase: e.g. `firstName`, `dateOfBirth`, `tfn`.
    pub field: String,
    /// e.g. "First name".
    pub label: String,
    pub group: SyncGroup,
    pub action: SyncFieldAction,
    /// The side written, if any.
    pub write: Option<SyncSide>,
    /// The written side's value before (masked where sensitive).
    pub old: Option<String>,
    /// The value it gets (masked where sensitive).
    pub new: Option<String>,
    pub micropay: Option<String>,
    pub worknice: Option<String>,
    pub reason: String,
    /// Paybridge's id for the change request this is about.
    #[ts(type = "number | null")]
    pub change_request: Option<i64>,
}

/// One employee of a plan or a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncEmployee {
    pub emp_code: Option<String>,
    pub name: String,
    #[ts(type = "number | null")]
    pub id_employee: Option<i64>,
    pub worknice_person_id: Option<String>,
    pub outcome: SyncOutcome,
    pub action: Option<SyncEmployeeAction>,
    /// Why the employee is held, unlinked, rejected or waiting.
    pub reasons: Vec<String>,
    pub fields: Vec<SyncFieldChange>,
    pub changed: bool,
}

/// How many employees ended up with one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeCount {
    pub outcome: SyncOutcome,
    #[ts(type = "number")]
    pub count: u64,
}

/// What a sync would do now (Preview, `paybridge sync --dry-run --json`).
/// Serialised flat: the counts' names at the top, then `accounting` (adds
/// up to `read`) and the `employees`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncPreview {
    #[serde(flatten)]
    pub counts: SyncCounts,
    pub accounting: Vec<OutcomeCount>,
    pub employees: Vec<SyncEmployee>,
}

/// The step a running sync is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncPhase {
    /// Another run holds the lease for this pair of connections.
    WaitingForOtherRun,
    /// Asking MicrOpay how earlier change requests stand.
    CheckingPayroll,
    Reading,
    Planning,
    UpdatingWorknice,
    SendingToPayroll,
    Recording,
}

/// Streamed to the window while a run goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgressUpdate {
    #[ts(type = "number")]
    pub run_id: i64,
    pub phase: SyncPhase,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// How a run read MicrOpay: every employee (`full`, with why), or only
/// those payroll changed since an instant (`changedSince`), backed by a
/// periodic full read. Answers a payroll officer's "did it look at
/// everyone?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MicropayRead {
    Full {
        /// In a payroll officer's words, e.g. "the first sync".
        why: String,
    },
    ChangedSince {
        /// RFC 3339: the instant asked for, overlap included.
        since: String,
        /// Employees read one by one besides (their plan needed MicrOpay's
        /// record, or a Worknice person's Employee ID had to be checked).
        #[serde(rename = "readOneByOne")]
        #[ts(type = "number")]
        read_one_by_one: u64,
    },
}

/// Which MicrOpay read a sync makes: the routine choice (a `changedSince`
/// read when a recent complete read allows it), or everyone
/// (`paybridge sync --full-read`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReadRequest {
    #[default]
    Routine,
    Full,
}

/// One run, as Sync history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncRunSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub trigger: SyncTrigger,
    /// RFC 3339.
    pub started_at: String,
    pub finished_at: Option<String>,
    #[ts(type = "number | null")]
    pub duration_ms: Option<u64>,
    pub result: RunResult,
    pub counts: SyncCounts,
    /// Writes left for the next run (a partial run's).
    #[ts(type = "number")]
    pub retry_later: u64,
    /// Why a run failed or was partial, in a payroll officer's words.
    pub message: Option<String>,
    /// How it read MicrOpay; `None` for a run that did not get that far
    /// (or from before this was recorded).
    #[serde(default)]
    pub micropay_read: Option<MicropayRead>,
}

/// One employee a run touched, field by field, with what happened to the
/// writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncRunRecord {
    #[serde(flatten)]
    pub employee: SyncEmployee,
    /// Set when a planned write did not happen (it is retried next run).
    pub write_error: Option<String>,
}

/// A run with every record it touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncRunDetail {
    pub summary: SyncRunSummary,
    /// Every employee read, by where the run left them (a write refused
    /// counts as held): adds up to `summary.counts.read`.
    #[serde(default)]
    pub accounting: Vec<OutcomeCount>,
    pub records: Vec<SyncRunRecord>,
    /// Approved leave requests not sent, each with why.
    #[serde(default)]
    pub leave_held: Vec<super::HeldLeaveRequest>,
    /// Leave entered in MicrOpay not copied to Worknice this run, each
    /// with why.
    #[serde(default)]
    pub leave_from_payroll_skipped: Vec<super::SkippedPayrollLeave>,
}

/// A change request as `paybridge status` and the window show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingChangeRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub emp_code: String,
    /// "add" or "change".
    pub kind: String,
    /// queued, submitted, received, picked_up.
    pub status: String,
    /// The labels of the fields it carries, e.g. ["Tax file number"].
    pub fields: Vec<String>,
    pub submitted_at: Option<String>,
}

/// `paybridge status --json`, and the window's sync card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub last_run: Option<SyncRunSummary>,
    /// Whether a run holds the lease now (in this process or another).
    pub running: bool,
    /// RFC 3339; `None` when the schedule is off.
    pub next_scheduled_at: Option<String>,
    pub pending_requests: Vec<PendingChangeRequest>,
}

//! Writes the TypeScript mirror of [`crate::api`]. A test compares it with
//! the committed file, so stale UI types fail the build; run
//! `UPDATE_BINDINGS=1 cargo test -p paybridge-engine bindings` to refresh.

use ts_rs::{Config, TS};

use crate::api::*;

/// Path of the generated file, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/api/generated/bindings.ts";

pub fn typescript() -> String {
    let cfg = Config::default();
    let decls = [
        ConnectionKind::decl(&cfg),
        MicropayForm::decl(&cfg),
        WorkniceForm::decl(&cfg),
        ConnectionCheck::decl(&cfg),
        SavedConnection::decl(&cfg),
        Connections::decl(&cfg),
        SandboxPrefill::decl(&cfg),
        SandboxMicropayPrefill::decl(&cfg),
        SandboxWorknicePrefill::decl(&cfg),
        ErrorCode::decl(&cfg),
        AppError::decl(&cfg),
        LinkState::decl(&cfg),
        ImportCandidate::decl(&cfg),
        ImportSelection::decl(&cfg),
        ImportOptions::decl(&cfg),
        EmployeePreview::decl(&cfg),
        PersonalPreview::decl(&cfg),
        BankAccountPreview::decl(&cfg),
        SuperFundPreview::decl(&cfg),
        TaxPreview::decl(&cfg),
        LoadProgress::decl(&cfg),
        EmployeePage::decl(&cfg),
        EmployeesLoaded::decl(&cfg),
        ImportProgressUpdate::decl(&cfg),
        HeldRecord::decl(&cfg),
        SkippedRecord::decl(&cfg),
        RetryRecord::decl(&cfg),
        ImportSummary::decl(&cfg),
        BackupSummary::decl(&cfg),
        BackupFormat::decl(&cfg),
        DataGroupName::decl(&cfg),
        EmployeeRef::decl(&cfg),
        ChangedEmployee::decl(&cfg),
        BackupComparison::decl(&cfg),
        SyncGroup::decl(&cfg),
        SyncDirection::decl(&cfg),
        SettingsTrigger::decl(&cfg),
        DirectionRow::decl(&cfg),
        LookupChoice::decl(&cfg),
        NewHireChoices::decl(&cfg),
        NewHireDefaults::decl(&cfg),
        NewHireDefaultsChange::decl(&cfg),
        SyncSchedule::decl(&cfg),
        ScheduleSetting::decl(&cfg),
        SettingsChange::decl(&cfg),
        LeaveKind::decl(&cfg),
        LeaveTypeMatch::decl(&cfg),
        LeaveCategoryRow::decl(&cfg),
        LeaveOptionName::decl(&cfg),
        LeaveOptionSwitch::decl(&cfg),
        LeaveOptions::decl(&cfg),
        LeaveBalancesState::decl(&cfg),
        LeaveBalanceRow::decl(&cfg),
        EmployeeLeaveBalances::decl(&cfg),
        HeldLeaveBalance::decl(&cfg),
        LeaveBalancesReport::decl(&cfg),
        LeaveBalanceCounts::decl(&cfg),
        PayrollDeskStatus::decl(&cfg),
        DeskChangeType::decl(&cfg),
        DeskRequestStatus::decl(&cfg),
        DeskFieldChange::decl(&cfg),
        DeskRequest::decl(&cfg),
        PayrollEdit::decl(&cfg),
        DeskLeaveStatus::decl(&cfg),
        DeskLeaveApplication::decl(&cfg),
        SyncTrigger::decl(&cfg),
        RunResult::decl(&cfg),
        SyncCounts::decl(&cfg),
        LeaveTransferCounts::decl(&cfg),
        LeaveFromPayrollCounts::decl(&cfg),
        SkippedPayrollLeave::decl(&cfg),
        HeldLeaveRequest::decl(&cfg),
        NeedsPayrollAction::decl(&cfg),
        NeedsPayrollEntry::decl(&cfg),
        NeedsPayrollReport::decl(&cfg),
        SyncSide::decl(&cfg),
        SyncFieldAction::decl(&cfg),
        SyncOutcome::decl(&cfg),
        SyncEmployeeAction::decl(&cfg),
        SyncFieldChange::decl(&cfg),
        SyncEmployee::decl(&cfg),
        OutcomeCount::decl(&cfg),
        SyncPreview::decl(&cfg),
        SyncPhase::decl(&cfg),
        SyncProgressUpdate::decl(&cfg),
        MicropayRead::decl(&cfg),
        SyncRunSummary::decl(&cfg),
        SyncRunRecord::decl(&cfg),
        SyncRunDetail::decl(&cfg),
        PendingChangeRequest::decl(&cfg),
        SyncStatus::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/engine/src/api.rs by crates/engine/src/bindings.rs. Do not edit.\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn committed_typescript_bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(super::BINDINGS_PATH);
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
            std::fs::write(&path, &fresh).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run UPDATE_BINDINGS=1 cargo test -p paybridge-engine bindings",
            super::BINDINGS_PATH
        );
    }
}

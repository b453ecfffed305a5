//! The Leave screen: categories (visible, private) and the two leave
//! options, recorded in the settings history as changes made in the app;
//! an employee's leave balances, read live from MicrOpay.

use paybridge_engine::{
    AppError, LeaveBalancesReport, LeaveCategoryRow, LeaveOptionName, LeaveOptions,
    NeedsPayrollReport, SettingsTrigger,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn get_leave_categories(
    state: State<'_, AppState>,
) -> Result<Vec<LeaveCategoryRow>, AppError> {
    state.engine()?.leave_categories().await
}

#[tauri::command]
pub async fn set_leave_visibility(
    state: State<'_, AppState>,
    code: String,
    visible: bool,
) -> Result<LeaveCategoryRow, AppError> {
    state
        .engine()?
        .set_leave_visibility(&code, visible, SettingsTrigger::App)
        .await
}

#[tauri::command]
pub async fn set_leave_private(
    state: State<'_, AppState>,
    code: String,
    private: bool,
) -> Result<LeaveCategoryRow, AppError> {
    state
        .engine()?
        .set_leave_private(&code, private, SettingsTrigger::App)
        .await
}

#[tauri::command]
pub async fn get_leave_options(state: State<'_, AppState>) -> Result<LeaveOptions, AppError> {
    state.engine()?.leave_options().await
}

#[tauri::command]
pub async fn set_leave_option(
    state: State<'_, AppState>,
    option: LeaveOptionName,
    on: bool,
) -> Result<LeaveOptions, AppError> {
    state
        .engine()?
        .set_leave_option(option, on, SettingsTrigger::App)
        .await
}

/// One employee's balances (read live, or from the last few minutes' read).
#[tauri::command]
pub async fn get_leave_balances(
    state: State<'_, AppState>,
    emp_code: String,
) -> Result<LeaveBalancesReport, AppError> {
    state.engine()?.leave_balances(Some(&emp_code)).await
}

/// The Needs payroll list: what a payroll officer is to do in MicrOpay.
#[tauri::command]
pub async fn get_needs_payroll(state: State<'_, AppState>) -> Result<NeedsPayrollReport, AppError> {
    state.engine()?.needs_payroll().await
}

/// The payroll officer did it in MicrOpay.
#[tauri::command]
pub async fn mark_needs_payroll_done(
    state: State<'_, AppState>,
    id: i64,
) -> Result<NeedsPayrollReport, AppError> {
    state.engine()?.mark_needs_payroll_done(id).await
}

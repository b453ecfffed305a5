//! The Payroll desk (built-in sandbox only): payroll's side of change
//! requests and leave applications.

use paybridge_engine::{
    AppError, DeskLeaveApplication, DeskRequest, PayrollDeskStatus, PayrollEdit,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn get_payroll_desk_status(
    state: State<'_, AppState>,
) -> Result<PayrollDeskStatus, AppError> {
    state.engine()?.payroll_desk_status().await
}

#[tauri::command]
pub async fn list_payroll_requests(
    state: State<'_, AppState>,
) -> Result<Vec<DeskRequest>, AppError> {
    state.engine()?.payroll_desk_requests().await
}

#[tauri::command]
pub async fn accept_payroll_request(
    state: State<'_, AppState>,
    id: i64,
) -> Result<DeskRequest, AppError> {
    state.engine()?.accept_request(id).await
}

#[tauri::command]
pub async fn reject_payroll_request(
    state: State<'_, AppState>,
    id: i64,
    message: String,
) -> Result<DeskRequest, AppError> {
    state.engine()?.reject_request(id, &message).await
}

#[tauri::command]
pub async fn edit_employee_as_payroll(
    state: State<'_, AppState>,
    emp_code: String,
    edit: PayrollEdit,
) -> Result<(), AppError> {
    state
        .engine()?
        .edit_employee_as_payroll(&emp_code, edit)
        .await
}

#[tauri::command]
pub async fn list_payroll_leave(
    state: State<'_, AppState>,
) -> Result<Vec<DeskLeaveApplication>, AppError> {
    state.engine()?.desk_leave_applications().await
}

#[tauri::command]
pub async fn process_payroll_leave(
    state: State<'_, AppState>,
    id: i64,
) -> Result<DeskLeaveApplication, AppError> {
    state.engine()?.desk_process_leave(id).await
}

#[tauri::command]
pub async fn decline_payroll_leave(
    state: State<'_, AppState>,
    id: i64,
    message: String,
) -> Result<DeskLeaveApplication, AppError> {
    state.engine()?.desk_decline_leave(id, &message).await
}

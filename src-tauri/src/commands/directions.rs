//! Directions, new-hire defaults and the schedule, as the window sets them
//! (recorded in the settings history as changes made in the app).

use paybridge_engine::{
    AppError, DirectionRow, NewHireChoices, NewHireDefaults, NewHireDefaultsChange,
    ScheduleSetting, SettingsChange, SettingsTrigger, SyncDirection, SyncGroup, SyncSchedule,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn get_directions(state: State<'_, AppState>) -> Result<Vec<DirectionRow>, AppError> {
    state.engine()?.directions().await
}

#[tauri::command]
pub async fn set_direction(
    state: State<'_, AppState>,
    group: SyncGroup,
    direction: SyncDirection,
) -> Result<DirectionRow, AppError> {
    state
        .engine()?
        .set_direction(group, direction, SettingsTrigger::App)
        .await
}

#[tauri::command]
pub async fn get_new_hire_defaults(
    state: State<'_, AppState>,
) -> Result<NewHireDefaults, AppError> {
    state.engine()?.new_hire_defaults().await
}

#[tauri::command]
pub async fn get_new_hire_choices(state: State<'_, AppState>) -> Result<NewHireChoices, AppError> {
    state.engine()?.new_hire_choices().await
}

#[tauri::command]
pub async fn set_new_hire_defaults(
    state: State<'_, AppState>,
    change: NewHireDefaultsChange,
) -> Result<NewHireDefaults, AppError> {
    state
        .engine()?
        .set_new_hire_defaults(change, SettingsTrigger::App)
        .await
}

#[tauri::command]
pub async fn get_schedule(state: State<'_, AppState>) -> Result<ScheduleSetting, AppError> {
    state.engine()?.schedule().await
}

/// Saves the schedule and wakes the scheduler to follow it.
#[tauri::command]
pub async fn set_schedule(
    state: State<'_, AppState>,
    background: State<'_, crate::background::Background>,
    schedule: SyncSchedule,
) -> Result<ScheduleSetting, AppError> {
    let saved = state
        .engine()?
        .set_schedule(schedule, SettingsTrigger::App)
        .await?;
    background.schedule_changed();
    Ok(saved)
}

#[tauri::command]
pub async fn get_settings_history(
    state: State<'_, AppState>,
) -> Result<Vec<SettingsChange>, AppError> {
    state.engine()?.settings_history().await
}

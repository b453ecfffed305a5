//! Which way each data group flows, the sync schedule and the history of
//! both. Personal and Tax details go one way at a time, chosen by the user;
//! Bank and Super always come from MicrOpay; leave is set on the Leave screen.

use chrono::{DateTime, NaiveTime, Utc};
use paybridge_store as store;

use crate::api::{
    AppError, DirectionRow, ErrorCode, ScheduleSetting, SettingsChange, SettingsTrigger,
    SyncDirection, SyncGroup, SyncSchedule,
};
use crate::Engine;

/// Why Personal and Tax details cannot flow both ways, in one sentence.
pub const ONE_WAY_REASON: &str = "MicrOpay keeps no \"last updated\" time for each field, so when \
     both sides changed there is no way to know which is newer: one side leads.";

const BANK_REASON: &str = "MicrOpay pays fixed amounts from its own bank account records; \
     Worknice holds them for employees to see.";

const SUPER_REASON: &str = "MicrOpay pays super from its own super fund records; Worknice \
     holds them for employees to see.";

const LEAVE_SCREEN: &str = "the Leave screen";

/// The shortest and longest "every N minutes" the schedule takes.
pub const SCHEDULE_MINUTES: std::ops::RangeInclusive<u32> = 5..=720;

/// How a group may be set, and why.
enum Rule {
    Choosable,
    Fixed(&'static str),
    SetOnLeaveScreen,
}

fn rule(group: SyncGroup) -> Rule {
    match group {
        SyncGroup::Personal | SyncGroup::Tax => Rule::Choosable,
        SyncGroup::Bank => Rule::Fixed(BANK_REASON),
        SyncGroup::Super => Rule::Fixed(SUPER_REASON),
        SyncGroup::LeaveRequests | SyncGroup::LeaveBalances => Rule::SetOnLeaveScreen,
    }
}

pub(crate) fn label(group: SyncGroup) -> &'static str {
    match group {
        SyncGroup::Personal => "Personal details",
        SyncGroup::Tax => "Tax details",
        SyncGroup::Bank => "Bank accounts",
        SyncGroup::Super => "Superannuation",
        SyncGroup::LeaveRequests => "Leave requests",
        SyncGroup::LeaveBalances => "Leave balances",
    }
}

impl Engine {
    /// One row per data group, in the screen's order.
    pub async fn directions(&self) -> Result<Vec<DirectionRow>, AppError> {
        let records = self.with_store(|store| store.directions().list()).await?;
        Ok(records.into_iter().map(direction_row).collect())
    }

    /// Changes which way a group flows, from the next sync on; the change is
    /// recorded in the settings history. A fixed group is refused with why.
    pub async fn set_direction(
        &self,
        group: SyncGroup,
        direction: SyncDirection,
        trigger: SettingsTrigger,
    ) -> Result<DirectionRow, AppError> {
        match rule(group) {
            Rule::Choosable => {}
            Rule::Fixed(reason) => {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    format!(
                        "The direction of {} is fixed, MicrOpay to Worknice: {reason}",
                        label(group).to_lowercase()
                    ),
                ))
            }
            Rule::SetOnLeaveScreen => {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    format!("{} are set on {LEAVE_SCREEN}, not here.", label(group)),
                ))
            }
        }
        let at = self.clock.now();
        let record = self
            .with_store(move |store| {
                store.directions().set(
                    to_store_group(group),
                    to_store_direction(direction),
                    at,
                    to_store_trigger(trigger),
                )?;
                store.directions().get(to_store_group(group))
            })
            .await?;
        tracing::info!(
            group = group_name(group),
            direction = direction_name(direction),
            "direction changed"
        );
        Ok(direction_row(record))
    }

    /// Which way a group flows now (for the sync).
    pub async fn direction_of(&self, group: SyncGroup) -> Result<SyncDirection, AppError> {
        let record = self
            .with_store(move |store| store.directions().get(to_store_group(group)))
            .await?;
        Ok(from_store_direction(record.direction))
    }

    pub async fn schedule(&self) -> Result<ScheduleSetting, AppError> {
        let setting = self.with_store(|store| store.schedule().get()).await?;
        Ok(schedule_setting(setting))
    }

    /// Saves when the scheduler runs a sync; recorded in the settings history.
    pub async fn set_schedule(
        &self,
        schedule: SyncSchedule,
        trigger: SettingsTrigger,
    ) -> Result<ScheduleSetting, AppError> {
        let record = to_store_schedule(&schedule)?;
        let at = self.clock.now();
        let setting = self
            .with_store(move |store| {
                store
                    .schedule()
                    .set(record, at, to_store_trigger(trigger))?;
                store.schedule().get()
            })
            .await?;
        Ok(schedule_setting(setting))
    }

    /// Every change to the directions, new-hire defaults and schedule, newest first.
    pub async fn settings_history(&self) -> Result<Vec<SettingsChange>, AppError> {
        let changes = self
            .with_store(|store| store.settings_history().list())
            .await?;
        Ok(changes
            .into_iter()
            .map(|change| SettingsChange {
                setting: change.setting,
                from: change.from,
                to: change.to,
                changed_at: change.changed_at.to_rfc3339(),
                changed_by: from_store_trigger(change.changed_by),
            })
            .collect())
    }
}

fn direction_row(record: store::DirectionRecord) -> DirectionRow {
    let group = from_store_group(record.group);
    let direction = from_store_direction(record.direction);
    let (choices, fixed_reason, set_on, explanation) = match rule(group) {
        Rule::Choosable => (
            vec![
                SyncDirection::MicropayToWorknice,
                SyncDirection::WorkniceToMicropay,
            ],
            None,
            None,
            format!("One way at a time: {ONE_WAY_REASON}"),
        ),
        Rule::Fixed(reason) => (Vec::new(), Some(reason.to_owned()), None, reason.to_owned()),
        Rule::SetOnLeaveScreen => (
            Vec::new(),
            None,
            Some(LEAVE_SCREEN.to_owned()),
            format!("Set on {LEAVE_SCREEN}."),
        ),
    };
    DirectionRow {
        group,
        label: label(group).to_owned(),
        direction,
        choices,
        fixed_reason,
        set_on,
        explanation,
        changed_at: record.changed_at.map(|at| at.to_rfc3339()),
        changed_by: record.changed_by.map(from_store_trigger),
    }
}

fn schedule_setting(setting: store::ScheduleSetting) -> ScheduleSetting {
    let schedule = match setting.schedule {
        store::ScheduleRecord::Off => SyncSchedule::Off,
        store::ScheduleRecord::EveryMinutes(minutes) => SyncSchedule::EveryMinutes { minutes },
        store::ScheduleRecord::Hourly => SyncSchedule::Hourly,
        store::ScheduleRecord::Daily(at) => SyncSchedule::Daily {
            at: at.format("%H:%M").to_string(),
        },
    };
    ScheduleSetting {
        schedule,
        description: setting.schedule.describe(),
        changed_at: setting.changed_at.map(|at: DateTime<Utc>| at.to_rfc3339()),
    }
}

fn to_store_schedule(schedule: &SyncSchedule) -> Result<store::ScheduleRecord, AppError> {
    Ok(match schedule {
        SyncSchedule::Off => store::ScheduleRecord::Off,
        SyncSchedule::Hourly => store::ScheduleRecord::Hourly,
        SyncSchedule::EveryMinutes { minutes } => {
            if !SCHEDULE_MINUTES.contains(minutes) {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    format!(
                        "Choose every {} to {} minutes (not {minutes}); for longer, choose hourly or daily.",
                        SCHEDULE_MINUTES.start(),
                        SCHEDULE_MINUTES.end()
                    ),
                ));
            }
            store::ScheduleRecord::EveryMinutes(*minutes)
        }
        SyncSchedule::Daily { at } => {
            let time = NaiveTime::parse_from_str(at.trim(), "%H:%M").map_err(|_| {
                AppError::new(
                    ErrorCode::Validation,
                    format!("\"{at}\" is not a time of day. Write it as HH:MM, for example 07:30."),
                )
            })?;
            store::ScheduleRecord::Daily(time)
        }
    })
}

pub(crate) fn group_name(group: SyncGroup) -> &'static str {
    to_store_group(group).as_str()
}

pub(crate) fn direction_name(direction: SyncDirection) -> &'static str {
    to_store_direction(direction).as_str()
}

fn to_store_group(group: SyncGroup) -> store::SyncGroup {
    match group {
        SyncGroup::Personal => store::SyncGroup::Personal,
        SyncGroup::Tax => store::SyncGroup::Tax,
        SyncGroup::Bank => store::SyncGroup::Bank,
        SyncGroup::Super => store::SyncGroup::Super,
        SyncGroup::LeaveRequests => store::SyncGroup::LeaveRequests,
        SyncGroup::LeaveBalances => store::SyncGroup::LeaveBalances,
    }
}

fn from_store_group(group: store::SyncGroup) -> SyncGroup {
    match group {
        store::SyncGroup::Personal => SyncGroup::Personal,
        store::SyncGroup::Tax => SyncGroup::Tax,
        store::SyncGroup::Bank => SyncGroup::Bank,
        store::SyncGroup::Super => SyncGroup::Super,
        store::SyncGroup::LeaveRequests => SyncGroup::LeaveRequests,
        store::SyncGroup::LeaveBalances => SyncGroup::LeaveBalances,
    }
}

fn to_store_direction(direction: SyncDirection) -> store::SyncDirection {
    match direction {
        SyncDirection::MicropayToWorknice => store::SyncDirection::MicropayToWorknice,
        SyncDirection::WorkniceToMicropay => store::SyncDirection::WorkniceToMicropay,
    }
}

fn from_store_direction(direction: store::SyncDirection) -> SyncDirection {
    match direction {
        store::SyncDirection::MicropayToWorknice => SyncDirection::MicropayToWorknice,
        store::SyncDirection::WorkniceToMicropay => SyncDirection::WorkniceToMicropay,
    }
}

pub(crate) fn to_store_trigger(trigger: SettingsTrigger) -> store::SettingsTrigger {
    match trigger {
        SettingsTrigger::App => store::SettingsTrigger::App,
        SettingsTrigger::Cli => store::SettingsTrigger::Cli,
    }
}

pub(crate) fn from_store_trigger(trigger: store::SettingsTrigger) -> SettingsTrigger {
    match trigger {
        store::SettingsTrigger::App => SettingsTrigger::App,
        store::SettingsTrigger::Cli => SettingsTrigger::Cli,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI, the JSON and the database all use the same names.
    #[test]
    fn groups_and_directions_have_one_name_everywhere() {
        let groups = [
            SyncGroup::Personal,
            SyncGroup::Tax,
            SyncGroup::Bank,
            SyncGroup::Super,
            SyncGroup::LeaveRequests,
            SyncGroup::LeaveBalances,
        ];
        for group in groups {
            let json = serde_json::to_value(group).expect("serialises");
            assert_eq!(json.as_str(), Some(group_name(group)));
            assert_eq!(from_store_group(to_store_group(group)), group);
        }
        let names: Vec<&str> = groups.into_iter().map(group_name).collect();
        assert_eq!(
            names,
            [
                "personal",
                "tax",
                "bank",
                "super",
                "leave-requests",
                "leave-balances"
            ]
        );
        for direction in [
            SyncDirection::MicropayToWorknice,
            SyncDirection::WorkniceToMicropay,
        ] {
            let json = serde_json::to_value(direction).expect("serialises");
            assert_eq!(json.as_str(), Some(direction_name(direction)));
        }
    }

    #[test]
    fn a_daily_time_must_be_hours_and_minutes() {
        let daily = |at: &str| to_store_schedule(&SyncSchedule::Daily { at: at.to_owned() });
        assert_eq!(
            daily(" 07:30 ").expect("valid"),
            store::ScheduleRecord::Daily(NaiveTime::from_hms_opt(7, 30, 0).expect("time"))
        );
        for bad in ["7.30", "25:00", "", "07:30pm"] {
            let error = daily(bad).expect_err(bad);
            assert_eq!(error.code, ErrorCode::Validation);
            assert!(error.message.contains("HH:MM"), "{}", error.message);
        }
    }

    #[test]
    fn every_n_minutes_is_kept_within_its_range() {
        let every = |minutes| to_store_schedule(&SyncSchedule::EveryMinutes { minutes });
        assert_eq!(
            every(5).expect("ok"),
            store::ScheduleRecord::EveryMinutes(5)
        );
        assert_eq!(
            every(720).expect("ok"),
            store::ScheduleRecord::EveryMinutes(720)
        );
        for bad in [0, 4, 721] {
            assert_eq!(
                every(bad).expect_err("out of range").code,
                ErrorCode::Validation
            );
        }
    }
}

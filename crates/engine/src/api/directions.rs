//! Directions, the new-hire defaults, the sync schedule and the history of
//! those settings, as the Directions and Settings screens and the CLI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A kind of data a sync moves; the names are the CLI's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncGroup {
    Personal,
    Tax,
    Bank,
    Super,
    LeaveRequests,
    LeaveBalances,
}

/// Which system's value wins for a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SyncDirection {
    MicropayToWorknice,
    WorkniceToMicropay,
}

/// Where a settings change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SettingsTrigger {
    App,
    Cli,
}

/// One row of the Directions screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DirectionRow {
    pub group: SyncGroup,
    /// e.g. "Tax details".
    pub label: String,
    pub direction: SyncDirection,
    /// The directions the user may choose; empty when it cannot change here.
    pub choices: Vec<SyncDirection>,
    /// Why the direction is fixed (Bank, Super).
    pub fixed_reason: Option<String>,
    /// The screen that sets it instead (leave), e.g. "the Leave screen".
    pub set_on: Option<String>,
    /// One sentence on how this group flows.
    pub explanation: String,
    /// RFC 3339; `None` while it has its default.
    pub changed_at: Option<String>,
    pub changed_by: Option<SettingsTrigger>,
}

/// A code from one of MicrOpay's lookups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LookupChoice {
    pub code: String,
    pub description: String,
}

/// What the new-hire defaults can be set to, from MicrOpay's lookups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewHireChoices {
    pub locations: Vec<LookupChoice>,
    pub payroll_companies: Vec<LookupChoice>,
    pub pay_frequencies: Vec<LookupChoice>,
    /// Empty when MicrOpay has no pay points: the defaults cannot be completed
    /// until payroll sets one up (an Add needs one).
    pub pay_points: Vec<LookupChoice>,
}

/// The codes a new hire's Add is sent with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewHireDefaults {
    pub location: Option<String>,
    pub payroll_company: Option<String>,
    pub pay_frequency: Option<String>,
    pub pay_point: Option<String>,
    /// The ones still to choose, e.g. ["location", "pay frequency"]. While
    /// any is, new hires are held with "choose the new-hire defaults".
    pub missing: Vec<String>,
    pub complete: bool,
    pub changed_at: Option<String>,
}

/// A change to the new-hire defaults: `None` keeps a code, `""` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewHireDefaultsChange {
    pub location: Option<String>,
    pub payroll_company: Option<String>,
    pub pay_frequency: Option<String>,
    pub pay_point: Option<String>,
}

/// When the scheduler runs a sync (while the app is open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SyncSchedule {
    Off,
    EveryMinutes {
        minutes: u32,
    },
    Hourly,
    /// `at` is a local time of day, "HH:MM".
    Daily {
        at: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleSetting {
    pub schedule: SyncSchedule,
    /// e.g. "every 15 minutes".
    pub description: String,
    pub changed_at: Option<String>,
}

/// One entry of the settings history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChange {
    /// e.g. `direction.tax`, `new-hire-defaults.location`, `schedule`.
    pub setting: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// RFC 3339.
    pub changed_at: String,
    pub changed_by: SettingsTrigger,
}

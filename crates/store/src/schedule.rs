//! The `sync_schedule` row: when the scheduler runs a sync (kept now; the
//! scheduler itself comes later).

use chrono::{DateTime, NaiveTime, Utc};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::settings_history::{self, SettingsTrigger};
use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleRecord {
    Off,
    EveryMinutes(u32),
    Hourly,
    /// At this local time of day.
    Daily(NaiveTime),
}

impl ScheduleRecord {
    /// How the history shows it: `off`, `every 15 minutes`, `hourly`, `daily at 07:30`.
    pub fn describe(&self) -> String {
        match self {
            Self::Off => "off".to_owned(),
            Self::EveryMinutes(minutes) => format!("every {minutes} minutes"),
            Self::Hourly => "hourly".to_owned(),
            Self::Daily(at) => format!("daily at {}", at.format("%H:%M")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleSetting {
    pub schedule: ScheduleRecord,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<SettingsTrigger>,
}

#[derive(Debug)]
pub struct Schedule<'s> {
    conn: &'s Connection,
}

impl<'s> Schedule<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn get(&self) -> Result<ScheduleSetting, StoreError> {
        read(self.conn)
    }

    /// Replaces the schedule and records the change. Returns whether it changed.
    pub fn set(
        &self,
        schedule: ScheduleRecord,
        at: DateTime<Utc>,
        by: SettingsTrigger,
    ) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let before = read(&tx)?.schedule;
        if before == schedule {
            return Ok(false);
        }
        let (kind, minutes, daily_at) = match schedule {
            ScheduleRecord::Off => ("off", None, None),
            ScheduleRecord::EveryMinutes(minutes) => ("every-minutes", Some(minutes), None),
            ScheduleRecord::Hourly => ("hourly", None, None),
            ScheduleRecord::Daily(time) => ("daily", None, Some(time.format("%H:%M").to_string())),
        };
        tx.execute(
            "UPDATE sync_schedule SET kind = ?1, every_minutes = ?2, daily_at = ?3,
               changed_at = ?4, changed_by = ?5
             WHERE id = 1",
            params![kind, minutes, daily_at, at, by],
        )?;
        settings_history::record(
            &tx,
            "schedule",
            Some(&before.describe()),
            Some(&schedule.describe()),
            at,
            by,
        )?;
        tx.commit()?;
        Ok(true)
    }
}

fn read(conn: &Connection) -> Result<ScheduleSetting, StoreError> {
    let (kind, minutes, daily_at, changed_at, changed_by) = conn.query_row(
        "SELECT kind, every_minutes, daily_at, changed_at, changed_by FROM sync_schedule WHERE id = 1",
        [],
        |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<u32>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        },
    )?;
    let schedule = match (kind.as_str(), minutes, daily_at) {
        ("every-minutes", Some(minutes), _) => ScheduleRecord::EveryMinutes(minutes),
        ("hourly", _, _) => ScheduleRecord::Hourly,
        ("daily", _, Some(at)) => ScheduleRecord::Daily(
            NaiveTime::parse_from_str(&at, "%H:%M").map_err(|_| StoreError::UnreadableSetting)?,
        ),
        ("off", _, _) => ScheduleRecord::Off,
        _ => return Err(StoreError::UnreadableSetting),
    };
    Ok(ScheduleSetting {
        schedule,
        changed_at,
        changed_by,
    })
}

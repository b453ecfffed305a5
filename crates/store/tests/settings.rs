//! Directions, new-hire defaults and the schedule, each change recorded in
//! the append-only settings history.

use std::path::Path;

use chrono::{DateTime, NaiveTime, Utc};
use paybridge_store::{
    database_path, DatabaseKey, NewHireDefaultsRecord, ScheduleRecord, SettingsTrigger, Store,
    SyncDirection, SyncGroup,
};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn key() -> DatabaseKey {
    DatabaseKey::from_bytes([3; 32])
}

fn open(dir: &Path) -> Store {
    Store::open(&database_path(dir), &key()).expect("opens")
}

#[test]
fn a_new_database_has_every_group_with_its_default_direction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let rows: Vec<(SyncGroup, SyncDirection, bool)> = store
        .directions()
        .list()
        .expect("list")
        .into_iter()
        .map(|row| (row.group, row.direction, row.changed_at.is_none()))
        .collect();
    use SyncDirection::*;
    assert_eq!(
        rows,
        vec![
            (SyncGroup::Personal, MicropayToWorknice, true),
            (SyncGroup::Tax, MicropayToWorknice, true),
            (SyncGroup::Bank, MicropayToWorknice, true),
            (SyncGroup::Super, MicropayToWorknice, true),
            (SyncGroup::LeaveRequests, WorkniceToMicropay, true),
            (SyncGroup::LeaveBalances, MicropayToWorknice, true),
        ]
    );
    assert_eq!(store.settings_history().list().expect("history"), vec![]);
}

#[test]
fn a_direction_change_is_kept_across_reopening_and_recorded_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let when = at("2026-03-02T10:15:00Z");
    {
        let store = open(dir.path());
        let directions = store.directions();
        assert!(directions
            .set(
                SyncGroup::Tax,
                SyncDirection::WorkniceToMicropay,
                when,
                SettingsTrigger::Cli
            )
            .expect("set"));
        // The same direction again changes nothing and records nothing.
        assert!(!directions
            .set(
                SyncGroup::Tax,
                SyncDirection::WorkniceToMicropay,
                at("2026-03-02T11:00:00Z"),
                SettingsTrigger::App
            )
            .expect("set"));
    }
    let store = open(dir.path());
    let tax = store.directions().get(SyncGroup::Tax).expect("get");
    assert_eq!(tax.direction, SyncDirection::WorkniceToMicropay);
    assert_eq!(tax.changed_at, Some(when));
    assert_eq!(tax.changed_by, Some(SettingsTrigger::Cli));
    let personal = store.directions().get(SyncGroup::Personal).expect("get");
    assert_eq!(personal.direction, SyncDirection::MicropayToWorknice);

    let history = store.settings_history().list().expect("history");
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].setting, "direction.tax");
    assert_eq!(history[0].from.as_deref(), Some("micropay-to-worknice"));
    assert_eq!(history[0].to.as_deref(), Some("worknice-to-micropay"));
    assert_eq!(history[0].changed_at, when);
    assert_eq!(history[0].changed_by, SettingsTrigger::Cli);
}

#[test]
fn new_hire_defaults_record_each_code_that_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    assert_eq!(
        store.new_hire_defaults().get().expect("get"),
        NewHireDefaultsRecord::default()
    );
    let first = NewHireDefaultsRecord {
        location: Some("SYD".to_owned()),
        payroll_company: Some("DEMO".to_owned()),
        pay_frequency: Some("F".to_owned()),
        ..NewHireDefaultsRecord::default()
    };
    let when = at("2026-03-02T10:00:00Z");
    assert!(store
        .new_hire_defaults()
        .set(&first, when, SettingsTrigger::App)
        .expect("set"));
    let second = NewHireDefaultsRecord {
        location: Some("MEL".to_owned()),
        ..first.clone()
    };
    let later = at("2026-03-02T10:05:00Z");
    assert!(store
        .new_hire_defaults()
        .set(&second, later, SettingsTrigger::Cli)
        .expect("set"));

    let saved = store.new_hire_defaults().get().expect("get");
    assert_eq!(saved.location.as_deref(), Some("MEL"));
    assert_eq!(saved.pay_frequency.as_deref(), Some("F"));
    assert_eq!(saved.pay_point, None);
    assert_eq!(saved.changed_at, Some(later));
    assert_eq!(saved.changed_by, Some(SettingsTrigger::Cli));

    let history: Vec<(String, Option<String>, Option<String>, SettingsTrigger)> = store
        .settings_history()
        .list()
        .expect("history")
        .into_iter()
        .map(|change| (change.setting, change.from, change.to, change.changed_by))
        .collect();
    let code = |text: &str| Some(text.to_owned());
    assert_eq!(
        history,
        vec![
            (
                "new-hire-defaults.location".to_owned(),
                code("SYD"),
                code("MEL"),
                SettingsTrigger::Cli
            ),
            (
                "new-hire-defaults.pay-frequency".to_owned(),
                None,
                code("F"),
                SettingsTrigger::App
            ),
            (
                "new-hire-defaults.payroll-company".to_owned(),
                None,
                code("DEMO"),
                SettingsTrigger::App
            ),
            (
                "new-hire-defaults.location".to_owned(),
                None,
                code("SYD"),
                SettingsTrigger::App
            ),
        ]
    );
}

#[test]
fn the_schedule_round_trips_each_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    assert_eq!(
        store.schedule().get().expect("get").schedule,
        ScheduleRecord::Off
    );
    let kinds = [
        ScheduleRecord::EveryMinutes(15),
        ScheduleRecord::Hourly,
        ScheduleRecord::Daily(NaiveTime::from_hms_opt(7, 30, 0).expect("time")),
        ScheduleRecord::Off,
    ];
    for (minute, schedule) in kinds.into_iter().enumerate() {
        let when = at("2026-03-02T10:00:00Z") + chrono::Duration::minutes(minute as i64);
        assert!(store
            .schedule()
            .set(schedule, when, SettingsTrigger::App)
            .expect("set"));
        let saved = store.schedule().get().expect("get");
        assert_eq!(saved.schedule, schedule);
        assert_eq!(saved.changed_at, Some(when));
    }
    let described: Vec<(Option<String>, Option<String>)> = store
        .settings_history()
        .list()
        .expect("history")
        .into_iter()
        .rev()
        .map(|change| (change.from, change.to))
        .collect();
    let text = |t: &str| Some(t.to_owned());
    assert_eq!(
        described,
        vec![
            (text("off"), text("every 15 minutes")),
            (text("every 15 minutes"), text("hourly")),
            (text("hourly"), text("daily at 07:30")),
            (text("daily at 07:30"), text("off")),
        ]
    );
}

#[test]
fn the_history_cannot_be_edited_or_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    {
        let store = open(dir.path());
        store
            .directions()
            .set(
                SyncGroup::Personal,
                SyncDirection::WorkniceToMicropay,
                at("2026-03-02T10:00:00Z"),
                SettingsTrigger::App,
            )
            .expect("set");
    }
    let conn = rusqlite::Connection::open(&path).expect("open raw");
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key().to_hex().expose()))
        .expect("key");
    for statement in [
        "UPDATE settings_history SET to_value = 'micropay-to-worknice'",
        "DELETE FROM settings_history",
    ] {
        let error = conn.execute(statement, []).expect_err(statement);
        assert!(error.to_string().contains("append-only"), "{error}");
    }
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM settings_history", [], |row| {
            row.get(0)
        })
        .expect("count");
    assert_eq!(rows, 1);
}

#[test]
fn keeping_syncing_when_closed_is_off_until_chosen_and_each_change_is_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let choice = store.window_choice();
    assert!(!choice.keep_syncing_when_closed().expect("read"));
    assert!(choice
        .set_keep_syncing_when_closed(true, at("2026-12-01T09:00:00Z"), SettingsTrigger::App)
        .expect("set"));
    assert!(!choice
        .set_keep_syncing_when_closed(true, at("2026-12-01T09:01:00Z"), SettingsTrigger::App)
        .expect("set"));
    drop(store);
    let store = open(dir.path());
    assert!(store
        .window_choice()
        .keep_syncing_when_closed()
        .expect("read"));
    assert!(store
        .window_choice()
        .set_keep_syncing_when_closed(false, at("2026-12-01T10:00:00Z"), SettingsTrigger::App)
        .expect("set"));
    assert!(!store
        .window_choice()
        .keep_syncing_when_closed()
        .expect("read"));
    let changes: Vec<(String, Option<String>, Option<String>)> = store
        .settings_history()
        .list()
        .expect("history")
        .into_iter()
        .map(|change| (change.setting, change.from, change.to))
        .collect();
    let named = |from: &str, to: &str| {
        (
            "keep-syncing-when-closed".to_owned(),
            Some(from.to_owned()),
            Some(to.to_owned()),
        )
    };
    assert_eq!(changes, [named("on", "off"), named("off", "on")]);
}

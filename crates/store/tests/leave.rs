//! Leave categories and options: defaults, changes recorded in the
//! append-only settings history with where they were made.

use std::path::Path;

use chrono::{DateTime, Utc};
use paybridge_store::{
    database_path, DatabaseKey, LeaveCategoryKey, LeaveOption, SettingsTrigger, Store,
};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn open(dir: &Path) -> Store {
    Store::open(&database_path(dir), &DatabaseKey::from_bytes([5; 32])).expect("opens")
}

fn user_defined(code: &str) -> LeaveCategoryKey {
    LeaveCategoryKey {
        leave_type: "UserDefinedLeave".to_owned(),
        leave_code: code.to_owned(),
    }
}

#[test]
fn options_are_off_until_turned_on_and_each_change_is_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let leave = store.leave();
    let options = leave.options().expect("options");
    assert!(!options.balances_live && !options.requests);
    assert_eq!(options.changed_at, None);

    let when = at("2025-07-01T09:00:00Z");
    assert!(leave
        .set_option(LeaveOption::Requests, true, when, SettingsTrigger::Cli)
        .expect("set"));
    assert!(!leave
        .set_option(LeaveOption::Requests, true, when, SettingsTrigger::App)
        .expect("same again"));
    let options = leave.options().expect("options");
    assert!(options.requests && !options.balances_live);
    assert_eq!(options.changed_by, Some(SettingsTrigger::Cli));

    let history = store.settings_history().list().expect("history");
    assert_eq!(history.len(), 1, "the repeat recorded nothing: {history:?}");
    assert_eq!(history[0].setting, "leave.requests");
    assert_eq!(
        (history[0].from.as_deref(), history[0].to.as_deref()),
        (Some("off"), Some("on"))
    );
    assert_eq!(history[0].changed_by, SettingsTrigger::Cli);
}

#[test]
fn requests_count_from_when_they_were_first_turned_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let leave = store.leave();
    assert_eq!(leave.options().expect("options").requests_on_since, None);
    let first = at("2025-07-01T09:00:00Z");
    leave
        .set_option(LeaveOption::BalancesLive, true, first, SettingsTrigger::Cli)
        .expect("set");
    assert_eq!(leave.options().expect("options").requests_on_since, None);
    leave
        .set_option(LeaveOption::Requests, true, first, SettingsTrigger::Cli)
        .expect("set");
    // Off and on again pauses the flow: requests still count from the first.
    for (on, when) in [
        (false, "2025-08-01T09:00:00Z"),
        (true, "2025-09-01T09:00:00Z"),
    ] {
        leave
            .set_option(LeaveOption::Requests, on, at(when), SettingsTrigger::App)
            .expect("set");
    }
    let options = leave.options().expect("options");
    assert!(options.requests);
    assert_eq!(options.requests_on_since, Some(first));
}

#[test]
fn a_category_is_hidden_until_shown_and_its_worknice_type_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let leave = store.leave();
    let toil = user_defined("TOIL");
    assert_eq!(leave.category(&toil).expect("read"), None);

    let when = at("2025-07-02T10:00:00Z");
    assert!(leave
        .set_visible(&toil, true, when, SettingsTrigger::App)
        .expect("shown"));
    leave.set_worknice_type(&toil, "wn-1").expect("recorded");
    // Codes are MicrOpay's, compared without regard to case.
    let record = leave
        .category(&user_defined("toil"))
        .expect("read")
        .expect("a row");
    assert!(record.visible);
    assert_eq!(record.worknice_type_id.as_deref(), Some("wn-1"));
    assert_eq!(record.changed_by, Some(SettingsTrigger::App));

    assert!(!leave
        .set_visible(&toil, true, when, SettingsTrigger::App)
        .expect("again"));
    let history = store.settings_history().list().expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].setting, "leave.TOIL.visible");
    let annual = LeaveCategoryKey {
        leave_type: "AnnualLeave".to_owned(),
        leave_code: String::new(),
    };
    leave
        .set_visible(&annual, true, when, SettingsTrigger::Cli)
        .expect("shown");
    assert_eq!(
        store.settings_history().list().expect("history")[0].setting,
        "leave.AnnualLeave.visible"
    );
}

#[test]
fn privacy_is_recorded_against_the_default_the_engine_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let leave = store.leave();
    let fdv = user_defined("FDV");
    let when = at("2025-07-03T11:00:00Z");

    // Private by default: confirming it keeps the choice, records no change.
    assert!(!leave
        .set_private(&fdv, true, true, when, SettingsTrigger::App)
        .expect("kept"));
    assert_eq!(
        leave.category(&fdv).expect("read").and_then(|r| r.private),
        Some(true)
    );
    assert!(store.settings_history().list().expect("history").is_empty());

    assert!(leave
        .set_private(&fdv, false, true, when, SettingsTrigger::Cli)
        .expect("made visible to others"));
    let history = store.settings_history().list().expect("history");
    assert_eq!(history[0].setting, "leave.FDV.private");
    assert_eq!(
        (history[0].from.as_deref(), history[0].to.as_deref()),
        (Some("on"), Some("off"))
    );
}

#[test]
fn a_standard_type_takes_no_code_and_only_known_types_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let when = at("2025-07-04T12:00:00Z");
    for bad in [
        LeaveCategoryKey {
            leave_type: "AnnualLeave".to_owned(),
            leave_code: "AL".to_owned(),
        },
        user_defined(""),
        LeaveCategoryKey {
            leave_type: "Holiday".to_owned(),
            leave_code: String::new(),
        },
    ] {
        assert!(
            store
                .leave()
                .set_visible(&bad, true, when, SettingsTrigger::App)
                .is_err(),
            "{bad:?}"
        );
    }
    assert!(store.settings_history().list().expect("history").is_empty());
}

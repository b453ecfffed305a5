//! The leave balance request cap: none until set, kept as its latest row in
//! the settings history, which records every change with where it was made.

use chrono::{DateTime, Utc};
use paybridge_store::{database_path, DatabaseKey, SettingsTrigger, Store, REQUEST_CAP_SETTING};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

#[test]
fn the_cap_is_none_until_set_and_survives_reopening_with_its_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    let key = DatabaseKey::from_bytes([6; 32]);
    {
        let store = Store::open(&path, &key).expect("opens");
        let balances = store.leave_balances();
        assert_eq!(balances.request_cap().expect("read").per_second, None);
        let first = at("2025-07-01T09:00:00Z");
        assert!(balances
            .set_request_cap(Some(5), first, SettingsTrigger::Cli)
            .expect("set"));
        assert!(
            !balances
                .set_request_cap(Some(5), first, SettingsTrigger::App)
                .expect("same"),
            "the same cap again is no change"
        );
        assert!(balances
            .set_request_cap(None, at("2025-07-02T09:00:00Z"), SettingsTrigger::App)
            .expect("lifted"));
        assert!(balances
            .set_request_cap(Some(2), at("2025-07-03T09:00:00Z"), SettingsTrigger::App)
            .expect("set again"));
    }
    let store = Store::open(&path, &key).expect("reopens");
    let cap = store.leave_balances().request_cap().expect("read");
    assert_eq!(cap.per_second, Some(2));
    assert_eq!(cap.changed_at, Some(at("2025-07-03T09:00:00Z")));
    assert_eq!(cap.changed_by, Some(SettingsTrigger::App));
    let history: Vec<(Option<String>, Option<String>)> = store
        .settings_history()
        .list()
        .expect("history")
        .into_iter()
        .filter(|change| change.setting == REQUEST_CAP_SETTING)
        .map(|change| (change.from, change.to))
        .collect();
    let word = |w: &str| Some(w.to_owned());
    assert_eq!(
        history,
        [
            (word("none"), word("2")),
            (word("5"), word("none")),
            (word("none"), word("5")),
        ],
        "newest first, one row per change"
    );
}

//! Directions, new-hire defaults (checked against the MicrOpay sandbox's
//! lookups over HTTP), the schedule, the settings history and the run lease.

mod common;

use std::sync::Arc;

use paybridge_engine::{
    Engine, ErrorCode, FixedClock, NewHireDefaultsChange, SettingsTrigger, SyncDirection,
    SyncGroup, SyncSchedule, NEW_HIRE_DEFAULTS_MISSING, ONE_WAY_REASON,
};

use common::{setup, setup_with_dataset};
use paybridge_sandbox::dataset::{Dataset, SeedLookup};

/// A payroll whose PayPoint lookup holds exactly `pay_points`, whatever the
/// sandbox seeds by default.
fn with_pay_points(seed: u64, employees: usize, pay_points: &[(&str, &str)]) -> Dataset {
    let mut dataset = Dataset::generate(seed, employees);
    dataset
        .lookups
        .retain(|lookup| !lookup.lookup_type.eq_ignore_ascii_case("PayPoint"));
    dataset.lookups.extend(
        pay_points
            .iter()
            .map(|(code, description)| SeedLookup::new("PayPoint", code, description)),
    );
    dataset
}

#[tokio::test(flavor = "multi_thread")]
async fn tax_details_flip_to_worknice_and_stay_flipped_with_a_history_entry() {
    let s = setup(3, 71).await;
    let rows = s.engine.directions().await.expect("directions");
    let groups: Vec<SyncGroup> = rows.iter().map(|row| row.group).collect();
    use SyncGroup::*;
    assert_eq!(
        groups,
        vec![Personal, Tax, Bank, Super, LeaveRequests, LeaveBalances]
    );
    let tax = &rows[1];
    assert_eq!(tax.direction, SyncDirection::MicropayToWorknice);
    assert_eq!(tax.choices.len(), 2);
    assert!(
        tax.explanation.contains(ONE_WAY_REASON),
        "{}",
        tax.explanation
    );
    assert_eq!(tax.changed_at, None);

    let changed = s
        .engine
        .set_direction(Tax, SyncDirection::WorkniceToMicropay, SettingsTrigger::App)
        .await
        .expect("tax can change");
    assert_eq!(changed.direction, SyncDirection::WorkniceToMicropay);
    assert!(changed.changed_at.is_some());
    assert_eq!(changed.changed_by, Some(SettingsTrigger::App));

    // Another engine on the same data folder (the CLI, say) sees it.
    let other = Engine::open(s.options.clone()).expect("second engine");
    assert_eq!(
        other.direction_of(Tax).await.expect("direction"),
        SyncDirection::WorkniceToMicropay
    );
    assert_eq!(
        other.direction_of(Personal).await.expect("direction"),
        SyncDirection::MicropayToWorknice
    );
    let history = other.settings_history().await.expect("history");
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].setting, "direction.tax");
    assert_eq!(history[0].from.as_deref(), Some("micropay-to-worknice"));
    assert_eq!(history[0].to.as_deref(), Some("worknice-to-micropay"));
    assert_eq!(history[0].changed_by, SettingsTrigger::App);
}

#[tokio::test(flavor = "multi_thread")]
async fn bank_and_super_are_fixed_and_leave_is_set_elsewhere() {
    let s = setup(2, 72).await;
    let rows = s.engine.directions().await.expect("directions");
    let bank = &rows[2];
    assert!(bank.choices.is_empty());
    assert_eq!(bank.direction, SyncDirection::MicropayToWorknice);
    let reason = bank.fixed_reason.clone().expect("bank has a reason");
    assert!(reason.contains("fixed amounts"), "{reason}");

    for group in [SyncGroup::Bank, SyncGroup::Super] {
        let error = s
            .engine
            .set_direction(
                group,
                SyncDirection::WorkniceToMicropay,
                SettingsTrigger::Cli,
            )
            .await
            .expect_err("fixed");
        assert_eq!(error.code, ErrorCode::Validation);
        assert!(
            error.message.contains("is fixed, MicrOpay to Worknice"),
            "{}",
            error.message
        );
    }
    let leave = &rows[4];
    assert_eq!(leave.set_on.as_deref(), Some("the Leave screen"));
    assert_eq!(leave.direction, SyncDirection::WorkniceToMicropay);
    let error = s
        .engine
        .set_direction(
            SyncGroup::LeaveRequests,
            SyncDirection::MicropayToWorknice,
            SettingsTrigger::App,
        )
        .await
        .expect_err("leave is set on the Leave screen");
    assert!(error.message.contains("Leave screen"), "{}", error.message);
    // Nothing was changed or recorded by the refusals.
    assert_eq!(s.engine.directions().await.expect("directions"), rows);
    assert_eq!(s.engine.settings_history().await.expect("history"), vec![]);
}

#[tokio::test(flavor = "multi_thread")]
async fn new_hire_defaults_are_checked_against_micropay_lookups() {
    let s = setup_with_dataset(
        with_pay_points(73, 2, &[("MAIN", "Main pay point"), ("NTH", "North depot")]),
        73,
    )
    .await;
    let before = s.engine.new_hire_defaults().await.expect("defaults");
    assert!(!before.complete);
    assert_eq!(before.missing.len(), 4, "{:?}", before.missing);
    assert_eq!(NEW_HIRE_DEFAULTS_MISSING, "choose the new-hire defaults");

    let choices = s.engine.new_hire_choices().await.expect("choices");
    let codes = |list: &[paybridge_engine::LookupChoice]| -> Vec<String> {
        list.iter().map(|choice| choice.code.clone()).collect()
    };
    assert_eq!(codes(&choices.locations), vec!["SYD", "MEL", "BNE", "PER"]);
    assert_eq!(codes(&choices.pay_frequencies), vec!["W", "F", "M"]);
    // The connection names its payroll company by description; the Add needs its code.
    assert_eq!(choices.payroll_companies.len(), 1);
    assert_eq!(
        choices.payroll_companies[0].description,
        s.sandbox.credentials.micropay.payroll_company
    );
    let company = choices.payroll_companies[0].code.clone();
    assert_eq!(choices.locations[1].description, "Melbourne Office");

    // An unknown code: refused with valid ones listed, and nothing saved.
    let error = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                location: Some("MEL".to_owned()),
                pay_frequency: Some("Q".to_owned()),
                ..NewHireDefaultsChange::default()
            },
            SettingsTrigger::App,
        )
        .await
        .expect_err("no such pay frequency");
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(
        error.message,
        "\"Q\" is not a pay frequency in MicrOpay. Choose one of W (Weekly), F (Fortnightly), M (Monthly)."
    );
    assert_eq!(
        s.engine.new_hire_defaults().await.expect("defaults"),
        before
    );

    assert_eq!(codes(&choices.pay_points), vec!["MAIN", "NTH"]);

    // Three of four: still held until the pay point is chosen too.
    let saved = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                location: Some("mel".to_owned()),
                payroll_company: Some(company.clone()),
                pay_frequency: Some("F".to_owned()),
                pay_point: None,
            },
            SettingsTrigger::Cli,
        )
        .await
        .expect("valid codes");
    assert_eq!(
        saved.location.as_deref(),
        Some("MEL"),
        "as MicrOpay spells it"
    );
    assert_eq!(saved.payroll_company.as_deref(), Some(company.as_str()));
    assert_eq!(saved.pay_frequency.as_deref(), Some("F"));
    assert_eq!(saved.missing, vec!["pay point".to_owned()]);
    assert!(!saved.complete);

    let error = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                pay_point: Some("SOUTH".to_owned()),
                ..NewHireDefaultsChange::default()
            },
            SettingsTrigger::App,
        )
        .await
        .expect_err("no such pay point");
    assert_eq!(
        error.message,
        "\"SOUTH\" is not a pay point in MicrOpay. Choose one of MAIN (Main pay point), NTH (North depot)."
    );
    let saved = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                pay_point: Some("nth".to_owned()),
                ..NewHireDefaultsChange::default()
            },
            SettingsTrigger::App,
        )
        .await
        .expect("a known pay point");
    assert_eq!(saved.pay_point.as_deref(), Some("NTH"));
    assert_eq!(saved.location.as_deref(), Some("MEL"), "the others kept");
    assert!(saved.complete, "{:?}", saved.missing);

    // Clearing one makes it missing again.
    let cleared = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                location: Some(String::new()),
                ..NewHireDefaultsChange::default()
            },
            SettingsTrigger::App,
        )
        .await
        .expect("clears");
    assert_eq!(cleared.location, None);
    assert_eq!(cleared.missing, vec!["location".to_owned()]);

    let settings: Vec<String> = s
        .engine
        .settings_history()
        .await
        .expect("history")
        .into_iter()
        .map(|change| change.setting)
        .collect();
    assert_eq!(
        settings,
        vec![
            "new-hire-defaults.location",
            "new-hire-defaults.pay-point",
            "new-hire-defaults.pay-frequency",
            "new-hire-defaults.payroll-company",
            "new-hire-defaults.location",
        ]
    );
}

/// An Add needs a pay point (MicrOpay refuses one without), so a payroll
/// that lists none cannot have complete defaults: new hires stay held and
/// the pay point is named as missing, not silently left out.
#[tokio::test(flavor = "multi_thread")]
async fn a_payroll_without_pay_points_leaves_the_defaults_incomplete() {
    let s = setup_with_dataset(with_pay_points(76, 1, &[]), 76).await;
    let choices = s.engine.new_hire_choices().await.expect("choices");
    assert_eq!(choices.pay_points, vec![]);

    let saved = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                location: Some("SYD".to_owned()),
                payroll_company: Some(choices.payroll_companies[0].code.clone()),
                pay_frequency: Some("W".to_owned()),
                pay_point: None,
            },
            SettingsTrigger::App,
        )
        .await
        .expect("the other three save");
    assert_eq!(saved.missing, vec!["pay point".to_owned()]);
    assert!(!saved.complete);
    // Reading them back (as the sync will) says the same.
    assert_eq!(s.engine.new_hire_defaults().await.expect("defaults"), saved);

    let error = s
        .engine
        .set_new_hire_defaults(
            NewHireDefaultsChange {
                pay_point: Some("MAIN".to_owned()),
                ..NewHireDefaultsChange::default()
            },
            SettingsTrigger::App,
        )
        .await
        .expect_err("no pay points to choose");
    assert_eq!(error.code, ErrorCode::Validation);
    assert!(
        error.message.contains("no pay points set up")
            && error.message.contains("set one up in MicrOpay"),
        "{}",
        error.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_schedule_is_saved_and_described() {
    let s = setup(1, 74).await;
    assert_eq!(
        s.engine.schedule().await.expect("schedule").schedule,
        SyncSchedule::Off
    );
    let daily = s
        .engine
        .set_schedule(
            SyncSchedule::Daily {
                at: "06:45".to_owned(),
            },
            SettingsTrigger::App,
        )
        .await
        .expect("daily");
    assert_eq!(daily.description, "daily at 06:45");
    let error = s
        .engine
        .set_schedule(
            SyncSchedule::EveryMinutes { minutes: 1 },
            SettingsTrigger::App,
        )
        .await
        .expect_err("too often");
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(
        s.engine.schedule().await.expect("schedule").schedule,
        SyncSchedule::Daily {
            at: "06:45".to_owned()
        }
    );
    let history = s.engine.settings_history().await.expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].to.as_deref(), Some("daily at 06:45"));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_run_lease_per_pair_of_connections_across_engines() {
    let s = setup(1, 75).await;
    let now = "2026-03-02T09:00:00Z".parse().expect("time");
    let app =
        Engine::open_with_clock(s.options.clone(), Arc::new(FixedClock(now))).expect("app engine");
    let cli =
        Engine::open_with_clock(s.options.clone(), Arc::new(FixedClock(now))).expect("cli engine");

    let pair = app.sync_pair_key().await.expect("pair key");
    assert_eq!(pair, cli.sync_pair_key().await.expect("pair key"));
    assert_eq!(pair.len(), 32);
    let api_key = &s.sandbox.credentials.micropay.api_key;
    assert!(!pair.contains(api_key.as_str()));

    let lease = app.acquire_run_lease().await.expect("first run");
    let error = cli
        .acquire_run_lease()
        .await
        .expect_err("a run is in progress");
    assert_eq!(error.code, ErrorCode::Busy);
    assert!(
        error.message.contains("already running") && error.message.contains("2026-03-02 09:00:00"),
        "{}",
        error.message
    );
    let renewed = app.renew_run_lease(&lease).await.expect("renews");
    app.release_run_lease(renewed).await.expect("releases");
    let second = cli.acquire_run_lease().await.expect("free again");
    assert_ne!(second.holder, lease.holder);
    // The first run's lease is gone: renewing it says it lost its turn.
    assert_eq!(
        app.renew_run_lease(&lease).await.expect_err("lost").code,
        ErrorCode::Busy
    );
}

/// The app and the CLI saving different defaults at the same moment: each
/// keeps the other's code (neither writes back a copy it read before the
/// other saved).
#[tokio::test(flavor = "multi_thread")]
async fn defaults_saved_at_once_from_two_engines_keep_both_codes() {
    let s = setup_with_dataset(with_pay_points(77, 1, &[("MAIN", "Main pay point")]), 77).await;
    let app = Engine::open(s.options.clone()).expect("app engine");
    let cli = Engine::open(s.options.clone()).expect("cli engine");
    let locations = ["SYD", "MEL", "BNE", "PER"];
    let frequencies = ["W", "F", "M"];
    for round in 0..12 {
        let location = locations[round % locations.len()];
        let frequency = frequencies[round % frequencies.len()];
        let (from_app, from_cli) = tokio::join!(
            app.set_new_hire_defaults(
                NewHireDefaultsChange {
                    location: Some(location.to_owned()),
                    ..NewHireDefaultsChange::default()
                },
                SettingsTrigger::App,
            ),
            cli.set_new_hire_defaults(
                NewHireDefaultsChange {
                    pay_frequency: Some(frequency.to_owned()),
                    ..NewHireDefaultsChange::default()
                },
                SettingsTrigger::Cli,
            ),
        );
        from_app.expect("app saves");
        from_cli.expect("cli saves");
        let saved = s.engine.new_hire_defaults().await.expect("defaults");
        assert_eq!(
            (saved.location.as_deref(), saved.pay_frequency.as_deref()),
            (Some(location), Some(frequency)),
            "round {round}"
        );
    }
}

//! Leave categories and options against both sandboxes over HTTP: the
//! categories MicrOpay has, their Worknice types made exactly once (also
//! when an answer is lost), privacy, and every change in the history.

mod common;

use chrono::{TimeZone, Utc};
use paybridge_engine::{ErrorCode, LeaveKind, LeaveOptionName, LeaveTypeMatch, SettingsTrigger};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind, Sandbox, SandboxOptions};

use common::{connect_with_clock, setup, HandClock, Setup};

fn types_with_code(s: &Setup, code: &str) -> usize {
    s.sandbox
        .worknice
        .leave_types()
        .iter()
        .filter(|t| t.code.eq_ignore_ascii_case(code))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_category_is_listed_with_its_worknice_type_and_defaults() {
    let s = setup(2, 91).await;
    let rows = s.engine.leave_categories().await.expect("listed");
    let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "AnnualLeave",
            "SickLeave",
            "LongServiceLeave",
            "CL",
            "FDV",
            "CSL",
            "JURY",
            "PPL",
            "STUDY",
            "TOIL",
            "RDO",
            "CVD"
        ]
    );
    let row = |code: &str| rows.iter().find(|r| r.code == code).expect(code);
    assert_eq!(row("SickLeave").kind, LeaveKind::PersonalCarers);
    assert_eq!(row("SickLeave").worknice_match, LeaveTypeMatch::Name);
    assert_eq!(
        row("SickLeave").worknice,
        "Personal/Carer's Leave (same name)"
    );
    assert_eq!(row("TOIL").worknice_match, LeaveTypeMatch::Code);
    assert_eq!(
        row("LongServiceLeave").worknice,
        "will be created in Worknice"
    );
    assert!(row("RDO").inactive && row("CVD").inactive && !row("TOIL").inactive);
    assert!(
        rows.iter().all(|r| !r.visible),
        "hidden until an admin shows them"
    );
    let private: Vec<&str> = rows
        .iter()
        .filter(|r| r.private)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(private, ["FDV"]);
    assert_eq!(row("FDV").leave_type, "UserDefinedLeave");
    assert_eq!(row("FDV").leave_code.as_deref(), Some("FDV"));
}

#[tokio::test(flavor = "multi_thread")]
async fn showing_a_category_makes_its_worknice_type_once_and_records_it() {
    let at = Utc
        .with_ymd_and_hms(2025, 7, 1, 9, 0, 0)
        .single()
        .expect("time");
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 2,
        seed: 92,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox");
    let s = connect_with_clock(sandbox, HandClock::at(at)).await;

    let fdv = s
        .engine
        .set_leave_visibility("fdv", true, SettingsTrigger::App)
        .await
        .expect("shown");
    assert!(fdv.visible && fdv.private);
    assert_eq!(
        s.sandbox.worknice.requests_served_for("LeaveTypes"),
        1,
        "the types read once, before the create; the row is from what was made"
    );
    assert_eq!(fdv.worknice_match, LeaveTypeMatch::Recorded);
    let made = s.sandbox.worknice.leave_types();
    let made = made
        .iter()
        .find(|t| t.code == "FDV")
        .expect("made in Worknice");
    assert!(made.private, "made private, as the category is");
    assert_eq!(made.name, "Family and Domestic Violence Leave");
    assert_eq!(fdv.worknice_type_id.as_deref(), Some(made.id.as_str()));

    // Hidden and shown again: the same type, none made.
    s.engine
        .set_leave_visibility("FDV", false, SettingsTrigger::Cli)
        .await
        .expect("hidden");
    s.engine
        .set_leave_visibility("FDV", true, SettingsTrigger::App)
        .await
        .expect("shown again");
    assert_eq!(types_with_code(&s, "FDV"), 1);

    // A category Worknice has by name is linked, not made again.
    let annual = s
        .engine
        .set_leave_visibility("AnnualLeave", true, SettingsTrigger::App)
        .await
        .expect("shown");
    assert_eq!(annual.worknice_type_name.as_deref(), Some("Annual Leave"));
    assert_eq!(
        s.sandbox.worknice.leave_types().len(),
        5,
        "four seeded + FDV"
    );

    let history = s.engine.settings_history().await.expect("history");
    let seen: Vec<(&str, Option<&str>, SettingsTrigger)> = history
        .iter()
        .map(|c| (c.setting.as_str(), c.to.as_deref(), c.changed_by))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "leave.AnnualLeave.visible",
                Some("on"),
                SettingsTrigger::App
            ),
            ("leave.FDV.visible", Some("on"), SettingsTrigger::App),
            ("leave.FDV.visible", Some("off"), SettingsTrigger::Cli),
            ("leave.FDV.visible", Some("on"), SettingsTrigger::App),
        ]
    );
    assert_eq!(history[0].changed_at, at.to_rfc3339());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_create_whose_answer_was_lost_is_looked_up_and_not_made_twice() {
    let s = setup(2, 93).await;
    s.sandbox.worknice.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("CreateLeaveType"),
    );
    let study = s
        .engine
        .set_leave_visibility("STUDY", true, SettingsTrigger::App)
        .await
        .expect("shown after the lost answer");
    assert_eq!(s.sandbox.worknice.faults().fired(), 1);
    assert_eq!(types_with_code(&s, "STUDY"), 1);
    assert!(study.visible);
    let made = s.sandbox.worknice.leave_types();
    let made = made.iter().find(|t| t.code == "STUDY").expect("made");
    assert_eq!(study.worknice_type_id.as_deref(), Some(made.id.as_str()));

    // Dropped before it reached Worknice: looked up, then sent again, once.
    s.sandbox.worknice.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropConnection, 1).for_operation("CreateLeaveType"),
    );
    s.engine
        .set_leave_visibility("JURY", true, SettingsTrigger::App)
        .await
        .expect("shown after the dropped create");
    assert_eq!(s.sandbox.worknice.faults().fired(), 2);
    assert_eq!(types_with_code(&s, "JURY"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_create_refused_for_now_is_sent_again_after_a_wait_and_made_once() {
    let s = setup(2, 96).await;
    let faults = s.sandbox.worknice.faults();
    // A 429 says nothing was made: wait it out and send again.
    faults.add(
        Fault::times(
            GRAPHQL_PATH,
            FaultKind::RateLimited {
                retry_after_secs: 1,
            },
            1,
        )
        .for_operation("CreateLeaveType"),
    );
    // Then a short outage: each answer lost, looked up, sent again.
    faults.add(
        Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 3).for_operation("CreateLeaveType"),
    );
    let long_service = s
        .engine
        .set_leave_visibility("LongServiceLeave", true, SettingsTrigger::App)
        .await
        .expect("shown once Worknice took the create");
    assert_eq!(faults.fired(), 4);
    assert!(long_service.visible);
    assert_eq!(types_with_code(&s, "LongServiceLeave"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_clicks_and_the_command_line_at_once_make_one_type_and_one_change() {
    let s = setup(2, 97).await;
    // Every create waits, so all three have read "no such type" first.
    s.sandbox.worknice.faults().add(
        Fault::times(
            GRAPHQL_PATH,
            FaultKind::Latency(std::time::Duration::from_millis(300)),
            3,
        )
        .for_operation("CreateLeaveType"),
    );
    let cli = paybridge_engine::Engine::open(s.options.clone()).expect("second engine");
    let (first, second, third) = tokio::join!(
        s.engine
            .set_leave_visibility("JURY", true, SettingsTrigger::App),
        s.engine
            .set_leave_visibility("JURY", true, SettingsTrigger::App),
        cli.set_leave_visibility("jury", true, SettingsTrigger::Cli),
    );
    let ids: Vec<Option<String>> = [first, second, third]
        .into_iter()
        .map(|row| row.expect("shown").worknice_type_id)
        .collect();
    assert_eq!(types_with_code(&s, "JURY"), 1);
    let made = s.sandbox.worknice.leave_types();
    let made = made.iter().find(|t| t.code == "JURY").expect("made");
    assert!(ids.iter().all(|id| id.as_deref() == Some(made.id.as_str())));
    let history = s.engine.settings_history().await.expect("history");
    assert_eq!(
        history
            .iter()
            .filter(|c| c.setting == "leave.JURY.visible")
            .count(),
        1,
        "one change, however many asked for it"
    );
}

fn worknice_type(s: &Setup, code: &str) -> paybridge_sandbox::worknice::SandboxLeaveType {
    s.sandbox
        .worknice
        .leave_types()
        .into_iter()
        .find(|t| t.code == code)
        .expect(code)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_worknice_type_is_as_private_as_its_category() {
    let s = setup(2, 98).await;
    // Worknice's own TOIL type, matched by code: left alone until linked.
    s.engine
        .set_leave_private("TOIL", true, SettingsTrigger::App)
        .await
        .expect("private");
    assert!(!worknice_type(&s, "TOIL").private);
    s.engine
        .set_leave_visibility("TOIL", true, SettingsTrigger::App)
        .await
        .expect("shown");
    assert!(
        worknice_type(&s, "TOIL").private,
        "made private when linked"
    );
    s.engine
        .set_leave_private("TOIL", false, SettingsTrigger::Cli)
        .await
        .expect("not private");
    assert!(!worknice_type(&s, "TOIL").private);

    // A type Paybridge made follows later changes too.
    s.engine
        .set_leave_visibility("CL", true, SettingsTrigger::App)
        .await
        .expect("shown");
    assert!(!worknice_type(&s, "CL").private);
    let reads = s.sandbox.worknice.requests_served_for("LeaveTypes");
    let cl = s
        .engine
        .set_leave_private("CL", true, SettingsTrigger::App)
        .await
        .expect("private");
    assert!(cl.private && worknice_type(&s, "CL").private);
    assert_eq!(
        s.sandbox.worknice.requests_served_for("LeaveTypes") - reads,
        1,
        "the types read once, for the privacy and the row alike"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inactive_or_unknown_category_is_refused_with_why_and_nothing_changes() {
    let s = setup(2, 94).await;
    let inactive = s
        .engine
        .set_leave_visibility("RDO", true, SettingsTrigger::App)
        .await
        .expect_err("inactive");
    assert_eq!(inactive.code, ErrorCode::Validation);
    assert!(
        inactive.message.contains("inactive in MicrOpay"),
        "{}",
        inactive.message
    );
    let unknown = s
        .engine
        .set_leave_private("HOLIDAY", true, SettingsTrigger::App)
        .await
        .expect_err("unknown");
    assert!(
        unknown
            .message
            .contains("\"HOLIDAY\" is not a leave category")
            && unknown.message.contains("AnnualLeave (Annual leave)"),
        "{}",
        unknown.message
    );
    assert_eq!(types_with_code(&s, "RDO"), 0);
    assert!(s
        .engine
        .settings_history()
        .await
        .expect("history")
        .is_empty());
    // Hiding an inactive one is fine (nothing to make).
    s.engine
        .set_leave_visibility("RDO", false, SettingsTrigger::App)
        .await
        .expect("already hidden");
}

#[tokio::test(flavor = "multi_thread")]
async fn privacy_and_options_change_and_are_recorded() {
    let s = setup(2, 95).await;
    let cl = s
        .engine
        .set_leave_private("CL", true, SettingsTrigger::Cli)
        .await
        .expect("private");
    assert!(cl.private && !cl.private_by_default);
    let fdv = s
        .engine
        .set_leave_private("FDV", false, SettingsTrigger::App)
        .await
        .expect("not private");
    assert!(!fdv.private && fdv.private_by_default);

    let options = s.engine.leave_options().await.expect("options");
    assert!(!options.balances.on && !options.requests.on);
    // The wording the Leave screen and the command line show.
    assert_eq!(
        options.balances.label,
        "Show employee leave balances live from MicrOpay"
    );
    assert_eq!(
        options.requests.label,
        "Enable leave requests, approvals and automatic transfer to MicrOpay"
    );
    assert!(options.requests.explanation.contains("from the next sync"));
    let options = s
        .engine
        .set_leave_option(LeaveOptionName::Requests, true, SettingsTrigger::Cli)
        .await
        .expect("on");
    assert!(options.requests.on && !options.balances.on);
    assert_eq!(options.changed_by, Some(SettingsTrigger::Cli));

    let history = s.engine.settings_history().await.expect("history");
    let seen: Vec<(&str, Option<&str>, Option<&str>)> = history
        .iter()
        .map(|c| (c.setting.as_str(), c.from.as_deref(), c.to.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            ("leave.requests", Some("off"), Some("on")),
            ("leave.FDV.private", Some("on"), Some("off")),
            ("leave.CL.private", Some("off"), Some("on")),
        ]
    );
}

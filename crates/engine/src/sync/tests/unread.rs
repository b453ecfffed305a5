//! Linked employees a `changedSince` read did not return: planned from
//! their baseline where it is enough, read one by one where it is not.

use super::super::fields::FieldId;
use super::super::plan::{FieldAction, MicropayCoverage, Outcome, Side};
use super::super::unread::{codes_to_read, NOT_READ};
use super::*;
use crate::api::SyncDirection;

/// The world after a `changedSince` read that returned only `returned`.
fn changed_only(mut world: World, returned: &[&str]) -> World {
    world
        .micropay
        .retain(|employee| returned.contains(&employee.emp_code.as_str()));
    world.coverage = MicropayCoverage::Changed;
    world
}

fn to_read(world: &World) -> Vec<String> {
    codes_to_read(&world.inputs())
}

#[test]
fn an_unreturned_employee_nothing_changed_for_is_unchanged_and_read_no_further() {
    let world = changed_only(World::synced(&[detail("E1", 1), detail("E2", 2)]), &[]);
    assert!(to_read(&world).is_empty());
    let plan = world.plan();
    assert_eq!(
        plan.counts.read, 2,
        "both linked employees are accounted for"
    );
    assert_eq!(plan.counts.written, 0);
    assert_eq!(plan.counts.changed, 0);
    for code in ["E1", "E2"] {
        let planned = employee(&plan, code);
        assert_eq!(planned.outcome, Outcome::Unchanged);
        assert!(planned.fields.is_empty(), "{:?}", planned.fields);
    }
    assert!(plan.baseline_after().is_empty(), "the store is not written");
    assert_accounted(&plan);
}

#[test]
fn a_worknice_change_flowing_to_micropay_is_a_change_request_from_the_baseline() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2)]);
    world.directions.personal = SyncDirection::WorkniceToMicropay;
    world.set_worknice("E1", FieldId::PreferredName, plain("Liv"));
    let world = changed_only(world, &[]);
    assert!(
        to_read(&world).is_empty(),
        "Worknice's value is all a Change needs"
    );
    let plan = world.plan();
    let planned = employee(&plan, "E1");
    let preferred = field(planned, FieldId::PreferredName).expect("planned");
    assert_eq!(preferred.action, FieldAction::ChangeRequest);
    assert_eq!(preferred.write, Some(Side::Micropay));
    assert_eq!(preferred.new.as_deref(), Some("Liv"));
    assert_eq!(
        preferred.micropay.as_deref(),
        Some(""),
        "MicrOpay's value as the baseline saw it"
    );
    assert_eq!(planned.fields.len(), 1, "{:?}", planned.fields);
    assert_eq!(employee(&plan, "E2").outcome, Outcome::Unchanged);
    assert_eq!(plan.counts.written, 1);
}

/// MicrOpay wins back to Worknice: the update is built from MicrOpay's
/// full record, so the employee is read on its own, then planned as a
/// full read would.
#[test]
fn a_worknice_change_micropay_wins_is_read_one_by_one_and_set_back() {
    let mut full = World::synced(&[detail("E1", 1), detail("E2", 2)]);
    full.set_worknice("E1", FieldId::FirstName, plain("Liv"));
    let expected = full.plan();
    let mut routine = changed_only(full, &[]);
    assert_eq!(to_read(&routine), ["E1"]);
    let held = routine.plan();
    assert_eq!(
        employee(&held, "E1").reasons,
        [NOT_READ],
        "never planned from a guess"
    );
    assert_eq!(held.counts.written, 0);

    routine.micropay.push(micropay(&detail("E1", 1)));
    let plan = routine.plan();
    let planned = employee(&plan, "E1");
    let first = field(planned, FieldId::FirstName).expect("planned");
    assert_eq!(first.action, FieldAction::Conflict);
    assert_eq!(first.write, Some(Side::Worknice));
    assert_eq!(first.new.as_deref(), Some("Olivia"));
    assert_eq!(
        format!("{:?}", planned.fields),
        format!("{:?}", employee(&expected, "E1").fields),
        "as a full read plans it"
    );
    assert_eq!(employee(&plan, "E2").outcome, Outcome::Unchanged);
}

#[test]
fn a_sensitive_worknice_change_needs_micropays_record() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.directions.tax = SyncDirection::WorkniceToMicropay;
    world.set_worknice("E1", FieldId::Tfn, tfn(OTHER_TFN));
    let world = changed_only(world, &[]);
    assert_eq!(
        to_read(&world),
        ["E1"],
        "the baseline keeps only the TFN's fingerprint"
    );
}

#[test]
fn unanswered_requests_and_missing_baselines_need_the_record() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2), detail("E3", 3)]);
    world.request(
        "E1",
        ChangeKind::Change,
        ChangeStatus::Received,
        &[(FieldId::Email, plain("e1@example.com"))],
        None,
    );
    world.request(
        "E2",
        ChangeKind::Change,
        ChangeStatus::Implemented,
        &[(FieldId::Email, plain("olivia@example.com"))],
        None,
    );
    world.baselines.remove("E3");
    let world = changed_only(world, &[]);
    assert_eq!(to_read(&world), ["E1", "E3"]);
}

/// A Worknice person whose Employee ID MicrOpay did not return may be an
/// employee payroll has not changed: looked up before being taken for a
/// new hire.
#[test]
fn an_unlinked_worknice_code_not_returned_is_looked_up() {
    let mut world = World::synced(&[detail("E1", 1)]);
    let mut hire = person_like(&micropay(&detail("N1", 0)), "hire-N1");
    hire.side.values.remove(&FieldId::BankAccounts);
    world.worknice.push(hire);
    let mut archived = person_like(&micropay(&detail("N2", 0)), "gone-N2");
    archived.archived = true;
    world.worknice.push(archived);
    let world = changed_only(world, &[]);
    assert_eq!(to_read(&world), ["N1"], "not the archived one");
}

/// Returned employees are planned from what MicrOpay sent: a change in
/// payroll reaches Worknice as in a full read.
#[test]
fn a_returned_employee_is_planned_from_micropay() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2)]);
    world.set_micropay("E2", FieldId::PreferredName, plain("Bex"));
    let world = changed_only(world, &["E2"]);
    assert!(to_read(&world).is_empty());
    let plan = world.plan();
    let preferred = field(employee(&plan, "E2"), FieldId::PreferredName).expect("planned");
    assert_eq!(preferred.action, FieldAction::Update);
    assert_eq!(preferred.new.as_deref(), Some("Bex"));
    assert_eq!(employee(&plan, "E1").outcome, Outcome::Unchanged);
}

/// A full read still says a linked employee it did not list and
/// `DeletedEmployees` names was deleted; a `changedSince` read the same.
#[test]
fn a_deleted_employee_is_unlinked_whichever_the_read() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2)]);
    world.deleted.push(paybridge_micropay::DeletedEmployee {
        emp_id: 2,
        emp_code: "E2".to_owned(),
        deleted_date: None,
    });
    let world = changed_only(world, &[]);
    assert!(to_read(&world).is_empty());
    let plan = world.plan();
    assert_eq!(employee(&plan, "E2").outcome, Outcome::Unlinked);
    assert_eq!(employee(&plan, "E1").outcome, Outcome::Unchanged);
}

//! Employee-level rules: holds, new hires, terminations, deletions, and
//! the counts that account for everyone read.

use paybridge_store::{ChangeKind, ChangeStatus};

use super::super::fields::FieldId;
use super::super::people::NEEDS_EMPLOYEE_ID;
use super::super::plan::{EmployeeAction, FieldAction, Outcome, Side};
use super::super::snapshot::SideSnapshot;
use super::*;
use crate::api::SyncDirection;
use crate::NEW_HIRE_DEFAULTS_MISSING;

/// A Worknice person with an Employee ID and no MicrOpay employee.
fn hire(world: &mut World, code: &str) {
    let template = micropay(&detail(code, 0));
    let mut person = person_like(&template, &format!("hire-{code}"));
    // A new hire has no payroll data yet.
    for field in [
        FieldId::BankAccounts,
        FieldId::SuperFunds,
        FieldId::TerminationDate,
    ] {
        person.side.values.remove(&field);
    }
    world.worknice.push(person);
}

#[test]
fn nothing_changed_plans_nothing() {
    let world = World::synced(&[detail("E1", 1), detail("E2", 2)]);
    let plan = world.plan();
    assert!(
        plan.employees.iter().all(|e| e.fields.is_empty()),
        "{:?}",
        plan.employees
    );
    assert_eq!(plan.counts.read, 2);
    assert_eq!(
        (
            plan.counts.changed,
            plan.counts.written,
            plan.counts.held,
            plan.counts.conflicts
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(plan.accounting.get(&Outcome::Unchanged), Some(&2));
    assert!(plan.baseline_after().is_empty(), "nothing to record either");
    assert_accounted(&plan);
}

#[test]
fn a_bad_tfn_holds_the_tfn_and_the_rest_of_the_employee_goes_through() {
    let mut bad = detail("E1", 1);
    if let Some(tax) = bad.employee_detail.as_mut() {
        tax.tfn = Sensitive::new(BAD_TFN.to_owned());
    }
    let mut world = World::synced(&[bad]);
    world.set_micropay("E1", FieldId::LastName, plain("Tran"));
    let plan = world.plan();
    let planned = employee(&plan, "E1");
    let held = field(planned, FieldId::Tfn).expect("the TFN is shown held");
    assert_eq!(held.action, FieldAction::Held);
    assert_eq!(held.write, None);
    assert_eq!(
        held.reason,
        "tax file number fails its checksum: not sent; correct it in MicrOpay"
    );
    let surname = field(planned, FieldId::LastName).expect("the surname goes through");
    assert_eq!(surname.write, Some(Side::Worknice));
    assert_eq!(planned.outcome, Outcome::Updated);
    assert_eq!((plan.counts.held, plan.counts.written), (1, 1));
    let json = serde_json::to_string(&plan).expect("serialises");
    assert!(!json.contains(BAD_TFN), "{json}");
}

#[test]
fn a_conflict_on_a_sensitive_field_shows_both_values_masked_and_nothing_else() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.set_micropay("E1", FieldId::Tfn, tfn(OTHER_TFN));
    world.set_worknice("E1", FieldId::Tfn, tfn("371186600"));
    let plan = world.plan();
    let conflict = field(employee(&plan, "E1"), FieldId::Tfn).expect("planned");
    assert_eq!(conflict.action, FieldAction::Conflict);
    assert_eq!(conflict.micropay.as_deref(), Some("•••••• 210"));
    assert_eq!(conflict.worknice.as_deref(), Some("•••••• 600"));
    let json = serde_json::to_string(&plan).expect("serialises");
    for secret in [TFN, OTHER_TFN, "371186600", ACCOUNT] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    assert!(
        !format!("{plan:?}").contains(OTHER_TFN),
        "Debug hides it too"
    );
    // The baseline keeps fingerprints, never the number.
    let after = baseline_after(&plan, "E1").expect("recorded");
    let seen = after.get(&FieldId::Tfn).expect("the TFN is recorded");
    assert_eq!(seen.micropay.len(), 64);
    assert_ne!(seen.micropay, OTHER_TFN);
}

#[test]
fn a_person_without_an_employee_id_needs_one_and_a_shared_code_holds_the_employee() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2), detail("e2 ", 3)]);
    let mut nameless = person_like(&micropay(&detail("X", 9)), "p-no-id");
    nameless.emp_code = None;
    world.worknice.push(nameless);
    let plan = world.plan();
    let no_id = person(&plan, "p-no-id");
    assert_eq!(no_id.outcome, Outcome::Held);
    assert!(
        no_id.reasons[0].starts_with("needs an Employee ID"),
        "{:?}",
        no_id.reasons
    );
    assert_eq!(no_id.reasons, [NEEDS_EMPLOYEE_ID]);
    let shared: Vec<_> = plan
        .employees
        .iter()
        .filter(|e| e.id_employee == Some(2) || e.id_employee == Some(3))
        .collect();
    assert_eq!(shared.len(), 2);
    for e in shared {
        assert_eq!(e.outcome, Outcome::Held);
        assert!(
            e.reasons[0].contains("share this employee code"),
            "{:?}",
            e.reasons
        );
        assert!(e.fields.is_empty());
    }
    assert_eq!(employee(&plan, "E1").outcome, Outcome::Unchanged);
    assert_eq!(plan.counts.held, 3);
    assert_accounted(&plan);
}

#[test]
fn a_new_hire_is_one_add_held_until_the_defaults_are_chosen() {
    let mut world = World::synced(&[detail("E1", 1)]);
    hire(&mut world, "N1");
    world.defaults_set = false;
    let plan = world.plan();
    let held = employee(&plan, "N1");
    assert_eq!(held.outcome, Outcome::Held);
    assert_eq!(held.reasons.len(), 1, "{:?}", held.reasons);
    assert!(
        held.reasons[0].contains(NEW_HIRE_DEFAULTS_MISSING),
        "{:?}",
        held.reasons
    );
    assert!(held.reasons[0].contains("choose the new-hire defaults"));
    assert_eq!(plan.counts.written, 0);

    world.defaults_set = true;
    let plan = world.plan();
    let add = employee(&plan, "N1");
    assert_eq!(add.action, Some(EmployeeAction::Add));
    assert_eq!(add.outcome, Outcome::Added);
    assert!(add.fields.iter().all(|f| f.write == Some(Side::Micropay)));
    assert!(
        field(add, FieldId::BankAccounts).is_none(),
        "payroll's alone"
    );
    assert_eq!(
        field(add, FieldId::LastName).and_then(|f| f.new.as_deref()),
        Some("Nguyen")
    );
    assert_eq!(plan.counts.written, 1, "one Add");

    // Sent: waiting for payroll, and not added again.
    world.apply(&plan);
    let plan = world.plan();
    let waiting = employee(&plan, "N1");
    assert_eq!(waiting.outcome, Outcome::Pending);
    assert_eq!(waiting.action, None);
    assert_eq!(plan.counts.written, 0);
    assert_eq!(plan.counts.pending, 1);
}

#[test]
fn a_rejected_add_shows_the_reason_until_it_is_corrected_then_goes_again() {
    let mut world = World::synced(&[]);
    hire(&mut world, "N1");
    world.apply(&world.plan());
    world.requests[0].status = ChangeStatus::Rejected;
    world.requests[0].payroll_message = Some("Date of birth missing".to_owned());
    let plan = world.plan();
    let rejected = employee(&plan, "N1");
    assert_eq!(rejected.outcome, Outcome::Rejected);
    assert!(
        rejected.reasons[0].contains("Date of birth missing"),
        "{:?}",
        rejected.reasons
    );
    assert_eq!((plan.counts.rejected, plan.counts.written), (1, 0));

    world.set_worknice("N1", FieldId::DateOfBirth, plain("1991-04-01"));
    let plan = world.plan();
    let again = employee(&plan, "N1");
    assert_eq!(again.action, Some(EmployeeAction::Add));
    assert!(again
        .reasons
        .iter()
        .any(|r| r.contains("Date of birth missing")));
}

#[test]
fn an_implemented_add_links_the_hire_to_the_new_employee() {
    let mut world = World::synced(&[]);
    hire(&mut world, "N1");
    world.apply(&world.plan());
    world.requests[0].status = ChangeStatus::Implemented;
    let plan = world.plan();
    assert_eq!(
        employee(&plan, "N1").outcome,
        Outcome::Pending,
        "not listed by MicrOpay yet"
    );
    world.micropay.push(micropay(&detail("N1", 41)));
    let plan = world.plan();
    let linked = employee(&plan, "N1");
    assert_eq!(linked.action, Some(EmployeeAction::Link));
    assert_eq!(linked.worknice_person_id.as_deref(), Some("hire-N1"));
    assert!(baseline_after(&plan, "N1").is_some());
    world.apply(&plan);
    assert_eq!(world.links.len(), 1);
}

#[test]
fn a_termination_in_micropay_reaches_worknice() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.set_micropay("E1", FieldId::TerminationDate, plain("2026-11-30"));
    let plan = world.plan();
    let terminated = field(employee(&plan, "E1"), FieldId::TerminationDate).expect("planned");
    assert_eq!(terminated.write, Some(Side::Worknice));
    assert_eq!(terminated.new.as_deref(), Some("2026-11-30"));
    assert_eq!(
        terminated.reason,
        "terminated in MicrOpay on 2026-11-30: the termination date goes to Worknice"
    );
}

#[test]
fn a_deleted_employee_is_unlinked_and_flagged_and_the_person_is_never_deleted_or_added_again() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2)]);
    world.micropay.retain(|e| e.emp_code != "E2");
    world.deleted.push(paybridge_micropay::DeletedEmployee {
        emp_id: 2,
        emp_code: "E2".to_owned(),
        deleted_date: Some(date(2026, 11, 29)),
    });
    let plan = world.plan();
    let gone = employee(&plan, "E2");
    assert_eq!(gone.action, Some(EmployeeAction::Unlink));
    assert_eq!(gone.outcome, Outcome::Unlinked);
    assert!(gone.reasons[0].starts_with("Deleted in MicrOpay on 2026-11-29: unlinked."));
    assert!(gone.fields.is_empty(), "nothing is written to the person");
    assert!(plan
        .baseline_after()
        .contains(&("E2".to_owned(), BaselineChange::Remove)));
    world.apply(&plan);
    assert_eq!(world.worknice.len(), 2, "the person stays");
    let next = world.plan();
    let after = employee(&next, "E2");
    assert_eq!(after.outcome, Outcome::Held, "not a new hire");
    assert_eq!(after.action, None);
    assert_eq!(next.counts.written, 0);
}

#[test]
fn a_linked_employee_whose_person_is_gone_is_held_and_an_unlinked_one_is_the_imports() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.worknice.clear();
    world.micropay.push(micropay(&detail("E9", 9)));
    world.worknice.push(WorknicePersonSide {
        person_id: "p-odd".to_owned(),
        emp_code: Some("E8".to_owned()),
        name: "Unreadable".to_owned(),
        side: SideSnapshot::default(),
        unreadable: Some("displayName is a number".to_owned()),
        archived: false,
    });
    let plan = world.plan();
    assert_eq!(employee(&plan, "E1").outcome, Outcome::Held);
    assert_eq!(employee(&plan, "E9").outcome, Outcome::NotImported);
    assert_eq!(employee(&plan, "E8").outcome, Outcome::Held);
    assert_accounted(&plan);
}

#[test]
fn the_counts_add_up_over_a_mixed_run() {
    let mut world = World::synced(&[
        detail("E1", 1),
        detail("E2", 2),
        detail("E3", 3),
        detail("E4", 4),
    ]);
    world.directions.personal = SyncDirection::WorkniceToMicropay;
    world.set_micropay("E1", FieldId::Tfn, tfn(OTHER_TFN)); // update
    world.set_worknice("E2", FieldId::Email, plain("new@example.com")); // change request
    world.set_micropay("E3", FieldId::Email, plain("payroll@example.com")); // conflict
    world.set_worknice("E4", FieldId::Mobile, plain("0411 111 111"));
    world.request(
        "E4",
        ChangeKind::Change,
        ChangeStatus::PickedUp,
        &[(FieldId::Mobile, plain("0411 111 111"))],
        None,
    ); // pending
    hire(&mut world, "N1"); // add
    let plan = world.plan();
    assert_eq!(plan.counts.read, 5);
    assert_eq!(plan.counts.written, 4);
    assert_eq!(plan.counts.conflicts, 1);
    assert_eq!(plan.counts.pending, 1);
    assert_eq!(
        plan.counts.changed, 4,
        "the pending one was counted when it was sent"
    );
    assert_eq!(plan.accounting.get(&Outcome::Updated), Some(&3));
    assert_eq!(plan.accounting.get(&Outcome::Added), Some(&1));
    assert_eq!(plan.accounting.get(&Outcome::Pending), Some(&1));
    assert_accounted(&plan);
    let json = serde_json::to_value(&plan).expect("serialises");
    for name in [
        "read",
        "changed",
        "written",
        "held",
        "conflicts",
        "pending",
        "rejected",
    ] {
        assert!(json["counts"][name].is_u64(), "{name}: {json}");
    }
    let tfn_change = &json["employees"][0]["fields"][0];
    assert_eq!(tfn_change["field"], "tfn");
    assert_eq!(tfn_change["label"], "Tax file number");
    assert_eq!(tfn_change["group"], "tax");
    assert_eq!(tfn_change["action"], "update");
    assert_eq!(tfn_change["write"], "worknice");
    assert_eq!(tfn_change["old"], "•••••• 782");
    assert_eq!(tfn_change["new"], "•••••• 210");
    assert!(
        tfn_change.get("value").is_none(),
        "the value to write is never printed"
    );
    assert_eq!(
        json["employees"][1]["fields"][0]["action"],
        "change-request"
    );
    assert_eq!(json["employees"][4]["action"], "add");
    assert_eq!(json["accounting"]["updated"], 3);
}

#[test]
fn people_sharing_an_employee_id_and_a_hire_without_a_surname_are_held() {
    let mut world = World::synced(&[]);
    hire(&mut world, "N1");
    hire(&mut world, "n1");
    hire(&mut world, "N2");
    world.set_worknice("N2", FieldId::LastName, plain(" "));
    let plan = world.plan();
    assert_eq!(plan.counts.read, 3);
    assert_eq!(plan.counts.held, 3);
    assert_eq!(plan.counts.written, 0);
    for planned in &plan.employees {
        assert_eq!(planned.outcome, Outcome::Held, "{planned:?}");
        assert_eq!(planned.action, None);
    }
    assert!(employee(&plan, "N1").reasons[0].contains("share this Employee ID"));
    assert!(employee(&plan, "N2").reasons[0].contains("without a surname"));
}

#[test]
fn an_archived_person_is_never_a_new_hire() {
    let mut world = World::synced(&[]);
    hire(&mut world, "N1");
    world.person_mut("N1").archived = true;
    let mut former = person_like(&micropay(&detail("X", 9)), "p-former");
    former.emp_code = None;
    former.archived = true;
    world.worknice.push(former);
    let plan = world.plan();
    assert!(plan.employees.is_empty(), "{:?}", plan.employees);
    assert_eq!(plan.counts, super::super::plan::Counts::default());
}

#[test]
fn a_person_given_a_linked_employees_id_is_held_not_dropped() {
    let mut world = World::synced(&[detail("E1", 1)]);
    // HR copied E1's Employee ID onto another person.
    let copy = person_like(&micropay(&detail("e1 ", 1)), "p-copy");
    world.worknice.push(copy);
    let plan = world.plan();
    let held = person(&plan, "p-copy");
    assert_eq!(held.outcome, Outcome::Held);
    assert_eq!(held.action, None);
    assert!(
        held.reasons[0].contains("already linked to another Worknice person"),
        "{:?}",
        held.reasons
    );
    assert_eq!(employee(&plan, "E1").outcome, Outcome::Unchanged);
    assert_eq!(plan.counts.read, 2);
    assert_eq!(plan.counts.written, 0);
    assert_accounted(&plan);
}

#[test]
fn a_hire_without_a_start_date_is_held_with_what_to_do() {
    let mut world = World::synced(&[]);
    hire(&mut world, "N1");
    hire(&mut world, "N2");
    let undated = world
        .worknice
        .iter_mut()
        .find(|person| person.person_id == "hire-N2")
        .expect("the hire");
    undated.side.values.remove(&FieldId::StartDate);
    let plan = world.plan();
    assert_eq!(employee(&plan, "N1").action, Some(EmployeeAction::Add));
    let held = employee(&plan, "N2");
    assert_eq!((held.outcome, held.action), (Outcome::Held, None));
    assert_eq!(
        held.reasons,
        ["New hire: MicrOpay needs a start date — set it in Worknice."]
    );
}

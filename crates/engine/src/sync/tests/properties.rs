//! Properties over random worlds: applying a plan and planning again from
//! the baselines it recorded writes nothing.

use paybridge_store::{ChangeKind, ChangeStatus};
use proptest::prelude::*;

use super::super::fields::FieldId;
use super::*;
use crate::api::SyncDirection;

const PLAIN_FIELDS: [FieldId; 3] = [FieldId::FirstName, FieldId::Email, FieldId::Mobile];
const TFNS: [&str; 3] = [TFN, OTHER_TFN, "371186600"];

fn value(field: FieldId, pick: usize) -> FieldValue {
    if field == FieldId::Tfn {
        tfn(TFNS[pick % TFNS.len()])
    } else {
        plain(&format!("value {pick}"))
    }
}

/// One field of one employee: what the last sync saw (if anything) and
/// each side now, as picks from three values.
#[derive(Debug, Clone)]
struct FieldCase {
    seen: Option<(usize, usize)>,
    micropay: usize,
    worknice: usize,
}

fn field_case() -> impl Strategy<Value = FieldCase> {
    (
        proptest::option::of((0..3usize, 0..3usize)),
        0..3usize,
        0..3usize,
    )
        .prop_map(|(seen, micropay, worknice)| FieldCase {
            seen,
            micropay,
            worknice,
        })
}

#[derive(Debug, Clone)]
struct EmployeeCase {
    fields: Vec<FieldCase>,
    /// A Change request on the first name: its status and value pick.
    request: Option<(usize, usize)>,
    bad_tfn: bool,
}

fn employee_case() -> impl Strategy<Value = EmployeeCase> {
    (
        proptest::collection::vec(field_case(), 4),
        proptest::option::of((0..6usize, 0..3usize)),
        any::<bool>(),
    )
        .prop_map(|(fields, request, bad_tfn)| EmployeeCase {
            fields,
            request,
            bad_tfn,
        })
}

fn direction(worknice_first: bool) -> SyncDirection {
    if worknice_first {
        SyncDirection::WorkniceToMicropay
    } else {
        SyncDirection::MicropayToWorknice
    }
}

fn world_of(cases: &[EmployeeCase], personal: bool, tax: bool, hires: usize) -> World {
    let details: Vec<_> = (0..cases.len())
        .map(|i| detail(&format!("E{i}"), i as i64 + 1))
        .collect();
    let mut world = World::synced(&details);
    world.directions.personal = direction(personal);
    world.directions.tax = direction(tax);
    let fields = [
        PLAIN_FIELDS[0],
        PLAIN_FIELDS[1],
        PLAIN_FIELDS[2],
        FieldId::Tfn,
    ];
    for (i, case) in cases.iter().enumerate() {
        let code = format!("E{i}");
        for (field, field_case) in fields.iter().zip(&case.fields) {
            let baseline = world.baselines.get_mut(&code).expect("synced");
            match field_case.seen {
                Some((m, w)) => {
                    let (m, w) = (value(*field, m), value(*field, w));
                    let (m, w) = (m.recorded(*field, &KEY), w.recorded(*field, &KEY));
                    baseline.insert(*field, super::super::baseline::Seen::new(&m, &w));
                }
                None => {
                    baseline.remove(field);
                }
            }
            world.set_micropay(&code, *field, value(*field, field_case.micropay));
            world.set_worknice(&code, *field, value(*field, field_case.worknice));
        }
        if case.bad_tfn {
            let employee = world
                .micropay
                .iter_mut()
                .find(|e| e.emp_code == code)
                .expect("the employee");
            employee.side.values.insert(FieldId::Tfn, tfn(BAD_TFN));
            employee
                .side
                .held
                .insert(FieldId::Tfn, "fails its checksum".to_owned());
        }
        if let Some((status, pick)) = case.request {
            world.request(
                &code,
                ChangeKind::Change,
                ChangeStatus::ALL[status],
                &[(FieldId::FirstName, value(FieldId::FirstName, pick))],
                Some("payroll's reason"),
            );
        }
    }
    for h in 0..hires {
        let mut person = person_like(
            &micropay(&detail(&format!("N{h}"), 0)),
            &format!("hire-{h}"),
        );
        person.side.values.remove(&FieldId::BankAccounts);
        world.worknice.push(person);
    }
    world
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(7), ..ProptestConfig::default() })]

    #[test]
    fn planning_again_after_applying_a_plan_writes_nothing(
        cases in proptest::collection::vec(employee_case(), 1..6),
        personal in any::<bool>(),
        tax in any::<bool>(),
        hires in 0..3usize,
    ) {
        let mut world = world_of(&cases, personal, tax, hires);
        let first = world.plan();
        assert_accounted(&first);
        let json = serde_json::to_string(&first).expect("serialises");
        for secret in TFNS.iter().chain([&BAD_TFN, &ACCOUNT]) {
            prop_assert!(!json.contains(secret), "{} in the plan", secret);
        }
        world.apply(&first);
        let second = world.plan();
        assert_accounted(&second);
        prop_assert_eq!(second.counts.written, 0, "{:#?}", second.employees);
        prop_assert_eq!(second.counts.conflicts, 0);
        prop_assert_eq!(second.counts.read, first.counts.read);
    }

    #[test]
    fn the_plan_is_a_function_of_its_inputs(
        cases in proptest::collection::vec(employee_case(), 1..4),
        personal in any::<bool>(),
    ) {
        let world = world_of(&cases, personal, false, 1);
        let once = serde_json::to_value(world.plan()).expect("serialises");
        let again = serde_json::to_value(world.plan()).expect("serialises");
        prop_assert_eq!(once, again);
    }
}

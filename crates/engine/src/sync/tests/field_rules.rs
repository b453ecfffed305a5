//! One rule per row: a linked employee's first name as the last sync saw
//! it, as it is now on each side, and any change request carrying it.

use paybridge_store::{ChangeKind, ChangeStatus};

use super::super::baseline::Seen;
use super::super::fields::FieldId;
use super::super::plan::{FieldAction, Outcome, Side};
use super::*;
use crate::api::SyncDirection;

use SyncDirection::{MicropayToWorknice as M2W, WorkniceToMicropay as W2M};

struct Case {
    name: &'static str,
    personal: SyncDirection,
    /// What the last sync saw (MicrOpay, Worknice); `None`: nothing yet.
    seen: Option<(&'static str, &'static str)>,
    micropay: &'static str,
    worknice: &'static str,
    request: Option<(ChangeStatus, &'static str)>,
    action: Option<FieldAction>,
    write: Option<Side>,
    new: Option<&'static str>,
    seen_after: Option<(&'static str, &'static str)>,
}

const fn case(
    name: &'static str,
    personal: SyncDirection,
    seen: Option<(&'static str, &'static str)>,
    (micropay, worknice): (&'static str, &'static str),
    request: Option<(ChangeStatus, &'static str)>,
    (action, write, new): Planned,
    seen_after: Option<(&'static str, &'static str)>,
) -> Case {
    Case {
        name,
        personal,
        seen,
        micropay,
        worknice,
        request,
        action,
        write,
        new,
        seen_after,
    }
}

const ANN: Option<(&str, &str)> = Some(("Ann", "Ann"));
const ANNE: Option<(&str, &str)> = Some(("Anne", "Anne"));

/// The action planned for the first name, the side written and the value.
type Planned = (Option<FieldAction>, Option<Side>, Option<&'static str>);
const NOTHING: Planned = (None, None, None);

const fn to_worknice(action: FieldAction, new: &'static str) -> Planned {
    (Some(action), Some(Side::Worknice), Some(new))
}

const fn to_micropay(action: FieldAction, new: &'static str) -> Planned {
    (Some(action), Some(Side::Micropay), Some(new))
}

/// Shown, but nothing written.
const fn only(action: FieldAction) -> Planned {
    (Some(action), None, None)
}

const CASES: &[Case] = &[
    case(
        "first sync, equal: adopted, nothing written",
        M2W,
        None,
        ("Ann", "Ann"),
        None,
        NOTHING,
        ANN,
    ),
    case(
        "first sync, different, MicrOpay → Worknice: MicrOpay's value wins",
        M2W,
        None,
        ("Ann", "Anna"),
        None,
        to_worknice(FieldAction::Adopt, "Ann"),
        ANN,
    ),
    case(
        "first sync, different, Worknice → MicrOpay: Worknice's value is requested",
        W2M,
        None,
        ("Ann", "Anna"),
        None,
        to_micropay(FieldAction::Adopt, "Anna"),
        None,
    ),
    case(
        "nothing changed",
        M2W,
        ANN,
        ("Ann", "Ann"),
        None,
        NOTHING,
        ANN,
    ),
    case(
        "changed in MicrOpay only: written to Worknice",
        M2W,
        ANN,
        ("Anne", "Ann"),
        None,
        to_worknice(FieldAction::Update, "Anne"),
        ANNE,
    ),
    case(
        "changed in Worknice only, MicrOpay → Worknice: conflict, MicrOpay wins",
        M2W,
        ANN,
        ("Ann", "Annie"),
        None,
        to_worknice(FieldAction::Conflict, "Ann"),
        ANN,
    ),
    case(
        "changed on both, MicrOpay → Worknice: conflict, MicrOpay wins",
        M2W,
        ANN,
        ("Anne", "Annie"),
        None,
        to_worknice(FieldAction::Conflict, "Anne"),
        ANNE,
    ),
    case(
        "changed on both, Worknice → MicrOpay: conflict, MicrOpay wins",
        W2M,
        ANN,
        ("Anne", "Annie"),
        None,
        to_worknice(FieldAction::Conflict, "Anne"),
        ANNE,
    ),
    case(
        "changed in MicrOpay only, Worknice → MicrOpay: conflict, MicrOpay wins",
        W2M,
        ANN,
        ("Anne", "Ann"),
        None,
        to_worknice(FieldAction::Conflict, "Anne"),
        ANNE,
    ),
    case(
        "changed in Worknice, Worknice → MicrOpay: a change request; the baseline waits",
        W2M,
        ANN,
        ("Ann", "Annie"),
        None,
        to_micropay(FieldAction::ChangeRequest, "Annie"),
        ANN,
    ),
    case(
        "both changed to the same value: nothing to write",
        M2W,
        ANN,
        ("Anne", "Anne"),
        None,
        NOTHING,
        ANNE,
    ),
    case(
        "a pending request freezes the field: MicrOpay's old value is not a change",
        W2M,
        ANN,
        ("Ann", "Annie"),
        Some((ChangeStatus::PickedUp, "Annie")),
        only(FieldAction::WaitingForPayroll),
        ANN,
    ),
    case(
        "a pending request freezes the field whatever the direction is now",
        M2W,
        ANN,
        ("Ann", "Annie"),
        Some((ChangeStatus::Received, "Annie")),
        only(FieldAction::WaitingForPayroll),
        ANN,
    ),
    case(
        "a request whose answer was lost holds the field (frozen, never resent)",
        M2W,
        ANN,
        ("Ann", "Annie"),
        Some((ChangeStatus::Queued, "Annie")),
        only(FieldAction::Held),
        ANN,
    ),
    case(
        "implemented: the baseline moves to the new value, nothing written",
        W2M,
        ANN,
        ("Annie", "Annie"),
        Some((ChangeStatus::Implemented, "Annie")),
        only(FieldAction::Implemented),
        Some(("Annie", "Annie")),
    ),
    case(
        "rejected: MicrOpay wins and Worknice is set back",
        W2M,
        ANN,
        ("Ann", "Annie"),
        Some((ChangeStatus::Rejected, "Annie")),
        to_worknice(FieldAction::SetBack, "Ann"),
        ANN,
    ),
    case(
        "rejected, then changed again in Worknice: a new change request",
        W2M,
        ANN,
        ("Ann", "Anya"),
        Some((ChangeStatus::Rejected, "Annie")),
        to_micropay(FieldAction::ChangeRequest, "Anya"),
        ANN,
    ),
];

fn seen<'a>((micropay, worknice): (&'a str, &'a str)) -> Seen<'a> {
    Seen::new(micropay, worknice)
}

#[test]
fn each_field_rule_writes_the_side_it_should_and_records_the_baseline() {
    for case in CASES {
        let mut world = World::synced(&[detail("E1", 1)]);
        world.directions.personal = case.personal;
        let baseline = world.baselines.get_mut("E1").expect("a baseline");
        match case.seen {
            Some(values) => {
                baseline.insert(FieldId::FirstName, seen(values));
            }
            None => {
                baseline.remove(&FieldId::FirstName);
            }
        }
        world.set_micropay("E1", FieldId::FirstName, plain(case.micropay));
        world.set_worknice("E1", FieldId::FirstName, plain(case.worknice));
        if let Some((status, value)) = case.request {
            let message =
                (status == ChangeStatus::Rejected).then_some("Name does not match the ID");
            world.request(
                "E1",
                ChangeKind::Change,
                status,
                &[(FieldId::FirstName, plain(value))],
                message,
            );
        }

        let plan = world.plan();
        let planned = employee(&plan, "E1");
        let first_name = field(planned, FieldId::FirstName);
        assert_eq!(first_name.map(|f| f.action), case.action, "{}", case.name);
        assert_eq!(
            first_name.and_then(|f| f.write),
            case.write,
            "{}",
            case.name
        );
        assert_eq!(
            first_name.and_then(|f| f.new.as_deref()),
            case.new,
            "{}",
            case.name
        );
        assert_eq!(
            planned.fields.len(),
            usize::from(case.action.is_some()),
            "{}: only the first name is planned: {:?}",
            case.name,
            planned.fields
        );
        // Nothing recorded: the baseline stays as it was.
        let after = baseline_after(&plan, "E1").unwrap_or_else(|| world.baselines["E1"].clone());
        let expected = case.seen_after.map(seen);
        assert_eq!(after.get(&FieldId::FirstName), expected, "{}", case.name);
        if let Some(first_name) = first_name {
            assert_eq!(
                first_name.micropay.as_deref(),
                Some(case.micropay),
                "{}",
                case.name
            );
            assert_eq!(
                first_name.worknice.as_deref(),
                Some(case.worknice),
                "{}",
                case.name
            );
            assert_eq!(first_name.label, "First name");
            assert!(!first_name.reason.is_empty(), "{}", case.name);
        }
        assert_accounted(&plan);
    }
}

#[test]
fn a_rejected_change_sets_worknice_back_and_the_employee_shows_payrolls_reason() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.directions.tax = W2M;
    world.set_worknice("E1", FieldId::Tfn, tfn(OTHER_TFN));
    let id = world.request(
        "E1",
        ChangeKind::Change,
        ChangeStatus::Rejected,
        &[(FieldId::Tfn, tfn(OTHER_TFN))],
        Some("TFN 876 543 210 belongs to someone else"),
    );
    let plan = world.plan();
    let planned = employee(&plan, "E1");
    assert_eq!(planned.outcome, Outcome::Rejected);
    assert_eq!(
        planned.reasons,
        [format!(
            "Payroll rejected change request {id}: TFN •••• belongs to someone else"
        )]
    );
    let json = serde_json::to_string(&plan).expect("serialises");
    assert!(
        !json.contains("876 543 210") && !json.contains(OTHER_TFN),
        "{json}"
    );
    let set_back = field(planned, FieldId::Tfn).expect("the TFN is planned");
    assert_eq!(set_back.action, FieldAction::SetBack);
    assert_eq!(set_back.write, Some(Side::Worknice));
    assert_eq!(set_back.new.as_deref(), Some("•••••• 782"), "masked");
    assert_eq!(set_back.change_request, Some(id));
    assert_eq!(plan.counts.rejected, 1);
    assert_eq!(plan.counts.written, 1);
}

#[test]
fn a_pending_change_is_not_reverted_and_counts_as_pending() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.directions.personal = W2M;
    world.set_worknice("E1", FieldId::LastName, plain("Tran"));
    let first = world.plan();
    let change = field(employee(&first, "E1"), FieldId::LastName).expect("planned");
    assert_eq!(change.action, FieldAction::ChangeRequest);
    world.apply(&first);
    // Payroll has not implemented it: MicrOpay still says Nguyen.
    world.requests[0].status = ChangeStatus::Received;
    let second = world.plan();
    let planned = employee(&second, "E1");
    assert_eq!(planned.outcome, Outcome::Pending);
    let waiting = field(planned, FieldId::LastName).expect("shown");
    assert_eq!(waiting.action, FieldAction::WaitingForPayroll);
    assert_eq!(waiting.write, None, "not reverted");
    assert_eq!(waiting.change_request, Some(world.requests[0].id));
    assert_eq!(second.counts.pending, 1);
    assert_eq!(second.counts.written, 0);
}

#[test]
fn bank_and_super_flow_micropay_to_worknice_whatever_the_directions() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.directions.personal = W2M;
    world.directions.tax = W2M;
    let changed_bank = FieldValue::sensitive(
        Sensitive::new("0|062-000|11112222|O Nguyen|balance of pay".to_owned()),
        "062-000 ••••• 222 O Nguyen (balance of pay)".to_owned(),
    );
    world.set_worknice("E1", FieldId::BankAccounts, changed_bank);
    let plan = world.plan();
    let bank = field(employee(&plan, "E1"), FieldId::BankAccounts).expect("planned");
    assert_eq!(bank.action, FieldAction::Conflict);
    assert_eq!(bank.write, Some(Side::Worknice), "never a change request");
    assert_eq!(plan.counts.conflicts, 1);
}

#[test]
fn an_implemented_change_is_reported_once_then_the_plan_is_empty() {
    let mut world = World::synced(&[detail("E1", 1)]);
    world.directions.personal = W2M;
    world.set_worknice("E1", FieldId::LastName, plain("Tran"));
    world.apply(&world.plan());
    // Payroll implements it: MicrOpay now says Tran.
    world.requests[0].status = ChangeStatus::Implemented;
    world.set_micropay("E1", FieldId::LastName, plain("Tran"));
    let implemented = world.plan();
    let surname = field(employee(&implemented, "E1"), FieldId::LastName).expect("reported");
    assert_eq!(surname.action, FieldAction::Implemented);
    world.apply(&implemented);

    // The request stays in the store (and in the inputs) once answered.
    let next = world.plan();
    let planned = employee(&next, "E1");
    assert!(planned.fields.is_empty(), "{:?}", planned.fields);
    assert_eq!(planned.outcome, Outcome::Unchanged);
    assert!(next.baseline_after().is_empty(), "nothing to record");
}

#[test]
fn worknice_to_micropay_a_tfn_corrected_in_worknice_goes_to_payroll_once() {
    let mut bad = detail("E1", 1);
    if let Some(tax) = bad.employee_detail.as_mut() {
        tax.tfn = Sensitive::new(BAD_TFN.to_owned());
    }
    let mut world = World::synced(&[bad]);
    world.set_worknice("E1", FieldId::Tfn, tfn(OTHER_TFN));

    // MicrOpay → Worknice: MicrOpay's TFN cannot be sent, so it is held.
    let plan = world.plan();
    let held = field(employee(&plan, "E1"), FieldId::Tfn).expect("shown");
    assert_eq!((held.action, held.write), (FieldAction::Held, None));

    // Worknice → MicrOpay: the corrected TFN is what goes, as a request.
    world.directions.tax = W2M;
    let plan = world.plan();
    let sent = field(employee(&plan, "E1"), FieldId::Tfn).expect("planned");
    assert_eq!(sent.action, FieldAction::ChangeRequest);
    assert_eq!(sent.write, Some(Side::Micropay));
    assert_eq!(sent.new.as_deref(), Some("•••••• 210"));
    world.apply(&plan);

    // Payroll rejects it: the same value is not sent again.
    world.requests[0].status = ChangeStatus::Rejected;
    world.requests[0].payroll_message = Some("TFN belongs to someone else".to_owned());
    let plan = world.plan();
    let after = field(employee(&plan, "E1"), FieldId::Tfn).expect("shown");
    assert_eq!((after.action, after.write), (FieldAction::Held, None));
    assert_eq!(
        after.reason,
        "tax file number fails its checksum: not sent; correct it in MicrOpay; \
         payroll rejected change request 1: TFN belongs to someone else"
    );
    assert_eq!(after.change_request, Some(1));
    assert_eq!(plan.counts.written, 0);
}

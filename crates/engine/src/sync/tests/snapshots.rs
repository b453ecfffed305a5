//! Snapshots of MicrOpay's employees, and baselines as the store keeps them.

use paybridge_micropay::BankAccount;
use paybridge_store::{DatabaseKey, Store};

use super::super::baseline::{from_rows, load, to_rows, Recorded};
use super::super::fields::FieldId;
use super::super::snapshot::{snapshot_from_micropay, snapshot_from_worknice, FieldValueRef};
use super::*;

#[test]
fn a_micropay_snapshot_holds_canonical_text_and_sensitive_values_masked() {
    let side = snapshot_from_micropay(&detail("E1", 1), &LookupNames::default());
    let text = |field| side.values.get(&field).map(|value| value.shown());
    assert_eq!(
        text(FieldId::FirstName).as_deref(),
        Some("Olivia"),
        "trimmed"
    );
    assert_eq!(text(FieldId::DateOfBirth).as_deref(), Some("1990-03-14"));
    assert_eq!(text(FieldId::StartDate).as_deref(), Some("2020-01-06"));
    assert_eq!(text(FieldId::TerminationDate).as_deref(), Some(""));
    assert_eq!(text(FieldId::Country).as_deref(), Some("Australia"));
    // Not read from MicrOpay (undocumented there): never compared.
    assert_eq!(text(FieldId::TaxFreeThreshold), None);
    assert_eq!(text(FieldId::HelpDebt).as_deref(), Some("No"));
    assert_eq!(text(FieldId::BasisOfPayment).as_deref(), Some("FullTime"));
    assert_eq!(text(FieldId::Tfn).as_deref(), Some("•••••• 782"));
    assert_eq!(
        text(FieldId::BankAccounts).as_deref(),
        Some("062-000 ••••• 432 O Nguyen (balance of pay)")
    );
    assert!(side.held.is_empty(), "{:?}", side.held);
    for field in [FieldId::Tfn, FieldId::BankAccounts, FieldId::SuperFunds] {
        assert!(
            matches!(side.values.get(&field), Some(FieldValueRef::Sensitive(_))),
            "{field:?}"
        );
    }
    let debug = format!("{side:?}");
    assert!(!debug.contains(TFN) && !debug.contains(ACCOUNT), "{debug}");
}

#[test]
fn a_bad_bsb_holds_the_bank_accounts_only() {
    let mut employee = detail("E1", 1);
    employee.employee_banks[0].bsb_code = "06200".to_owned();
    employee.employee_banks.push(BankAccount {
        bsb_code: "062-001".to_owned(),
        account_number: Sensitive::new("11112222".to_owned()),
        account_name: "Savings".to_owned(),
        pay_amount_cents: 5000,
        order: 1,
        ..BankAccount::default()
    });
    let side = snapshot_from_micropay(&employee, &LookupNames::default());
    assert_eq!(
        side.held.get(&FieldId::BankAccounts).map(String::as_str),
        Some("bank account 1: BSB must have 6 digits, for example 062-000: not sent; correct it in MicrOpay")
    );
    assert_eq!(side.held.len(), 1, "{:?}", side.held);
    // A valid split's problem, once the BSBs are fine, is held too.
    let mut two_balances = detail("E1", 1);
    let mut second = two_balances.employee_banks[0].clone();
    second.order = 1;
    two_balances.employee_banks.push(second);
    let side = snapshot_from_micropay(&two_balances, &LookupNames::default());
    assert!(side.held[&FieldId::BankAccounts]
        .starts_with("the bank split: Only one bank account may take the balance of pay"));
}

#[test]
fn an_unreadable_field_holds_that_field_and_an_unknown_part_holds_the_employee() {
    let mut employee = detail("E1", 1);
    employee.hired_date = None;
    employee.unreadable_fields = vec!["hiredDate is not a date in the form yyyy-mm-dd".to_owned()];
    let read = micropay(&employee);
    assert!(read.unusable.is_empty());
    assert!(read.side.held[&FieldId::StartDate].contains("hiredDate is not a date"));

    employee.unreadable_fields =
        vec!["the record is a number, where struct EmployeeDetail was expected".to_owned()];
    assert_eq!(micropay(&employee).unusable.len(), 1);
    let mut no_code = detail("", 2);
    no_code.emp_code = "  ".to_owned();
    assert!(micropay(&no_code).unusable[0].starts_with("No employee code"));
}

#[test]
fn a_worknice_person_today_carries_start_date_email_and_mobile() {
    let person = paybridge_worknice::WorknicePerson {
        id: "p1".to_owned(),
        display_name: "Olivia Nguyen".to_owned(),
        status: None,
        employee_code: Some(" E1 ".to_owned()),
        start_date: Some(date(2020, 1, 6)),
        profile_email: Some("olivia@example.com ".to_owned()),
        profile_phone: None,
        location: None,
        position_title: None,
        unreadable: None,
    };
    let side = snapshot_from_worknice(&person);
    let keys: Vec<_> = side.values.keys().collect();
    assert_eq!(keys, [FieldId::Email, FieldId::Mobile, FieldId::StartDate]);
    assert_eq!(
        side.values.get(&FieldId::Email),
        Some(FieldValueRef::Plain("olivia@example.com"))
    );
    assert_eq!(
        side.values.get(&FieldId::Mobile),
        Some(FieldValueRef::Plain(""))
    );
    let planned = WorknicePersonSide::from_person(&person);
    assert_eq!(planned.emp_code.as_deref(), Some("E1"));
    assert!(!planned.archived);
    let archived = paybridge_worknice::WorknicePerson {
        status: Some(paybridge_worknice::WorknicePersonStatus::Archived),
        ..person
    };
    assert!(WorknicePersonSide::from_person(&archived).archived);
}

#[test]
fn what_micropay_would_refuse_from_worknice_is_held_on_the_worknice_side() {
    let mut values = micropay(&detail("E1", 1)).side.values;
    values.insert(FieldId::FirstName, plain("Maximiliana-Josephine"));
    let held = worknice_problems(&values);
    assert_eq!(
        held.get(&FieldId::FirstName).map(String::as_str),
        Some("first name is longer than MicrOpay's limit of 20 characters: not sent; correct it in Worknice")
    );
    values.insert(FieldId::Tfn, tfn(BAD_TFN));
    values.insert(FieldId::Country, plain("New Zealand"));
    let held = worknice_problems(&values);
    assert_eq!(
        held.get(&FieldId::Tfn).map(String::as_str),
        Some("tax file number fails its checksum: not sent; correct it in Worknice")
    );
    assert!(held[&FieldId::Country].starts_with("MicrOpay keeps Australian addresses only"));
    assert_eq!(held.len(), 3);
}

#[test]
fn baselines_reach_the_database_as_fingerprints_never_as_the_numbers() {
    let world = World::synced(&[detail("E1", 1)]);
    let rows = to_rows(&world.baselines["E1"]);
    let tfn_row = rows
        .iter()
        .find(|row| row.field == "tfn")
        .expect("a TFN row");
    assert!(tfn_row.fingerprinted);
    assert_eq!(from_rows(&rows), world.baselines["E1"], "round trip");

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.db");
    let key = DatabaseKey::from_bytes([6; 32]);
    let store = Store::open(&path, &key).expect("opens");
    store
        .baselines()
        .put_all("E1", &rows, chrono::DateTime::UNIX_EPOCH)
        .expect("recorded");
    drop(store);

    // Read the file's rows as they are, past the store's API.
    let conn = rusqlite::Connection::open(&path).expect("opens the file");
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.to_hex().expose()))
        .expect("keyed");
    let mut statement = conn
        .prepare("SELECT field, fingerprinted, micropay, worknice FROM sync_baselines")
        .expect("prepares");
    let stored: Vec<(String, bool, String, String)> = statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .expect("reads")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(stored.len(), rows.len());
    for (field, fingerprinted, micropay, worknice) in &stored {
        for value in [micropay, worknice] {
            assert!(
                !value.contains(TFN) && !value.contains(ACCOUNT),
                "{field}: {value}"
            );
        }
        let sensitive = FieldId::from_key(field)
            .expect("a known field")
            .is_sensitive();
        assert_eq!(*fingerprinted, sensitive, "{field}");
        if sensitive {
            assert_eq!(micropay.len(), 64, "{field}");
        }
    }
    assert!(stored
        .iter()
        .any(|(field, _, value, _)| field == "firstName" && value == "Olivia"));
}

#[test]
fn a_baseline_row_whose_kind_disagrees_with_the_catalogue_is_not_trusted() {
    let rows = vec![
        paybridge_store::BaselineRow {
            field: "tfn".to_owned(),
            fingerprinted: false,
            micropay: "x".to_owned(),
            worknice: "x".to_owned(),
        },
        paybridge_store::BaselineRow {
            field: "shoeSize".to_owned(),
            fingerprinted: false,
            micropay: "9".to_owned(),
            worknice: "9".to_owned(),
        },
    ];
    assert!(from_rows(&rows).is_empty());
}

#[test]
fn baselines_recorded_in_the_store_give_a_second_plan_with_no_writes() {
    let mut world = World::synced(&[detail("E1", 1), detail("E2", 2), detail("E3", 3)]);
    let e3_baseline = world.baselines["E3"].clone();
    world.baselines.clear(); // the first sync after the import
    world.set_micropay("E1", FieldId::Tfn, tfn(OTHER_TFN));
    world.set_worknice("E2", FieldId::Email, plain("hr@example.com"));
    world.micropay.retain(|e| e.emp_code != "E3");
    world.deleted.push(paybridge_micropay::DeletedEmployee {
        emp_id: 3,
        emp_code: "E3".to_owned(),
        deleted_date: None,
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let store =
        Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([8; 32])).expect("opens");
    store
        .baselines()
        .put_all("E3", &to_rows(&e3_baseline), chrono::DateTime::UNIX_EPOCH)
        .expect("E3 had one");
    assert_eq!(load(&store).expect("loads")["E3"], e3_baseline);

    let first = world.plan();
    assert_eq!(
        first.counts.written, 2,
        "E1's TFN and E2's email go to Worknice"
    );
    world.apply(&first);
    let after = first.baseline_after();
    Recorded::of(after.into_iter())
        .record(&store, chrono::DateTime::UNIX_EPOCH)
        .expect("recorded");
    world.baselines = load(&store).expect("loads");
    assert!(
        !world.baselines.contains_key("E3"),
        "the unlinked employee's baseline went"
    );
    assert_eq!(world.baselines.len(), 2);

    let second = world.plan();
    assert_eq!(second.counts.written, 0, "{:?}", second.employees);
    assert_eq!(second.counts.changed, 0);
    assert!(second.baseline_after().is_empty());
}

/// A sync holds a few dozen values per employee on each side, for every
/// employee at once: a value is two words (the sensitive ones boxed), so
/// a field's entry in a side's map is three, not seven.
#[test]
fn a_field_value_is_two_words() {
    assert_eq!(std::mem::size_of::<FieldValue>(), 16);
    assert_eq!(std::mem::size_of::<(FieldId, FieldValue)>(), 24);
}

use paybridge_micropay::{BankAccount as MicropayBank, EmployeeDetail, TaxDetail};

use super::*;

fn bank(bsb: &str, number: &str, cents: i64, balance: bool, order: i32) -> MicropayBank {
    MicropayBank {
        bsb_code: bsb.to_owned(),
        account_number: Sensitive::new(number.to_owned()),
        account_name: "O NGUYEN".to_owned(),
        pay_amount_cents: cents,
        balance_of_pay: balance,
        order,
        ..MicropayBank::default()
    }
}

fn employee() -> EmployeeDetail {
    EmployeeDetail {
        id_employee: 7,
        emp_code: "E007".to_owned(),
        first_name: "Olivia".to_owned(),
        surname: "Nguyen".to_owned(),
        employee_detail: Some(TaxDetail {
            tfn: Sensitive::new("123456782".to_owned()),
            basis_of_payment: "FullTime".to_owned(),
            ..TaxDetail::default()
        }),
        employee_banks: vec![
            bank("062-000", "12345678", 10000, false, 1),
            bank("062-001", "87654321", 0, true, 2),
        ],
        ..EmployeeDetail::default()
    }
}

#[test]
fn an_unreadable_record_is_held_with_only_what_could_not_be_read() {
    let mut unreadable = employee();
    unreadable.first_name.clear();
    unreadable.unreadable_fields =
        vec!["hiredDate is not a date in the form yyyy-mm-dd".to_owned()];
    assert_eq!(
        cant_import_reasons(&unreadable),
        [
            "MicrOpay sent parts of this employee's record that Paybridge cannot read: hiredDate \
          is not a date in the form yyyy-mm-dd. Correct them in MicrOpay."
        ]
    );
}

#[test]
fn a_clean_employee_has_no_reasons_and_a_masked_preview() {
    let employee = employee();
    assert!(cant_import_reasons(&employee).is_empty());
    let plan = person_plan(&employee, &LookupNames::default());
    let preview = preview(&plan, display_name(&employee), LinkState::New);
    let shown = serde_json::to_string(&preview).expect("serialises");
    assert!(!shown.contains("123456782"), "{shown}");
    assert!(!shown.contains("12345678"), "{shown}");
    assert_eq!(preview.tax.expect("tax").tfn_masked, "•••••• 782");
    assert_eq!(preview.bank_accounts[0].account_number_masked, "••••• 678");
    assert_eq!(preview.bank_accounts[1].fixed_amount_cents, None);
}

#[test]
fn short_numbers_are_masked_whole_and_membership_numbers_are_masked() {
    let mut employee = employee();
    employee.employee_banks = vec![bank("062-000", "12345", 0, true, 1)];
    employee.employee_supers = vec![paybridge_micropay::SuperFund {
        fund_code: "AUS".to_owned(),
        membership_number: "MEM 987654321".to_owned(),
        ..paybridge_micropay::SuperFund::default()
    }];
    let plan = person_plan(&employee, &LookupNames::default());
    let preview = preview(&plan, display_name(&employee), LinkState::New);
    let shown = serde_json::to_string(&preview).expect("serialises");
    assert!(!shown.contains("12345"), "{shown}");
    assert!(!shown.contains("987654"), "{shown}");
    assert_eq!(preview.bank_accounts[0].account_number_masked, "•••••");
    assert_eq!(
        preview.super_funds[0].membership_number_masked,
        "••••••••• 321"
    );
    assert_eq!(masked_number("123456"), "••• 456");
    assert_eq!(masked_number("1"), "•");
    assert_eq!(masked_number(""), "");
}

#[test]
fn each_problem_gets_its_own_plain_reason() {
    let mut no_code = employee();
    no_code.emp_code = "  ".to_owned();
    let reasons = cant_import_reasons(&no_code);
    assert_eq!(reasons.len(), 1);
    assert!(reasons[0].contains("No employee code"), "{reasons:?}");

    // A code with a hidden character is there, but unusable: say which.
    let mut hidden = employee();
    hidden.emp_code = "E\u{200B}007".to_owned();
    assert_eq!(
        cant_import_reasons(&hidden),
        [
            "The employee code can't be used to link Worknice and MicrOpay: The employee code \
          (EmpCode) contains invisible or text-direction characters; retype it in MicrOpay."
        ]
    );

    let mut bad_tfn = employee();
    bad_tfn.employee_detail = Some(TaxDetail {
        tfn: Sensitive::new("123456789".to_owned()),
        ..TaxDetail::default()
    });
    let reasons = cant_import_reasons(&bad_tfn);
    assert!(
        reasons[0].contains("Invalid tax file number"),
        "{reasons:?}"
    );
    assert!(
        !reasons[0].contains("123456789"),
        "the TFN leaked: {reasons:?}"
    );

    let mut bad_bsb = employee();
    bad_bsb.employee_banks[1].bsb_code = "06200".to_owned();
    let reasons = cant_import_reasons(&bad_bsb);
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("Invalid BSB on bank account 2"),
        "{reasons:?}"
    );

    let mut two_balances = employee();
    two_balances.employee_banks[0] = bank("062-000", "12345678", 0, true, 1);
    let reasons = cant_import_reasons(&two_balances);
    assert!(reasons[0].contains("bank split"), "{reasons:?}");
    assert!(reasons[0].contains("Only one bank account"), "{reasons:?}");
}

#[test]
fn fingerprints_follow_the_data_and_the_key() {
    let employee = employee();
    let plan = person_plan(&employee, &LookupNames::default());
    let first = fingerprints(&plan, &[1; 32]);
    assert_eq!(first, fingerprints(&plan, &[1; 32]));
    assert_ne!(first, fingerprints(&plan, &[2; 32]));
    let mut changed = employee.clone();
    changed.employee_banks[0].account_number = Sensitive::new("11112222".to_owned());
    let second = fingerprints(&person_plan(&changed, &LookupNames::default()), &[1; 32]);
    let differing: Vec<DataGroup> = first
        .iter()
        .zip(&second)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(differing, [DataGroup::Bank]);
    assert!(first
        .iter()
        .all(|(_, print)| !print.contains("123456782") && print.len() == 64));
}

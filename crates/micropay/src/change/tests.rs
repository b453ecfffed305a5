use paybridge_domain::Sensitive;
use serde_json::json;

use super::*;

fn placement() -> Placement {
    Placement {
        location: "SYD".to_owned(),
        payroll_company: "DEMO".to_owned(),
        pay_frequency: "F".to_owned(),
        pay_point: "MAIN".to_owned(),
    }
}

#[test]
fn an_add_goes_out_in_the_references_names_with_what_it_requires() {
    let mut add = ChangeEmployee::add(" N0001 ", "Okafor", placement());
    add.tax = Some(TaxChanges {
        tfn: Some(Sensitive::new("123 456 782".to_owned())),
        help_debt: Some(true),
        ..TaxChanges::default()
    });
    add.banks = Some(vec![BankAccountChange {
        bsb: "062000".to_owned(),
        account_number: Sensitive::new("12345678".to_owned()),
        account_name: "C Okafor".to_owned(),
        bank_name: None,
        pay_amount_cents: 0,
        balance_of_pay: true,
        order: 0,
    }]);
    assert!(add.problems().is_empty(), "{:?}", add.problems());
    let wire = add.to_wire();
    assert_eq!(
        wire,
        json!({
            "ChangeType": "Add", "EmpCode": "N0001", "Surname": "Okafor",
            "Location": "SYD", "PayrollCompany": "DEMO", "PayFrequency": "F", "PayPoint": "MAIN",
            "ChangeEmployeeDetail": {"ChangeType": "Add", "EmpCode": "N0001", "TFN": "123456782", "HECS": true},
            "ChangeEmployeeBanks": [{
                "ChangeType": "Add", "EmpCode": "N0001", "BSBCode": "062-000",
                "AccountNumber": "12345678", "AccountName": "C Okafor", "BankName": null,
                "PayAmount": 0.0, "BalanceOfPay": true, "Order": 0,
            }],
        })
    );
}

#[test]
fn a_change_sends_only_what_it_sets() {
    let mut change = ChangeEmployee::change("E0003");
    change.details.preferred_name = Some("Bex".to_owned());
    assert_eq!(
        change.to_wire(),
        json!({"ChangeType": "Change", "EmpCode": "E0003", "PreferredName": "Bex"})
    );
}

#[test]
fn each_limit_is_named_in_a_payroll_officers_words() {
    let mut change = ChangeEmployee::change("E".repeat(21));
    change.details.surname = Some("s".repeat(41));
    change.details.middle_name = Some("m".repeat(16));
    change.details.preferred_name = Some("p".repeat(16));
    change.supers = Some(vec![SuperFundChange {
        fund_code: "F".repeat(11),
        membership_number: Some("9".repeat(21)),
        date_joined: None,
        contribution_type: "Boss".to_owned(),
        contribution_code: None,
        contribution_percentage: None,
    }]);
    let messages: Vec<String> = change.problems().into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "Employee ID is longer than MicrOpay's 20 characters.",
            "Surname is longer than MicrOpay's 40 characters.",
            "Middle name is longer than MicrOpay's 15 characters.",
            "Preferred name is longer than MicrOpay's 15 characters.",
            "Super fund 1: the fund code is longer than MicrOpay's 10 characters.",
            "Super fund 1: the membership number is longer than MicrOpay's 20 characters.",
            "Super fund 1: the contribution type must be Employer or Employee.",
        ]
    );
    let two_balances = BankAccountChange {
        bsb: "062-000".to_owned(),
        account_number: Sensitive::new("1".to_owned()),
        account_name: "x".to_owned(),
        bank_name: None,
        pay_amount_cents: 0,
        balance_of_pay: true,
        order: 0,
    };
    let mut split = ChangeEmployee::change("E1");
    split.banks = Some(vec![two_balances.clone(), two_balances]);
    let fields: Vec<String> = split.problems().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["ChangeEmployeeBanks"]);
    assert!(ChangeEmployee::change(" ").problems()[0]
        .message
        .contains("missing"));
}

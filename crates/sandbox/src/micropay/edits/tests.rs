use serde_json::json;

use super::*;
use crate::dataset::Dataset;

/// The fields the up-front checks name for a body (keys in any casing).
fn problem_fields(body: Value) -> Vec<String> {
    let dataset = Dataset::generate(3, 5);
    let Value::Object(map) = lower_keys(body) else {
        panic!("an object");
    };
    let mut problems = Vec::new();
    let edit = EmployeeEdit::read(&map, &mut problems);
    edit.check(&dataset.lookups, &mut problems);
    problems.into_iter().map(|p| p.field).collect()
}

#[test]
fn names_longer_than_the_reference_allows_are_refused_each_at_its_own_limit() {
    let at_limit = json!({
        "Surname": "s".repeat(40), "FirstName": "f".repeat(20),
        "MiddleName": "m".repeat(15), "PreferredName": "p".repeat(15),
    });
    assert!(problem_fields(at_limit).is_empty());
    let over = json!({
        "surname": "s".repeat(41), "firstName": "f".repeat(21),
        "middleName": "m".repeat(16), "preferredName": "p".repeat(16),
    });
    assert_eq!(
        problem_fields(over),
        ["Surname", "FirstName", "MiddleName", "PreferredName"]
    );
}

#[test]
fn codes_must_exist_in_their_lookups() {
    let dataset = Dataset::generate(3, 5);
    let e = &dataset.employees[0];
    let known = json!({
        "Location": e.location, "PayrollCompany": e.payroll_company,
        "PayFrequency": e.pay_frequency, "PayPoint": e.pay_point, "Title": e.title,
        "Gender": e.gender,
        "ChangeEmployeeSuperConts": [{"FundCode": e.super_funds[0].fund_code, "ContributionType": "Employer"}],
    });
    assert!(problem_fields(known).is_empty());
    let unknown = json!({
        "Location": "X1", "PayrollCompany": "X2", "PayFrequency": "X3", "PayPoint": "X4",
        "Title": "X5", "Gender": "X6",
        "ChangeEmployeeSuperConts": [{"FundCode": "X7", "ContributionType": "Boss"}],
    });
    assert_eq!(
        problem_fields(unknown),
        [
            "Title",
            "Gender",
            "Location",
            "PayrollCompany",
            "PayFrequency",
            "PayPoint",
            "ChangeEmployeeSuperConts[0].FundCode",
            "ChangeEmployeeSuperConts[0].ContributionType",
        ]
    );
}

#[test]
fn bank_sets_need_one_balance_of_pay_account_and_dashed_bsbs() {
    let bank = |bsb: &str, balance: bool, amount: f64| {
        json!({"BSBCode": bsb, "AccountNumber": "12345678", "AccountName": "A B",
               "BalanceOfPay": balance, "PayAmount": amount})
    };
    let good =
        json!({"ChangeEmployeeBanks": [bank("062-000", false, 50.0), bank("083-004", true, 0.0)]});
    assert!(problem_fields(good).is_empty());
    let none = json!({"ChangeEmployeeBanks": [bank("062-000", false, 50.0)]});
    assert_eq!(problem_fields(none), ["ChangeEmployeeBanks"]);
    let empty = json!({"ChangeEmployeeBanks": []});
    assert_eq!(problem_fields(empty), ["ChangeEmployeeBanks"]);
    let bad =
        json!({"ChangeEmployeeBanks": [bank("062000", true, 10.0), bank("06-2000", false, 0.0)]});
    assert_eq!(
        problem_fields(bad),
        [
            "ChangeEmployeeBanks[0].BSBCode",
            "ChangeEmployeeBanks[0].PayAmount",
            "ChangeEmployeeBanks[1].BSBCode",
        ]
    );
    let missing = json!({"ChangeEmployeeBanks": [{"BSBCode": "062-000", "BalanceOfPay": true}]});
    assert_eq!(
        problem_fields(missing),
        [
            "ChangeEmployeeBanks[0].AccountNumber",
            "ChangeEmployeeBanks[0].AccountName",
        ]
    );
}

#[test]
fn values_of_the_wrong_kind_are_named_not_dropped() {
    let body = json!({"DateOfBirth": "31/12/1990", "ChangeEmployeeDetail": {"TFN": "12345", "HECS": "maybe"}});
    assert_eq!(
        problem_fields(body),
        ["DateOfBirth", "EmployeeDetail.HECS", "EmployeeDetail.TFN",]
    );
}

#[test]
fn an_edit_replaces_the_bank_and_super_sets_and_stamps_the_change() {
    let dataset = Dataset::generate(3, 5);
    let mut employee = dataset.employees[1].clone();
    let body = lower_keys(json!({
        "firstName": "Ines", "middleName": "",
        "employeeBanks": [{"bsbCode": "062-000", "accountNumber": "11112222", "accountName": "I",
                           "balanceOfPay": true}],
        "employeeSupers": [],
    }));
    let Value::Object(map) = body else {
        panic!("an object");
    };
    let mut problems = Vec::new();
    let edit = EmployeeEdit::read(&map, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let now = dataset.as_at + chrono::Duration::days(3);
    edit.apply(&mut employee, &dataset.lookups, now);
    assert_eq!(employee.first_name, "Ines");
    assert_eq!(employee.middle_name, None, "an empty text clears");
    assert_eq!(employee.bank_accounts.len(), 1);
    assert_eq!(
        employee.bank_accounts[0].account_number.expose(),
        "11112222"
    );
    assert!(employee.super_funds.is_empty());
    assert_eq!(employee.changed_at, now);
    assert_eq!(employee.surname, dataset.employees[1].surname, "untouched");
}

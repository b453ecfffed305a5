use paybridge_domain::Sensitive;
use paybridge_micropay::{BankAccount, EmployeeDetail, TaxDetail};

use super::model::BackupEmployee;
use super::*;
use crate::api::DataGroupName;

fn employee(id: i64, code: &str) -> EmployeeDetail {
    EmployeeDetail {
        id_employee: id,
        emp_code: code.to_owned(),
        first_name: "Olivia".to_owned(),
        surname: format!("Nguyen{id}"),
        employee_detail: Some(TaxDetail {
            tfn: Sensitive::new("123456782".to_owned()),
            ..TaxDetail::default()
        }),
        employee_banks: vec![BankAccount {
            bsb_code: "062-000".to_owned(),
            account_number: Sensitive::new("12345678".to_owned()),
            balance_of_pay: true,
            ..BankAccount::default()
        }],
        ..EmployeeDetail::default()
    }
}

#[test]
fn comparison_names_added_removed_and_changed_groups_by_id_employee() {
    let then: Vec<BackupEmployee> = [employee(1, "A"), employee(2, "B"), employee(3, "C")]
        .iter()
        .map(BackupEmployee::from)
        .collect();
    let mut renamed = employee(2, "B2");
    renamed.employee_banks[0].account_number = Sensitive::new("99999999".to_owned());
    let mut new_tfn = employee(3, "C");
    new_tfn.employee_detail = Some(TaxDetail {
        tfn: Sensitive::new("876543210".to_owned()),
        ..TaxDetail::default()
    });
    let now: Vec<BackupEmployee> = [renamed, new_tfn, employee(4, "D")]
        .iter()
        .map(BackupEmployee::from)
        .collect();

    let (added, removed, changed, unchanged) = compare(&then, &now);

    assert_eq!(added.iter().map(|e| e.id_employee).collect::<Vec<_>>(), [4]);
    assert_eq!(
        removed.iter().map(|e| e.id_employee).collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(unchanged, 0);
    let groups: Vec<(i64, Vec<DataGroupName>)> = changed
        .iter()
        .map(|c| (c.employee.id_employee, c.groups.clone()))
        .collect();
    assert_eq!(
        groups,
        [
            (2, vec![DataGroupName::Personal, DataGroupName::Bank]),
            (3, vec![DataGroupName::Tax]),
        ]
    );
    let shown = serde_json::to_string(&changed).expect("serialises");
    assert!(
        !shown.contains("876543210") && !shown.contains("99999999"),
        "{shown}"
    );
}

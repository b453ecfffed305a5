//! TFNs and account numbers given to the MicrOpay sandbox stay out of what
//! it prints and of its controls' answers (the API reads still carry them,
//! as MicrOpay's do).

use paybridge_domain::Sensitive;
use paybridge_micropay::{BankAccountChange, ChangeEmployee, TaxChanges};
use serde_json::json;

use crate::{client, controls, sandbox};

const ACCOUNT: &str = "73920461";

fn a_tfn() -> String {
    paybridge_domain::tfn::with_check_digit([8, 6, 5, 4, 1, 2, 3, 7])
        .or_else(|| paybridge_domain::tfn::with_check_digit([8, 6, 5, 4, 1, 2, 3, 8]))
        .expect("a checksum-valid TFN")
}

fn tax_and_bank_change(tfn: &str) -> ChangeEmployee {
    let mut change = ChangeEmployee::change("E0003");
    change.tax = Some(TaxChanges {
        tfn: Some(Sensitive::new(tfn.to_owned())),
        ..TaxChanges::default()
    });
    change.banks = Some(vec![BankAccountChange {
        bsb: "062-000".to_owned(),
        account_number: Sensitive::new(ACCOUNT.to_owned()),
        account_name: "R Tan".to_owned(),
        bank_name: None,
        pay_amount_cents: 0,
        balance_of_pay: true,
        order: 0,
    }]);
    change
}

#[tokio::test]
async fn a_stored_change_request_never_prints_its_tfn_or_account_number() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    let tfn = a_tfn();
    client
        .submit_change(&tax_and_bank_change(&tfn))
        .await
        .expect("taken");
    let printed = format!("{:?}", sandbox.micropay);
    assert!(printed.contains("E0003"), "the request is in it");
    assert!(!printed.contains(&tfn), "TFN in Debug output");
    assert!(!printed.contains(ACCOUNT), "account number in Debug output");
}

#[tokio::test]
async fn the_employee_edit_controls_answer_with_tfns_and_accounts_masked() {
    let sandbox = sandbox(10, true).await;
    let tfn = a_tfn();
    let (status, body) = controls::post(
        &sandbox,
        "/sandbox/employees/E0005",
        json!({
            "employeeDetail": {"tfn": tfn},
            "employeeBanks": [{"bsbCode": "062-000", "accountNumber": ACCOUNT,
                               "accountName": "A Lee", "balanceOfPay": true}],
        }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let text = body.to_string();
    assert!(!text.contains(&tfn) && !text.contains(ACCOUNT), "{text}");
    assert!(
        text.contains(&tfn[6..]) && text.contains(&ACCOUNT[5..]),
        "the last digits show: {text}"
    );
    let (status, body) = controls::post(
        &sandbox,
        "/sandbox/employees/E0005/terminate",
        json!({"terminationDate": "2026-06-30"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let text = body.to_string();
    assert!(!text.contains(&tfn) && !text.contains(ACCOUNT), "{text}");
    // Payroll's data itself is unchanged: the API read has the number.
    let read = client(&sandbox.credentials.micropay)
        .employee("E0005")
        .await
        .expect("E0005");
    assert_eq!(
        read.employee_detail.map(|d| d.tfn.expose().clone()),
        Some(tfn)
    );
}

//! The records nested in a ChangeEmployeeView carry their own ChangeType
//! where the reference marks it required (ChangeEmployeeDetailView,
//! ChangeEmployeeSuperContView); the client sends it.

use paybridge_domain::Sensitive;
use paybridge_micropay::{ChangeEmployee, SuperFundChange, TaxChanges};
use serde_json::json;

use crate::{client, controls, sandbox};

fn a_fund_code(sandbox: &paybridge_sandbox::Sandbox) -> String {
    sandbox
        .micropay
        .employees()
        .iter()
        .find_map(|e| e.super_funds.first().map(|f| f.fund_code.clone()))
        .expect("a seeded super fund")
}

#[tokio::test]
async fn nested_detail_and_super_records_without_a_change_type_are_refused() {
    let sandbox = sandbox(10, true).await;
    let fund = a_fund_code(&sandbox);
    let (status, body) = controls::post_api(
        &sandbox,
        "api/ChangeEmployee",
        json!({
            "ChangeType": "Change", "EmpCode": "E0002",
            "ChangeEmployeeDetail": {"HECS": true},
            "ChangeEmployeeSuperConts": [{"FundCode": fund, "ContributionType": "Employer"}],
        }),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let model_state = body["modelState"].as_object().expect("model state");
    for field in [
        "changeEmployee.EmployeeDetail.ChangeType",
        "changeEmployee.ChangeEmployeeSuperConts[0].ChangeType",
    ] {
        assert!(
            model_state.contains_key(field),
            "{field} in {model_state:?}"
        );
    }
}

#[tokio::test]
async fn the_client_sends_the_change_type_on_every_nested_record() {
    let sandbox = sandbox(10, true).await;
    let fund = a_fund_code(&sandbox);
    let tfn = paybridge_domain::tfn::with_check_digit([3, 1, 4, 1, 5, 9, 2, 6])
        .or_else(|| paybridge_domain::tfn::with_check_digit([3, 1, 4, 1, 5, 9, 2, 7]))
        .expect("a checksum-valid TFN");
    let mut change = ChangeEmployee::change("E0002");
    change.tax = Some(TaxChanges {
        tfn: Some(Sensitive::new(tfn)),
        help_debt: Some(true),
        ..TaxChanges::default()
    });
    change.supers = Some(vec![SuperFundChange {
        fund_code: fund,
        membership_number: None,
        date_joined: None,
        contribution_type: "Employer".to_owned(),
        contribution_code: None,
        contribution_percentage: None,
    }]);
    let client = client(&sandbox.credentials.micropay);
    client
        .submit_change(&change)
        .await
        .expect("MicrOpay takes it");
}

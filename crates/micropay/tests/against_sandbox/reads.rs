use std::collections::HashSet;

use chrono::NaiveDate;
use paybridge_micropay::{EmployeeQuery, MicropayErrorKind};

use crate::{client, sandbox};

#[tokio::test]
async fn pages_through_employees_with_totals() {
    let sandbox = sandbox(250, true).await;
    let client = client(&sandbox.credentials.micropay);
    let seeded = sandbox.micropay.employees();
    let active = seeded.iter().filter(|e| !e.terminated).count();
    assert!(active < 250, "the dataset has leavers");

    let query = EmployeeQuery {
        page_size: Some(100),
        ..EmployeeQuery::default()
    };
    let first = client.employees_page(&query).await.expect("page 1");
    assert_eq!(first.items.len(), 100);
    assert_eq!(first.page_info.total_count, active as u64);
    assert_eq!(first.page_info.total_pages, 3);
    assert!(first.page_info.has_next_page && !first.page_info.has_previous_page);

    let last = client
        .employees_page(&EmployeeQuery {
            page: Some(3),
            ..query.clone()
        })
        .await
        .expect("page 3");
    assert_eq!(last.items.len(), active - 200);
    assert!(!last.page_info.has_next_page && last.page_info.has_previous_page);

    let all = client
        .all_employees(&EmployeeQuery {
            page_size: Some(60),
            ..query
        })
        .await
        .expect("all pages");
    assert_eq!(all.len(), active);
    let ids: HashSet<i64> = all.iter().map(|e| e.id_employee).collect();
    assert_eq!(ids.len(), active, "no employee twice across pages");
    assert!(all.iter().all(|e| !e.is_terminated()));
}

#[tokio::test]
async fn includes_leavers_and_filters_by_change_date_when_asked() {
    let sandbox = sandbox(120, true).await;
    let client = client(&sandbox.credentials.micropay);
    let seeded = sandbox.micropay.employees();

    let everyone = client
        .all_employees(&EmployeeQuery {
            include_terminated: true,
            ..EmployeeQuery::default()
        })
        .await
        .expect("all employees");
    assert_eq!(everyone.len(), 120);
    assert_eq!(
        everyone.iter().filter(|e| e.is_terminated()).count(),
        seeded.iter().filter(|e| e.terminated).count()
    );

    let since = NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("valid date");
    let changed = client
        .all_employees(&EmployeeQuery {
            changed_since: Some(since),
            ..EmployeeQuery::default()
        })
        .await
        .expect("changed employees");
    let expected = seeded
        .iter()
        .filter(|e| !e.terminated && e.changed_at >= since)
        .count();
    assert_eq!(changed.len(), expected);
    assert!(expected > 0 && expected < seeded.len());
}

#[tokio::test]
async fn reads_one_employee_with_bank_super_and_tax_details() {
    let sandbox = sandbox(30, true).await;
    let client = client(&sandbox.credentials.micropay);
    let seed = sandbox
        .micropay
        .employees()
        .into_iter()
        .find(|e| e.emp_code == "E0003")
        .expect("E0003 seeded");

    let employee = client.employee("E0003").await.expect("E0003 is there");
    assert_eq!(employee.surname, seed.surname);
    assert_eq!(employee.first_name, seed.first_name);
    assert_eq!(employee.hired_date, Some(seed.hired_date));
    assert_eq!(employee.date_of_birth, seed.date_of_birth);
    assert_eq!(employee.postcode, seed.address.postcode);
    let tax = employee.employee_detail.as_ref().expect("tax details");
    assert_eq!(tax.tfn.expose(), seed.tax.tfn.expose());
    assert_eq!(employee.employee_banks.len(), seed.bank_accounts.len());
    for (wire, seeded) in employee.employee_banks.iter().zip(&seed.bank_accounts) {
        assert_eq!(wire.bsb_code, seeded.bsb);
        assert_eq!(wire.account_number.expose(), seeded.account_number.expose());
        assert_eq!(wire.pay_amount_cents, seeded.pay_amount_cents);
        assert_eq!(wire.balance_of_pay, seeded.balance_of_pay);
    }
    assert_eq!(
        employee
            .employee_banks
            .iter()
            .filter(|b| b.balance_of_pay)
            .count(),
        1
    );
    assert_eq!(employee.employee_supers.len(), seed.super_funds.len());
    assert_eq!(
        employee.employee_supers[0].fund_code,
        seed.super_funds[0].fund_code
    );

    let missing = client
        .employee("NOPE99")
        .await
        .expect_err("no such employee");
    assert_eq!(missing.kind(), MicropayErrorKind::NotFound);
}

#[tokio::test]
async fn reads_lookups_and_tests_the_connection() {
    let sandbox = sandbox(40, true).await;
    let client = client(&sandbox.credentials.micropay);

    let types = client.lookup_types().await.expect("lookup types");
    for expected in [
        "PayrollCompany",
        "SuperFund",
        "UserDefinedLeave",
        "Location",
        "PayFrequency",
    ] {
        assert!(
            types.iter().any(|t| t == expected),
            "{expected} in {types:?}"
        );
    }
    let funds = client.lookup("SuperFund").await.expect("super funds");
    assert!(funds.len() >= 3);
    assert!(funds
        .iter()
        .all(|f| f.lookup_type == "SuperFund" && !f.code.is_empty()));
    let user_defined = client
        .lookup("UserDefinedLeave")
        .await
        .expect("leave categories");
    assert!(!user_defined.is_empty());

    let everything = client.lookup_list().await.expect("lookup list");
    let kinds: HashSet<&str> = everything.iter().map(|l| l.lookup_type.as_str()).collect();
    assert_eq!(kinds.len(), types.len());

    let summary = client.test_connection().await.expect("connected");
    assert_eq!(summary.payroll_companies, ["Demo Pty Ltd"]);
    let active = sandbox
        .micropay
        .employees()
        .iter()
        .filter(|e| !e.terminated)
        .count();
    assert_eq!(summary.employee_count, active as u64);

    let since = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    assert!(client
        .deleted_employees(since)
        .await
        .expect("deleted list")
        .is_empty());
}

#[tokio::test]
async fn user_defined_leave_codes_say_which_are_retired() {
    let sandbox = sandbox(5, true).await;
    let client = client(&sandbox.credentials.micropay);
    let codes = client
        .lookup("UserDefinedLeave")
        .await
        .expect("leave codes");
    let active = |code: &str| {
        codes
            .iter()
            .find(|lookup| lookup.code == code)
            .unwrap_or_else(|| panic!("{code} in {codes:?}"))
            .active
    };
    for code in ["FDV", "TOIL", "JURY", "STUDY"] {
        assert!(active(code), "{code} is active");
    }
    for code in ["RDO", "CVD"] {
        assert!(!active(code), "{code} is retired");
    }
    let reasons = client.lookup("LeaveReason").await.expect("leave reasons");
    let reason_codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    assert!(
        reason_codes.contains(&"BEREAVE") && reason_codes.contains(&"ILL"),
        "{reason_codes:?}"
    );
    assert!(reasons.iter().all(|r| r.active));
}

use super::*;

fn fingerprint(dataset: &Dataset) -> Vec<String> {
    dataset
        .employees
        .iter()
        .map(|e| {
            format!(
                "{}|{}|{}|{:?}|{}|{}|{}|{:?}",
                e.emp_code,
                e.first_name,
                e.surname,
                e.date_of_birth,
                e.tax.tfn.expose(),
                e.address.suburb,
                e.bank_accounts
                    .iter()
                    .map(|b| b.account_number.expose().clone())
                    .collect::<Vec<_>>()
                    .join(","),
                e.super_funds
                    .iter()
                    .map(|s| &s.membership_number)
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_employees() {
    assert_eq!(
        fingerprint(&Dataset::generate(7, 60)),
        fingerprint(&Dataset::generate(7, 60))
    );
}

#[test]
fn different_seeds_give_different_employees() {
    assert_ne!(
        fingerprint(&Dataset::generate(7, 60)),
        fingerprint(&Dataset::generate(8, 60))
    );
}

#[test]
fn every_tfn_passes_the_checksum_except_the_planted_bad_one() {
    let dataset = Dataset::generate(3, 250);
    let failing: Vec<usize> = dataset
        .employees
        .iter()
        .enumerate()
        .filter(|(_, e)| !tfn_checksum_ok(e.tax.tfn.expose()))
        .map(|(index, _)| index)
        .collect();
    let planted: Vec<usize> = dataset
        .employees
        .iter()
        .enumerate()
        .filter(|(_, e)| e.defects.contains(&SeedDefect::InvalidTfn))
        .map(|(index, _)| index)
        .collect();
    assert_eq!(failing, planted);
    assert_eq!(planted.len(), 1);
}

#[test]
fn the_checksum_accepts_known_valid_and_rejects_invalid_tfns() {
    // 123 456 782 is the ATO's commonly published valid example.
    assert!(tfn_checksum_ok("123456782"));
    assert!(tfn_checksum_ok("123 456 782"));
    assert!(!tfn_checksum_ok("123456789"));
    assert!(!tfn_checksum_ok("12345678"));
}

#[test]
fn bank_accounts_follow_the_rules_except_the_planted_defects() {
    let dataset = Dataset::generate(5, 250);
    for employee in &dataset.employees {
        let balance_accounts = employee
            .bank_accounts
            .iter()
            .filter(|b| b.balance_of_pay)
            .count();
        let expected_balance = if employee
            .defects
            .contains(&SeedDefect::TwoBalanceOfPayAccounts)
        {
            2
        } else {
            1
        };
        assert_eq!(balance_accounts, expected_balance, "{}", employee.emp_code);
        for account in &employee.bank_accounts {
            let well_formed = account.bsb.len() == 7
                && account.bsb.as_bytes()[3] == b'-'
                && account.bsb.chars().filter(char::is_ascii_digit).count() == 6;
            let planted = employee.defects.contains(&SeedDefect::InvalidBsb) && account.order == 0;
            assert_eq!(
                well_formed, !planted,
                "{}: {}",
                employee.emp_code, account.bsb
            );
            assert_eq!(account.pay_amount_cents == 0, account.balance_of_pay);
        }
    }
}

#[test]
fn a_few_employees_are_terminated_and_each_defect_is_planted_once() {
    let dataset = Dataset::generate(1, 250);
    let terminated = dataset.employees.iter().filter(|e| e.terminated).count();
    assert!((5..=20).contains(&terminated), "{terminated} terminated");
    for employee in dataset.employees.iter().filter(|e| e.terminated) {
        let left = employee
            .termination_date
            .expect("a terminated employee has a termination date");
        assert!(left >= employee.hired_date);
    }
    let empty_codes = dataset
        .employees
        .iter()
        .filter(|e| e.emp_code.is_empty())
        .count();
    assert_eq!(empty_codes, 1);
    let codes: HashSet<&str> = dataset
        .employees
        .iter()
        .map(|e| e.emp_code.as_str())
        .collect();
    assert_eq!(codes.len(), 250, "employee codes are unique");
}

#[test]
fn super_funds_come_from_the_lookup_and_are_joined_on_or_after_hire() {
    let dataset = Dataset::generate(9, 100);
    let fund_codes: Vec<&str> = dataset
        .lookups
        .iter()
        .filter(|l| l.lookup_type == "SuperFund")
        .map(|l| l.code.as_str())
        .collect();
    for employee in &dataset.employees {
        assert!(!employee.super_funds.is_empty());
        for fund in &employee.super_funds {
            assert!(fund_codes.contains(&fund.fund_code.as_str()));
            assert!(fund.date_joined >= employee.hired_date);
        }
    }
}

#[test]
fn leave_categories_include_user_defined_ones() {
    let dataset = Dataset::generate(1, 1);
    assert!(dataset
        .leave_categories
        .iter()
        .any(SeedLeaveCategory::is_user_defined));
    assert!(dataset
        .lookups
        .iter()
        .any(|l| l.lookup_type == "UserDefinedLeave"));
    assert_eq!(dataset.organisation, "Demo Pty Ltd");
    assert!(dataset
        .lookups
        .iter()
        .any(|l| l.lookup_type == "PayrollCompany" && l.description == "Demo Pty Ltd"));
}

#[test]
fn debug_output_hides_tfns_and_account_numbers() {
    let dataset = Dataset::generate(2, 3);
    let debug = format!("{dataset:?}");
    for employee in &dataset.employees {
        assert!(!debug.contains(employee.tax.tfn.expose().as_str()));
        for account in &employee.bank_accounts {
            assert!(!debug.contains(account.account_number.expose().as_str()));
        }
    }
}

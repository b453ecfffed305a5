//! Table tests for bank account numbers and bank splits.

use paybridge_domain::{
    bank::check_bank_split, AccountNumber, AccountNumberLimit, BankAccount, BankSplit, Bsb,
    ValidationError,
};

fn account(order: u16, fixed_amount_cents: i64, balance_of_pay: bool) -> BankAccount {
    BankAccount {
        bsb: Bsb::parse("062-000").expect("valid"),
        account_number: AccountNumber::parse("12345678", AccountNumberLimit::BankFile)
            .expect("valid"),
        account_name: "J Citizen".to_owned(),
        fixed_amount_cents,
        balance_of_pay,
        order,
    }
}

#[test]
fn account_numbers_have_two_limits() {
    use AccountNumberLimit::{BankFile, Micropay};
    let fifty = "1".repeat(50);
    let fifty_one = "1".repeat(51);
    let cases: [(&str, AccountNumberLimit, Result<&str, ValidationError>); 10] = [
        ("1", BankFile, Ok("1")),
        ("123456789", BankFile, Ok("123456789")),
        ("1234-5678 9", BankFile, Ok("123456789")),
        (
            "1234567890",
            BankFile,
            Err(ValidationError::AccountNumberTooLongForBankFile { max: 9 }),
        ),
        ("1234567890", Micropay, Ok("1234567890")),
        (&fifty, Micropay, Ok(&fifty)),
        (
            &fifty_one,
            Micropay,
            Err(ValidationError::AccountNumberTooLongForMicropay { max: 50 }),
        ),
        ("", BankFile, Err(ValidationError::AccountNumberMissing)),
        (" - ", Micropay, Err(ValidationError::AccountNumberMissing)),
        (
            "12AB",
            Micropay,
            Err(ValidationError::AccountNumberNotDigits),
        ),
    ];
    for (input, limit, expected) in cases {
        let parsed = AccountNumber::parse(input, limit);
        assert_eq!(
            parsed.as_ref().map(|a| a.expose()),
            expected.as_ref().map(|s| *s),
            "{input:?}"
        );
    }
    let long = AccountNumber::parse("1234567890", Micropay).expect("valid for MicrOpay");
    assert!(!long.fits_bank_file());
    assert!(AccountNumber::parse("123456789", Micropay)
        .expect("valid")
        .fits_bank_file());
}

#[test]
fn account_numbers_are_masked_everywhere() {
    let number = AccountNumber::parse("12345678", AccountNumberLimit::BankFile).expect("valid");
    assert_eq!(number.masked(), "••••• 678");
    assert!(!format!("{number:?}").contains("1234"));
    assert!(!format!("{:?}", account(0, 0, true)).contains("1234"));
}

#[test]
fn bank_split_tables() {
    let cases: Vec<(&str, Vec<BankAccount>, Vec<ValidationError>)> = vec![
        ("one balance account", vec![account(0, 0, true)], vec![]),
        (
            "fixed amounts plus balance",
            vec![
                account(0, 0, true),
                account(1, 10_000, false),
                account(999, 0, false),
            ],
            vec![],
        ),
        ("empty", vec![], vec![ValidationError::BankSplitEmpty]),
        (
            "no balance account",
            vec![account(0, 5_000, false)],
            vec![ValidationError::BalanceOfPayMissing],
        ),
        (
            "two balance accounts",
            vec![account(0, 0, true), account(1, 0, true)],
            vec![ValidationError::BalanceOfPayMoreThanOne { count: 2 }],
        ),
        (
            "balance account with an amount",
            vec![account(0, 100, true)],
            vec![ValidationError::BalanceOfPayHasAmount],
        ),
        (
            "negative amount",
            vec![account(0, 0, true), account(1, -1, false)],
            vec![ValidationError::BankAmountNegative { order: 1 }],
        ),
        (
            "order out of range",
            vec![account(1000, 0, true)],
            vec![ValidationError::BankOrderOutOfRange { order: 1000 }],
        ),
        (
            "duplicate order",
            vec![account(3, 0, true), account(3, 100, false)],
            vec![ValidationError::BankOrderDuplicate { order: 3 }],
        ),
        (
            "every problem at once",
            vec![
                account(5, -20, false),
                account(5, 0, false),
                account(1200, 0, false),
            ],
            vec![
                ValidationError::BankAmountNegative { order: 5 },
                ValidationError::BankOrderOutOfRange { order: 1200 },
                ValidationError::BalanceOfPayMissing,
                ValidationError::BankOrderDuplicate { order: 5 },
            ],
        ),
    ];
    for (name, accounts, expected) in cases {
        assert_eq!(check_bank_split(&accounts), expected, "{name}");
        assert_eq!(
            BankSplit::new(accounts).is_ok(),
            expected.is_empty(),
            "{name}"
        );
    }
}

#[test]
fn a_bank_split_needs_account_names_and_reports_them_all() {
    let mut nameless = account(0, 0, true);
    nameless.account_name = "  ".to_owned();
    let error = BankSplit::new(vec![nameless, account(0, 5, false)]).expect_err("two problems");
    assert_eq!(
        error.0,
        vec![
            ValidationError::AccountNameMissing,
            ValidationError::BankOrderDuplicate { order: 0 }
        ]
    );
    assert_eq!(
        error.to_string(),
        "The bank account name is missing; Two or more bank accounts share the order 0; each needs its own"
    );
    let split = BankSplit::new(vec![account(1, 500, false), account(0, 0, true)]).expect("valid");
    assert_eq!(split.balance_of_pay_account().map(|a| a.order), Some(0));
}

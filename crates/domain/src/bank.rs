//! Bank account numbers, bank accounts and the split of pay across them.
//!
//! MicrOpay pays fixed amounts into any number of accounts, plus exactly one
//! account that takes the balance of pay (its amount is 0). Bank records are
//! always sent as a complete set that replaces what is there.

use std::collections::BTreeMap;

use crate::{digits, Bsb, Sensitive, ValidationError, ValidationErrors};

/// How long an account number may be. Both limits are real: MicrOpay stores
/// up to 50 characters, but the bank (ABA/"Cemtex") file that pays wages has
/// a 9-character field, so a longer number cannot be paid by bank file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountNumberLimit {
    /// 1–9 digits: payable through an ABA bank file.
    BankFile,
    /// 1–50 characters: what MicrOpay's `AccountNumber` field accepts.
    Micropay,
}

impl AccountNumberLimit {
    pub const fn max_len(self) -> usize {
        match self {
            Self::BankFile => 9,
            Self::Micropay => 50,
        }
    }
}

/// A bank account number: digits only (spaces and dashes are dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountNumber(Sensitive<String>);

impl AccountNumber {
    /// Checks `input` against `limit`. Use [`AccountNumberLimit::Micropay`]
    /// for what MicrOpay holds and [`AccountNumberLimit::BankFile`] for what
    /// will be paid.
    pub fn parse(input: &str, limit: AccountNumberLimit) -> Result<Self, ValidationError> {
        let digits =
            digits::collect(input, &['-']).ok_or(ValidationError::AccountNumberNotDigits)?;
        if digits.is_empty() {
            return Err(ValidationError::AccountNumberMissing);
        }
        let max = limit.max_len();
        if digits.len() > max {
            return Err(match limit {
                AccountNumberLimit::BankFile => {
                    ValidationError::AccountNumberTooLongForBankFile { max }
                }
                AccountNumberLimit::Micropay => {
                    ValidationError::AccountNumberTooLongForMicropay { max }
                }
            });
        }
        Ok(Self(Sensitive::new(digits::to_string(&digits))))
    }

    /// True when a bank file can pay into this account (at most 9 digits).
    pub fn fits_bank_file(&self) -> bool {
        self.0.expose().len() <= AccountNumberLimit::BankFile.max_len()
    }

    /// `••••• 789`: the last three digits only.
    pub fn masked(&self) -> String {
        self.0.masked_tail(3)
    }

    /// The digits, for the request that sends them to a vendor on purpose.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

/// The name on the account. Required by MicrOpay.
pub fn check_account_name(name: &str) -> Result<(), ValidationError> {
    if name.trim().is_empty() {
        Err(ValidationError::AccountNameMissing)
    } else {
        Ok(())
    }
}

/// One account an employee is paid into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccount {
    pub bsb: Bsb,
    pub account_number: AccountNumber,
    pub account_name: String,
    /// Fixed amount per pay, in cents. 0 on the balance-of-pay account.
    pub fixed_amount_cents: i64,
    /// Takes whatever is left after the fixed amounts.
    pub balance_of_pay: bool,
    /// 0–999, unique per employee; MicrOpay pays in ascending order.
    pub order: u16,
}

/// The highest `Order` MicrOpay accepts.
pub const MAX_BANK_ORDER: u16 = 999;

/// An employee's complete, checked set of bank accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankSplit(Vec<BankAccount>);

impl BankSplit {
    /// Checks the set as a whole; the error lists every problem found.
    pub fn new(accounts: Vec<BankAccount>) -> Result<Self, ValidationErrors> {
        ValidationErrors::check(check_bank_split(&accounts))?;
        Ok(Self(accounts))
    }

    pub fn accounts(&self) -> &[BankAccount] {
        &self.0
    }

    /// The one account that takes the balance of pay.
    pub fn balance_of_pay_account(&self) -> Option<&BankAccount> {
        self.0.iter().find(|a| a.balance_of_pay)
    }
}

/// Every problem with `accounts` as a set (empty when it is valid): account
/// names, amounts, the balance-of-pay rule and the order numbers.
pub fn check_bank_split(accounts: &[BankAccount]) -> Vec<ValidationError> {
    if accounts.is_empty() {
        return vec![ValidationError::BankSplitEmpty];
    }
    let mut problems = Vec::new();
    for account in accounts {
        if let Err(problem) = check_account_name(&account.account_name) {
            problems.push(problem);
        }
        if account.fixed_amount_cents < 0 {
            problems.push(ValidationError::BankAmountNegative {
                order: account.order,
            });
        }
        if account.order > MAX_BANK_ORDER {
            problems.push(ValidationError::BankOrderOutOfRange {
                order: account.order,
            });
        }
    }

    let balance_accounts: Vec<&BankAccount> =
        accounts.iter().filter(|a| a.balance_of_pay).collect();
    match balance_accounts.len() {
        0 => problems.push(ValidationError::BalanceOfPayMissing),
        1 => {}
        count => problems.push(ValidationError::BalanceOfPayMoreThanOne { count }),
    }
    if balance_accounts.iter().any(|a| a.fixed_amount_cents != 0) {
        problems.push(ValidationError::BalanceOfPayHasAmount);
    }

    let mut uses_of_order: BTreeMap<u16, usize> = BTreeMap::new();
    for account in accounts {
        *uses_of_order.entry(account.order).or_default() += 1;
    }
    problems.extend(
        uses_of_order
            .into_iter()
            .filter(|(_, uses)| *uses > 1)
            .map(|(order, _)| ValidationError::BankOrderDuplicate { order }),
    );
    problems
}

//! Bank accounts and super funds, each compared and written as one whole
//! set (MicrOpay replaces them whole): canonical text, a masked view, and
//! for bank accounts every problem that stops the set being sent.

use chrono::NaiveDate;
use paybridge_domain::{
    bank::check_bank_split, AccountNumber, AccountNumberLimit, Bsb, Sensitive, ValidationError,
};
use paybridge_micropay::EmployeeDetail;

use super::snapshot::{date_text, held_reason, FieldValue, MICROPAY};
use crate::plan::{bank_account, masked_number, LookupNames};

/// The whole bank split as one sensitive value (MicrOpay replaces the set
/// whole), in order, with every problem that stops it being sent.
pub(super) fn bank_set(employee: &EmployeeDetail) -> (FieldValue, Vec<String>) {
    let mut banks: Vec<_> = employee.employee_banks.iter().enumerate().collect();
    banks.sort_by_key(|(_, bank)| bank.order);
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (position, bank) in banks {
        let which = format!("bank account {}", position + 1);
        let (bsb_text, bsb) = bsb_text(&bank.bsb_code);
        let (number_text, number) = account_number_text(bank.account_number.expose());
        let amount = (!bank.balance_of_pay).then_some(bank.pay_amount_cents);
        lines.push(account_line(
            i64::from(bank.order),
            &bsb_text,
            number_text.expose(),
            &bank.account_name,
            amount,
        ));
        if let Err(problem) = &bsb {
            problems.push(held_reason(&which, problem, MICROPAY));
        }
        if let Err(problem) = &number {
            problems.push(held_reason(&which, problem, MICROPAY));
        }
        let order = u16::try_from(bank.order).ok();
        match (bsb, number, order) {
            (Ok(bsb), Ok(account_number), Some(order)) => {
                checked.push(bank_account(bank, bsb, account_number, order))
            }
            (_, _, None) => problems.push(format!(
                "{which}: the order is outside 0 to 999: not sent; correct it in MicrOpay"
            )),
            _ => {}
        }
    }
    // No accounts is no change to send; a split that is there must follow
    // MicrOpay's rules.
    if problems.is_empty() && !checked.is_empty() {
        for problem in check_bank_split(&checked) {
            problems.push(held_reason("the bank split", &problem, MICROPAY));
        }
    }
    (joined_set(lines), problems)
}

/// The super funds as one sensitive value (membership numbers), sorted.
pub(super) fn super_set(employee: &EmployeeDetail, names: &LookupNames) -> FieldValue {
    super_set_of(
        employee.employee_supers.iter().map(|fund| {
            (
                fund.fund_code.as_str(),
                fund.membership_number.as_str(),
                fund.date_joined,
            )
        }),
        names,
    )
}

/// The BSB as `NNN-NNN` when it parses, else as given (trimmed), so both
/// sides compare "062000" and "062-000" as one.
pub(super) fn bsb_text(raw: &str) -> (String, Result<Bsb, ValidationError>) {
    let bsb = Bsb::parse(raw);
    let text = bsb
        .as_ref()
        .map(|bsb| bsb.as_str().to_owned())
        .unwrap_or_else(|_| raw.trim().to_owned());
    (text, bsb)
}

/// The account number without separators when it parses, else as given.
pub(super) fn account_number_text(
    raw: &str,
) -> (Sensitive<String>, Result<AccountNumber, ValidationError>) {
    let number = AccountNumber::parse(raw, AccountNumberLimit::Micropay);
    let text = Sensitive::new(
        number
            .as_ref()
            .map(|number| number.expose().to_owned())
            .unwrap_or_else(|_| raw.trim().to_owned()),
    );
    (text, number)
}

/// One account's canonical `order|bsb|number|name|amount` and its masked
/// view; `amount_cents` None is the balance-of-pay account.
pub(super) fn account_line(
    order: i64,
    bsb: &str,
    number: &str,
    name: &str,
    amount_cents: Option<i64>,
) -> (String, String) {
    let amount = match amount_cents {
        None => "balance of pay".to_owned(),
        Some(cents) => format!("{}.{:02}", cents / 100, cents % 100),
    };
    let name = name.trim();
    (
        format!("{order}|{bsb}|{number}|{name}|{amount}"),
        format!("{bsb} {} {name} ({amount})", masked_number(number)),
    )
}

/// Funds as `code|name|membership|joined`, sorted: the name comes from
/// MicrOpay's SuperFund lookup on both sides.
pub(super) fn super_set_of<'a>(
    funds: impl IntoIterator<Item = (&'a str, &'a str, Option<NaiveDate>)>,
    names: &LookupNames,
) -> FieldValue {
    let mut lines: Vec<(String, String)> = funds
        .into_iter()
        .map(|(code, membership, joined)| {
            let code = code.trim();
            let name = names.describe("SuperFund", code);
            let joined = date_text(joined);
            let membership = membership.trim();
            (
                format!("{code}|{name}|{membership}|{joined}"),
                format!(
                    "{name} member {} joined {joined}",
                    masked_number(membership)
                ),
            )
        })
        .collect();
    lines.sort();
    joined_set(lines)
}

/// Canonical lines and masked views as one sensitive value.
pub(super) fn joined_set(lines: Vec<(String, String)>) -> FieldValue {
    let (canonical, masked): (Vec<_>, Vec<_>) = lines.into_iter().unzip();
    FieldValue::sensitive(Sensitive::new(canonical.join("\n")), masked.join("; "))
}

//! Bank accounts and super funds, each compared and written as one whole
//! set (MicrOpay replaces them whole): canonical text, a masked view, and
//! for bank accounts every problem that stops the set being sent.

use paybridge_domain::{bank::check_bank_split, AccountNumber, AccountNumberLimit, Bsb, Sensitive};
use paybridge_micropay::EmployeeDetail;

use super::snapshot::{date_text, held_reason, FieldValue, MICROPAY};
use crate::plan::{bank_account, masked_number, LookupNames};

/// The whole bank split as one sensitive value (MicrOpay replaces the set
/// whole), in order, with every problem that stops it being sent.
pub(super) fn bank_set(employee: &EmployeeDetail) -> (FieldValue, Vec<String>) {
    let mut banks: Vec<_> = employee.employee_banks.iter().enumerate().collect();
    banks.sort_by_key(|(_, bank)| bank.order);
    let mut canonical = Vec::new();
    let mut masked = Vec::new();
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (position, bank) in banks {
        let which = format!("bank account {}", position + 1);
        let bsb = Bsb::parse(&bank.bsb_code);
        let number =
            AccountNumber::parse(bank.account_number.expose(), AccountNumberLimit::Micropay);
        let bsb_text = bsb
            .as_ref()
            .map(|bsb| bsb.as_str().to_owned())
            .unwrap_or_else(|_| bank.bsb_code.trim().to_owned());
        let number_text = Sensitive::new(
            number
                .as_ref()
                .map(|number| number.expose().to_owned())
                .unwrap_or_else(|_| bank.account_number.expose().trim().to_owned()),
        );
        let amount = if bank.balance_of_pay {
            "balance of pay".to_owned()
        } else {
            format!(
                "{}.{:02}",
                bank.pay_amount_cents / 100,
                bank.pay_amount_cents % 100
            )
        };
        canonical.push(format!(
            "{}|{}|{}|{}|{}",
            bank.order,
            bsb_text,
            number_text.expose(),
            bank.account_name.trim(),
            amount
        ));
        masked.push(format!(
            "{} {} {} ({amount})",
            bsb_text,
            masked_number(number_text.expose()),
            bank.account_name.trim()
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
    let value = FieldValue::Sensitive {
        value: Sensitive::new(canonical.join("\n")),
        masked: masked.join("; "),
    };
    (value, problems)
}

/// The super funds as one sensitive value (membership numbers), sorted.
pub(super) fn super_set(employee: &EmployeeDetail, names: &LookupNames) -> FieldValue {
    let mut funds: Vec<(String, String)> = employee
        .employee_supers
        .iter()
        .map(|fund| {
            let name = names.describe("SuperFund", fund.fund_code.trim());
            let joined = date_text(fund.date_joined);
            let membership = fund.membership_number.trim();
            (
                format!("{}|{name}|{membership}|{joined}", fund.fund_code.trim()),
                format!(
                    "{name} member {} joined {joined}",
                    masked_number(membership)
                ),
            )
        })
        .collect();
    funds.sort();
    let (canonical, masked): (Vec<_>, Vec<_>) = funds.into_iter().unzip();
    FieldValue::Sensitive {
        value: Sensitive::new(canonical.join("\n")),
        masked: masked.join("; "),
    }
}

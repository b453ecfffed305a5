//! What the sandbox refuses to store, group by group, each refusal naming
//! the field (`bankAccounts[1].bsb`) and never repeating the value.
//!
//! Inferred: Worknice's own rules are not published. These are the checks an
//! HR system must make to stay consistent (one balance-of-pay account, a TFN
//! that passes its checksum by the sandbox's own check in `tfn_check.rs`).

use paybridge_domain::{Bsb, Sensitive};

use super::records::{SandboxBankAccount, SandboxTaxDetails};
use super::writes::WriteError;

pub(super) fn invalid(field: impl Into<String>, message: impl Into<String>) -> WriteError {
    WriteError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

pub(super) fn names(first_name: &str, last_name: &str) -> Result<(), WriteError> {
    if first_name.trim().is_empty() {
        return Err(invalid(
            "personalDetails.firstName",
            "A person needs a first name.",
        ));
    }
    if last_name.trim().is_empty() {
        return Err(invalid(
            "personalDetails.lastName",
            "A person needs a last name.",
        ));
    }
    Ok(())
}

/// Tidies each BSB into `NNN-NNN`.
pub(super) fn bank_accounts(accounts: &mut [SandboxBankAccount]) -> Result<(), WriteError> {
    for (index, account) in accounts.iter_mut().enumerate() {
        let field = |name: &str| format!("bankAccounts[{index}].{name}");
        let order = account.order;
        account.bsb = Bsb::parse(&account.bsb)
            .map_err(|error| invalid(field("bsb"), format!("Bank account {order}: {error}.")))?
            .as_str()
            .to_owned();
        let digits = account.account_number.expose();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(invalid(
                field("accountNumber"),
                format!("Bank account {order}: the account number must be digits only."),
            ));
        }
        if account.balance_of_pay && account.fixed_amount_cents.is_some_and(|cents| cents != 0) {
            return Err(invalid(
                field("fixedAmountCents"),
                format!(
                "Bank account {order} takes the balance of pay, so it cannot also have a fixed amount."
            ),
            ));
        }
        if !account.balance_of_pay && account.fixed_amount_cents.is_none_or(|cents| cents < 0) {
            return Err(invalid(
                field("fixedAmountCents"),
                format!("Bank account {order} needs a fixed amount of zero or more."),
            ));
        }
    }
    let balance_accounts = accounts
        .iter()
        .filter(|account| account.balance_of_pay)
        .count();
    if !accounts.is_empty() && balance_accounts != 1 {
        return Err(invalid(
            "bankAccounts",
            format!(
                "Exactly one bank account must take the balance of pay; {balance_accounts} do."
            ),
        ));
    }
    Ok(())
}

/// Tidies the TFN into nine (or eight) digits without spaces.
pub(super) fn tax_details(tax: &mut SandboxTaxDetails) -> Result<(), WriteError> {
    let tfn = super::tfn_check::checked_tfn(tax.tfn.expose())
        .map_err(|refusal| invalid("taxDetails.tfn", refusal))?;
    tax.tfn = Sensitive::new(tfn);
    Ok(())
}

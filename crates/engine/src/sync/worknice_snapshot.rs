//! Worknice's side of one person from the full person read, in exactly the
//! canonical form `snapshot_from_micropay` gives MicrOpay's side, so that a
//! person the import made from an employee compares equal to it.

use paybridge_domain::Sensitive;
use paybridge_worknice::{WorkniceBankAccount, WorknicePersonDetails, WorkniceSuperFund};

use super::fields::FieldId;
use super::snapshot::{date_text, worknice_problems, FieldValue, SideSnapshot, WorkniceSide};
use crate::plan::{masked_number, LookupNames};

fn yes_no(flag: bool) -> FieldValue {
    FieldValue::plain(if flag { "Yes" } else { "No" })
}

/// Every catalogue field Worknice holds for `person`. Title and gender are
/// compared in MicrOpay's codes (Worknice may hold the code or the word),
/// and a super fund's name is MicrOpay's for its code, as on MicrOpay's
/// side (Worknice may hold the code as the name). Tax fields are left out (not compared) when
/// Worknice has no tax details, as the import sends none without a TFN.
pub(crate) fn snapshot_from_worknice_details(
    person: &WorknicePersonDetails,
    names: &LookupNames,
) -> WorkniceSide {
    let mut side = SideSnapshot::default();
    let values = &mut side.values;
    let mut put = |field: FieldId, text: &str| {
        values.insert(field, FieldValue::plain(text));
    };
    let optional = |value: &Option<String>| value.as_deref().unwrap_or_default().to_owned();
    let personal = &person.personal;
    put(FieldId::FirstName, &personal.first_name);
    put(FieldId::LastName, &personal.last_name);
    put(FieldId::MiddleName, &optional(&personal.middle_name));
    put(FieldId::PreferredName, &optional(&personal.preferred_name));
    put(
        FieldId::Title,
        &names.code_of("Title", &optional(&personal.title)),
    );
    put(
        FieldId::Gender,
        &names.code_of("Gender", &optional(&personal.gender)),
    );
    put(FieldId::DateOfBirth, &date_text(personal.date_of_birth));
    put(FieldId::Email, &optional(&person.email));
    put(FieldId::Mobile, &optional(&person.mobile_phone));
    let address = person.residential_address.as_ref();
    let part = |pick: fn(&paybridge_worknice::WorkniceAddress) -> &String| {
        address.map(pick).cloned().unwrap_or_default()
    };
    put(FieldId::Street, &part(|a| &a.street));
    put(FieldId::Suburb, &part(|a| &a.suburb));
    put(FieldId::State, &part(|a| &a.state));
    put(FieldId::Postcode, &part(|a| &a.postcode));
    put(FieldId::Country, &part(|a| &a.country));
    put(FieldId::StartDate, &date_text(person.start_date));
    put(
        FieldId::TerminationDate,
        &date_text(person.termination_date),
    );

    if let Some(tax) = &person.tax {
        let tfn = Sensitive::new(
            tax.tfn
                .expose()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
        );
        let masked = tfn.masked_tail(3);
        values.insert(FieldId::Tfn, FieldValue::Sensitive { value: tfn, masked });
        values.insert(FieldId::AustralianResident, yes_no(tax.australian_resident));
        values.insert(FieldId::TaxFreeThreshold, yes_no(tax.tax_free_threshold));
        values.insert(
            FieldId::BasisOfPayment,
            FieldValue::plain(&tax.basis_of_payment),
        );
        values.insert(FieldId::HelpDebt, yes_no(tax.help_debt));
        values.insert(FieldId::SfssDebt, yes_no(tax.sfss_debt));
    }
    values.insert(FieldId::BankAccounts, bank_set(&person.bank_accounts));
    values.insert(FieldId::SuperFunds, super_set(&person.super_funds, names));
    side.held = worknice_problems(&side.values);
    side
}

/// `order|bsb|number|name|amount` per account in order, as `sets::bank_set`.
fn bank_set(accounts: &[WorkniceBankAccount]) -> FieldValue {
    let mut accounts: Vec<&WorkniceBankAccount> = accounts.iter().collect();
    accounts.sort_by_key(|account| account.order);
    let (canonical, masked): (Vec<String>, Vec<String>) = accounts
        .into_iter()
        .map(|account| {
            let amount = match (account.balance_of_pay, account.fixed_amount_cents) {
                (false, Some(cents)) => format!("{}.{:02}", cents / 100, cents % 100),
                _ => "balance of pay".to_owned(),
            };
            let bsb = account.bsb.trim();
            let number = account.account_number.expose().trim();
            let name = account.account_name.trim();
            (
                format!("{}|{bsb}|{number}|{name}|{amount}", account.order),
                format!("{bsb} {} {name} ({amount})", masked_number(number)),
            )
        })
        .unzip();
    FieldValue::Sensitive {
        value: Sensitive::new(canonical.join("\n")),
        masked: masked.join("; "),
    }
}

/// `code|name|membership|joined` per fund, sorted, as `sets::super_set`.
fn super_set(funds: &[WorkniceSuperFund], names: &LookupNames) -> FieldValue {
    let mut funds: Vec<(String, String)> = funds
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

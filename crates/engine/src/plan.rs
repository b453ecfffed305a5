//! What importing one MicrOpay employee means: the Worknice person to create
//! (group by group), the reasons it cannot be imported, its masked preview
//! and the fingerprints recorded once it is imported.

use std::collections::HashMap;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use paybridge_domain::bank::check_bank_split;
use paybridge_domain::{
    AccountNumber, AccountNumberLimit, BankAccount, Bsb, EmpCode, Sensitive, Tfn, ValidationError,
};
use paybridge_micropay::{EmployeeDetail, Lookup};
use paybridge_store::DataGroup;
use serde::Serialize;
use sha2::Sha256;

use crate::api::{
    BankAccountPreview, EmployeePreview, LinkState, PersonalPreview, SuperFundPreview, TaxPreview,
};

/// MicrOpay's bank record with its BSB, number and order checked. Its
/// balance-of-pay account carries no fixed amount, whatever MicrOpay holds.
pub(crate) fn bank_account(
    bank: &paybridge_micropay::BankAccount,
    bsb: Bsb,
    account_number: AccountNumber,
    order: u16,
) -> BankAccount {
    BankAccount {
        bsb,
        account_number,
        account_name: bank.account_name.clone(),
        fixed_amount_cents: if bank.balance_of_pay {
            0
        } else {
            bank.pay_amount_cents
        },
        balance_of_pay: bank.balance_of_pay,
        order,
    }
}

/// Lookup descriptions by (type, code), e.g. ("Location", "SYD") → "Sydney".
#[derive(Debug, Clone, Default)]
pub(crate) struct LookupNames(HashMap<(String, String), String>);

impl LookupNames {
    pub(crate) fn new(lookups: &[Lookup]) -> Self {
        Self(
            lookups
                .iter()
                .map(|lookup| {
                    (
                        (lookup.lookup_type.clone(), lookup.code.clone()),
                        lookup.description.clone(),
                    )
                })
                .collect(),
        )
    }

    /// The code `value` stands for in `lookup_type`, matched by code or by
    /// description, ignoring case ("Female" and "f" → "F"); `value`
    /// trimmed when no lookup matches. MicrOpay sends some fields as the
    /// description and Worknice may hold either: comparing codes keeps the
    /// two from looking different when they say the same.
    pub(crate) fn code_of(&self, lookup_type: &str, value: &str) -> String {
        let value = value.trim();
        self.0
            .iter()
            .filter(|((kind, _), _)| kind == lookup_type)
            .find(|((_, code), description)| {
                code.eq_ignore_ascii_case(value) || description.eq_ignore_ascii_case(value)
            })
            .map(|((_, code), _)| code.clone())
            .unwrap_or_else(|| value.to_owned())
    }

    /// The description, or the code itself when the lookup is unknown.
    pub(crate) fn describe(&self, lookup_type: &str, code: &str) -> String {
        self.0
            .get(&(lookup_type.to_owned(), code.to_owned()))
            .filter(|description| !description.is_empty())
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AddressPlan {
    pub street: String,
    pub suburb: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PersonalPlan {
    pub first_name: String,
    pub last_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub title: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub residential_address: Option<AddressPlan>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BankPlan {
    /// `NNN-NNN`.
    pub bsb: String,
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    pub account_number: Sensitive<String>,
    pub account_name: String,
    pub fixed_amount_cents: Option<i64>,
    pub balance_of_pay: bool,
    pub order: u16,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SuperPlan {
    pub fund_code: String,
    pub fund_name: String,
    pub usi: Option<String>,
    pub membership_number: String,
    pub date_joined: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaxPlan {
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    pub tfn: Sensitive<String>,
    pub basis_of_payment: String,
    pub australian_resident: bool,
    pub tax_free_threshold: bool,
    pub help_debt: bool,
    pub sfss_debt: bool,
}

/// The Worknice person an employee becomes, when it can be imported.
#[derive(Debug, Clone)]
pub(crate) struct PersonPlan {
    pub employee_code: String,
    pub id_employee: i64,
    pub personal: PersonalPlan,
    pub bank_accounts: Vec<BankPlan>,
    pub super_funds: Vec<SuperPlan>,
    pub tax: Option<TaxPlan>,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// "Olivia Nguyen", with the preferred name when there is one.
pub(crate) fn display_name(employee: &EmployeeDetail) -> String {
    let first = optional(&employee.preferred_name).unwrap_or_else(|| employee.first_name.clone());
    format!("{} {}", first.trim(), employee.surname.trim())
        .trim()
        .to_owned()
}

/// Everything that stops `employee` being imported, in words that say what
/// to fix in MicrOpay. Empty when it can be imported.
pub(crate) fn cant_import_reasons(employee: &EmployeeDetail) -> Vec<String> {
    // Read without its unreadable fields: any other check would judge a
    // record with parts missing.
    if !employee.unreadable_fields.is_empty() {
        return vec![format!(
            "MicrOpay sent parts of this employee's record that Paybridge cannot read: {}. Correct them in MicrOpay.",
            employee.unreadable_fields.join("; ")
        )];
    }
    let mut reasons = Vec::new();
    match EmpCode::parse(&employee.emp_code) {
        Ok(_) => {}
        Err(ValidationError::EmpCodeMissing) => reasons.push(
            "No employee code (EmpCode) in MicrOpay: give the employee one, so Worknice and MicrOpay can be linked."
                .to_owned(),
        ),
        Err(problem) => reasons.push(format!(
            "The employee code can't be used to link Worknice and MicrOpay: {problem}."
        )),
    }
    if employee.first_name.trim().is_empty() || employee.surname.trim().is_empty() {
        reasons.push("The first name or surname is missing in MicrOpay.".to_owned());
    }
    if let Some(tax) = &employee.employee_detail {
        if !tax.tfn.is_empty() {
            if let Err(problem) = Tfn::parse(tax.tfn.expose()) {
                reasons.push(format!(
                    "Invalid tax file number: {problem}. Correct it in MicrOpay."
                ));
            }
        }
    }
    let mut accounts = Vec::new();
    let mut account_problem = false;
    for (position, bank) in employee.employee_banks.iter().enumerate() {
        let which = position + 1;
        let bsb = Bsb::parse(&bank.bsb_code);
        if let Err(problem) = &bsb {
            reasons.push(format!(
                "Invalid BSB on bank account {which}: {problem}. Correct it in MicrOpay."
            ));
        }
        let number =
            AccountNumber::parse(bank.account_number.expose(), AccountNumberLimit::Micropay);
        if let Err(problem) = &number {
            reasons.push(format!(
                "Invalid account number on bank account {which}: {problem}. Correct it in MicrOpay."
            ));
        }
        let order = u16::try_from(bank.order).ok();
        if order.is_none() {
            reasons.push(format!(
                "Bank account {which} has an order outside 0 to 999. Correct it in MicrOpay."
            ));
        }
        match (bsb, number, order) {
            (Ok(bsb), Ok(account_number), Some(order)) => {
                accounts.push(bank_account(bank, bsb, account_number, order))
            }
            _ => account_problem = true,
        }
    }
    // An employee without bank accounts is imported without them; a split
    // that is there must follow MicrOpay's rules.
    if !account_problem && !accounts.is_empty() {
        for problem in check_bank_split(&accounts) {
            reasons.push(format!(
                "The bank split breaks MicrOpay's rules: {problem}. Correct it in MicrOpay."
            ));
        }
    }
    reasons
}

/// The Worknice person for `employee`. Call only when
/// [`cant_import_reasons`] found nothing.
pub(crate) fn person_plan(employee: &EmployeeDetail, names: &LookupNames) -> PersonPlan {
    let has_address = [&employee.street, &employee.suburb_city, &employee.postcode]
        .iter()
        .any(|part| !part.trim().is_empty());
    let personal = PersonalPlan {
        first_name: employee.first_name.trim().to_owned(),
        last_name: employee.surname.trim().to_owned(),
        middle_name: optional(&employee.middle_name),
        preferred_name: optional(&employee.preferred_name),
        title: optional(&employee.title),
        gender: optional(&employee.gender),
        date_of_birth: employee.date_of_birth,
        start_date: employee.hired_date,
        email: optional(&employee.email),
        mobile_phone: optional(&employee.mobile_phone),
        residential_address: has_address.then(|| AddressPlan {
            street: employee.street.trim().to_owned(),
            suburb: employee.suburb_city.trim().to_owned(),
            state: employee.state.trim().to_owned(),
            postcode: employee.postcode.trim().to_owned(),
            country: "Australia".to_owned(),
        }),
    };
    let bank_accounts = employee
        .employee_banks
        .iter()
        .map(|bank| BankPlan {
            bsb: Bsb::parse(&bank.bsb_code)
                .map(|bsb| bsb.as_str().to_owned())
                .unwrap_or_else(|_| bank.bsb_code.clone()),
            account_number: Sensitive::new(
                AccountNumber::parse(bank.account_number.expose(), AccountNumberLimit::Micropay)
                    .map(|number| number.expose().to_owned())
                    .unwrap_or_default(),
            ),
            account_name: bank.account_name.trim().to_owned(),
            fixed_amount_cents: (!bank.balance_of_pay).then_some(bank.pay_amount_cents),
            balance_of_pay: bank.balance_of_pay,
            order: u16::try_from(bank.order).unwrap_or_default(),
        })
        .collect();
    let super_funds = employee
        .employee_supers
        .iter()
        .map(|fund| SuperPlan {
            fund_code: fund.fund_code.clone(),
            fund_name: names.describe("SuperFund", &fund.fund_code),
            usi: None,
            membership_number: fund.membership_number.clone(),
            date_joined: fund.date_joined,
        })
        .collect();
    let tax = employee
        .employee_detail
        .as_ref()
        .filter(|tax| !tax.tfn.is_empty())
        .map(|tax| TaxPlan {
            tfn: Sensitive::new(
                Tfn::parse(tax.tfn.expose())
                    .map(|tfn| tfn.expose().to_owned())
                    .unwrap_or_default(),
            ),
            basis_of_payment: tax.basis_of_payment.clone(),
            australian_resident: tax.is_australian_resident,
            tax_free_threshold: tax.tax_free_threshold,
            help_debt: tax.hecs,
            sfss_debt: tax.sfss,
        });
    PersonPlan {
        employee_code: employee.emp_code.trim().to_owned(),
        id_employee: employee.id_employee,
        personal,
        bank_accounts,
        super_funds,
        tax,
    }
}

fn date_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(|date| date.format("%Y-%m-%d").to_string())
}

/// How many trailing characters of a masked number the preview shows.
const VISIBLE_TAIL: usize = 3;

/// Numbers shorter than this are masked whole: the last three of a
/// five-digit account number would give most of it away.
const SHORTEST_PARTLY_SHOWN: usize = 6;

/// An account or membership number as the preview shows it: "••••• 678",
/// or only dots when it is too short to show any of it safely.
pub(crate) fn masked_number(number: &str) -> String {
    let number = Sensitive::new(number.to_owned());
    let length = number
        .expose()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if length < SHORTEST_PARTLY_SHOWN {
        "•".repeat(length)
    } else {
        number.masked_tail(VISIBLE_TAIL)
    }
}

/// The preview screen's view of `plan`: account, membership and tax file
/// numbers masked.
pub(crate) fn preview(plan: &PersonPlan, name: String, link_state: LinkState) -> EmployeePreview {
    let personal = &plan.personal;
    EmployeePreview {
        emp_code: plan.employee_code.clone(),
        name,
        link_state,
        personal: PersonalPreview {
            title: personal.title.clone(),
            first_name: personal.first_name.clone(),
            middle_name: personal.middle_name.clone(),
            preferred_name: personal.preferred_name.clone(),
            last_name: personal.last_name.clone(),
            gender: personal.gender.clone(),
            date_of_birth: date_text(personal.date_of_birth),
            start_date: date_text(personal.start_date),
            email: personal.email.clone(),
            mobile_phone: personal.mobile_phone.clone(),
            residential_address: personal.residential_address.as_ref().map(|address| {
                format!(
                    "{}, {} {} {}",
                    address.street, address.suburb, address.state, address.postcode
                )
            }),
        },
        bank_accounts: plan
            .bank_accounts
            .iter()
            .map(|bank| BankAccountPreview {
                bsb: bank.bsb.clone(),
                account_number_masked: masked_number(bank.account_number.expose()),
                account_name: bank.account_name.clone(),
                fixed_amount_cents: bank.fixed_amount_cents,
                balance_of_pay: bank.balance_of_pay,
                order: bank.order,
            })
            .collect(),
        super_funds: plan
            .super_funds
            .iter()
            .map(|fund| SuperFundPreview {
                fund_code: fund.fund_code.clone(),
                fund_name: fund.fund_name.clone(),
                membership_number_masked: masked_number(&fund.membership_number),
                date_joined: date_text(fund.date_joined),
            })
            .collect(),
        tax: plan.tax.as_ref().map(|tax| TaxPreview {
            tfn_masked: tax.tfn.masked_tail(VISIBLE_TAIL),
            basis_of_payment: tax.basis_of_payment.clone(),
            australian_resident: tax.australian_resident,
            tax_free_threshold: tax.tax_free_threshold,
            help_debt: tax.help_debt,
            sfss_debt: tax.sfss_debt,
        }),
    }
}

/// HMAC-SHA256 of each group's canonical JSON under the install's
/// fingerprint key: equal data gives equal fingerprints, and without the key
/// a fingerprint cannot be tested against guessed TFNs.
pub(crate) fn fingerprints(plan: &PersonPlan, key: &[u8; 32]) -> Vec<(DataGroup, String)> {
    let groups: [(DataGroup, serde_json::Result<Vec<u8>>); 4] = [
        (DataGroup::Personal, serde_json::to_vec(&plan.personal)),
        (DataGroup::Bank, serde_json::to_vec(&plan.bank_accounts)),
        (DataGroup::Super, serde_json::to_vec(&plan.super_funds)),
        (DataGroup::Tax, serde_json::to_vec(&plan.tax)),
    ];
    groups
        .into_iter()
        .map(|(group, json)| {
            let json = Sensitive::new(json.unwrap_or_default());
            (group, fingerprint(key, group, json.expose()))
        })
        .collect()
}

pub(crate) fn fingerprint(key: &[u8; 32], group: DataGroup, canonical: &[u8]) -> String {
    // Hmac accepts a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(group.as_str().as_bytes());
    mac.update(&[0]);
    mac.update(canonical);
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests;

//! An edit to one employee, as a `ChangeEmployee` request or payroll's own
//! screen carries it: read from JSON in any casing (ASP.NET binds names
//! case-insensitively), checked the way the Web API checks a request up
//! front, and applied to the payroll record. Field names and limits are the
//! reference's (ChangeEmployeeView, ChangeEmployeeBankView,
//! ChangeEmployeeSuperContView); see crates/micropay/WIRE.md.

mod reader;

use chrono::{NaiveDate, NaiveDateTime};
use paybridge_domain::Sensitive;
use serde_json::{Map, Value};

use crate::dataset::{SeedBankAccount, SeedEmployee, SeedLookup, SeedSuperFund};
pub(crate) use reader::{lower_keys, Reader};
use reader::{read_bank, read_super};

/// One thing wrong with a request: the reference's field name and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub field: String,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// The personal, employment and tax fields an edit may set, then the bank
/// and super sets, which replace the whole set when present.
#[derive(Debug, Clone, Default)]
pub(crate) struct EmployeeEdit {
    pub surname: Option<String>,
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub title: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub hired_date: Option<NaiveDate>,
    pub termination_date: Option<NaiveDate>,
    pub street: Option<String>,
    pub suburb_city: Option<String>,
    pub state: Option<String>,
    pub postcode: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    pub location: Option<String>,
    pub payroll_company: Option<String>,
    pub pay_frequency: Option<String>,
    pub pay_point: Option<String>,
    pub tax: TaxEdit,
    pub banks: Option<Vec<SeedBankAccount>>,
    pub supers: Option<Vec<SeedSuperFund>>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct TaxEdit {
    pub tfn: Option<Sensitive<String>>,
    pub basis_of_payment: Option<String>,
    pub australian_resident: Option<bool>,
    pub tax_free_threshold: Option<bool>,
    pub help_debt: Option<bool>,
    pub working_holiday_maker: Option<bool>,
}

/// Reference names (PascalCase) and their limits, checked on every edit.
const NAME_LIMITS: &[(&str, usize)] = &[
    ("Surname", 40),
    ("FirstName", 20),
    ("MiddleName", 15),
    ("PreferredName", 15),
];
pub(crate) const EMP_CODE_LIMIT: usize = 20;
const BASES_OF_PAYMENT: &[&str] = &["FullTime", "PartTime", "Casual"];

impl EmployeeEdit {
    /// Reads an edit from a lower-cased ChangeEmployeeView or EmployeeView.
    /// The nested records' names are inferred; every spelling seen is accepted.
    pub(crate) fn read(map: &Map<String, Value>, problems: &mut Vec<Problem>) -> Self {
        let mut r = Reader::new(map, "", problems);
        let mut edit = Self {
            surname: r.text("Surname"),
            first_name: r.text("FirstName"),
            middle_name: r.text("MiddleName"),
            preferred_name: r.text("PreferredName"),
            title: r.text("Title"),
            gender: r.text("Gender"),
            date_of_birth: r.date("DateOfBirth"),
            hired_date: r.date("HiredDate"),
            termination_date: r.date("TerminationDate"),
            street: r.text("Street"),
            suburb_city: r.text("SuburbCity"),
            state: r.text("State"),
            postcode: r.text("Postcode"),
            email: r.text_any("Email", &["Email", "EmailAddress"]),
            mobile_phone: r.text("MobilePhone"),
            location: r.text("Location"),
            payroll_company: r.text("PayrollCompany"),
            pay_frequency: r.text("PayFrequency"),
            pay_point: r.text("PayPoint"),
            ..Self::default()
        };
        if let Some(detail) = r.object(&["ChangeEmployeeDetail", "EmployeeDetail", "Detail"]) {
            let mut d = Reader::new(detail, "EmployeeDetail.", r.problems);
            edit.tax = TaxEdit {
                tfn: d.text("TFN").map(Sensitive::new),
                basis_of_payment: d.text("BasisOfPayment"),
                australian_resident: d.flag("IsAustralianResident", &["IsAustralianResident"]),
                tax_free_threshold: d.flag(
                    "TaxFreeThreshold",
                    &[
                        "TaxFreeThreshold",
                        "ClaimTaxFreeThreshold",
                        "TaxFreeThresholdClaimed",
                    ],
                ),
                help_debt: d.flag("HECS", &["HECS", "HelpDebt"]),
                working_holiday_maker: d.flag("IsWorkingHolidayMaker", &["IsWorkingHolidayMaker"]),
            };
        }
        let bank_names = [
            "ChangeEmployeeBanks",
            "EmployeeBanks",
            "Banks",
            "BankAccounts",
        ];
        if let Some(banks) = r.list("ChangeEmployeeBanks", &bank_names) {
            let banks: Vec<_> = banks
                .into_iter()
                .enumerate()
                .map(|(i, bank)| read_bank(bank, &format!("ChangeEmployeeBanks[{i}]."), r.problems))
                .collect();
            edit.banks = Some(banks);
        }
        let super_names = [
            "ChangeEmployeeSuperConts",
            "ChangeEmployeeSupers",
            "EmployeeSupers",
            "Supers",
            "SuperFunds",
        ];
        if let Some(supers) = r.list("ChangeEmployeeSuperConts", &super_names) {
            let supers: Vec<_> = supers
                .into_iter()
                .enumerate()
                .map(|(i, fund)| {
                    read_super(fund, &format!("ChangeEmployeeSuperConts[{i}]."), r.problems)
                })
                .collect();
            edit.supers = Some(supers);
        }
        edit
    }

    /// The up-front checks: lengths, formats, allowed values, lookup codes.
    pub(crate) fn check(&self, lookups: &[SeedLookup], problems: &mut Vec<Problem>) {
        let names = [
            &self.surname,
            &self.first_name,
            &self.middle_name,
            &self.preferred_name,
        ];
        for ((field, limit), value) in NAME_LIMITS.iter().zip(names) {
            if value.as_ref().is_some_and(|v| v.chars().count() > *limit) {
                problems.push(Problem::new(
                    field,
                    format!("{field} is longer than the maximum of {limit} characters."),
                ));
            }
        }
        let coded = [
            ("Title", &self.title),
            ("Gender", &self.gender),
            ("Location", &self.location),
            ("PayrollCompany", &self.payroll_company),
            ("PayFrequency", &self.pay_frequency),
            ("PayPoint", &self.pay_point),
        ];
        for (lookup_type, value) in coded {
            if let Some(code) = value.as_deref().filter(|c| !c.is_empty()) {
                if find_code(lookups, lookup_type, code).is_none() {
                    problems.push(unknown_code(lookup_type, lookup_type, code));
                }
            }
        }
        if let Some(tfn) = &self.tax.tfn {
            let digits: String = tfn
                .expose()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if digits.len() != 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
                problems.push(Problem::new(
                    "EmployeeDetail.TFN",
                    "EmployeeDetail.TFN must be 9 digits.",
                ));
            }
        }
        if let Some(basis) = &self.tax.basis_of_payment {
            if !BASES_OF_PAYMENT
                .iter()
                .any(|b| b.eq_ignore_ascii_case(basis))
            {
                problems.push(Problem::new(
                    "EmployeeDetail.BasisOfPayment",
                    "EmployeeDetail.BasisOfPayment must be one of FullTime, PartTime, Casual.",
                ));
            }
        }
        if let Some(banks) = &self.banks {
            check_banks(banks, problems);
        }
        for (i, fund) in self.supers.iter().flatten().enumerate() {
            let field = format!("ChangeEmployeeSuperConts[{i}].FundCode");
            if fund.fund_code.is_empty() {
                problems.push(Problem::new(&field, format!("{field} is required.")));
            } else if find_code(lookups, "SuperFund", &fund.fund_code).is_none() {
                problems.push(unknown_code(&field, "SuperFund", &fund.fund_code));
            }
            if !["Employer", "Employee"].contains(&fund.contribution_type.as_str()) {
                let field = format!("ChangeEmployeeSuperConts[{i}].ContributionType");
                problems.push(Problem::new(
                    &field,
                    format!("{field} must be one of Employer, Employee."),
                ));
            }
        }
    }

    /// Writes the edit into `employee`, stamping it changed at `now`. Title
    /// and gender may come as code or description; the code is kept.
    pub(crate) fn apply(
        &self,
        employee: &mut SeedEmployee,
        lookups: &[SeedLookup],
        now: NaiveDateTime,
    ) {
        let set = |target: &mut String, value: &Option<String>| {
            if let Some(value) = value {
                target.clone_from(value);
            }
        };
        let set_optional = |target: &mut Option<String>, value: &Option<String>| {
            if let Some(value) = value {
                *target = Some(value.clone()).filter(|v| !v.is_empty());
            }
        };
        set(&mut employee.surname, &self.surname);
        set(&mut employee.first_name, &self.first_name);
        set_optional(&mut employee.middle_name, &self.middle_name);
        set_optional(&mut employee.preferred_name, &self.preferred_name);
        let code = |lookup_type: &str, value: &Option<String>| {
            value
                .as_deref()
                .map(|v| find_code(lookups, lookup_type, v).unwrap_or(v).to_owned())
        };
        set(&mut employee.title, &code("Title", &self.title));
        set(&mut employee.gender, &code("Gender", &self.gender));
        if let Some(date) = self.date_of_birth {
            employee.date_of_birth = Some(date);
        }
        if let Some(date) = self.hired_date {
            employee.hired_date = date;
        }
        if let Some(date) = self.termination_date {
            employee.termination_date = Some(date);
            employee.terminated = true;
        }
        set(&mut employee.address.line1, &self.street);
        set(&mut employee.address.suburb, &self.suburb_city);
        set(&mut employee.address.state, &self.state);
        set(&mut employee.address.postcode, &self.postcode);
        set(&mut employee.email, &self.email);
        set(&mut employee.mobile, &self.mobile_phone);
        set(&mut employee.location, &self.location);
        set(&mut employee.payroll_company, &self.payroll_company);
        set(&mut employee.pay_frequency, &self.pay_frequency);
        set(&mut employee.pay_point, &self.pay_point);
        let tax = &mut employee.tax;
        if let Some(tfn) = &self.tax.tfn {
            tax.tfn = Sensitive::new(
                tfn.expose()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect(),
            );
        }
        set(&mut tax.basis_of_payment, &self.tax.basis_of_payment);
        let flags = [
            (&mut tax.australian_resident, self.tax.australian_resident),
            (&mut tax.tax_free_threshold, self.tax.tax_free_threshold),
            (&mut tax.help_debt, self.tax.help_debt),
            (
                &mut tax.working_holiday_maker,
                self.tax.working_holiday_maker,
            ),
        ];
        for (target, value) in flags {
            if let Some(value) = value {
                *target = value;
            }
        }
        if let Some(banks) = &self.banks {
            employee.bank_accounts.clone_from(banks);
        }
        if let Some(supers) = &self.supers {
            employee.super_funds.clone_from(supers);
        }
        employee.changed_at = now;
    }
}

/// ChangeEmployeeBankView: the complete set, exactly one balance of pay.
fn check_banks(banks: &[SeedBankAccount], problems: &mut Vec<Problem>) {
    for (i, bank) in banks.iter().enumerate() {
        let field = |name: &str| format!("ChangeEmployeeBanks[{i}].{name}");
        if !is_bsb(&bank.bsb) {
            let field = field("BSBCode");
            problems.push(Problem::new(
                &field,
                format!("{field} must be six digits with a dash after the third (NNN-NNN)."),
            ));
        }
        let texts = [
            ("AccountNumber", bank.account_number.expose()),
            ("AccountName", &bank.account_name),
        ];
        for (name, value) in texts {
            let field = field(name);
            if value.is_empty() {
                problems.push(Problem::new(&field, format!("{field} is required.")));
            } else if value.chars().count() > 50 {
                problems.push(Problem::new(
                    &field,
                    format!("{field} is longer than the maximum of 50 characters."),
                ));
            }
        }
        if bank.order > 999 {
            let field = field("Order");
            problems.push(Problem::new(
                &field,
                format!("{field} must be between 0 and 999."),
            ));
        }
        if bank.balance_of_pay && bank.pay_amount_cents != 0 {
            let field = field("PayAmount");
            problems.push(Problem::new(
                &field,
                format!("{field} must be zero on the balance of pay account."),
            ));
        }
    }
    if banks.iter().filter(|bank| bank.balance_of_pay).count() != 1 {
        problems.push(Problem::new(
            "ChangeEmployeeBanks",
            "Exactly one bank account must have BalanceOfPay set to true.",
        ));
    }
}

fn is_bsb(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[3] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 3 || b.is_ascii_digit())
}

/// The code of `value` in the lookup type, matched by code or description.
pub(crate) fn find_code<'a>(
    lookups: &'a [SeedLookup],
    lookup_type: &str,
    value: &str,
) -> Option<&'a str> {
    lookups
        .iter()
        .filter(|l| l.lookup_type == lookup_type)
        .find(|l| l.code.eq_ignore_ascii_case(value) || l.description.eq_ignore_ascii_case(value))
        .map(|l| l.code.as_str())
}

fn unknown_code(field: &str, lookup_type: &str, code: &str) -> Problem {
    Problem::new(
        field,
        format!("{field} '{code}' is not a code of the {lookup_type} lookup."),
    )
}

#[cfg(test)]
mod tests;

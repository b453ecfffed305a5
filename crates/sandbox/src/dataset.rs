//! Deterministic, realistic Australian employees shared by both sandboxes.
//! The MicrOpay sandbox serves them as payroll employees; the Worknice
//! sandbox seeds some of them as people (matching by employee code).
//!
//! The same seed and count always give the same data. A few employees are
//! terminated and a few carry deliberately bad data (see [`SeedDefect`]), at
//! fixed positions so that small datasets have them too.

mod australia;
mod generator;

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use paybridge_domain::Sensitive;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use australia::*;

pub const DEFAULT_ORGANISATION: &str = "Demo Pty Ltd";
/// Every seeded employee's pay point.
pub const DEFAULT_PAY_POINT: &str = "MAIN";

#[derive(Debug, Clone)]
pub struct Dataset {
    /// The payroll company / organisation name, e.g. "Demo Pty Ltd".
    pub organisation: String,
    pub employees: Vec<SeedEmployee>,
    /// The payroll database's lookups, by lookup type (e.g. "SuperFund").
    pub lookups: Vec<SeedLookup>,
    /// Every leave category, standard and user-defined.
    pub leave_categories: Vec<SeedLeaveCategory>,
    /// The moment the data describes; every date in it is on or before this.
    pub as_at: NaiveDateTime,
}

/// Core fields every sandbox may rely on, then the payroll details the
/// MicrOpay sandbox serves.
#[derive(Debug, Clone)]
pub struct SeedEmployee {
    /// MicrOpay's database id (`idEmployee`).
    pub id_employee: i64,
    pub emp_code: String,
    pub first_name: String,
    pub surname: String,
    pub email: String,
    pub hired_date: chrono::NaiveDate,
    pub terminated: bool,

    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    /// Code from the Title lookup, e.g. "MS".
    pub title: String,
    /// Code from the Gender lookup: "M", "F" or "X".
    pub gender: String,
    /// None for a new hire whose Add carried none (payroll invents none).
    pub date_of_birth: Option<NaiveDate>,
    pub address: SeedAddress,
    pub mobile: String,
    /// Code from the Location lookup.
    pub location: String,
    /// Code from the PayrollCompany lookup.
    pub payroll_company: String,
    /// Code from the PayFrequency lookup: "W", "F" or "M".
    pub pay_frequency: String,
    /// Code from the PayPoint lookup.
    pub pay_point: String,
    pub termination_date: Option<NaiveDate>,
    /// When payroll last changed this employee (for `changedSince`).
    pub changed_at: NaiveDateTime,
    pub tax: SeedTax,
    pub bank_accounts: Vec<SeedBankAccount>,
    pub super_funds: Vec<SeedSuperFund>,
    pub leave_balances: Vec<SeedLeaveBalance>,
    /// The bad data planted in this employee, if any.
    pub defects: Vec<SeedDefect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeedDefect {
    /// A BSB that is not `NNN-NNN`.
    InvalidBsb,
    /// A TFN that fails the checksum.
    InvalidTfn,
    /// Two accounts both marked balance of pay.
    TwoBalanceOfPayAccounts,
    /// No EmpCode, so it cannot be linked.
    EmptyEmpCode,
}

#[derive(Debug, Clone)]
pub struct SeedAddress {
    pub line1: String,
    pub suburb: String,
    pub state: String,
    pub postcode: String,
}

#[derive(Debug, Clone)]
pub struct SeedTax {
    pub tfn: Sensitive<String>,
    /// FullTime, PartTime or Casual.
    pub basis_of_payment: String,
    pub australian_resident: bool,
    pub tax_free_threshold: bool,
    pub help_debt: bool,
    pub working_holiday_maker: bool,
}

#[derive(Debug, Clone)]
pub struct SeedBankAccount {
    /// `NNN-NNN` (except for the [`SeedDefect::InvalidBsb`] employee).
    pub bsb: String,
    pub bank_name: String,
    pub account_number: Sensitive<String>,
    pub account_name: String,
    /// Fixed amount per pay in cents; 0 on the balance-of-pay account.
    pub pay_amount_cents: i64,
    pub balance_of_pay: bool,
    /// 0–999, lowest on the default account.
    pub order: u16,
}

#[derive(Debug, Clone)]
pub struct SeedSuperFund {
    /// Code from the SuperFund lookup.
    pub fund_code: String,
    pub membership_number: String,
    pub date_joined: NaiveDate,
    /// "Employer" or "Employee".
    pub contribution_type: String,
    /// e.g. "SG" (superannuation guarantee) or "SS" (salary sacrifice).
    pub contribution_code: String,
    /// Percent of ordinary time earnings, e.g. 12.0.
    pub percentage: f64,
}

#[derive(Debug, Clone)]
pub struct SeedLeaveBalance {
    /// Code of a [`SeedLeaveCategory`].
    pub leave_code: String,
    pub hours: f64,
}

#[derive(Debug, Clone)]
pub struct SeedLeaveCategory {
    /// AnnualLeave, SickLeave, LongServiceLeave or UserDefinedLeave.
    pub leave_type: String,
    pub code: String,
    pub description: String,
    /// False for a code payroll retired: listed, not for new leave.
    pub active: bool,
}

impl SeedLeaveCategory {
    pub fn is_user_defined(&self) -> bool {
        self.leave_type == "UserDefinedLeave"
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedLookup {
    pub lookup_type: String,
    pub code: String,
    pub description: String,
    /// LookupView's `Active`: false for a code not to be used for new
    /// transactions.
    pub active: bool,
}

impl SeedLookup {
    /// An active code.
    pub fn new(lookup_type: &str, code: &str, description: &str) -> Self {
        Self {
            lookup_type: lookup_type.to_owned(),
            code: code.to_owned(),
            description: description.to_owned(),
            active: true,
        }
    }
}

/// Where the planted defects sit: index into the employee list.
const DEFECT_POSITIONS: &[(usize, SeedDefect)] = &[
    (4, SeedDefect::InvalidBsb),
    (9, SeedDefect::InvalidTfn),
    (14, SeedDefect::TwoBalanceOfPayAccounts),
    (19, SeedDefect::EmptyEmpCode),
];

/// Every 20th employee (from the 18th) has left.
fn is_terminated_position(index: usize) -> bool {
    index % 20 == 17
}

impl Dataset {
    pub fn generate(seed: u64, employees: usize) -> Self {
        Self::generate_for(DEFAULT_ORGANISATION, seed, employees)
    }

    pub fn generate_for(organisation: &str, seed: u64, employees: usize) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let as_at = date(2025, 6, 30).and_hms_opt(17, 0, 0).unwrap_or_default();
        let payroll_company = payroll_company_code(organisation);
        let mut emails = HashSet::new();
        let employees = (0..employees)
            .map(|index| {
                let mut generator = generator::EmployeeGenerator {
                    rng: &mut rng,
                    as_at,
                    index,
                };
                let mut employee = generator.employee(&payroll_company);
                employee.email = unique_email(&mut emails, &employee);
                employee
            })
            .collect();
        Self {
            organisation: organisation.to_owned(),
            employees,
            lookups: lookups(organisation, &payroll_company),
            leave_categories: LEAVE_CATEGORIES
                .iter()
                .map(
                    |(leave_type, code, description, active)| SeedLeaveCategory {
                        leave_type: (*leave_type).to_owned(),
                        code: (*code).to_owned(),
                        description: (*description).to_owned(),
                        active: *active,
                    },
                )
                .collect(),
            as_at,
        }
    }

    /// The distinct lookup types, in a stable order.
    pub fn lookup_types(&self) -> Vec<String> {
        let mut types: Vec<String> = Vec::new();
        for lookup in &self.lookups {
            if !types.contains(&lookup.lookup_type) {
                types.push(lookup.lookup_type.clone());
            }
        }
        types
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// "Demo Pty Ltd" -> "DEMO": the first word, upper-cased, at most 8 letters.
fn payroll_company_code(organisation: &str) -> String {
    let code: String = organisation
        .split_whitespace()
        .next()
        .unwrap_or("COMPANY")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    if code.is_empty() {
        "COMPANY".to_owned()
    } else {
        code.to_ascii_uppercase()
    }
}

fn unique_email(seen: &mut HashSet<String>, employee: &SeedEmployee) -> String {
    let local: String = format!("{}.{}", employee.first_name, employee.surname)
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let mut email = format!("{local}@demo.com.au");
    let mut suffix = 2;
    while !seen.insert(email.clone()) {
        email = format!("{local}{suffix}@demo.com.au");
        suffix += 1;
    }
    email
}

fn lookups(organisation: &str, payroll_company: &str) -> Vec<SeedLookup> {
    let mut all = vec![SeedLookup::new(
        "PayrollCompany",
        payroll_company,
        organisation,
    )];
    let mut add = |lookup_type: &str, rows: &[(&str, &str)]| {
        all.extend(
            rows.iter()
                .map(|(code, description)| SeedLookup::new(lookup_type, code, description)),
        );
    };
    add("Location", LOCATIONS);
    add("PayFrequency", PAY_FREQUENCIES);
    add("PayPoint", &[(DEFAULT_PAY_POINT, "Main pay point")]);
    add("Gender", GENDERS);
    add("Title", TITLES);
    add("LeaveReason", LEAVE_REASONS);
    let funds: Vec<(&str, &str)> = SUPER_FUNDS
        .iter()
        .map(|(code, name, _)| (*code, *name))
        .collect();
    add("SuperFund", &funds);
    all.extend(
        LEAVE_CATEGORIES
            .iter()
            .filter(|(leave_type, ..)| *leave_type == "UserDefinedLeave")
            .map(|(_, code, description, active)| SeedLookup {
                active: *active,
                ..SeedLookup::new("UserDefinedLeave", code, description)
            }),
    );
    all
}

/// A checksum-valid TFN: eight random digits, then the ninth chosen so the
/// weighted sum is divisible by 11 (weight 10 ≡ -1 mod 11, so it is the sum
/// of the first eight mod 11; redraw when that is 10).
pub fn generate_tfn(rng: &mut impl Rng) -> String {
    const WEIGHTS: [u32; 8] = [1, 4, 3, 7, 5, 8, 6, 9];
    loop {
        let digits: Vec<u32> = (0..8).map(|_| rng.random_range(0..10)).collect();
        let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
        let check = sum % 11;
        if check < 10 && digits[0] != 0 {
            return digits
                .iter()
                .chain(std::iter::once(&check))
                .map(|d| d.to_string())
                .collect();
        }
    }
}

/// The TFN checksum (weights 1,4,3,7,5,8,6,9,10; sum divisible by 11).
pub fn tfn_checksum_ok(tfn: &str) -> bool {
    const WEIGHTS: [u32; 9] = [1, 4, 3, 7, 5, 8, 6, 9, 10];
    let digits: Vec<u32> = tfn.chars().filter_map(|c| c.to_digit(10)).collect();
    digits.len() == 9
        && tfn.chars().all(|c| c.is_ascii_digit() || c == ' ')
        && digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11 == 0
}

#[cfg(test)]
mod tests;

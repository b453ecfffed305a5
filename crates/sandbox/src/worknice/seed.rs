//! Worknice's people, drawn deterministically from the shared dataset: about
//! a third of the current MicrOpay employees already exist in Worknice with
//! the same employee code, one former employee is archived, and a few people
//! exist only in Worknice (no code), one of them archived and one not started.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::records::{
    SandboxAddress, SandboxBankAccount, SandboxPersonDetails, SandboxSuperFund, SandboxTaxDetails,
};
use super::{PersonStatus, SandboxPerson};
use crate::dataset::{Dataset, SeedEmployee};

const LOCATIONS: &[&str] = &[
    "Sydney",
    "Melbourne",
    "Brisbane",
    "Perth",
    "Adelaide",
    "Hobart",
];
const TITLES: &[&str] = &[
    "Payroll Officer",
    "Warehouse Supervisor",
    "Registered Nurse",
    "Retail Assistant",
    "Accounts Payable Officer",
    "Site Manager",
    "Customer Service Consultant",
    "Forklift Operator",
    "HR Business Partner",
    "Software Developer",
];

/// People only Worknice knows: (first name, surname, status).
pub(super) const WORKNICE_ONLY: &[(&str, &str, PersonStatus)] = &[
    ("Priya", "Raman", PersonStatus::Active),
    ("Lachlan", "O'Connell", PersonStatus::Active),
    ("Mei", "Tanaka", PersonStatus::PreStart),
    ("Harriet", "Boyd", PersonStatus::Archived),
];

pub(super) fn people(dataset: &Dataset, rng: &mut ChaCha8Rng) -> Vec<SandboxPerson> {
    let (mut current, mut former): (Vec<&SeedEmployee>, Vec<&SeedEmployee>) = dataset
        .employees
        .iter()
        .partition(|employee| !employee.terminated);
    current.shuffle(rng);
    former.shuffle(rng);

    let matched = dataset.employees.len().div_ceil(3).min(current.len());
    let mut chosen: Vec<(&SeedEmployee, PersonStatus)> = current
        .into_iter()
        .take(matched)
        .map(|employee| (employee, PersonStatus::Active))
        .collect();
    chosen.extend(
        former
            .first()
            .map(|employee| (*employee, PersonStatus::Archived)),
    );
    // List them in payroll order, as a real organisation would have added them.
    chosen.sort_by_key(|(employee, _)| employee.id_employee);

    let mut people: Vec<SandboxPerson> = chosen
        .into_iter()
        .map(|(employee, status)| from_employee(employee, status, rng))
        .collect();

    let latest_start = dataset
        .employees
        .iter()
        .map(|employee| employee.hired_date)
        .max()
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default());
    for (first_name, surname, status) in WORKNICE_ONLY {
        let start_date = match status {
            PersonStatus::PreStart => latest_start.checked_add_days(Days::new(21)),
            _ => latest_start.checked_sub_days(Days::new(rng.random_range(30..900))),
        };
        people.push(SandboxPerson {
            id: id_from(rng),
            display_name: format!("{first_name} {surname}"),
            status: *status,
            employee_code: None,
            start_date,
            profile_email: Some(email(first_name, surname)),
            profile_phone: Some(mobile(rng)),
            location: LOCATIONS.choose(rng).map(|name| (*name).to_owned()),
            position_title: TITLES.choose(rng).map(|title| (*title).to_owned()),
        });
    }
    people
}

fn from_employee(
    employee: &SeedEmployee,
    status: PersonStatus,
    rng: &mut ChaCha8Rng,
) -> SandboxPerson {
    SandboxPerson {
        id: id_from(rng),
        display_name: format!("{} {}", employee.first_name, employee.surname),
        status,
        employee_code: Some(employee.emp_code.clone()),
        start_date: Some(employee.hired_date),
        profile_email: Some(employee.email.clone()),
        // Not everyone has filled in their profile.
        profile_phone: rng.random_bool(0.85).then(|| mobile(rng)),
        location: LOCATIONS.choose(rng).map(|name| (*name).to_owned()),
        position_title: rng
            .random_bool(0.9)
            .then(|| TITLES.choose(rng).map(|t| (*t).to_owned()))
            .flatten(),
    }
}

/// A UUID-shaped id (Worknice's id format is not published).
pub(super) fn id_from(rng: &mut ChaCha8Rng) -> String {
    let hex = format!("{:032x}", rng.random::<u128>());
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn mobile(rng: &mut ChaCha8Rng) -> String {
    format!(
        "04{:02} {:03} {:03}",
        rng.random_range(0..100),
        rng.random_range(0..1000),
        rng.random_range(0..1000)
    )
}

fn email(first_name: &str, surname: &str) -> String {
    let local: String = format!("{first_name}.{surname}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    format!("{}@example.com.au", local.to_ascii_lowercase())
}

/// What Worknice holds about each seeded person: a matched person carries
/// their payroll details as an earlier import would have brought them
/// across; a Worknice-only person has their name, profile and start date.
/// Draws nothing from the seed's generator, so ids stay as they were.
pub(super) fn details(
    dataset: &Dataset,
    people: &[SandboxPerson],
) -> HashMap<String, SandboxPersonDetails> {
    let by_code: HashMap<&str, &SeedEmployee> = dataset
        .employees
        .iter()
        .map(|employee| (employee.emp_code.as_str(), employee))
        .collect();
    people
        .iter()
        .map(|person| {
            let employee = person
                .employee_code
                .as_deref()
                .and_then(|code| by_code.get(code));
            let details = match employee {
                Some(employee) => from_payroll(employee, person),
                None => SandboxPersonDetails::from_listed(person, midnight(person.start_date)),
            };
            (person.id.clone(), details)
        })
        .collect()
}

fn midnight(date: Option<NaiveDate>) -> DateTime<Utc> {
    date.and_then(|date| date.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
        .and_utc()
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

fn from_payroll(employee: &SeedEmployee, person: &SandboxPerson) -> SandboxPersonDetails {
    SandboxPersonDetails {
        employee_code: employee.emp_code.clone(),
        first_name: employee.first_name.clone(),
        last_name: employee.surname.clone(),
        middle_name: employee.middle_name.clone(),
        preferred_name: employee.preferred_name.clone(),
        title: optional(&employee.title),
        gender: optional(&employee.gender),
        date_of_birth: employee.date_of_birth,
        start_date: Some(employee.hired_date),
        email: Some(employee.email.clone()),
        mobile_phone: person.profile_phone.clone(),
        residential_address: Some(SandboxAddress {
            street: employee.address.line1.clone(),
            suburb: employee.address.suburb.clone(),
            state: employee.address.state.clone(),
            postcode: employee.address.postcode.clone(),
            country: "Australia".to_owned(),
        }),
        postal_address: None,
        bank_accounts: employee
            .bank_accounts
            .iter()
            .map(|account| SandboxBankAccount {
                bsb: account.bsb.clone(),
                account_number: account.account_number.clone(),
                account_name: account.account_name.clone(),
                fixed_amount_cents: (!account.balance_of_pay).then_some(account.pay_amount_cents),
                balance_of_pay: account.balance_of_pay,
                order: account.order,
            })
            .collect(),
        super_funds: employee
            .super_funds
            .iter()
            .map(|fund| SandboxSuperFund {
                fund_code: fund.fund_code.clone(),
                fund_name: fund.fund_code.clone(),
                usi: None,
                membership_number: fund.membership_number.clone(),
                date_joined: Some(fund.date_joined),
            })
            .collect(),
        tax_details: Some(SandboxTaxDetails {
            tfn: employee.tax.tfn.clone(),
            basis_of_payment: employee.tax.basis_of_payment.clone(),
            australian_resident: employee.tax.australian_resident,
            tax_free_threshold: employee.tax.tax_free_threshold,
            help_debt: employee.tax.help_debt,
            sfss_debt: false,
        }),
        termination_date: employee.termination_date,
        updated_at: employee.changed_at.and_utc(),
    }
}

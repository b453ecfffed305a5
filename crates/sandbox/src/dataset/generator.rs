//! Draws one employee at a time from the seeded generator.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use paybridge_domain::Sensitive;
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::australia::*;
use super::{
    date, generate_tfn, is_terminated_position, SeedAddress, SeedBankAccount, SeedDefect,
    SeedEmployee, SeedLeaveBalance, SeedSuperFund, SeedTax, DEFECT_POSITIONS,
};

pub(super) struct EmployeeGenerator<'a> {
    pub(super) rng: &'a mut ChaCha8Rng,
    pub(super) as_at: NaiveDateTime,
    pub(super) index: usize,
}

impl EmployeeGenerator<'_> {
    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        // The tables are non-empty constants.
        items.choose(self.rng).unwrap_or(&items[0])
    }

    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0);
        from + chrono::Duration::days(self.rng.random_range(0..=span))
    }

    fn digits(&mut self, count: usize) -> String {
        let first = self.rng.random_range(1..10).to_string();
        (1..count).fold(first, |acc, _| {
            acc + &self.rng.random_range(0..10).to_string()
        })
    }

    pub(super) fn employee(&mut self, payroll_company: &str) -> SeedEmployee {
        let defects: Vec<SeedDefect> = DEFECT_POSITIONS
            .iter()
            .filter(|(at, _)| *at == self.index)
            .map(|(_, d)| *d)
            .collect();
        let female = self.rng.random_bool(0.5);
        let gender = if self.rng.random_bool(0.02) {
            "X"
        } else if female {
            "F"
        } else {
            "M"
        };
        let first_name = (*self.pick(if female {
            FEMALE_FIRST_NAMES
        } else {
            MALE_FIRST_NAMES
        }))
        .to_owned();
        let middle_pool = if female {
            FEMALE_FIRST_NAMES
        } else {
            MALE_FIRST_NAMES
        };
        let middle_name = self
            .rng
            .random_bool(0.4)
            .then(|| (*self.pick(middle_pool)).to_owned());
        let surname = (*self.pick(SURNAMES)).to_owned();
        let title = match gender {
            "X" => "MX",
            "F" => *self.pick(&["MS", "MRS", "MISS", "DR"]),
            _ => *self.pick(&["MR", "MR", "MR", "DR"]),
        }
        .to_owned();
        let preferred_name =
            (first_name.len() > 5 && self.rng.random_bool(0.2)).then(|| first_name[..3].to_owned());

        let today = self.as_at.date();
        let date_of_birth =
            self.date_between(date(today.year() - 66, 1, 1), date(today.year() - 18, 1, 1));
        let earliest_hire = date(2005, 1, 1).max(date(date_of_birth.year() + 16, 1, 1));
        let hired_date = self.date_between(earliest_hire, today - chrono::Duration::days(14));
        let terminated = is_terminated_position(self.index);
        let termination_date = terminated.then(|| self.date_between(hired_date, today));
        let changed_on = self.date_between(termination_date.unwrap_or(hired_date), today);
        let changed_at = changed_on
            .and_hms_opt(
                self.rng.random_range(8..18),
                self.rng.random_range(0..60),
                0,
            )
            .unwrap_or_default()
            .min(self.as_at);

        let (suburb, state, postcode) = *self.pick(SUBURBS);
        let address = SeedAddress {
            line1: format!("{} {}", self.rng.random_range(1..250), self.pick(STREETS)),
            suburb: suburb.to_owned(),
            state: state.to_owned(),
            postcode: postcode.to_owned(),
        };
        let mobile = format!("04{} {} {}", self.digits(2), self.digits(3), self.digits(3));
        let location = self.pick(LOCATIONS).0.to_owned();
        let pay_frequency = self.pick(&["W", "F", "F", "F", "M"]).to_string();

        let mut tfn = generate_tfn(self.rng);
        if defects.contains(&SeedDefect::InvalidTfn) {
            // Changing one digit of a valid TFN always breaks the checksum.
            let last = tfn.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
            tfn.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        }
        let basis_of_payment = self
            .pick(&["FullTime", "FullTime", "FullTime", "PartTime", "Casual"])
            .to_string();
        let tax = SeedTax {
            tfn: Sensitive::new(tfn),
            basis_of_payment,
            australian_resident: !self.rng.random_bool(0.05),
            tax_free_threshold: self.rng.random_bool(0.85),
            help_debt: self.rng.random_bool(0.25),
            working_holiday_maker: false,
        };

        let account_name = format!("{first_name} {surname}");
        let bank_accounts = self.bank_accounts(&account_name, &defects);
        let super_funds = self.super_funds(hired_date, today);
        let leave_balances = self.leave_balances(hired_date, today);
        let emp_code = if defects.contains(&SeedDefect::EmptyEmpCode) {
            String::new()
        } else {
            format!("E{:04}", self.index + 1)
        };

        SeedEmployee {
            id_employee: 1001 + self.index as i64,
            emp_code,
            first_name,
            surname,
            email: String::new(),
            hired_date,
            terminated,
            middle_name,
            preferred_name,
            title,
            gender: gender.to_owned(),
            date_of_birth: Some(date_of_birth),
            address,
            mobile,
            location,
            payroll_company: payroll_company.to_owned(),
            pay_frequency,
            pay_point: super::DEFAULT_PAY_POINT.to_owned(),
            termination_date,
            changed_at,
            tax,
            bank_accounts,
            super_funds,
            leave_balances,
            defects,
        }
    }

    fn bank_accounts(
        &mut self,
        account_name: &str,
        defects: &[SeedDefect],
    ) -> Vec<SeedBankAccount> {
        let count = *self.pick(&[1usize, 1, 1, 2, 2, 3]);
        let count = if defects.contains(&SeedDefect::TwoBalanceOfPayAccounts) {
            count.max(2)
        } else {
            count
        };
        (0..count)
            .map(|order| {
                let (prefix, bank_name) = *self.pick(BANKS);
                let mut bsb = format!("{prefix}-{}", self.rng.random_range(100..1000));
                if order == 0 && defects.contains(&SeedDefect::InvalidBsb) {
                    bsb = bsb.replace('-', "").chars().take(5).collect();
                }
                let balance_of_pay = order == 0
                    || (order == 1 && defects.contains(&SeedDefect::TwoBalanceOfPayAccounts));
                let pay_amount_cents = if balance_of_pay {
                    0
                } else {
                    i64::from(self.rng.random_range(2..40u32)) * 2500
                };
                let length = self.rng.random_range(6..=9);
                SeedBankAccount {
                    bsb,
                    bank_name: bank_name.to_owned(),
                    account_number: Sensitive::new(self.digits(length)),
                    account_name: account_name.to_owned(),
                    pay_amount_cents,
                    balance_of_pay,
                    order: order as u16,
                }
            })
            .collect()
    }

    fn super_funds(&mut self, hired: NaiveDate, today: NaiveDate) -> Vec<SeedSuperFund> {
        let (code, _, _) = *self.pick(SUPER_FUNDS);
        let length = self.rng.random_range(7..=10);
        let mut funds = vec![SeedSuperFund {
            fund_code: code.to_owned(),
            membership_number: self.digits(length),
            date_joined: hired,
            contribution_type: "Employer".to_owned(),
            contribution_code: "SG".to_owned(),
            percentage: 12.0,
        }];
        if self.rng.random_bool(0.15) {
            let (code, _, _) = *self.pick(SUPER_FUNDS);
            let length = self.rng.random_range(7..=10);
            funds.push(SeedSuperFund {
                fund_code: code.to_owned(),
                membership_number: self.digits(length),
                date_joined: self.date_between(hired, today),
                contribution_type: "Employee".to_owned(),
                contribution_code: "SS".to_owned(),
                percentage: f64::from(self.rng.random_range(1..=5u32)),
            });
        }
        funds
    }

    fn leave_balances(&mut self, hired: NaiveDate, today: NaiveDate) -> Vec<SeedLeaveBalance> {
        let years = (today - hired).num_days() as f64 / 365.25;
        let rng = &mut *self.rng;
        let mut hours = |max: f64| (rng.random_range(0.0..max) * 100.0).round() / 100.0;
        let mut balances = vec![
            SeedLeaveBalance {
                leave_code: "AL".to_owned(),
                hours: hours(160.0),
            },
            SeedLeaveBalance {
                leave_code: "SL".to_owned(),
                hours: hours(80.0),
            },
        ];
        if years >= 7.0 {
            balances.push(SeedLeaveBalance {
                leave_code: "LSL".to_owned(),
                hours: hours(300.0),
            });
        }
        if hours(1.0) < 0.3 {
            balances.push(SeedLeaveBalance {
                leave_code: "STUDY".to_owned(),
                hours: hours(38.0),
            });
        }
        balances
    }
}

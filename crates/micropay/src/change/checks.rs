//! The checks a change passes before it is sent: MicrOpay's lengths and
//! allowed values (WIRE.md), each failure in a payroll officer's words.

use paybridge_domain::{Bsb, Tfn};

use super::{ChangeEmployee, ChangeType, FieldProblem, EMP_CODE_LIMIT};

/// (wire name, what a payroll officer calls it, MicrOpay's limit)
const NAME_LIMITS: [(&str, &str, usize); 4] = [
    ("Surname", "Surname", 40),
    ("FirstName", "First name", 20),
    ("MiddleName", "Middle name", 15),
    ("PreferredName", "Preferred name", 15),
];
const BASES_OF_PAYMENT: [&str; 3] = ["FullTime", "PartTime", "Casual"];

impl ChangeEmployee {
    /// Everything that would make MicrOpay refuse this request, checked
    /// without sending it. Lookup codes are checked only for presence here:
    /// whether a code exists is for the caller, who has the lookups.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                message,
            });
        };
        let code = self.emp_code.trim();
        if code.is_empty() {
            problem(
                "EmpCode",
                "The Employee ID is missing: MicrOpay needs one on every change.".to_owned(),
            );
        } else if code.chars().count() > EMP_CODE_LIMIT {
            problem(
                "EmpCode",
                format!("Employee ID is longer than MicrOpay's {EMP_CODE_LIMIT} characters."),
            );
        }
        let d = &self.details;
        let names = [&d.surname, &d.first_name, &d.middle_name, &d.preferred_name];
        for ((field, label, limit), value) in NAME_LIMITS.iter().zip(names) {
            if value
                .as_ref()
                .is_some_and(|v| v.trim().chars().count() > *limit)
            {
                problem(
                    field,
                    format!("{label} is longer than MicrOpay's {limit} characters."),
                );
            }
        }
        if self.change_type == ChangeType::Add {
            let required = [
                ("Surname", "a surname", &d.surname),
                ("Location", "a location", &d.location),
                ("PayrollCompany", "a payroll company", &d.payroll_company),
                ("PayFrequency", "a pay frequency", &d.pay_frequency),
                ("PayPoint", "a pay point", &d.pay_point),
            ];
            for (field, what, value) in required {
                if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                    problem(
                        field,
                        format!("A new employee needs {what} before MicrOpay will take them."),
                    );
                }
            }
        }
        if let Some(tax) = &self.tax {
            if let Some(tfn) = &tax.tfn {
                if let Err(err) = Tfn::parse(tfn.expose()) {
                    problem(
                        "EmployeeDetail.TFN",
                        format!("The tax file number is not valid ({err}), so it is not sent."),
                    );
                }
            }
            if let Some(basis) = &tax.basis_of_payment {
                if !BASES_OF_PAYMENT.contains(&basis.as_str()) {
                    problem(
                        "EmployeeDetail.BasisOfPayment",
                        "The basis of payment must be FullTime, PartTime or Casual.".to_owned(),
                    );
                }
            }
        }
        if let Some(banks) = &self.banks {
            for (i, bank) in banks.iter().enumerate() {
                let field = |name: &str| format!("ChangeEmployeeBanks[{i}].{name}");
                let which = format!("Bank account {}", i + 1);
                if Bsb::parse(&bank.bsb).is_err() {
                    problem(
                        &field("BSBCode"),
                        format!("{which}: the BSB must be six digits (NNN-NNN)."),
                    );
                }
                let number = bank.account_number.expose().trim();
                if number.is_empty() {
                    problem(
                        &field("AccountNumber"),
                        format!("{which}: the account number is missing."),
                    );
                } else if number.chars().count() > 50 {
                    problem(
                        &field("AccountNumber"),
                        format!(
                            "{which}: the account number is longer than MicrOpay's 50 characters."
                        ),
                    );
                }
                let name = bank.account_name.trim();
                if name.is_empty() {
                    problem(
                        &field("AccountName"),
                        format!("{which}: the account name is missing."),
                    );
                } else if name.chars().count() > 50 {
                    problem(
                        &field("AccountName"),
                        format!(
                            "{which}: the account name is longer than MicrOpay's 50 characters."
                        ),
                    );
                }
                if bank.order > 999 {
                    problem(
                        &field("Order"),
                        format!("{which}: the order must be between 0 and 999."),
                    );
                }
                if bank.pay_amount_cents < 0 {
                    problem(
                        &field("PayAmount"),
                        format!("{which}: the amount cannot be negative."),
                    );
                }
                if bank.balance_of_pay && bank.pay_amount_cents != 0 {
                    problem(
                        &field("PayAmount"),
                        format!("{which} takes the balance of pay, so its fixed amount must be 0."),
                    );
                }
            }
            if banks.iter().filter(|b| b.balance_of_pay).count() != 1 {
                problem(
                    "ChangeEmployeeBanks",
                    "Exactly one bank account must take the balance of pay.".to_owned(),
                );
            }
        }
        for (i, fund) in self.supers.iter().flatten().enumerate() {
            let which = format!("Super fund {}", i + 1);
            if fund.fund_code.trim().is_empty() {
                problem(
                    &format!("ChangeEmployeeSuperConts[{i}].FundCode"),
                    format!("{which}: the fund code is missing."),
                );
            } else if fund.fund_code.trim().chars().count() > 10 {
                problem(
                    &format!("ChangeEmployeeSuperConts[{i}].FundCode"),
                    format!("{which}: the fund code is longer than MicrOpay's 10 characters."),
                );
            }
            if fund
                .membership_number
                .as_ref()
                .is_some_and(|m| m.trim().chars().count() > 20)
            {
                problem(
                    &format!("ChangeEmployeeSuperConts[{i}].MembershipNumber"),
                    format!(
                        "{which}: the membership number is longer than MicrOpay's 20 characters."
                    ),
                );
            }
            if !["Employer", "Employee"].contains(&fund.contribution_type.as_str()) {
                problem(
                    &format!("ChangeEmployeeSuperConts[{i}].ContributionType"),
                    format!("{which}: the contribution type must be Employer or Employee."),
                );
            }
        }
        problems
    }
}

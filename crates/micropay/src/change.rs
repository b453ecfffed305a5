//! A `ChangeEmployee` request as Paybridge builds it: Add (a new hire, for
//! payroll's "New Employee" wizard) or Change, with the detail fields, the
//! tax details, and bank and super records sent as complete sets (they
//! replace what payroll has). Checked before sending against the reference's
//! lengths and allowed values, in words a payroll officer can act on.
//! The wire form (PascalCase, as the reference's tables name it) is built
//! only in [`ChangeEmployee::to_wire`]; see WIRE.md.

mod checks;

use chrono::NaiveDate;
use paybridge_domain::{Bsb, Sensitive};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Delete is left out on purpose: Paybridge never deletes a payroll employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChangeType {
    Add,
    Change,
}

/// What a change sets; `None` leaves payroll's value alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmployeeChanges {
    pub surname: Option<String>,
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    /// Code or description from the Title lookup.
    pub title: Option<String>,
    /// Code or description from the Gender lookup.
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub hired_date: Option<NaiveDate>,
    pub street: Option<String>,
    pub suburb_city: Option<String>,
    pub state: Option<String>,
    pub postcode: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    /// Codes from the Location, PayrollCompany, PayFrequency and PayPoint lookups.
    pub location: Option<String>,
    pub payroll_company: Option<String>,
    pub pay_frequency: Option<String>,
    pub pay_point: Option<String>,
}

/// ChangeEmployeeDetailView: the tax details.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaxChanges {
    pub tfn: Option<Sensitive<String>>,
    /// FullTime, PartTime or Casual.
    pub basis_of_payment: Option<String>,
    pub australian_resident: Option<bool>,
    pub tax_free_threshold: Option<bool>,
    pub help_debt: Option<bool>,
    pub working_holiday_maker: Option<bool>,
}

/// ChangeEmployeeBankView: one account of the complete set.
#[derive(Debug, Clone, PartialEq)]
pub struct BankAccountChange {
    /// `NNN-NNN` (six digits are accepted and sent with the dash).
    pub bsb: String,
    pub account_number: Sensitive<String>,
    pub account_name: String,
    pub bank_name: Option<String>,
    /// A fixed amount per pay, in cents; 0 on the balance-of-pay account.
    pub pay_amount_cents: i64,
    pub balance_of_pay: bool,
    /// 0–999, lowest on the default account.
    pub order: u16,
}

/// ChangeEmployeeSuperContView: one record of the complete set.
#[derive(Debug, Clone, PartialEq)]
pub struct SuperFundChange {
    /// Code from the SuperFund lookup.
    pub fund_code: String,
    pub membership_number: Option<String>,
    pub date_joined: Option<NaiveDate>,
    /// "Employer" or "Employee".
    pub contribution_type: String,
    pub contribution_code: Option<String>,
    pub contribution_percentage: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEmployee {
    pub change_type: ChangeType,
    pub emp_code: String,
    /// A suggestion to payroll of when to apply it.
    pub effective_date: Option<NaiveDate>,
    pub details: EmployeeChanges,
    pub tax: Option<TaxChanges>,
    /// `Some`: replaces every bank account payroll has.
    pub banks: Option<Vec<BankAccountChange>>,
    /// `Some`: replaces every super record payroll has.
    pub supers: Option<Vec<SuperFundChange>>,
}

/// One field Paybridge will not send, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    /// The reference's name for the field, e.g. "FirstName", "ChangeEmployeeBanks[0].BSBCode".
    pub field: String,
    pub message: String,
}

const EMP_CODE_LIMIT: usize = 20;

impl ChangeEmployee {
    /// A Change of an existing employee that sets nothing yet.
    pub fn change(emp_code: impl Into<String>) -> Self {
        Self {
            change_type: ChangeType::Change,
            emp_code: emp_code.into(),
            effective_date: None,
            details: EmployeeChanges::default(),
            tax: None,
            banks: None,
            supers: None,
        }
    }

    /// An Add with what MicrOpay requires of one.
    pub fn add(
        emp_code: impl Into<String>,
        surname: impl Into<String>,
        placement: Placement,
    ) -> Self {
        let mut add = Self::change(emp_code);
        add.change_type = ChangeType::Add;
        add.details.surname = Some(surname.into());
        add.details.location = Some(placement.location);
        add.details.payroll_company = Some(placement.payroll_company);
        add.details.pay_frequency = Some(placement.pay_frequency);
        add.details.pay_point = Some(placement.pay_point);
        add
    }

    /// The ChangeEmployeeView JSON. The one place TFNs and account numbers
    /// leave their `Sensitive` wrapper, on their way to MicrOpay.
    pub(crate) fn to_wire(&self) -> Value {
        let mut view = Map::new();
        let change_type = match self.change_type {
            ChangeType::Add => "Add",
            ChangeType::Change => "Change",
        };
        put(&mut view, "ChangeType", json!(change_type));
        put(&mut view, "EmpCode", json!(self.emp_code.trim()));
        put(
            &mut view,
            "EffectiveDate",
            json!(self.effective_date.map(day)),
        );
        let d = &self.details;
        let texts = [
            ("Surname", &d.surname),
            ("FirstName", &d.first_name),
            ("MiddleName", &d.middle_name),
            ("PreferredName", &d.preferred_name),
            ("Title", &d.title),
            ("Gender", &d.gender),
            ("Street", &d.street),
            ("SuburbCity", &d.suburb_city),
            ("State", &d.state),
            ("Postcode", &d.postcode),
            ("Email", &d.email),
            ("MobilePhone", &d.mobile_phone),
            ("Location", &d.location),
            ("PayrollCompany", &d.payroll_company),
            ("PayFrequency", &d.pay_frequency),
            ("PayPoint", &d.pay_point),
        ];
        put_texts(&mut view, &texts);
        put(&mut view, "DateOfBirth", json!(d.date_of_birth.map(day)));
        put(&mut view, "HiredDate", json!(d.hired_date.map(day)));
        if let Some(tax) = &self.tax {
            let mut detail = Map::new();
            // Required on ChangeEmployeeDetailView, as on the request.
            put(&mut detail, "ChangeType", json!(change_type));
            put(&mut detail, "EmpCode", json!(self.emp_code.trim()));
            let tfn = tax.tfn.as_ref().map(|tfn| {
                tfn.expose()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
            });
            put(&mut detail, "TFN", json!(tfn));
            put(&mut detail, "BasisOfPayment", json!(tax.basis_of_payment));
            put(
                &mut detail,
                "IsAustralianResident",
                json!(tax.australian_resident),
            );
            put(
                &mut detail,
                "TaxFreeThreshold",
                json!(tax.tax_free_threshold),
            );
            put(&mut detail, "HECS", json!(tax.help_debt));
            put(
                &mut detail,
                "IsWorkingHolidayMaker",
                json!(tax.working_holiday_maker),
            );
            view.insert("ChangeEmployeeDetail".to_owned(), Value::Object(detail));
        }
        if let Some(banks) = &self.banks {
            let banks: Vec<Value> = banks
                .iter()
                .map(|bank| {
                    let bsb = Bsb::parse(&bank.bsb)
                        .map_or_else(|_| bank.bsb.clone(), |bsb| bsb.to_string());
                    json!({
                        "ChangeType": change_type,
                        "EmpCode": self.emp_code.trim(),
                        "BSBCode": bsb,
                        "AccountNumber": bank.account_number.expose().trim(),
                        "AccountName": bank.account_name.trim(),
                        "BankName": bank.bank_name,
                        "PayAmount": bank.pay_amount_cents as f64 / 100.0,
                        "BalanceOfPay": bank.balance_of_pay,
                        "Order": bank.order,
                    })
                })
                .collect();
            view.insert("ChangeEmployeeBanks".to_owned(), Value::Array(banks));
        }
        if let Some(supers) = &self.supers {
            let supers: Vec<Value> = supers
                .iter()
                .map(|fund| {
                    json!({
                        "ChangeType": change_type,
                        "EmpCode": self.emp_code.trim(),
                        "FundCode": fund.fund_code.trim(),
                        "MembershipNumber": fund.membership_number,
                        "DateJoined": fund.date_joined.map(day),
                        "ContributionType": fund.contribution_type,
                        "ContributionCode": fund.contribution_code,
                        "ContributionPercentage": fund.contribution_percentage,
                    })
                })
                .collect();
            view.insert("ChangeEmployeeSuperConts".to_owned(), Value::Array(supers));
        }
        Value::Object(view)
    }
}

/// Where a new hire sits in payroll: the four codes an Add must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub location: String,
    pub payroll_company: String,
    pub pay_frequency: String,
    pub pay_point: String,
}

/// `ChangeEmployeeImmediate`: contact details only (see WIRE.md), applied
/// by MicrOpay at once for an existing employee.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImmediateChange {
    pub emp_code: String,
    pub street: Option<String>,
    pub suburb_city: Option<String>,
    pub state: Option<String>,
    pub postcode: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
}

impl ImmediateChange {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let code = self.emp_code.trim();
        let message = if code.is_empty() {
            "The Employee ID is missing: MicrOpay needs one on every change.".to_owned()
        } else if code.chars().count() > EMP_CODE_LIMIT {
            format!("Employee ID is longer than MicrOpay's {EMP_CODE_LIMIT} characters.")
        } else {
            return Vec::new();
        };
        vec![FieldProblem {
            field: "EmpCode".to_owned(),
            message,
        }]
    }

    pub(crate) fn to_wire(&self) -> Value {
        let mut view = Map::new();
        view.insert("ChangeType".to_owned(), json!("Change"));
        view.insert("EmpCode".to_owned(), json!(self.emp_code.trim()));
        let texts = [
            ("Street", &self.street),
            ("SuburbCity", &self.suburb_city),
            ("State", &self.state),
            ("Postcode", &self.postcode),
            ("Email", &self.email),
            ("MobilePhone", &self.mobile_phone),
        ];
        put_texts(&mut view, &texts);
        Value::Object(view)
    }
}

/// `None` leaves payroll's value alone, so it goes out as no field, never as null.
fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    if !value.is_null() {
        map.insert(key.to_owned(), value);
    }
}

/// The text fields that are set, trimmed.
fn put_texts(map: &mut Map<String, Value>, texts: &[(&str, &Option<String>)]) {
    for (key, value) in texts {
        put(map, key, json!(value.as_deref().map(str::trim)));
    }
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;

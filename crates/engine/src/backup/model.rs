//! What a backup holds: every employee as MicrOpay returned it (TFN and
//! account numbers included: that is the point of a backup) and every lookup.

use chrono::{DateTime, NaiveDate, Utc};
use paybridge_domain::Sensitive;
use paybridge_micropay::{EmployeeDetail, Lookup};
use serde::{Deserialize, Serialize};

use crate::api::DataGroupName;

pub(crate) const CONTENTS_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupContents {
    pub version: u32,
    pub created_at: DateTime<Utc>,
    /// The MicrOpay address it was read from.
    pub source: String,
    pub employees: Vec<BackupEmployee>,
    pub lookups: Vec<BackupLookup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupLookup {
    pub lookup_type: String,
    pub code: String,
    pub description: String,
    pub active: bool,
}

/// Personal and employment details: everything but tax, bank and super.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupPersonal {
    pub surname: String,
    pub first_name: String,
    pub middle_name: String,
    pub preferred_name: String,
    pub title: String,
    pub gender: String,
    pub marital_status: String,
    pub date_of_birth: Option<NaiveDate>,
    pub hired_date: Option<NaiveDate>,
    pub termination_date: Option<NaiveDate>,
    pub street: String,
    pub suburb_city: String,
    pub state: String,
    pub postcode: String,
    pub email: String,
    pub mobile_phone: String,
    pub location: String,
    pub payroll_company: String,
    pub pay_frequency: String,
    pub pay_point: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupTax {
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    pub tfn: Sensitive<String>,
    pub abn: String,
    pub basis_of_payment: String,
    pub is_australian_resident: bool,
    pub is_working_holiday_maker: bool,
    pub tax_free_threshold: bool,
    pub medicare_claims_reduction: bool,
    pub hecs: bool,
    pub sfss: bool,
    pub employment_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupBank {
    pub bsb_code: String,
    #[serde(serialize_with = "Sensitive::serialize_exposed")]
    pub account_number: Sensitive<String>,
    pub account_name: String,
    pub bank_name: String,
    pub pay_amount_cents: i64,
    pub balance_of_pay: bool,
    pub order: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupSuper {
    pub fund_code: String,
    pub date_joined: Option<NaiveDate>,
    pub membership_number: String,
    pub account_name: String,
    pub category_code: String,
    pub contribution_type: String,
    pub contribution_code: String,
    pub contribution_amount: Option<f64>,
    pub contribution_percentage: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BackupEmployee {
    pub id_employee: i64,
    pub emp_code: String,
    pub personal: BackupPersonal,
    pub tax: Option<BackupTax>,
    pub bank_accounts: Vec<BackupBank>,
    pub super_funds: Vec<BackupSuper>,
    /// Fields MicrOpay sent that could not be read, named with what was
    /// wrong: those fields hold defaults here (a payAmount of 0, an empty
    /// TFN), not what MicrOpay has. Absent in older backups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable_fields: Vec<String>,
}

impl BackupEmployee {
    pub(crate) fn name(&self) -> String {
        format!("{} {}", self.personal.first_name, self.personal.surname)
            .trim()
            .to_owned()
    }

    /// The groups whose data differs from `other`'s. Values are compared in
    /// memory and never returned.
    pub(crate) fn changed_groups(&self, other: &BackupEmployee) -> Vec<DataGroupName> {
        let mut changed = Vec::new();
        if self.personal != other.personal || self.emp_code != other.emp_code {
            changed.push(DataGroupName::Personal);
        }
        if self.bank_accounts != other.bank_accounts {
            changed.push(DataGroupName::Bank);
        }
        if self.super_funds != other.super_funds {
            changed.push(DataGroupName::Super);
        }
        if self.tax != other.tax {
            changed.push(DataGroupName::Tax);
        }
        changed
    }
}

impl From<&EmployeeDetail> for BackupEmployee {
    fn from(employee: &EmployeeDetail) -> Self {
        Self {
            id_employee: employee.id_employee,
            emp_code: employee.emp_code.clone(),
            personal: BackupPersonal {
                surname: employee.surname.clone(),
                first_name: employee.first_name.clone(),
                middle_name: employee.middle_name.clone(),
                preferred_name: employee.preferred_name.clone(),
                title: employee.title.clone(),
                gender: employee.gender.clone(),
                marital_status: employee.marital_status.clone(),
                date_of_birth: employee.date_of_birth,
                hired_date: employee.hired_date,
                termination_date: employee.termination_date,
                street: employee.street.clone(),
                suburb_city: employee.suburb_city.clone(),
                state: employee.state.clone(),
                postcode: employee.postcode.clone(),
                email: employee.email.clone(),
                mobile_phone: employee.mobile_phone.clone(),
                location: employee.location.clone(),
                payroll_company: employee.payroll_company.clone(),
                pay_frequency: employee.pay_frequency.clone(),
                pay_point: employee.pay_point.clone(),
            },
            tax: employee.employee_detail.as_ref().map(|tax| BackupTax {
                tfn: tax.tfn.clone(),
                abn: tax.abn.clone(),
                basis_of_payment: tax.basis_of_payment.clone(),
                is_australian_resident: tax.is_australian_resident,
                is_working_holiday_maker: tax.is_working_holiday_maker,
                tax_free_threshold: tax.tax_free_threshold,
                medicare_claims_reduction: tax.medicare_claims_reduction,
                hecs: tax.hecs,
                sfss: tax.sfss,
                employment_type: tax.employment_type.clone(),
            }),
            bank_accounts: employee
                .employee_banks
                .iter()
                .map(|bank| BackupBank {
                    bsb_code: bank.bsb_code.clone(),
                    account_number: bank.account_number.clone(),
                    account_name: bank.account_name.clone(),
                    bank_name: bank.bank_name.clone(),
                    pay_amount_cents: bank.pay_amount_cents,
                    balance_of_pay: bank.balance_of_pay,
                    order: bank.order,
                })
                .collect(),
            super_funds: employee
                .employee_supers
                .iter()
                .map(|fund| BackupSuper {
                    fund_code: fund.fund_code.clone(),
                    date_joined: fund.date_joined,
                    membership_number: fund.membership_number.clone(),
                    account_name: fund.account_name.clone(),
                    category_code: fund.category_code.clone(),
                    contribution_type: fund.contribution_type.clone(),
                    contribution_code: fund.contribution_code.clone(),
                    contribution_amount: fund.contribution_amount,
                    contribution_percentage: fund.contribution_percentage,
                })
                .collect(),
            unreadable_fields: employee.unreadable_fields.clone(),
        }
    }
}

impl From<&Lookup> for BackupLookup {
    fn from(lookup: &Lookup) -> Self {
        Self {
            lookup_type: lookup.lookup_type.clone(),
            code: lookup.code.clone(),
            description: lookup.description.clone(),
            active: lookup.active,
        }
    }
}

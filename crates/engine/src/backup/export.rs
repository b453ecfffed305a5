//! Plain exports of a backup: pretty JSON, or CSV with one row per employee.
//! Both hold tax file numbers; the caller has the user's confirmation.

use super::model::BackupContents;

pub(crate) fn to_json(contents: &BackupContents) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec_pretty(contents)
}

const CSV_HEADER: &[&str] = &[
    "idEmployee",
    "empCode",
    "title",
    "firstName",
    "middleName",
    "preferredName",
    "surname",
    "gender",
    "dateOfBirth",
    "hiredDate",
    "terminationDate",
    "street",
    "suburbCity",
    "state",
    "postcode",
    "email",
    "mobilePhone",
    "location",
    "payrollCompany",
    "payFrequency",
    "tfn",
    "basisOfPayment",
    "australianResident",
    "taxFreeThreshold",
    "helpDebt",
    "sfssDebt",
    // "BSB account name amount order [balance]" per account, "; " between.
    "bankAccounts",
    // "fund membership joined type code percent" per fund, "; " between.
    "superFunds",
    // Fields MicrOpay sent that could not be read (their cells hold
    // defaults, not MicrOpay's values), "; " between.
    "unreadableFields",
];

fn date(value: Option<chrono::NaiveDate>) -> String {
    value
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
/// leading tab or carriage return) gets a leading `'`, so opening the export
/// in Excel never runs what someone typed into a MicrOpay field.
pub(crate) fn defused(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

pub(crate) fn to_csv(contents: &BackupContents) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for employee in &contents.employees {
        let p = &employee.personal;
        let tax = employee.tax.as_ref();
        let banks: Vec<String> = employee
            .bank_accounts
            .iter()
            .map(|bank| {
                format!(
                    "{} {} {} {:.2} order {}{}",
                    bank.bsb_code,
                    bank.account_number.expose(),
                    bank.account_name,
                    bank.pay_amount_cents as f64 / 100.0,
                    bank.order,
                    if bank.balance_of_pay { " balance" } else { "" }
                )
            })
            .collect();
        let funds: Vec<String> = employee
            .super_funds
            .iter()
            .map(|fund| {
                format!(
                    "{} {} {} {} {} {}",
                    fund.fund_code,
                    fund.membership_number,
                    date(fund.date_joined),
                    fund.contribution_type,
                    fund.contribution_code,
                    fund.contribution_percentage
                        .map(|percent| percent.to_string())
                        .unwrap_or_default()
                )
            })
            .collect();
        let record: Vec<String> = vec![
            employee.id_employee.to_string(),
            employee.emp_code.clone(),
            p.title.clone(),
            p.first_name.clone(),
            p.middle_name.clone(),
            p.preferred_name.clone(),
            p.surname.clone(),
            p.gender.clone(),
            date(p.date_of_birth),
            date(p.hired_date),
            date(p.termination_date),
            p.street.clone(),
            p.suburb_city.clone(),
            p.state.clone(),
            p.postcode.clone(),
            p.email.clone(),
            p.mobile_phone.clone(),
            p.location.clone(),
            p.payroll_company.clone(),
            p.pay_frequency.clone(),
            tax.map(|t| t.tfn.expose().clone()).unwrap_or_default(),
            tax.map(|t| t.basis_of_payment.clone()).unwrap_or_default(),
            tax.map(|t| yes_no(t.is_australian_resident))
                .unwrap_or_default(),
            tax.map(|t| yes_no(t.tax_free_threshold))
                .unwrap_or_default(),
            tax.map(|t| yes_no(t.hecs)).unwrap_or_default(),
            tax.map(|t| yes_no(t.sfss)).unwrap_or_default(),
            banks.join("; "),
            funds.join("; "),
            employee.unreadable_fields.join("; "),
        ];
        writer.write_record(record.into_iter().map(defused))?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

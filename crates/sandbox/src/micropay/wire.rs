//! The JSON MicrOpay sends, as the reference's "Response Formats" samples
//! show it: camelCase keys, lists wrapped as `{"items": [...], "pageInfo": {...}}`,
//! dates as `yyyy-mm-ddThh:mm:ss`. Names of the nested employee records are
//! inferred (see crates/micropay/WIRE.md).

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::dataset::{SeedEmployee, SeedLookup};

pub(super) fn date(value: NaiveDate) -> String {
    value.format("%Y-%m-%dT00:00:00").to_string()
}

fn text(value: &Option<String>) -> Value {
    value
        .as_ref()
        .map_or(Value::Null, |v| Value::String(v.clone()))
}

fn describe<'a>(lookups: &'a [SeedLookup], lookup_type: &str, code: &'a str) -> &'a str {
    lookups
        .iter()
        .find(|l| l.lookup_type == lookup_type && l.code == code)
        .map_or(code, |l| l.description.as_str())
}

/// `EmployeeView`.
pub(super) fn employee(employee: &SeedEmployee, lookups: &[SeedLookup]) -> Value {
    let tax = &employee.tax;
    json!({
        "idEmployee": employee.id_employee,
        "empCode": employee.emp_code,
        "surname": employee.surname,
        "firstName": employee.first_name,
        "middleName": text(&employee.middle_name),
        "preferredName": text(&employee.preferred_name),
        "title": describe(lookups, "Title", &employee.title),
        "gender": describe(lookups, "Gender", &employee.gender),
        "maritalStatus": Value::Null,
        "dateOfBirth": employee.date_of_birth.map(date),
        "hiredDate": date(employee.hired_date),
        "terminationDate": employee.termination_date.map(date),
        "street": employee.address.line1,
        "suburbCity": employee.address.suburb,
        "state": employee.address.state,
        "postcode": employee.address.postcode,
        "email": employee.email,
        "mobilePhone": employee.mobile,
        "location": employee.location,
        "payrollCompany": employee.payroll_company,
        "payFrequency": employee.pay_frequency,
        "payPoint": employee.pay_point,
        "employeeDetail": {
            "tfn": tax.tfn.expose(),
            "abn": Value::Null,
            "basisOfPayment": tax.basis_of_payment,
            "isAustralianResident": tax.australian_resident,
            "isWorkingHolidayMaker": tax.working_holiday_maker,
            "medicareClaimsReduction": false,
            "hecs": tax.help_debt,
            "sfss": false,
            "employmentType": tax.basis_of_payment,
        },
        "employeeBanks": employee.bank_accounts.iter().map(|bank| json!({
            "bsbCode": bank.bsb,
            "accountNumber": bank.account_number.expose(),
            "accountName": bank.account_name,
            "bankName": bank.bank_name,
            "eftCode": Value::Null,
            "payAmount": bank.pay_amount_cents as f64 / 100.0,
            "balanceOfPay": bank.balance_of_pay,
            "order": bank.order,
        })).collect::<Vec<_>>(),
        "employeeSupers": employee.super_funds.iter().map(|fund| json!({
            "fundCode": fund.fund_code,
            "dateJoined": date(fund.date_joined),
            "membershipNumber": fund.membership_number,
            "accountName": format!("{} {}", employee.first_name, employee.surname),
            "categoryCode": Value::Null,
            "contributionType": fund.contribution_type,
            "contributionCode": fund.contribution_code,
            "contributionAmount": Value::Null,
            "contributionPercentage": fund.percentage,
        })).collect::<Vec<_>>(),
    })
}

/// `DeletedEmployeesView`.
pub(super) fn deleted_employee(deleted: &super::payroll::DeletedRecord) -> Value {
    json!({
        "empId": deleted.id_employee,
        "empCode": deleted.emp_code,
        "deletedDate": date_time(deleted.deleted_at),
    })
}

pub(super) fn date_time(value: chrono::NaiveDateTime) -> String {
    value.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// `ChangeEmployeeView` as a status read returns it: the request's id,
/// type, status, dates and payroll's message (not the submitted fields).
pub(super) fn change_request(request: &super::payroll::ChangeRequest) -> Value {
    let day = |at: Option<chrono::NaiveDateTime>| at.map(|at| date(at.date()));
    let at = |at: Option<chrono::NaiveDateTime>| at.map(date_time);
    json!({
        "changeEmployeeId": request.id,
        "changeType": request.change_type.name(),
        "changeStatus": request.state.name(),
        "empCode": request.emp_code,
        "receivedDate": date(request.received_at.date()),
        "receivedDateTime": date_time(request.received_at),
        "pickedUpDate": day(request.picked_up_at),
        "pickedUpDateTime": at(request.picked_up_at),
        "rejectedDate": day(request.rejected_at),
        "rejectedDateTime": at(request.rejected_at),
        "implementedDate": day(request.implemented_at),
        "implementedDateTime": at(request.implemented_at),
        "effectiveDate": request.effective_date,
        "validationResult": 1,
        "errorMessage": request.error_message,
    })
}

/// `value` with every `tfn` and `accountNumber` (any casing, at any depth)
/// shown as its last 3 digits: for the controls' answers and the stored
/// copy of a request, which payroll's screens and Debug output show.
pub(super) fn masked_secrets(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let secret = ["tfn", "accountnumber"]
                        .iter()
                        .any(|name| key.eq_ignore_ascii_case(name));
                    let value = match value {
                        Value::String(text) if secret => Value::String(last_three(&text)),
                        Value::Number(number) if secret => {
                            Value::String(last_three(&number.to_string()))
                        }
                        other => masked_secrets(other),
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(masked_secrets).collect()),
        other => other,
    }
}

fn last_three(text: &str) -> String {
    let count = text.chars().count();
    let shown: String = text.chars().skip(count.saturating_sub(3)).collect();
    format!("{}{shown}", "•".repeat(count.saturating_sub(3)))
}

/// `LookupView`.
pub(super) fn lookup(lookup: &SeedLookup) -> Value {
    json!({ "type": lookup.lookup_type, "code": lookup.code, "description": lookup.description, "active": lookup.active })
}

/// `PagedListPageInfo`, camelCase for the body.
pub(super) fn page_info(
    page: usize,
    page_size: usize,
    total: usize,
    count_this_page: usize,
) -> Value {
    let total_pages = total.div_ceil(page_size.max(1));
    json!({
        "page": page,
        "pageSize": page_size,
        "totalCount": total,
        "totalPages": total_pages,
        "countThisPage": count_this_page,
        "hasPreviousPage": page > 1,
        "hasNextPage": page < total_pages,
        "errorMessage": Value::Null,
    })
}

/// The same, PascalCase, for the `X-Pagination` header older clients read.
pub(super) fn pagination_header(info: &Value) -> String {
    let Value::Object(map) = info else {
        return String::new();
    };
    let pascal: serde_json::Map<String, Value> = map
        .iter()
        .map(|(key, value)| {
            let mut chars = key.chars();
            let first = chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string())
                .unwrap_or_default();
            (first + chars.as_str(), value.clone())
        })
        .collect();
    Value::Object(pascal).to_string()
}

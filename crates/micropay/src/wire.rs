//! MicrOpay's JSON, as the reference's "Response Formats" samples show it
//! (camelCase, a `{"items": [...], "pageInfo": {...}}` paging wrapper) while
//! its tables name fields in PascalCase. Both are accepted: every key is
//! first normalised the way the server's serializer camel-cases names
//! (`EmpCode` -> `empCode`, `BSBCode` -> `bsbCode`, `TFN` -> `tfn`), and
//! null values are dropped so that `#[serde(default)]` covers them.
//! Field names marked "inferred" are not in the public pages; see WIRE.md.

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Parses a MicrOpay body after normalising its keys.
pub(crate) fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_slice(body)?;
    serde_json::from_value(normalise(value))
}

fn normalise(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (camel_case(&key), normalise(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalise).collect()),
        other => other,
    }
}

/// The camel-casing of .NET's Json.NET: lower-case the leading capitals,
/// except the last one when it starts the next word.
pub(crate) fn camel_case(name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    for i in 0..chars.len() {
        if i == 1 && !chars[i].is_uppercase() {
            break;
        }
        let next_is_lower = chars.get(i + 1).is_some_and(|next| !next.is_uppercase());
        if i > 0 && next_is_lower {
            break;
        }
        chars[i] = chars[i].to_ascii_lowercase();
    }
    chars.into_iter().collect()
}

/// One page of a list: `PagedObjectOf...`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    #[serde(default)]
    pub page_info: PageInfo,
}

/// `PagedListPageInfo`. Also sent as the `X-Pagination` header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageInfo {
    pub page: u32,
    pub page_size: u32,
    pub total_count: u64,
    pub total_pages: u32,
    pub count_this_page: u32,
    pub has_previous_page: bool,
    pub has_next_page: bool,
    pub error_message: Option<String>,
}

/// `LookupView`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lookup {
    #[serde(rename = "type", default)]
    pub lookup_type: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// An item of `api/LookupTypes`. Inferred: a bare string or `{"type": ...}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum LookupTypeItem {
    Name(String),
    View {
        #[serde(rename = "type", alias = "lookupType", alias = "name", default)]
        lookup_type: String,
    },
}

impl LookupTypeItem {
    pub(crate) fn into_name(self) -> String {
        match self {
            Self::Name(name) | Self::View { lookup_type: name } => name,
        }
    }
}

/// `DeletedEmployeesView`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletedEmployee {
    #[serde(default)]
    pub emp_id: i64,
    #[serde(default)]
    pub emp_code: String,
    #[serde(default, deserialize_with = "date")]
    pub deleted_date: Option<NaiveDate>,
}

/// `EmployeeView`: one employee as `api/EmployeeDetails` returns it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmployeeDetail {
    /// Survives an EmpCode change.
    pub id_employee: i64,
    pub emp_code: String,
    pub surname: String,
    pub first_name: String,
    pub middle_name: String,
    pub preferred_name: String,
    pub title: String,
    pub gender: String,
    pub marital_status: String,
    #[serde(deserialize_with = "date")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(deserialize_with = "date")]
    pub hired_date: Option<NaiveDate>,
    /// Inferred name.
    #[serde(
        deserialize_with = "date",
        alias = "terminatedDate",
        alias = "dateTerminated"
    )]
    pub termination_date: Option<NaiveDate>,
    pub street: String,
    pub suburb_city: String,
    pub state: String,
    pub postcode: String,
    /// Inferred name.
    #[serde(alias = "emailAddress")]
    pub email: String,
    /// Inferred name.
    #[serde(alias = "mobile")]
    pub mobile_phone: String,
    /// Code from the Location lookup. Inferred name.
    pub location: String,
    /// Code from the PayrollCompany lookup. Inferred name.
    pub payroll_company: String,
    /// Code from the PayFrequency lookup. Inferred name.
    pub pay_frequency: String,
    /// Code from the PayPoint lookup. Inferred name.
    pub pay_point: String,
    /// The `EmployeeDetailView` record: tax and pay settings. Inferred name.
    #[serde(alias = "detail", alias = "employeeDetails")]
    pub employee_detail: Option<TaxDetail>,
    /// Inferred name.
    #[serde(alias = "banks", alias = "bankAccounts")]
    pub employee_banks: Vec<BankAccount>,
    /// Inferred name.
    #[serde(alias = "supers", alias = "superFunds", alias = "employeeSuperConts")]
    pub employee_supers: Vec<SuperFund>,
    /// Fields MicrOpay sent that could not be read, each named with what was
    /// wrong (never with its value). Not empty: the record was read without
    /// them and must be held, not imported. See [`employee_from_value`].
    #[serde(skip)]
    pub unreadable_fields: Vec<String>,
}

impl EmployeeDetail {
    pub fn is_terminated(&self) -> bool {
        self.termination_date.is_some()
    }
}

/// `EmployeeDetailView`: tax and pay settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TaxDetail {
    pub tfn: Sensitive<String>,
    pub abn: String,
    /// FullTime, PartTime, Casual, Services or PensionAnnuity.
    pub basis_of_payment: String,
    pub is_australian_resident: bool,
    pub is_working_holiday_maker: bool,
    /// Claims the tax-free threshold on the TFN declaration. Inferred name.
    #[serde(alias = "claimTaxFreeThreshold", alias = "taxFreeThresholdClaimed")]
    pub tax_free_threshold: bool,
    pub medicare_claims_reduction: bool,
    /// HECS/HELP debt.
    pub hecs: bool,
    pub sfss: bool,
    pub employment_type: String,
}

/// `EmployeeBankView`: one account of the pay split.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BankAccount {
    /// `NNN-NNN`.
    pub bsb_code: String,
    pub account_number: Sensitive<String>,
    pub account_name: String,
    pub bank_name: String,
    /// Fixed amount per pay, in cents; 0 on the balance-of-pay account.
    #[serde(rename = "payAmount", deserialize_with = "cents")]
    pub pay_amount_cents: i64,
    pub balance_of_pay: bool,
    /// 0–999, lowest on the default account.
    pub order: i32,
}

/// `EmployeeSuperView`: one super fund membership and contribution.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SuperFund {
    /// Code from the SuperFund lookup.
    pub fund_code: String,
    #[serde(deserialize_with = "date")]
    pub date_joined: Option<NaiveDate>,
    pub membership_number: String,
    pub account_name: String,
    pub category_code: String,
    /// "Employer" or "Employee".
    pub contribution_type: String,
    pub contribution_code: String,
    #[serde(deserialize_with = "optional_amount")]
    pub contribution_amount: Option<f64>,
    #[serde(deserialize_with = "optional_amount")]
    pub contribution_percentage: Option<f64>,
}

/// Dates arrive as `2024-11-22T00:02:50.0453127+11:00`, `1985-03-14T00:00:00`
/// or `1985-03-14`; the calendar date is the first ten characters. .NET's
/// empty date (year 1) means none.
pub(crate) fn date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?.unwrap_or_default();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = text.get(..10).unwrap_or(text);
    let parsed = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y/%m/%d"))
        .map_err(|_| serde::de::Error::custom(NOT_A_DATE))?;
    Ok((parsed > NaiveDate::MIN && chrono::Datelike::year(&parsed) > 1).then_some(parsed))
}

mod page;
mod records;

pub(crate) use page::{employee_from_raw, parse_page, PageError};
pub(crate) use records::employee_from_value;

const NOT_A_DATE: &str = "is not a date in the form yyyy-mm-dd";
const NOT_A_NUMBER: &str = "is not a number";
const NOT_FINITE: &str = "is not a finite number (NaN or infinity)";
const ABSURD_AMOUNT: &str = "is an amount too large to be real";

/// Larger amounts (a billion dollars a pay) are a corrupt record, not pay.
const MAX_AMOUNT: f64 = 1e9;

/// A decimal amount (number or string, as Json.NET writes `NaN` and
/// `Infinity`), finite and within [`MAX_AMOUNT`].
fn amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Amount {
        Number(f64),
        Text(String),
    }
    let number = match Amount::deserialize(deserializer)? {
        Amount::Number(number) => number,
        Amount::Text(text) => text
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(NOT_A_NUMBER))?,
    };
    if !number.is_finite() {
        return Err(serde::de::Error::custom(NOT_FINITE));
    }
    if number.abs() > MAX_AMOUNT {
        return Err(serde::de::Error::custom(ABSURD_AMOUNT));
    }
    Ok(number)
}

/// A decimal amount of dollars as whole cents.
fn cents<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    // Within MAX_AMOUNT, so the cents fit an i64 exactly.
    Ok((amount(deserializer)? * 100.0).round() as i64)
}

fn optional_amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    amount(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_cases_like_json_net() {
        assert_eq!(camel_case("EmpCode"), "empCode");
        assert_eq!(camel_case("BSBCode"), "bsbCode");
        assert_eq!(camel_case("TFN"), "tfn");
        assert_eq!(camel_case("HECS"), "hecs");
        assert_eq!(camel_case("idEmployee"), "idEmployee");
        assert_eq!(camel_case("IsAustralianResident"), "isAustralianResident");
        assert_eq!(camel_case("PageInfo"), "pageInfo");
        assert_eq!(camel_case("pageInfo"), "pageInfo");
    }

    #[test]
    fn reads_the_sample_casing_and_the_table_casing_alike() {
        let camel = r#"{"items":[{"idEmployee":1,"empCode":"E1","surname":"Smith","hiredDate":"2024-11-22T00:02:50.0453127+11:00",
            "employeeBanks":[{"bsbCode":"062-000","accountNumber":"12345678","payAmount":100.5,"balanceOfPay":false,"order":1}],
            "employeeDetail":{"tfn":"123456782","hecs":true}}],
            "pageInfo":{"page":1,"pageSize":2,"totalCount":3,"totalPages":4,"countThisPage":5,"hasPreviousPage":true,"hasNextPage":true,"errorMessage":null}}"#;
        let pascal = r#"{"Items":[{"idEmployee":1,"EmpCode":"E1","Surname":"Smith","HiredDate":"2024-11-22",
            "EmployeeBanks":[{"BSBCode":"062-000","AccountNumber":"12345678","PayAmount":"100.50","BalanceOfPay":false,"Order":1}],
            "EmployeeDetail":{"TFN":"123456782","HECS":true}}],
            "PageInfo":{"Page":1,"PageSize":2,"TotalCount":3,"TotalPages":4,"CountThisPage":5,"HasPreviousPage":true,"HasNextPage":true}}"#;
        for body in [camel, pascal] {
            let page: Page<EmployeeDetail> = from_slice(body.as_bytes()).expect("parses");
            let employee = &page.items[0];
            assert_eq!(employee.emp_code, "E1");
            assert_eq!(employee.hired_date, NaiveDate::from_ymd_opt(2024, 11, 22));
            assert_eq!(employee.employee_banks[0].bsb_code, "062-000");
            assert_eq!(employee.employee_banks[0].pay_amount_cents, 10050);
            let tax = employee.employee_detail.as_ref().expect("tax detail");
            assert_eq!(tax.tfn.expose(), "123456782");
            assert!(tax.hecs);
            assert_eq!(page.page_info.total_count, 3);
            assert!(page.page_info.has_next_page);
        }
    }

    #[test]
    fn lookup_types_may_be_strings_or_objects() {
        let page: Page<LookupTypeItem> =
            from_slice(br#"{"items":["Gender",{"Type":"Title"}]}"#).expect("parses");
        let names: Vec<String> = page
            .items
            .into_iter()
            .map(LookupTypeItem::into_name)
            .collect();
        assert_eq!(names, ["Gender", "Title"]);
    }
}

//! Reading fields from a lower-cased JSON object, noting each one that
//! cannot be read as a [`Problem`] rather than failing the whole request.

use chrono::NaiveDate;
use paybridge_domain::Sensitive;
use serde_json::{Map, Value};

use super::Problem;
use crate::dataset::{SeedBankAccount, SeedSuperFund};

/// Every key lower-cased, recursively.
pub(crate) fn lower_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key.to_ascii_lowercase(), lower_keys(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(lower_keys).collect()),
        other => other,
    }
}

/// Reads fields of one lower-cased JSON object, noting what cannot be read.
pub(crate) struct Reader<'a> {
    map: &'a Map<String, Value>,
    prefix: String,
    pub problems: &'a mut Vec<Problem>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(
        map: &'a Map<String, Value>,
        prefix: &str,
        problems: &'a mut Vec<Problem>,
    ) -> Self {
        Self {
            map,
            prefix: prefix.to_owned(),
            problems,
        }
    }

    fn field(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    fn raw(&self, names: &[&str]) -> Option<&'a Value> {
        names
            .iter()
            .find_map(|name| self.map.get(&name.to_ascii_lowercase()))
            .filter(|value| !value.is_null())
    }

    pub(crate) fn text(&mut self, name: &str) -> Option<String> {
        self.text_any(name, &[name])
    }

    pub(super) fn text_any(&mut self, name: &str, names: &[&str]) -> Option<String> {
        match self.raw(names)? {
            Value::String(text) => Some(text.trim().to_owned()),
            Value::Number(number) => Some(number.to_string()),
            _ => {
                let field = self.field(name);
                self.problems
                    .push(Problem::new(&field, format!("{field} must be text.")));
                None
            }
        }
    }

    pub(crate) fn flag(&mut self, name: &str, names: &[&str]) -> Option<bool> {
        match self.raw(names)? {
            Value::Bool(flag) => Some(*flag),
            Value::String(text) if text.eq_ignore_ascii_case("true") => Some(true),
            Value::String(text) if text.eq_ignore_ascii_case("false") => Some(false),
            _ => {
                let field = self.field(name);
                self.problems.push(Problem::new(
                    &field,
                    format!("{field} must be true or false."),
                ));
                None
            }
        }
    }

    pub(crate) fn number(&mut self, name: &str) -> Option<f64> {
        match self.raw(&[name])? {
            Value::Number(number) => number.as_f64(),
            Value::String(text) if text.trim().parse::<f64>().is_ok() => text.trim().parse().ok(),
            _ => {
                let field = self.field(name);
                self.problems
                    .push(Problem::new(&field, format!("{field} must be a number.")));
                None
            }
        }
    }

    pub(crate) fn date(&mut self, name: &str) -> Option<NaiveDate> {
        let text = self.text(name)?;
        let day = text.get(..10).unwrap_or(&text).replace('/', "-");
        match NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                let field = self.field(name);
                self.problems.push(Problem::new(
                    &field,
                    format!("{field} is not a date (yyyy-mm-dd)."),
                ));
                None
            }
        }
    }

    /// A nested list under any of `names`; `Some(empty)` for an empty list.
    pub(super) fn list(
        &mut self,
        name: &str,
        names: &[&str],
    ) -> Option<Vec<&'a Map<String, Value>>> {
        match self.raw(names)? {
            Value::Array(items) => Some(items.iter().filter_map(Value::as_object).collect()),
            _ => {
                let field = self.field(name);
                self.problems
                    .push(Problem::new(&field, format!("{field} must be a list.")));
                None
            }
        }
    }

    pub(super) fn object(&self, names: &[&str]) -> Option<&'a Map<String, Value>> {
        self.raw(names).and_then(Value::as_object)
    }
}

pub(super) fn read_bank(
    map: &Map<String, Value>,
    prefix: &str,
    problems: &mut Vec<Problem>,
) -> SeedBankAccount {
    let mut r = Reader::new(map, prefix, problems);
    SeedBankAccount {
        bsb: r.text("BSBCode").unwrap_or_default(),
        bank_name: r.text("BankName").unwrap_or_default(),
        account_number: Sensitive::new(r.text("AccountNumber").unwrap_or_default()),
        account_name: r.text("AccountName").unwrap_or_default(),
        pay_amount_cents: r
            .number("PayAmount")
            .map_or(0, |amount| (amount * 100.0).round() as i64),
        balance_of_pay: r.flag("BalanceOfPay", &["BalanceOfPay"]).unwrap_or(false),
        order: r
            .number("Order")
            .map_or(0, |order| order.clamp(0.0, 65535.0) as u16),
    }
}

pub(super) fn read_super(
    map: &Map<String, Value>,
    prefix: &str,
    problems: &mut Vec<Problem>,
) -> SeedSuperFund {
    let mut r = Reader::new(map, prefix, problems);
    SeedSuperFund {
        fund_code: r.text("FundCode").unwrap_or_default(),
        membership_number: r.text("MembershipNumber").unwrap_or_default(),
        date_joined: r.date("DateJoined").unwrap_or_default(),
        contribution_type: r.text("ContributionType").unwrap_or_default(),
        contribution_code: r.text("ContributionCode").unwrap_or_default(),
        percentage: r.number("ContributionPercentage").unwrap_or(0.0),
    }
}

//! One employee of a page, read on its own: a field that cannot be read is
//! named and left out, so one bad record stays one bad record.

use serde_json::Value;

use super::{EmployeeDetail, ABSURD_AMOUNT, NOT_A_DATE, NOT_A_NUMBER, NOT_FINITE};

/// More bad fields than this in one record and it is kept only by its names.
const MAX_UNREADABLE_FIELDS: usize = 16;

/// One employee of a page, read on its own so that one bad record stays one
/// bad record: each field that cannot be read is named in
/// `unreadable_fields` and left out, and the rest is read. `value` has been
/// normalised already (see [`from_slice`]).
pub(crate) fn employee_from_value(mut value: Value) -> EmployeeDetail {
    let mut unreadable = Vec::new();
    while unreadable.len() < MAX_UNREADABLE_FIELDS {
        match serde_path_to_error::deserialize::<_, EmployeeDetail>(&value) {
            Ok(mut employee) => {
                employee.unreadable_fields = unreadable;
                return employee;
            }
            Err(error) => {
                unreadable.push(describe_unreadable(error.path(), &value, error.inner()));
                if !remove_at(&mut value, error.path()) {
                    break;
                }
            }
        }
    }
    // Not repairable: keep what names the employee, so it can be shown and held.
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    EmployeeDetail {
        id_employee: value
            .get("idEmployee")
            .and_then(Value::as_i64)
            .unwrap_or_default(),
        emp_code: text("empCode"),
        surname: text("surname"),
        first_name: text("firstName"),
        preferred_name: text("preferredName"),
        unreadable_fields: unreadable,
        ..EmployeeDetail::default()
    }
}

/// "employeeDetail.tfn is a number, where a string was expected": the field
/// and what was wrong with it, never its value (it may be a TFN).
fn describe_unreadable(
    path: &serde_path_to_error::Path,
    record: &Value,
    error: &serde_json::Error,
) -> String {
    let message = error.to_string();
    let problem = if let Some(expected) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
        .map(|(_, expected)| expected)
    {
        let found = match value_at(record, path) {
            Some(Value::Number(_)) => "a number",
            Some(Value::String(_)) => "text",
            Some(Value::Bool(_)) => "true or false",
            Some(Value::Array(_)) => "a list",
            Some(Value::Object(_)) => "a record",
            Some(Value::Null) | None => "empty",
        };
        format!("is {found}, where {expected} was expected")
    } else if [NOT_A_DATE, NOT_A_NUMBER, NOT_FINITE, ABSURD_AMOUNT].contains(&message.as_str()) {
        message
    } else {
        "has a value Paybridge cannot read".to_owned()
    };
    let field = match path.iter().next() {
        None => "the record".to_owned(),
        Some(_) => path.to_string(),
    };
    // Belt and braces: no run of digits from the record gets through.
    paybridge_http::mask_long_digit_runs(&format!("{field} {problem}"))
}

fn value_at<'v>(record: &'v Value, path: &serde_path_to_error::Path) -> Option<&'v Value> {
    use serde_path_to_error::Segment;
    path.iter()
        .try_fold(record, |value, segment| match segment {
            Segment::Map { key } => value.get(key.as_str()),
            Segment::Seq { index } => value.get(*index),
            _ => None,
        })
}

/// Takes the field at `path` out of `record`; false when there is none.
fn remove_at(record: &mut Value, path: &serde_path_to_error::Path) -> bool {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let mut value = record;
    for segment in parents {
        let next = match segment {
            Segment::Map { key } => value.get_mut(key.as_str()),
            Segment::Seq { index } => value.get_mut(*index),
            _ => None,
        };
        match next {
            Some(next) => value = next,
            None => return false,
        }
    }
    match (last, value) {
        (Segment::Map { key }, Value::Object(map)) => map.remove(key.as_str()).is_some(),
        (Segment::Seq { index }, Value::Array(items)) if *index < items.len() => {
            items.remove(*index);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{from_slice, Page};

    fn employees_of(body: &str) -> Vec<EmployeeDetail> {
        let page: Page<Value> = from_slice(body.as_bytes()).expect("the page parses");
        page.items.into_iter().map(employee_from_value).collect()
    }

    #[test]
    fn one_bad_field_holds_only_its_employee_and_names_the_field() {
        let body = r#"{"items":[
            {"idEmployee":1,"empCode":"E1","surname":"Good","hiredDate":"2020-01-02"},
            {"idEmployee":2,"empCode":"E2","surname":"Date","hiredDate":"2020-31-02","street":"1 Main St"},
            {"idEmployee":3,"empCode":"E3","surname":"Number","employeeDetail":{"tfn":123456782,"hecs":true}},
            {"idEmployee":4,"empCode":"E4","surname":"NotANumber","employeeBanks":[{"bsbCode":"062-000","payAmount":"NaN"}]},
            {"idEmployee":5,"empCode":"E5","surname":"Huge","employeeBanks":[{"bsbCode":"062-000","payAmount":1e308},{"bsbCode":"063-000","payAmount":5}]},
            {"idEmployee":6,"empCode":"E6","surname":"Super","employeeSupers":[{"fundCode":"F","contributionAmount":"Infinity"}]}
        ]}"#;
        let employees = employees_of(body);
        assert_eq!(employees.len(), 6, "every employee is read");
        let reasons: Vec<String> = employees
            .iter()
            .map(|e| e.unreadable_fields.join("; "))
            .collect();
        assert_eq!(
            reasons,
            [
                "",
                "hiredDate is not a date in the form yyyy-mm-dd",
                "employeeDetail.tfn is a number, where a string was expected",
                "employeeBanks[0].payAmount is not a finite number (NaN or infinity)",
                "employeeBanks[0].payAmount is an amount too large to be real",
                "employeeSupers[0].contributionAmount is not a finite number (NaN or infinity)",
            ]
        );
        // The rest of each record is still there.
        assert_eq!(employees[1].street, "1 Main St");
        assert_eq!(employees[1].hired_date, None);
        assert!(employees[2]
            .employee_detail
            .as_ref()
            .is_some_and(|tax| tax.hecs && tax.tfn.is_empty()));
        assert_eq!(employees[4].employee_banks.len(), 2);
        assert_eq!(employees[4].employee_banks[1].pay_amount_cents, 500);
        assert!(employees
            .iter()
            .map(|e| e.emp_code.as_str())
            .eq(["E1", "E2", "E3", "E4", "E5", "E6"]));
        for reason in &reasons {
            assert!(!reason.contains("123456782"), "{reason}");
        }
    }

    #[test]
    fn a_record_that_is_not_an_object_is_kept_as_unreadable() {
        let employees = employees_of(r#"{"items":[42,{"empCode":"E1","surname":"Fine"}]}"#);
        assert_eq!(employees.len(), 2);
        assert_eq!(
            employees[0].unreadable_fields,
            ["the record is a number, where struct EmployeeDetail was expected"]
        );
        assert!(employees[1].unreadable_fields.is_empty());
    }
}

//! A paged answer read item by item: the `items` array is split into raw
//! items, never more than the page size asked for, before any item is
//! parsed; so a small body of `[{},{},…]` cannot grow into millions of
//! records, and one item serde_json cannot read (a number such as `1e309`,
//! or a bare `NaN` that is not JSON at all) stays that one item.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{camel_case, from_slice, normalise, EmployeeDetail, Page, PageInfo};

/// Why a page could not be read.
#[derive(Debug)]
pub(crate) enum PageError {
    Json(serde_json::Error),
    /// More items than the page size asked for.
    TooManyItems,
}

impl From<serde_json::Error> for PageError {
    fn from(err: serde_json::Error) -> Self {
        Self::Json(err)
    }
}

/// A page of `{"items": [...], "pageInfo": {...}}` (keys in either casing),
/// each of at most `max_items` items read by `read_item`.
pub(crate) fn parse_page<T>(
    body: &[u8],
    max_items: usize,
    read_item: impl Fn(&RawValue) -> Result<T, serde_json::Error>,
) -> Result<Page<T>, PageError> {
    match parse_json_page(body, max_items, &read_item) {
        // Only a body that is not JSON is scanned for bare non-finite
        // numbers: a good page pays nothing for it.
        Err(PageError::Json(error)) => match non_finite_marked(body) {
            Some(marked) => parse_json_page(&marked, max_items, &read_item),
            None => Err(PageError::Json(error)),
        },
        other => other,
    }
}

/// Stands in for a bare `NaN`, `Infinity` or `-Infinity`: valid JSON that
/// no JSON value holds, so only the field with it is unreadable.
const NON_FINITE_MARK: &str = "1e999999999";

/// The body with each bare `NaN`, `Infinity` and `-Infinity` outside
/// strings replaced by [`NON_FINITE_MARK`]; None when it has none. Outside
/// strings, JSON's only words are `true`, `false` and `null`, so a capital
/// `N` or `I` there always starts one of these.
fn non_finite_marked(body: &[u8]) -> Option<Vec<u8>> {
    let mut marked = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped, mut found) = (false, false, false);
    let mut rest = body;
    while let Some((&byte, tail)) = rest.split_first() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            let token = [&b"NaN"[..], b"Infinity", b"-Infinity"]
                .into_iter()
                .find(|token| rest.starts_with(token));
            if let Some(token) = token {
                marked.extend_from_slice(NON_FINITE_MARK.as_bytes());
                rest = &rest[token.len()..];
                found = true;
                continue;
            }
            in_string = byte == b'"';
        }
        marked.push(byte);
        rest = tail;
    }
    found.then_some(marked)
}

fn parse_json_page<T>(
    body: &[u8],
    max_items: usize,
    read_item: &impl Fn(&RawValue) -> Result<T, serde_json::Error>,
) -> Result<Page<T>, PageError> {
    let top: BTreeMap<String, &RawValue> = serde_json::from_slice(body)?;
    let mut items = Vec::new();
    let mut page_info = PageInfo::default();
    for (key, raw) in top {
        match camel_case(&key).as_str() {
            "items" => items = raw_items(raw, max_items)?,
            "pageInfo" if raw.get() != "null" => page_info = from_slice(raw.get().as_bytes())?,
            _ => {}
        }
    }
    let items = items.into_iter().map(read_item).collect::<Result<_, _>>()?;
    Ok(Page { items, page_info })
}

/// One employee from its raw JSON. When serde_json cannot read it at all
/// (a number out of range), each top-level field is tried on its own: the
/// ones that fail are named, and the rest are read as usual.
pub(crate) fn employee_from_raw(raw: &RawValue) -> EmployeeDetail {
    if let Ok(value) = serde_json::from_str::<Value>(raw.get()) {
        return super::employee_from_value(normalise(value));
    }
    let Ok(fields) = serde_json::from_str::<BTreeMap<String, &RawValue>>(raw.get()) else {
        return EmployeeDetail {
            unreadable_fields: vec!["the record has a value Paybridge cannot read".to_owned()],
            ..EmployeeDetail::default()
        };
    };
    let mut readable = Map::new();
    let mut unreadable = Vec::new();
    for (key, raw) in fields {
        let key = camel_case(&key);
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(value) => {
                readable.insert(key, value);
            }
            Err(_) if raw.get().contains(NON_FINITE_MARK) => unreadable.push(format!(
                "{key} has a value that is not a finite number (NaN or infinity)"
            )),
            Err(_) => unreadable.push(format!("{key} has a number too large to read")),
        }
    }
    let mut employee = super::employee_from_value(normalise(Value::Object(readable)));
    unreadable.append(&mut employee.unreadable_fields);
    employee.unreadable_fields = unreadable;
    employee
}

/// The raw items of the `items` array, refused past `max_items`.
fn raw_items(raw: &RawValue, max_items: usize) -> Result<Vec<&RawValue>, PageError> {
    if raw.get() == "null" {
        return Ok(Vec::new());
    }
    let too_many = Cell::new(false);
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
    let seed = LimitedItems {
        max_items,
        too_many: &too_many,
    };
    match seed.deserialize(&mut deserializer) {
        Ok(items) => Ok(items),
        Err(_) if too_many.get() => Err(PageError::TooManyItems),
        Err(err) => Err(PageError::Json(err)),
    }
}

struct LimitedItems<'a> {
    max_items: usize,
    too_many: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for LimitedItems<'_> {
    type Value = Vec<&'de RawValue>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for LimitedItems<'_> {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(self.max_items.min(1024));
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            if items.len() == self.max_items {
                self.too_many.set(true);
                return Err(serde::de::Error::custom("more items than the page size"));
            }
            items.push(item);
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn employees(body: &str, max_items: usize) -> Result<Page<EmployeeDetail>, PageError> {
        parse_page(body.as_bytes(), max_items, |raw| Ok(employee_from_raw(raw)))
    }

    #[test]
    fn a_page_with_more_items_than_asked_for_is_refused_before_they_are_read() {
        let crowded = format!("{{\"items\":[{}{{}}]}}", "{},".repeat(1000));
        assert!(matches!(
            employees(&crowded, 1000),
            Err(PageError::TooManyItems)
        ));
        let full = format!("{{\"Items\":[{}{{}}]}}", "{},".repeat(999));
        assert_eq!(
            employees(&full, 1000).expect("a full page").items.len(),
            1000
        );
    }

    #[test]
    fn a_number_out_of_range_holds_only_its_employee() {
        let body = r#"{"items":[
            {"idEmployee":1,"EmpCode":"E1","surname":"Good"},
            {"idEmployee":2,"EmpCode":"E2","surname":"Huge","street":"1 Main St",
             "employeeBanks":[{"bsbCode":"062-000","payAmount":1e309}]}
        ],"PageInfo":{"totalCount":2,"pageSize":1000}}"#;
        let page = employees(body, 1000).expect("the page is read");
        assert_eq!(page.page_info.total_count, 2);
        assert_eq!(page.items.len(), 2);
        assert!(page.items[0].unreadable_fields.is_empty());
        let huge = &page.items[1];
        assert_eq!(
            (
                huge.id_employee,
                huge.emp_code.as_str(),
                huge.street.as_str()
            ),
            (2, "E2", "1 Main St")
        );
        assert_eq!(
            huge.unreadable_fields,
            ["employeeBanks has a number too large to read"]
        );
    }

    #[test]
    fn a_bare_nan_or_infinity_holds_only_its_employee() {
        let body = r#"{"items":[
            {"idEmployee":1,"EmpCode":"E1","surname":"NaN \"Infinity\" -Infinity"},
            {"idEmployee":2,"EmpCode":"E2","surname":"Odd",
             "employeeBanks":[{"bsbCode":"062-000","payAmount":NaN}],
             "employeeSupers":[{"contributionAmount":-Infinity}]},
            {"idEmployee":3,"EmpCode":"E3","surname":"Also","employeeBanks":[{"payAmount":Infinity}]}
        ],"pageInfo":{"totalCount":3,"pageSize":1000}}"#;
        assert!(
            serde_json::from_str::<Value>(body).is_err(),
            "the body is not JSON"
        );
        let page = employees(body, 1000).expect("the page is read");
        assert_eq!(page.page_info.total_count, 3);
        let first = &page.items[0];
        assert!(first.unreadable_fields.is_empty());
        assert_eq!(
            first.surname, "NaN \"Infinity\" -Infinity",
            "words inside strings are left alone"
        );
        assert_eq!(
            (
                page.items[1].emp_code.as_str(),
                page.items[1].surname.as_str()
            ),
            ("E2", "Odd")
        );
        assert_eq!(
            page.items[1].unreadable_fields,
            [
                "employeeBanks has a value that is not a finite number (NaN or infinity)",
                "employeeSupers has a value that is not a finite number (NaN or infinity)",
            ]
        );
        assert_eq!(
            page.items[2].unreadable_fields,
            ["employeeBanks has a value that is not a finite number (NaN or infinity)"]
        );
    }

    #[test]
    fn words_in_names_and_a_string_ending_in_a_backslash_are_left_alone() {
        // "NaNa" and "Infinity Pool" are names; `\\` before a closing quote
        // ends the string, so the bare NaN after it is outside one.
        let body = r#"{"items":[
            {"idEmployee":1,"EmpCode":"E1","firstName":"NaNa","surname":"Infinity Pool"},
            {"idEmployee":2,"EmpCode":"E2","surname":"C:\\","employeeBanks":[{"payAmount":NaN}]},
            {"idEmployee":3,"EmpCode":"E3","surname":"Say \"NaN\"","firstName":"-Infinity\\"}
        ],"pageInfo":{"totalCount":3,"pageSize":1000}}"#;
        let page = employees(body, 1000).expect("the page is read");
        let names: Vec<_> = page
            .items
            .iter()
            .map(|e| (e.first_name.as_str(), e.surname.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("NaNa", "Infinity Pool"),
                ("", "C:\\"),
                ("-Infinity\\", "Say \"NaN\""),
            ]
        );
        assert!(page.items[0].unreadable_fields.is_empty());
        assert_eq!(
            page.items[1].unreadable_fields,
            ["employeeBanks has a value that is not a finite number (NaN or infinity)"]
        );
        assert!(page.items[2].unreadable_fields.is_empty());
    }

    #[test]
    fn a_body_that_is_not_json_for_another_reason_is_still_refused() {
        assert!(matches!(
            employees(r#"{"items":[{"idEmployee":1,"surname":Nope}]}"#, 1000),
            Err(PageError::Json(_))
        ));
    }
}

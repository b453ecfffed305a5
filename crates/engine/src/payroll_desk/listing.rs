//! A change request as `/sandbox/requests` lists it, turned into what the
//! Payroll desk shows: status, type, and each field it sets in words, with
//! tax file and account numbers masked.

use serde_json::{Map, Value};

use crate::api::{DeskChangeType, DeskFieldChange, DeskRequest, DeskRequestStatus};
use crate::plan::masked_number;

pub(super) fn full_name(first: &str, surname: &str) -> Option<String> {
    let name = format!("{} {}", first.trim(), surname.trim());
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// One entry of `/sandbox/requests` (or an accept / reject answer).
pub(super) fn desk_request(listed: &Value) -> Option<DeskRequest> {
    let change_type = match listed.get("changeType")?.as_str()? {
        "Add" => DeskChangeType::Add,
        "Change" => DeskChangeType::Change,
        "Delete" => DeskChangeType::Delete,
        _ => return None,
    };
    let status = match listed.get("changeStatus")?.as_str()? {
        "Received" => DeskRequestStatus::Received,
        "PickedUp" => DeskRequestStatus::PickedUp,
        "Implemented" => DeskRequestStatus::Implemented,
        "Rejected" => DeskRequestStatus::Rejected,
        _ => return None,
    };
    let submitted = listed.get("submitted");
    let mut changes = Vec::new();
    if let Some(Value::Object(submitted)) = submitted {
        summarise(submitted, "", &mut changes);
    }
    let named = |key: &str| {
        submitted
            .and_then(|s| s.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let employee_name = if change_type == DeskChangeType::Add {
        full_name(&named("firstname"), &named("surname"))
    } else {
        None
    };
    Some(DeskRequest {
        id: listed.get("changeEmployeeId")?.as_i64()?,
        emp_code: listed.get("empCode")?.as_str()?.to_owned(),
        employee_name,
        change_type,
        status,
        received_at: listed
            .get("receivedDateTime")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        changes,
        message: listed
            .get("errorMessage")
            .and_then(Value::as_str)
            .filter(|message| !message.trim().is_empty())
            // Payroll may have typed a TFN or account number into its reason.
            .map(paybridge_http::mask_long_digit_runs),
    })
}

/// Keys of a submitted request that say what it is, not what it changes.
const NOT_CHANGES: &[&str] = &["changetype", "empcode", "effectivedate", "changeemployeeid"];
/// Shown by their last 3 digits only (fully masked when short), as the
/// import preview shows them.
const SENSITIVE: &[&str] = &["tfn", "accountnumber", "membershipnumber"];

/// The fields a submitted request (keys lower-cased by the sandbox) sets,
/// in the order sent; nested records get `prefix`ed labels.
fn summarise(map: &Map<String, Value>, prefix: &str, out: &mut Vec<DeskFieldChange>) {
    for (key, value) in map {
        let key = key.to_ascii_lowercase();
        if NOT_CHANGES.contains(&key.as_str()) {
            continue;
        }
        match value {
            Value::Null => {}
            Value::Object(inner) => summarise(inner, prefix, out),
            Value::Array(items) => {
                let each = record_label(&key);
                if items.is_empty() {
                    out.push(DeskFieldChange {
                        field: format!("{prefix}{each}s"),
                        value: "none".to_owned(),
                    });
                }
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(item) = item {
                        summarise(item, &format!("{prefix}{each} {}: ", i + 1), out);
                    }
                }
            }
            scalar => {
                let text = match scalar {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                let label = field_label(&key);
                let value = if SENSITIVE.contains(&key.as_str()) {
                    masked_number(&text)
                } else if label.is_none() {
                    // A field this list does not know may be a secret.
                    paybridge_http::mask_long_digit_runs(&text)
                } else {
                    text
                };
                out.push(DeskFieldChange {
                    field: format!("{prefix}{}", label.unwrap_or(&key)),
                    value,
                });
            }
        }
    }
}

fn record_label(key: &str) -> &'static str {
    match key {
        "changeemployeebanks" | "employeebanks" => "Bank account",
        "changeemployeesupers" | "employeesupers" => "Super fund",
        _ => "Record",
    }
}

fn field_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "firstname" => "First name",
        "surname" => "Surname",
        "middlename" => "Middle name",
        "preferredname" => "Preferred name",
        "title" => "Title",
        "gender" => "Gender",
        "dateofbirth" => "Date of birth",
        "hireddate" => "Hired date",
        "street" => "Street",
        "suburbcity" => "Suburb or city",
        "state" => "State",
        "postcode" => "Postcode",
        "email" => "Email",
        "mobilephone" => "Mobile",
        "location" => "Location",
        "payrollcompany" => "Payroll company",
        "payfrequency" => "Pay frequency",
        "paypoint" => "Pay point",
        "tfn" => "Tax file number",
        "basisofpayment" => "Basis of payment",
        "isaustralianresident" => "Australian resident",
        "isworkingholidaymaker" => "Working holiday maker",
        "taxfreethreshold" => "Tax-free threshold",
        "hecs" => "HECS/HELP",
        "bsbcode" => "BSB",
        "accountnumber" => "Account number",
        "accountname" => "Account name",
        "bankname" => "Bank",
        "payamount" => "Amount",
        "balanceofpay" => "Balance of pay",
        "order" => "Order",
        "fundcode" => "Fund",
        "membershipnumber" => "Member number",
        "contributiontype" => "Contribution type",
        "contributioncode" => "Contribution code",
        "contributionpercentage" => "Contribution %",
        "datejoined" => "Date joined",
        _ => return None,
    })
}

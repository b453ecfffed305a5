//! A leave application for `POST api/LeaveApplication` (Add only, as the
//! reference says) and the `LeaveApplicationView` the list reads back. Field
//! names as documented; what is inferred is in WIRE.md "Leave applications".

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};

/// Which part of a day a session is: MicrOpay's `StartSession` /
/// `EndSession`, "1st or 2nd".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Session {
    First,
    Second,
}

impl Session {
    /// MicrOpay's number for it: 1 or 2.
    pub fn number(self) -> u8 {
        match self {
            Self::First => 1,
            Self::Second => 2,
        }
    }
}

/// How much of the days asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LeaveAmount {
    /// Whole days: payroll counts them at the employee's standard hours.
    WholeDays,
    /// These hours in all (`Override: true`, `LeaveHours`).
    Hours(f64),
    /// From this session of the first day to that session of the last.
    Sessions { start: Session, end: Session },
}

/// One application to send.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaveApplication {
    pub emp_code: String,
    /// `SickLeave`, `AnnualLeave`, `LongServiceLeave` or `UserDefinedLeave`,
    /// spelled as the reference lists them.
    pub leave_type: String,
    /// The User Defined Leave class's code, for `UserDefinedLeave`.
    pub leave_code: Option<String>,
    /// A code from the `LeaveReason` lookup.
    pub leave_reason: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub amount: LeaveAmount,
}

impl LeaveApplication {
    /// The body to post: approved already (it was approved in Worknice).
    pub fn to_wire(&self) -> Value {
        let mut body = json!({
            "ChangeType": "Add",
            "EmpCode": self.emp_code.trim(),
            "LeaveType": self.leave_type,
            "LeaveReason": self.leave_reason,
            "StartDate": self.start_date.format("%Y-%m-%d").to_string(),
            "EndDate": self.end_date.format("%Y-%m-%d").to_string(),
            "IsHourApplication": false,
            "LeaveStatus": "Approved",
        });
        if let Some(code) = &self.leave_code {
            body["LeaveCode"] = json!(code);
        }
        match self.amount {
            LeaveAmount::WholeDays => {}
            LeaveAmount::Hours(hours) => {
                body["Override"] = json!(true);
                // Hundredths, as payroll keeps hours.
                body["LeaveHours"] = json!((hours * 100.0).round() / 100.0);
            }
            LeaveAmount::Sessions { start, end } => {
                body["StartSession"] = json!(start.number());
                body["EndSession"] = json!(end.number());
            }
        }
        body
    }

    /// Whether `view` is this application as MicrOpay keeps it: the same
    /// employee, dates, type and code. How Paybridge finds an application
    /// whose answer was lost before sending it again.
    pub fn is_listed_as(&self, view: &LeaveApplicationView) -> bool {
        view.is_for(
            &self.emp_code,
            &self.leave_type,
            self.leave_code.as_deref(),
            self.start_date,
            self.end_date,
        )
    }
}

/// MicrOpay's id for an application it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LeaveApplicationId(pub i64);

impl std::fmt::Display for LeaveApplicationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An application as MicrOpay lists it (the fields Paybridge reads).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LeaveApplicationView {
    #[serde(alias = "leaveApplicationId")]
    pub leave_application_id: i64,
    #[serde(default, alias = "empCode")]
    pub emp_code: String,
    #[serde(default, alias = "startDate", deserialize_with = "crate::wire::date")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, alias = "endDate", deserialize_with = "crate::wire::date")]
    pub end_date: Option<NaiveDate>,
    #[serde(default, alias = "leaveType")]
    pub leave_type: String,
    #[serde(default, alias = "leaveCode")]
    pub leave_code: Option<String>,
    /// `Received`; `Implemented` once payroll processed it, `Rejected`
    /// once declined (inferred).
    #[serde(default, alias = "changeStatus")]
    pub change_status: Option<String>,
    /// Applied, Approved, Cancelled or Declined.
    #[serde(default, alias = "leaveStatus")]
    pub leave_status: Option<String>,
    /// Payroll's message (inferred: as on change requests).
    #[serde(default, alias = "errorMessage")]
    pub error_message: Option<String>,
    /// `Override`: `LeaveHours` counts instead of the standard hours.
    #[serde(default, rename = "Override", alias = "override")]
    pub hours_override: Option<bool>,
    #[serde(default, alias = "leaveHours")]
    pub leave_hours: Option<f64>,
    /// `StartSession` / `EndSession` ("1st or 2nd"): as sent, a number or
    /// text; read with [`LeaveApplicationView::sessions`].
    #[serde(default, alias = "startSession")]
    pub start_session: Option<Value>,
    #[serde(default, alias = "endSession")]
    pub end_session: Option<Value>,
}

impl LeaveApplicationView {
    pub fn id(&self) -> LeaveApplicationId {
        LeaveApplicationId(self.leave_application_id)
    }

    /// Whether payroll cancelled or declined it (it is not leave taken).
    pub fn is_cancelled_or_declined(&self) -> bool {
        let is = |field: &Option<String>, word: &str| {
            field
                .as_deref()
                .is_some_and(|value| value.trim().eq_ignore_ascii_case(word))
        };
        is(&self.leave_status, "Cancelled")
            || is(&self.leave_status, "Declined")
            || is(&self.change_status, "Rejected")
    }

    /// The hours payroll counts, when they override the standard ones.
    pub fn override_hours(&self) -> Option<f64> {
        self.leave_hours
            .filter(|hours| self.hours_override == Some(true) && *hours > 0.0)
    }

    /// The first day's and the last day's session, when given: `1`, `2`,
    /// `"1st"` or `"2nd"` (anything else counts as none).
    pub fn sessions(&self) -> (Option<Session>, Option<Session>) {
        (
            session_of(self.start_session.as_ref()),
            session_of(self.end_session.as_ref()),
        )
    }

    /// Whether this is an application for this employee, type, code and
    /// dates (what was sent, as the store recorded it before the POST).
    pub fn is_for(
        &self,
        emp_code: &str,
        leave_type: &str,
        leave_code: Option<&str>,
        start_date: NaiveDate,
        end_date: NaiveDate,
    ) -> bool {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        same(emp_code, &self.emp_code)
            && Some(start_date) == self.start_date
            && Some(end_date) == self.end_date
            && same(leave_type, &self.leave_type)
            && same(
                leave_code.unwrap_or(""),
                self.leave_code.as_deref().unwrap_or(""),
            )
    }
}

fn session_of(value: Option<&Value>) -> Option<Session> {
    let number = match value? {
        Value::Number(number) => number.as_u64()?,
        Value::String(text) => text.trim().chars().next()?.to_digit(10)?.into(),
        _ => return None,
    };
    match number {
        1 => Some(Session::First),
        2 => Some(Session::Second),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn toil(amount: LeaveAmount) -> LeaveApplication {
        LeaveApplication {
            emp_code: " E7 ".to_owned(),
            leave_type: "UserDefinedLeave".to_owned(),
            leave_code: Some("TOIL".to_owned()),
            leave_reason: "OTHER".to_owned(),
            start_date: day("2026-03-02"),
            end_date: day("2026-03-02"),
            amount,
        }
    }

    #[test]
    fn the_body_spells_fields_as_documented_with_hours_only_under_override() {
        let body = toil(LeaveAmount::Hours(3.333)).to_wire();
        assert_eq!(body["ChangeType"], "Add");
        assert_eq!(body["EmpCode"], "E7");
        assert_eq!(body["LeaveType"], "UserDefinedLeave");
        assert_eq!(body["LeaveCode"], "TOIL");
        assert_eq!(body["StartDate"], "2026-03-02");
        assert_eq!(body["Override"], true);
        assert_eq!(body["LeaveHours"], 3.33);
        let whole = toil(LeaveAmount::WholeDays).to_wire();
        assert!(whole.get("Override").is_none() && whole.get("LeaveHours").is_none());
        let sessions = toil(LeaveAmount::Sessions {
            start: Session::Second,
            end: Session::Second,
        })
        .to_wire();
        assert_eq!(
            (
                sessions["StartSession"].clone(),
                sessions["EndSession"].clone()
            ),
            (2.into(), 2.into())
        );
    }

    #[test]
    fn an_application_is_found_by_employee_dates_type_and_code() {
        let sent = toil(LeaveAmount::WholeDays);
        let listed: LeaveApplicationView = serde_json::from_value(json!({
            "leaveApplicationId": 9, "empCode": "e7", "startDate": "2026-03-02T00:00:00",
            "endDate": "2026-03-02", "leaveType": "UserDefinedLeave", "leaveCode": "toil",
        }))
        .expect("a view");
        assert!(sent.is_listed_as(&listed));
        let other_code = LeaveApplicationView {
            leave_code: Some("STUDY".to_owned()),
            ..listed.clone()
        };
        assert!(!sent.is_listed_as(&other_code));
        let other_day = LeaveApplicationView {
            end_date: Some(day("2026-03-03")),
            ..listed
        };
        assert!(!sent.is_listed_as(&other_day));
    }
}

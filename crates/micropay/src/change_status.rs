//! Where a change request is: `ChangeEmployeeView`'s `ChangeStatus`, its
//! dates and payroll's `ErrorMessage`, as `GET api/ChangeEmployee/{id}`
//! returns them. The status spellings are inferred (WIRE.md): the dates
//! decide when the text is missing or unknown.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use serde_json::Value;

/// `ChangeEmployeeId`: MicrOpay's id for one change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ChangeRequestId(pub i64);

impl std::fmt::Display for ChangeRequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChangeRequestState {
    /// Stored in MicrOpay's cloud, not yet on the payroll server.
    Received,
    /// On the payroll server, waiting for a payroll user.
    PickedUp,
    /// Payroll accepted it: the employee has the change.
    Implemented,
    /// Payroll rejected it; `message` says why.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRequestStatus {
    pub id: ChangeRequestId,
    pub state: ChangeRequestState,
    /// `ErrorMessage`: payroll's reason for a rejection (long digit runs masked).
    pub message: Option<String>,
    pub received_at: Option<NaiveDateTime>,
    pub picked_up_at: Option<NaiveDateTime>,
    pub implemented_at: Option<NaiveDateTime>,
    pub rejected_at: Option<NaiveDateTime>,
}

impl ChangeRequestStatus {
    /// Payroll has decided: implemented or rejected.
    pub fn is_final(&self) -> bool {
        matches!(
            self.state,
            ChangeRequestState::Implemented | ChangeRequestState::Rejected
        )
    }
}

/// The id in the answer to a POST: a `ChangeEmployeeView` with
/// `changeEmployeeId`, or the bare id (the overview only says "a unique
/// status ID"), as a number or a string of digits.
pub(crate) fn id_from_answer(value: &Value) -> Option<ChangeRequestId> {
    id_in_answer(value, "changeEmployeeId").map(ChangeRequestId)
}

/// The positive id under `key` (any casing) of a view, or the bare id, as
/// a number or a string of digits.
pub(crate) fn id_in_answer(value: &Value, key: &str) -> Option<i64> {
    let id = match value {
        Value::Object(map) => map
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value)?,
        other => other,
    };
    match id {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
    .filter(|id| *id > 0)
}

/// A `ChangeEmployeeView` (keys already camel-cased) as a status.
pub(crate) fn status_from_view(id: ChangeRequestId, view: &Value) -> Option<ChangeRequestStatus> {
    let map = view.as_object()?;
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::trim);
    // `...DateTime` carries the time; `...Date` may be a date alone.
    let instant = |stem: &str| {
        text(&format!("{stem}DateTime"))
            .and_then(parse_instant)
            .or_else(|| text(&format!("{stem}Date")).and_then(parse_instant))
    };
    let received_at = instant("received");
    let picked_up_at = instant("pickedUp");
    let implemented_at = instant("implemented");
    let rejected_at = instant("rejected");
    let by_dates = if rejected_at.is_some() {
        ChangeRequestState::Rejected
    } else if implemented_at.is_some() {
        ChangeRequestState::Implemented
    } else if picked_up_at.is_some() {
        ChangeRequestState::PickedUp
    } else {
        ChangeRequestState::Received
    };
    let state = text("changeStatus")
        .and_then(state_from_text)
        .unwrap_or(by_dates);
    let message = text("errorMessage")
        .filter(|m| !m.is_empty())
        .map(paybridge_http::mask_long_digit_runs);
    Some(ChangeRequestStatus {
        id,
        state,
        message,
        received_at,
        picked_up_at,
        implemented_at,
        rejected_at,
    })
}

fn state_from_text(text: &str) -> Option<ChangeRequestState> {
    let squashed: String = text
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    match squashed.as_str() {
        "received" | "submitted" | "new" => Some(ChangeRequestState::Received),
        "pickedup" | "staged" | "pending" => Some(ChangeRequestState::PickedUp),
        "implemented" | "accepted" | "approved" => Some(ChangeRequestState::Implemented),
        "rejected" | "declined" => Some(ChangeRequestState::Rejected),
        _ => None,
    }
}

/// `yyyy-mm-dd[Thh:mm:ss[.fffffff][+hh:mm]]`; year 1 (.NET's empty date) is none.
fn parse_instant(text: &str) -> Option<NaiveDateTime> {
    let day = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    if day.format("%Y").to_string() == "0001" {
        return None;
    }
    let time = text
        .get(11..19)
        .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S").ok())
        .unwrap_or_default();
    Some(day.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_status_from_its_text_or_else_its_dates() {
        let id = ChangeRequestId(7);
        let picked =
            json!({ "changeStatus": "Picked Up", "receivedDateTime": "2026-03-02T10:00:00" });
        let status = status_from_view(id, &picked).expect("a view");
        assert_eq!(status.state, ChangeRequestState::PickedUp);
        assert_eq!(
            status.received_at,
            NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(10, 0, 0))
        );
        let rejected = json!({ "rejectedDate": "2026-03-03T00:00:00", "errorMessage": "TFN 123456782 is wrong" });
        let status = status_from_view(id, &rejected).expect("a view");
        assert_eq!(status.state, ChangeRequestState::Rejected);
        assert_eq!(status.message.as_deref(), Some("TFN •••• is wrong"));
        let empty_dates = json!({ "implementedDate": "0001-01-01T00:00:00" });
        let status = status_from_view(id, &empty_dates).expect("a view");
        assert_eq!(status.state, ChangeRequestState::Received);
    }

    #[test]
    fn finds_the_id_in_a_view_or_bare() {
        assert_eq!(
            id_from_answer(&json!({"ChangeEmployeeId": 12})),
            Some(ChangeRequestId(12))
        );
        assert_eq!(id_from_answer(&json!(5)), Some(ChangeRequestId(5)));
        assert_eq!(id_from_answer(&json!("44")), Some(ChangeRequestId(44)));
        assert_eq!(id_from_answer(&json!({"changeEmployeeId": 0})), None);
        assert_eq!(id_from_answer(&json!({"message": "ok"})), None);
    }
}

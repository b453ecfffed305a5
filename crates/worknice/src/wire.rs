//! The JSON Worknice sends, shaped after the operations in `documents.graphql`.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{WorknicePerson, WorknicePersonStatus};

/// The standard GraphQL response envelope.
#[derive(Debug, Deserialize)]
pub(crate) struct Envelope {
    /// Raw until its own type reads it, so that a list is counted before
    /// its items are built (see [`at_most_max_people`]).
    #[serde(default)]
    pub data: Option<Box<serde_json::value::RawValue>>,
    #[serde(default)]
    pub errors: Option<Vec<GraphQlError>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct GraphQlError {
    pub message: String,
    #[serde(default)]
    pub extensions: Option<Extensions>,
    /// Where in `data` the error belongs: its first element is the alias of
    /// the write it refused, when several were sent in one request.
    #[serde(default)]
    pub path: Option<Vec<serde_json::Value>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Extensions {
    #[serde(default)]
    pub code: Option<String>,
    /// Inferred: the input field a `BAD_USER_INPUT` refused.
    #[serde(default)]
    pub field: Option<String>,
}

impl GraphQlError {
    /// `extensions.code`, when the server gave one.
    pub fn code(&self) -> Option<&str> {
        self.extensions
            .as_ref()
            .and_then(|extensions| extensions.code.as_deref())
    }

    /// The input field a refusal names, if any.
    pub fn field(&self) -> Option<&str> {
        self.extensions
            .as_ref()
            .and_then(|extensions| extensions.field.as_deref())
    }

    /// The top-level field (or alias) of `data` the error belongs to.
    pub fn top_field(&self) -> Option<&str> {
        self.path.as_ref()?.first()?.as_str()
    }

    /// Conventional codes for "who are you?" / "not allowed".
    pub fn is_auth_failure(&self) -> bool {
        matches!(
            self.code(),
            Some("UNAUTHENTICATED" | "UNAUTHORIZED" | "FORBIDDEN")
        )
    }
}

/// `{ session { org { … } } }`: a null session means the token opened none.
#[derive(Debug, Deserialize)]
pub(crate) struct SessionData<Org> {
    pub session: Option<Session<Org>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Session<Org> {
    pub org: Option<Org>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct OrganisationOrg {
    pub name: String,
    #[serde(deserialize_with = "at_most_max_people")]
    pub people: Vec<PersonId>,
}

/// A person of the organisation query, only counted: what their id holds
/// is not read, so one unreadable person cannot fail the connection test.
#[derive(Debug, Deserialize)]
pub(crate) struct PersonId {
    #[allow(dead_code)] // Selected only to count people.
    #[serde(default)]
    pub id: serde::de::IgnoredAny,
}

/// Each person is read on its own (see [`Person::read_listed`]).
#[derive(Debug, Deserialize)]
pub(crate) struct PeopleOrg {
    #[serde(deserialize_with = "at_most_max_people")]
    pub people: Vec<serde_json::Value>,
}

/// The start of the error [`at_most_max_people`] gives, for
/// `response::read_data` to tell it apart.
pub(crate) const TOO_MANY_PEOPLE: &str = "more people than Paybridge reads in one list";

/// A people list of at most [`WorkniceConfig::MAX_PEOPLE`] (see [`at_most`]).
///
/// [`WorkniceConfig::MAX_PEOPLE`]: crate::WorkniceConfig::MAX_PEOPLE
pub(crate) fn at_most_max_people<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    at_most(
        deserializer,
        crate::WorkniceConfig::MAX_PEOPLE,
        TOO_MANY_PEOPLE,
    )
}

/// A list of at most `max` items, refused (with `too_many` as the error's
/// start) as soon as the one after the last is seen: a small body of
/// `[{},{},…]` must not become millions of items in memory.
pub(crate) fn at_most<'de, D, T>(
    deserializer: D,
    max: usize,
    too_many: &'static str,
) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct AtMost<T> {
        max: usize,
        too_many: &'static str,
        items: std::marker::PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for AtMost<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a list of at most {}", self.max)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.max));
            while let Some(item) = seq.next_element()? {
                if items.len() == self.max {
                    return Err(serde::de::Error::custom(self.too_many));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(AtMost {
        max,
        too_many,
        items: std::marker::PhantomData,
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Person {
    id: String,
    display_name: String,
    status: Option<WorknicePersonStatus>,
    employee_code: Option<String>,
    start_date: Option<String>,
    profile_email: Option<String>,
    profile_phone: Option<String>,
    location: Option<Named>,
    current_job: Option<Job>,
}

#[derive(Debug, Deserialize)]
struct Named {
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Job {
    position: Option<Position>,
}

#[derive(Debug, Deserialize)]
struct Position {
    title: Option<String>,
}

impl Person {
    /// One person of the people list, so that one bad record stays one bad
    /// record: a start date that is no date is left out; a person whose
    /// fields cannot be read is kept with what can be read (id, name,
    /// status, employee code) and `unreadable` saying what was wrong, so
    /// their employee code stays taken. Only a person with neither an id
    /// nor an employee code is left out: nothing could match them.
    pub fn read_listed(value: serde_json::Value) -> Option<WorknicePerson> {
        let person = match Person::deserialize(&value) {
            Ok(mut person) => {
                if person.parsed_start_date().is_err() {
                    tracing::warn!(
                        "a Worknice person had a start date that is not a date; read without it"
                    );
                    person.start_date = None;
                }
                person.into_model()
            }
            Err(_) => Err(describe_unreadable(&value)),
        };
        match person {
            Ok(person) => Some(person),
            Err(reason) => {
                tracing::warn!("a Worknice person had fields Paybridge cannot read: {reason}");
                salvage(&value, reason)
            }
        }
    }

    /// The start date, if any: a date, or a timestamp whose first ten
    /// characters are one.
    fn parsed_start_date(&self) -> Result<Option<NaiveDate>, String> {
        match self
            .start_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Ok(None),
            Some(text) => text
                .get(..10)
                .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
                .map(Some)
                .ok_or_else(|| format!("person {} has a start date that is not a date", self.id)),
        }
    }

    /// Fails with a description of the bad field.
    pub fn into_model(self) -> Result<WorknicePerson, String> {
        let start_date = self.parsed_start_date()?;
        Ok(WorknicePerson {
            start_date,
            display_name: self.display_name,
            status: self.status,
            employee_code: self.employee_code.filter(|code| !code.trim().is_empty()),
            profile_email: self.profile_email,
            profile_phone: self.profile_phone,
            location: self.location.and_then(|location| location.name),
            position_title: self
                .current_job
                .and_then(|job| job.position)
                .and_then(|position| position.title),
            id: self.id,
            unreadable: None,
        })
    }
}

/// What can be read of a person whose record cannot be read whole, with
/// `reason`; `None` when it has neither an id nor an employee code.
pub(crate) fn salvage(value: &serde_json::Value, reason: String) -> Option<WorknicePerson> {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let id = text("id").unwrap_or_default();
    let employee_code = text("employeeCode").filter(|code| !code.trim().is_empty());
    if id.is_empty() && employee_code.is_none() {
        return None;
    }
    Some(WorknicePerson {
        id,
        display_name: text("displayName").unwrap_or_default(),
        status: value
            .get("status")
            .and_then(|status| WorknicePersonStatus::deserialize(status).ok()),
        employee_code,
        start_date: None,
        profile_email: None,
        profile_phone: None,
        location: None,
        position_title: None,
        unreadable: Some(reason),
    })
}

/// Which fields of a person could not be read, named, never with their
/// values: "its id is missing or not text; its displayName is not text".
pub(crate) fn describe_unreadable(value: &serde_json::Value) -> String {
    use serde_json::Value;
    if !value.is_object() {
        return "the record is not a person".to_owned();
    }
    let text_or_none = |v: Option<&Value>| matches!(v, None | Some(Value::Null | Value::String(_)));
    let record_or_none =
        |v: Option<&Value>| matches!(v, None | Some(Value::Null | Value::Object(_)));
    let mut problems = Vec::new();
    if !value.get("id").is_some_and(Value::is_string) {
        problems.push("its id is missing or not text".to_owned());
    }
    if !value.get("displayName").is_some_and(Value::is_string) {
        problems.push("its displayName is missing or not text".to_owned());
    }
    for key in ["employeeCode", "startDate", "profileEmail", "profilePhone"] {
        if !text_or_none(value.get(key)) {
            problems.push(format!("its {key} is not text"));
        }
    }
    if value.get("status").is_some_and(|status| {
        !status.is_null() && WorknicePersonStatus::deserialize(status).is_err()
    }) {
        problems.push("its status is not text".to_owned());
    }
    for key in ["location", "currentJob"] {
        if !record_or_none(value.get(key)) {
            problems.push(format!("its {key} is not a record"));
        }
    }
    if problems.is_empty() {
        problems.push("a field has a value Paybridge cannot read".to_owned());
    }
    problems.join("; ")
}

//! Leave types: the categories employees request leave in. Inferred as a
//! whole (Worknice publishes no leave schema): see `documents.graphql`.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::client::{Resend, WorkniceClient};
use crate::documents::{
    CREATE_LEAVE_TYPE, LEAVE_TYPES, SET_LEAVE_TYPE_OFFERED, SET_LEAVE_TYPE_PRIVATE,
};
use crate::error::WorkniceError;
use crate::response::no_refusal;
use crate::wire::{at_most, GraphQlError};
use crate::wire_write::codes;

/// The most leave types a list may hold: an organisation has tens, so more
/// is a server gone wrong, refused as it is read.
const MAX_LEAVE_TYPES: usize = 10_000;

/// A leave type as Worknice lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct WorkniceLeaveType {
    pub id: String,
    pub name: String,
    /// Unique in the organisation (compared without regard to case).
    pub code: String,
    /// Its leave shows as "On leave" to anyone but the employee and approvers.
    #[serde(default)]
    pub private: bool,
    /// Whether employees may request leave of it (a type an organisation set
    /// up is, until an admin hides its category).
    #[serde(default = "offered")]
    pub offered: bool,
}

fn offered() -> bool {
    true
}

/// A leave type to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewLeaveType {
    pub name: String,
    pub code: String,
    pub private: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LeaveTypesOrg {
    #[serde(deserialize_with = "at_most_max_leave_types")]
    leave_types: Vec<Option<WorkniceLeaveType>>,
}

fn at_most_max_leave_types<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Option<WorkniceLeaveType>>, D::Error> {
    at_most(
        deserializer,
        MAX_LEAVE_TYPES,
        "more leave types than Paybridge reads in one list",
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateLeaveTypeData {
    create_leave_type: Option<WorkniceLeaveType>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetLeaveTypePrivateData {
    set_leave_type_private: Option<WorkniceLeaveType>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetLeaveTypeOfferedData {
    set_leave_type_offered: Option<WorkniceLeaveType>,
}

impl WorkniceClient {
    /// Every leave type; passing trouble is retried.
    pub async fn leave_types(&self) -> Result<Vec<WorkniceLeaveType>, WorkniceError> {
        let org: LeaveTypesOrg = self.query(LEAVE_TYPES, json!({})).await?;
        Ok(org
            .leave_types
            .into_iter()
            .flatten()
            .filter(|leave_type| !leave_type.id.trim().is_empty())
            .collect())
    }

    /// Creates a leave type. Sent once, never retried: if the answer is
    /// lost the type may exist all the same ([`WorkniceError::outcome_unknown`]);
    /// look its code up with [`Self::leave_types`] before sending it again.
    /// A code Worknice has already is [`WorkniceError::LeaveTypeCodeTaken`].
    pub async fn create_leave_type(
        &self,
        leave_type: &NewLeaveType,
    ) -> Result<WorkniceLeaveType, WorkniceError> {
        let code = leave_type.code.trim();
        let refusal = |error: &GraphQlError| {
            (error.code() == Some(codes::LEAVE_TYPE_CODE_TAKEN)).then(|| {
                WorkniceError::LeaveTypeCodeTaken {
                    code: code.to_owned(),
                }
            })
        };
        let input = json!({
            "name": leave_type.name.trim(),
            "code": code,
            "private": leave_type.private,
        });
        let data: CreateLeaveTypeData = self
            .run(
                CREATE_LEAVE_TYPE,
                json!({ "input": input }),
                Resend::Never,
                &refusal,
                &[],
            )
            .await?;
        data.create_leave_type
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: "it answered the create with no leave type".to_owned(),
            })
    }

    /// Makes a leave type private (its leave shows as "On leave" to anyone
    /// but the employee and approvers) or not. Idempotent, so passing
    /// trouble is retried.
    pub async fn set_leave_type_private(
        &self,
        id: &str,
        private: bool,
    ) -> Result<WorkniceLeaveType, WorkniceError> {
        let data: SetLeaveTypePrivateData = self
            .run(
                SET_LEAVE_TYPE_PRIVATE,
                json!({ "id": id, "private": private }),
                Resend::WhenTransient,
                &no_refusal,
                &[],
            )
            .await?;
        data.set_leave_type_private
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: "it answered the privacy change with no leave type".to_owned(),
            })
    }

    /// Lets employees request leave of a type, or not. Idempotent, so
    /// passing trouble is retried.
    pub async fn set_leave_type_offered(
        &self,
        id: &str,
        offered: bool,
    ) -> Result<WorkniceLeaveType, WorkniceError> {
        let data: SetLeaveTypeOfferedData = self
            .run(
                SET_LEAVE_TYPE_OFFERED,
                json!({ "id": id, "offered": offered }),
                Resend::WhenTransient,
                &no_refusal,
                &[],
            )
            .await?;
        data.set_leave_type_offered
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: "it answered the change with no leave type".to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;

    use super::{LeaveTypesOrg, MAX_LEAVE_TYPES};
    use crate::error::WorkniceErrorKind;
    use crate::response::read_org;

    fn list(nulls: usize) -> String {
        format!(
            r#"{{"data":{{"session":{{"org":{{"leaveTypes":[{}]}}}}}}}}"#,
            vec!["null"; nulls].join(",")
        )
    }

    #[test]
    fn a_list_longer_than_the_most_leave_types_is_refused_as_it_is_read() {
        let full = read_org::<LeaveTypesOrg>(StatusCode::OK, list(MAX_LEAVE_TYPES).as_bytes());
        assert_eq!(
            full.expect("the most there may be").leave_types.len(),
            MAX_LEAVE_TYPES
        );
        let over = read_org::<LeaveTypesOrg>(StatusCode::OK, list(MAX_LEAVE_TYPES + 1).as_bytes())
            .expect_err("one more is refused");
        assert_eq!(over.kind(), WorkniceErrorKind::MalformedResponse);
        assert!(
            over.to_string()
                .contains("more leave types than Paybridge reads"),
            "{over}"
        );
    }
}

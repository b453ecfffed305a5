//! Leave keyed in payroll, copied to Worknice as approved requests:
//! created with the payroll system's id as `externalId` (sent once; after
//! a lost answer, looked up by it before creating again), and set
//! cancelled later when payroll cancelled or declined it. Inferred as a
//! whole (Worknice publishes no leave schema): see `documents.graphql`.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;

use crate::client::{Resend, WorkniceClient};
use crate::documents::{
    CREATE_PAYROLL_LEAVE_REQUEST, LEAVE_REQUEST_BY_EXTERNAL_ID, SET_PAYROLL_LEAVE_REQUEST_STATUS,
};
use crate::error::WorkniceError;
use crate::leave_requests::{LeaveRequestStatus, WorkniceLeaveRequest};
use crate::response::no_refusal;

/// One request to create for leave payroll keyed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPayrollLeaveRequest {
    pub person_id: String,
    pub leave_type_id: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Hours in all; `None` for whole days.
    pub hours: Option<f64>,
    /// The payroll system's id for it (unique in Worknice).
    pub external_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ByExternalIdOrg {
    leave_request_by_external_id: Option<WorkniceLeaveRequest>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateData {
    create_payroll_leave_request: Option<WorkniceLeaveRequest>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetStatusData {
    set_payroll_leave_request_status: Option<WorkniceLeaveRequest>,
}

impl WorkniceClient {
    /// The request that came from payroll with `external_id`, if any;
    /// passing trouble is retried.
    pub async fn leave_request_by_external_id(
        &self,
        external_id: &str,
    ) -> Result<Option<WorkniceLeaveRequest>, WorkniceError> {
        let org: ByExternalIdOrg = self
            .query(
                LEAVE_REQUEST_BY_EXTERNAL_ID,
                json!({ "externalId": external_id }),
            )
            .await?;
        Ok(org.leave_request_by_external_id)
    }

    /// Creates the approved request. Sent once, never retried: if the
    /// answer is lost it may exist all the same
    /// ([`WorkniceError::outcome_unknown`]); look it up with
    /// [`Self::leave_request_by_external_id`] before sending it again.
    pub async fn create_payroll_leave_request(
        &self,
        request: &NewPayrollLeaveRequest,
    ) -> Result<WorkniceLeaveRequest, WorkniceError> {
        let input = json!({
            "personId": request.person_id,
            "leaveTypeId": request.leave_type_id,
            "startDate": request.start_date.format("%Y-%m-%d").to_string(),
            "endDate": request.end_date.format("%Y-%m-%d").to_string(),
            "hours": request.hours,
            "externalId": request.external_id,
        });
        let data: CreateData = self
            .run(
                CREATE_PAYROLL_LEAVE_REQUEST,
                json!({ "input": input }),
                Resend::Never,
                &no_refusal,
                &[],
            )
            .await?;
        data.create_payroll_leave_request
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: "it answered the create with no leave request".to_owned(),
            })
    }

    /// Sets leave that came from payroll APPROVED or CANCELLED. Idempotent,
    /// so passing trouble is retried.
    pub async fn set_payroll_leave_request_status(
        &self,
        id: &str,
        status: LeaveRequestStatus,
    ) -> Result<WorkniceLeaveRequest, WorkniceError> {
        let data: SetStatusData = self
            .run(
                SET_PAYROLL_LEAVE_REQUEST_STATUS,
                json!({ "id": id, "status": status }),
                Resend::WhenTransient,
                &no_refusal,
                &[],
            )
            .await?;
        data.set_payroll_leave_request_status
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: format!("it has no leave request {id}"),
            })
    }
}

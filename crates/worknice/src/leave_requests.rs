//! Leave requests: read by approval status and changed-since, in pages;
//! payroll's answer written back. Inferred as a whole (Worknice publishes
//! no leave schema): see `documents.graphql`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::client::{Resend, WorkniceClient};
use crate::documents::{LEAVE_REQUESTS_PAGE, SET_LEAVE_REQUEST_PAYROLL_STATUS};
use crate::error::WorkniceError;
use crate::leave_types::WorkniceLeaveType;
use crate::response::no_refusal;
use crate::wire::at_most;

/// Requests asked for per page.
const PAGE_SIZE: u32 = 500;
/// The most requests one page may hold: more is a server gone wrong,
/// refused as it is read.
const MAX_PAGE_ITEMS: usize = 1000;
/// The most pages one read follows: a server naming a next page forever
/// cannot keep Paybridge reading.
const MAX_PAGES: usize = 1000;

/// Where a request is in Worknice's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeaveRequestStatus {
    Submitted,
    Approved,
    Declined,
    Cancelled,
}

/// Who made a request: an employee in Worknice, or payroll (copied by
/// Paybridge from MicrOpay, approved already).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeaveRequestSource {
    Employee,
    Payroll,
}

/// What payroll did with an approved request, as shown to the employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PayrollLeaveStatus {
    Transferred,
    Processed,
    Declined,
}

/// One leave request as Worknice lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkniceLeaveRequest {
    pub id: String,
    pub person_id: String,
    pub employee_code: Option<String>,
    pub leave_type: Option<WorkniceLeaveType>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Hours asked for; `None` for whole days.
    pub hours: Option<f64>,
    #[serde(default)]
    pub part_day: bool,
    pub status: LeaveRequestStatus,
    pub payroll_status: Option<PayrollLeaveStatus>,
    pub payroll_message: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// `None` from a Worknice that does not say.
    #[serde(default)]
    pub source: Option<LeaveRequestSource>,
    /// The payroll system's id, for leave that came from payroll (for
    /// Paybridge: the MicrOpay `LeaveApplicationId`).
    #[serde(default)]
    pub external_id: Option<String>,
}

impl WorkniceLeaveRequest {
    /// Whether it came from payroll: it must never be sent back to it.
    pub fn is_from_payroll(&self) -> bool {
        self.source == Some(LeaveRequestSource::Payroll) || self.external_id.is_some()
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageOrg {
    leave_requests_page: RequestsPage,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestsPage {
    #[serde(deserialize_with = "at_most_a_page")]
    requests: Vec<Option<WorkniceLeaveRequest>>,
    next_cursor: Option<String>,
}

fn at_most_a_page<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Option<WorkniceLeaveRequest>>, D::Error> {
    at_most(
        deserializer,
        MAX_PAGE_ITEMS,
        "more leave requests in one page than asked for",
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetPayrollStatusData {
    set_leave_request_payroll_status: Option<WorkniceLeaveRequest>,
}

impl WorkniceClient {
    /// Every request with one of `statuses` (any status when empty) changed
    /// at or after `updated_since` (all of them when `None`), oldest change
    /// first, all pages; each page's passing trouble is retried.
    pub async fn leave_requests(
        &self,
        statuses: &[LeaveRequestStatus],
        updated_since: Option<DateTime<Utc>>,
    ) -> Result<Vec<WorkniceLeaveRequest>, WorkniceError> {
        let mut requests = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let variables = json!({
                "statuses": (!statuses.is_empty()).then_some(statuses),
                "updatedSince": updated_since.map(|at| at.to_rfc3339()),
                "first": PAGE_SIZE,
                "after": after,
            });
            let org: PageOrg = self.query(LEAVE_REQUESTS_PAGE, variables).await?;
            let page = org.leave_requests_page;
            requests.extend(
                page.requests
                    .into_iter()
                    .flatten()
                    .filter(|request| !request.id.trim().is_empty()),
            );
            match page.next_cursor {
                Some(next) if Some(&next) != after.as_ref() => after = Some(next),
                _ => return Ok(requests),
            }
        }
        Err(WorkniceError::MalformedResponse {
            detail: format!("its leave requests went on past {MAX_PAGES} pages"),
        })
    }

    /// Records what payroll did with a request, and payroll's message.
    /// Idempotent, so passing trouble is retried.
    pub async fn set_leave_request_payroll_status(
        &self,
        id: &str,
        status: PayrollLeaveStatus,
        message: Option<&str>,
    ) -> Result<WorkniceLeaveRequest, WorkniceError> {
        let data: SetPayrollStatusData = self
            .run(
                SET_LEAVE_REQUEST_PAYROLL_STATUS,
                json!({ "id": id, "status": status, "message": message }),
                Resend::WhenTransient,
                &no_refusal,
                &[],
            )
            .await?;
        data.set_leave_request_payroll_status
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: format!("it has no leave request {id}"),
            })
    }
}

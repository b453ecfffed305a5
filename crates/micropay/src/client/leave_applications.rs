//! `POST api/LeaveApplication` and the documented list
//! `GET api/LeaveApplication?fromId&toId&page&pageSize`. A post is sent
//! again only when MicrOpay said up front it did nothing (429, 503); after
//! a lost answer ([`MicropayError::OutcomeUnknown`]) the caller looks the
//! application up in the list ([`LeaveApplication::is_listed_as`]) before
//! sending it again.

use super::MicropayClient;
use crate::change_status;
use crate::error::MicropayError;
use crate::leave_application::{LeaveApplication, LeaveApplicationId, LeaveApplicationView};

/// The list's `toId` when reading to the end: the largest id an `integer`
/// (.NET's `Int32`) holds.
const LAST_ID: i64 = i32::MAX as i64;

impl MicropayClient {
    /// Sends one leave application (Add); MicrOpay's id for it.
    pub async fn submit_leave_application(
        &self,
        application: &LeaveApplication,
    ) -> Result<LeaveApplicationId, MicropayError> {
        let answer = self
            .post_for_answer("api/LeaveApplication", &application.to_wire())
            .await?;
        // The answer is a LeaveApplicationView, or the bare id.
        change_status::id_in_answer(&answer, "leaveApplicationId")
            .map(LeaveApplicationId)
            .ok_or_else(|| self.outcome_unknown())
    }

    /// Every leave application with an id from `from_id` on, all pages,
    /// each retried like any read.
    pub async fn leave_applications(
        &self,
        from_id: LeaveApplicationId,
    ) -> Result<Vec<LeaveApplicationView>, MicropayError> {
        let params = [
            ("fromId", from_id.0.max(1).to_string()),
            ("toId", LAST_ID.to_string()),
        ];
        self.all_pages("api/LeaveApplication", &params, "leave applications")
            .await
    }
}

//! The payroll officer's way out for a Change whose answer was lost and
//! that never reached MicrOpay: the reference has no list of change
//! requests to look it up in (WIRE.md, "Lost answers"), so only someone
//! who checked New/Edit Employees in MicrOpay can say it is not there.
//! Marked "not received by MicrOpay", it leaves the outbox and the next
//! sync plans its fields afresh, sending them once more.

use paybridge_store::{AuditEntry, ChangeKind, ChangeStatus};

use crate::api::{AppError, ErrorCode, PendingChangeRequest};
use crate::sync_history::pending_request;
use crate::Engine;

impl Engine {
    /// Marks change request `request_id` (Paybridge's id, as `paybridge
    /// status` lists it) as not received by MicrOpay. Only a Change whose
    /// answer was lost (queued, no MicrOpay id) can be, and not while a
    /// sync runs (it may be sending that very request).
    pub async fn mark_not_received(
        &self,
        request_id: i64,
    ) -> Result<PendingChangeRequest, AppError> {
        // Under the run's turn, so no sync starts while the request is
        // checked and dropped.
        let turn = match self.take_turn().await {
            Ok(turn) => turn,
            Err(error) if error.code == ErrorCode::Busy => {
                return Err(AppError::new(
                    ErrorCode::Busy,
                    "A sync or an import is running: wait for it to finish, then mark the request again.",
                ))
            }
            Err(error) => return Err(error),
        };
        let marked = self.mark_not_received_in_turn(request_id).await;
        self.end_turn(turn).await;
        marked
    }

    async fn mark_not_received_in_turn(
        &self,
        request_id: i64,
    ) -> Result<PendingChangeRequest, AppError> {
        let found = self
            .with_store(move |store| store.change_requests().get(request_id))
            .await?;
        let Some(request) = found else {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("There is no change request {request_id}: `paybridge status` lists the open ones."),
            ));
        };
        if request.kind == ChangeKind::Add {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!(
                    "Change request {request_id} is a new hire's Add: the next sync finds out \
                     itself whether MicrOpay has it. An Add that never arrived is sent again; \
                     one MicrOpay refused is sent again once the hire is corrected in Worknice."
                ),
            ));
        }
        if request.status != ChangeStatus::Queued || request.micropay_request_id.is_some() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!(
                    "Change request {request_id} reached MicrOpay (it is {}): only a request \
                     whose answer was lost can be marked not received.",
                    request.status.as_str().replace('_', " ")
                ),
            ));
        }
        let now = self.clock.now();
        let entry = AuditEntry {
            run_id: None,
            at: now,
            side: "micropay".to_owned(),
            emp_code: Some(request.emp_code.clone()),
            operation: "mark-not-received".to_owned(),
            fields: request
                .fields
                .iter()
                .map(|field| field.field.as_str())
                .collect::<Vec<_>>()
                .join(","),
            outcome: "written".to_owned(),
            detail: Some(
                "Marked not received by MicrOpay: the next sync sends these fields again."
                    .to_owned(),
            ),
        };
        let discarded = self
            .with_store(move |store| {
                let discarded = store.change_requests().discard_unsent(request_id)?;
                if discarded {
                    store.sync_runs().audit(&entry)?;
                }
                Ok(discarded)
            })
            .await?;
        if !discarded {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("Change request {request_id} moved on meanwhile: see `paybridge status`."),
            ));
        }
        Ok(pending_request(request))
    }
}

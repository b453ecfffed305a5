//! Checking payroll's answers at the start of a run: every open change
//! request's status moves on in the store (received → picked up →
//! implemented / rejected with payroll's message), so the plan made next
//! freezes, moves or sets back the right fields. A request whose POST
//! answer was lost has no MicrOpay id to ask about; WIRE.md ("Lost
//! answers") says how it is settled without a second Add or a duplicate
//! Change.

use std::collections::HashSet;

use paybridge_micropay::{ChangeRequestId, ChangeRequestState, MicropayErrorKind};
use paybridge_store::{ChangeKind, ChangeRequestRecord, ChangeStatus};

use super::apply::ApplyContext;
use super::fields::FieldId;
use super::plan::code_key;
use super::read::SyncRead;
use super::snapshot::snapshot_from_micropay;
use crate::api::{AppError, SyncPhase};
use crate::retry::{retrying, READ_RETRY};

fn status_of(state: ChangeRequestState) -> ChangeStatus {
    match state {
        ChangeRequestState::Received => ChangeStatus::Received,
        ChangeRequestState::PickedUp => ChangeStatus::PickedUp,
        ChangeRequestState::Implemented => ChangeStatus::Implemented,
        ChangeRequestState::Rejected => ChangeStatus::Rejected,
    }
}

impl ApplyContext<'_> {
    /// Asks MicrOpay about every open request and records the answers.
    /// Returns the codes (as [`code_key`]) whose lost Add is to be sent
    /// again this run: payroll refuses a second Add for a code with one
    /// waiting, so the resend creates nothing twice.
    pub(super) async fn check_payroll(&self) -> Result<HashSet<String>, AppError> {
        let open = self
            .engine
            .with_store(|store| store.change_requests().open())
            .await?;
        let total = open.len() as u64;
        self.reporter.phase(SyncPhase::CheckingPayroll, 0, total);
        let mut resend = HashSet::new();
        for (done, request) in open.iter().enumerate() {
            match request.micropay_request_id.as_deref() {
                Some(id) => self.follow(request, id).await?,
                None if request.kind == ChangeKind::Add => {
                    let again = self.settle_lost_add(request).await?;
                    again.then(|| resend.insert(code_key(&request.emp_code)));
                }
                // Settled once both sides are read (see `settle_lost_changes`).
                None => {}
            }
            self.reporter
                .phase(SyncPhase::CheckingPayroll, done as u64 + 1, total);
        }
        Ok(resend)
    }

    async fn follow(&self, request: &ChangeRequestRecord, id: &str) -> Result<(), AppError> {
        let Ok(number) = id.trim().parse::<i64>() else {
            tracing::warn!(
                request = request.id,
                "a MicrOpay request id that is not a number"
            );
            return Ok(());
        };
        let status = retrying(&READ_RETRY, "ask how a change request stands", || {
            self.engine.requests.micropay();
            self.micropay.change_request_status(ChangeRequestId(number))
        })
        .await?;
        let (request_id, now) = (request.id, self.engine.clock.now());
        let moved = status_of(status.state);
        if moved == request.status {
            return Ok(());
        }
        let message = status.message.clone();
        let recorded = self
            .engine
            .with_store(move |store| {
                store
                    .change_requests()
                    .set_status(request_id, moved, message.as_deref(), now)
            })
            .await;
        // MicrOpay showing an earlier step than the store has is not news.
        if let Err(error) = recorded {
            tracing::warn!(code = ?error.code, request = request.id, "status not recorded");
        }
        Ok(())
    }

    /// An Add whose answer was lost: implemented when MicrOpay now has an
    /// employee with its code; otherwise, unless a resend was refused
    /// already, forgotten here and sent again (returns true).
    async fn settle_lost_add(&self, request: &ChangeRequestRecord) -> Result<bool, AppError> {
        let code = request.emp_code.clone();
        let found = retrying(&READ_RETRY, "look for a new hire in MicrOpay", || {
            self.engine.requests.micropay();
            self.micropay.employee(&code)
        })
        .await;
        let (request_id, now) = (request.id, self.engine.clock.now());
        match found {
            Ok(_) => {
                self.engine
                    .with_store(move |store| {
                        store.change_requests().set_status(
                            request_id,
                            ChangeStatus::Implemented,
                            None,
                            now,
                        )
                    })
                    .await?;
                Ok(false)
            }
            // Sent again once and refused: it landed (WIRE.md); unless
            // payroll had not decided then, not sent again until the hire
            // changes (see `hires::new_hire`).
            Err(error)
                if error.kind() == MicropayErrorKind::NotFound
                    && super::hires::lost_add_settled(request) =>
            {
                Ok(false)
            }
            Err(error) if error.kind() == MicropayErrorKind::NotFound => Ok(self
                .engine
                .with_store(move |store| store.change_requests().discard_unsent(request_id))
                .await?),
            Err(error) => Err(error.into()),
        }
    }

    /// A Change whose answer was lost is never sent again: it is taken as
    /// implemented once MicrOpay holds every value it carries, and until
    /// then keeps its fields frozen.
    pub(super) async fn settle_lost_changes(&self, read: &SyncRead) -> Result<(), AppError> {
        let open = self
            .engine
            .with_store(|store| store.change_requests().open())
            .await?;
        let mut implemented = Vec::new();
        for request in open.iter().filter(|request| {
            request.kind == ChangeKind::Change && request.micropay_request_id.is_none()
        }) {
            let Some(employee) = read.employees.get(&code_key(&request.emp_code)) else {
                continue;
            };
            let side = snapshot_from_micropay(employee, &read.names);
            let holds_all = request.fields.iter().all(|requested| {
                FieldId::from_key(&requested.field)
                    .and_then(|field| {
                        side.values.get(&field).map(|value| {
                            value.recorded(field, self.fingerprint_key) == requested.value
                        })
                    })
                    .unwrap_or(false)
            });
            if holds_all {
                implemented.push(request.id);
            }
        }
        if implemented.is_empty() {
            return Ok(());
        }
        let now = self.engine.clock.now();
        self.engine
            .with_store(move |store| {
                for id in implemented {
                    store
                        .change_requests()
                        .set_status(id, ChangeStatus::Implemented, None, now)?;
                }
                Ok(())
            })
            .await
    }
}

//! One application entered in MicrOpay copied to Worknice, exactly once
//! (see `from_payroll`): queued in the store before the create, created
//! with Worknice's id after it; a queued one is looked up in Worknice by
//! its external id before it is created again.

use std::collections::HashMap;

use chrono::NaiveDate;
use paybridge_domain::emp_code;
use paybridge_micropay::LeaveApplicationView;
use paybridge_worknice::{NewPayrollLeaveRequest, WorkniceClient};
use tokio_util::sync::CancellationToken;

use super::from_payroll_plan::{category_of, CopyAs};
use crate::api::{AppError, LeaveCategoryRow};
use crate::retry::{retrying, READ_RETRY, WRITE_RETRY};
use crate::Engine;

/// How one application was left.
pub(super) enum Settled {
    Created,
    AlreadyInWorknice,
    Skipped(String),
    Pending,
}

/// Creates the copies, reading the categories and links once, and only
/// when there is something new to copy.
pub(super) struct Copier<'a> {
    engine: &'a Engine,
    worknice: &'a WorkniceClient,
    categories: Option<Vec<LeaveCategoryRow>>,
    /// Employee code (its duplicate key) → Worknice person id; read once.
    people: Option<HashMap<String, String>>,
}

impl<'a> Copier<'a> {
    pub(super) fn new(engine: &'a Engine, worknice: &'a WorkniceClient) -> Self {
        Self {
            engine,
            worknice,
            categories: None,
            people: None,
        }
    }

    /// Exactly once: `queued` says an earlier run queued it (its create's
    /// answer may have been lost), so Worknice is asked first.
    pub(super) async fn copy(
        &mut self,
        view: &LeaveApplicationView,
        queued: bool,
        cancel: &CancellationToken,
    ) -> Result<Settled, AppError> {
        let external_id = view.leave_application_id.to_string();
        if queued {
            match self.find(&external_id).await {
                Ok(Some(found)) => return self.mark(view, &found).await.map(|()| Settled::Created),
                Ok(None) => {}
                Err(_) => return Ok(Settled::Pending),
            }
        }
        if view.is_cancelled_or_declined() {
            return Ok(Settled::Skipped(
                "Cancelled or declined in MicrOpay before it was copied: not copied.".to_owned(),
            ));
        }
        let Some((start_date, end_date)) = dates_of(view) else {
            return Ok(Settled::Skipped(
                "MicrOpay lists it without dates: not copied.".to_owned(),
            ));
        };
        let emp_code = view.emp_code.trim().to_owned();
        let Some(person_id) = self.person_of(&emp_code).await? else {
            return Ok(Settled::Skipped(format!(
                "{emp_code} is not linked to a Worknice person: their leave is copied at a \
                 later sync once they are imported or linked."
            )));
        };
        let categories = self.categories().await?;
        let leave_type_id = match category_of(view, categories) {
            CopyAs::To(type_id) => type_id,
            CopyAs::Skip(reason) => return Ok(Settled::Skipped(reason)),
        };
        if cancel.is_cancelled() {
            return Ok(Settled::Pending);
        }
        let new = NewPayrollLeaveRequest {
            person_id,
            leave_type_id,
            start_date,
            end_date,
            hours: view.override_hours(),
            external_id: external_id.clone(),
        };
        let (id, at) = (view.leave_application_id, self.engine.clock.now());
        let queued_code = emp_code.clone();
        self.engine
            .with_store(move |store| {
                store
                    .leave_from_payroll()
                    .queue(id, &queued_code, (start_date, end_date), at)
            })
            .await?;
        // Safe to send again: Worknice refuses a second create with this
        // external id, and the refusal is followed by the look-up below.
        let created = retrying(&WRITE_RETRY, "copy payroll's leave to Worknice", || {
            self.engine.requests.worknice();
            self.worknice.create_payroll_leave_request(&new)
        })
        .await;
        match created {
            Ok(created) => {
                self.mark(view, &created.id).await?;
                Ok(Settled::Created)
            }
            // Lost answer, refusal or trouble: Worknice may hold it all the
            // same (a second create with this external id is refused).
            Err(error) => match self.find(&external_id).await {
                Ok(Some(found)) => self.mark(view, &found).await.map(|()| Settled::Created),
                Ok(None) if error.is_transient() || error.outcome_unknown() => {
                    tracing::warn!(micropay_id = id, error = %error, "leave not copied yet");
                    Ok(Settled::Pending)
                }
                // Worknice's words are not kept: they may name the type.
                Ok(None) => Ok(Settled::Skipped(format!(
                    "Worknice refused the copy ({:?}): not copied. Check the person and the \
                     leave type in Worknice.",
                    error.kind()
                ))),
                // Still queued: looked up again next run.
                Err(_) => Ok(Settled::Pending),
            },
        }
    }

    /// The Worknice request with this external id, if Worknice has one.
    async fn find(&self, external_id: &str) -> Result<Option<String>, AppError> {
        let found = retrying(&READ_RETRY, "look up a copied leave request", || {
            self.engine.requests.worknice();
            self.worknice.leave_request_by_external_id(external_id)
        })
        .await?;
        Ok(found.map(|request| request.id))
    }

    async fn mark(&self, view: &LeaveApplicationView, worknice_id: &str) -> Result<(), AppError> {
        let (id, worknice_id, at) = (
            view.leave_application_id,
            worknice_id.to_owned(),
            self.engine.clock.now(),
        );
        self.engine
            .with_store(move |store| {
                store
                    .leave_from_payroll()
                    .mark_created(id, &worknice_id, at)
            })
            .await
    }

    async fn person_of(&mut self, emp_code: &str) -> Result<Option<String>, AppError> {
        if self.people.is_none() {
            let links = self.engine.with_store(|store| store.links().all()).await?;
            self.people = Some(
                links
                    .into_iter()
                    .map(|link| {
                        (
                            emp_code::duplicate_key(&link.emp_code),
                            link.worknice_person_id,
                        )
                    })
                    .collect(),
            );
        }
        Ok(self
            .people
            .as_ref()
            .and_then(|people| people.get(&emp_code::duplicate_key(emp_code)))
            .cloned())
    }

    async fn categories(&mut self) -> Result<&[LeaveCategoryRow], AppError> {
        if self.categories.is_none() {
            self.categories = Some(self.engine.leave_categories().await?);
        }
        Ok(self.categories.as_deref().unwrap_or_default())
    }
}

pub(super) fn dates_of(view: &LeaveApplicationView) -> Option<(NaiveDate, NaiveDate)> {
    Some((view.start_date?, view.end_date?))
}

impl Copier<'_> {
    /// Records `view` as skipped with why (again, if it was: the copy
    /// queued it first).
    pub(super) async fn keep_skipped(
        &self,
        view: &LeaveApplicationView,
        reason: &str,
        today: NaiveDate,
    ) -> Result<(), AppError> {
        let (id, emp, at) = (
            view.leave_application_id,
            view.emp_code.trim().to_owned(),
            self.engine.clock.now(),
        );
        let dates = dates_of(view).unwrap_or((today, today));
        let reason = reason.to_owned();
        self.engine
            .with_store(move |store| {
                store
                    .leave_from_payroll()
                    .skip(id, &emp, dates, &reason, at)
            })
            .await
    }
}

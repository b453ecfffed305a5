//! The Needs payroll list as the window and the command line show it, and
//! a payroll officer marking an item done. What raises items is the leave
//! step of a sync (`needs_payroll_raise`).

use paybridge_store::{NeedsPayrollItem, NeedsPayrollKind};

use crate::api::{AppError, ErrorCode, NeedsPayrollAction, NeedsPayrollEntry, NeedsPayrollReport};
use crate::Engine;

/// How far back "recently done" reaches.
const DONE_SHOWN_FOR: chrono::TimeDelta = chrono::TimeDelta::days(30);

impl Engine {
    /// What is to do in MicrOpay, and what was done in the last 30 days.
    pub async fn needs_payroll(&self) -> Result<NeedsPayrollReport, AppError> {
        let since = self.clock.now() - DONE_SHOWN_FOR;
        let (open, done) = self
            .with_store(move |store| {
                let list = store.leave_needs_payroll();
                Ok((list.open()?, list.done_since(since)?))
            })
            .await?;
        Ok(NeedsPayrollReport {
            open: open.into_iter().map(entry).collect(),
            recently_done: done.into_iter().map(entry).collect(),
        })
    }

    /// Marks an open item done (the payroll officer did it in MicrOpay);
    /// the list as it is then.
    pub async fn mark_needs_payroll_done(&self, id: i64) -> Result<NeedsPayrollReport, AppError> {
        let at = self.clock.now();
        let marked = self
            .with_store(move |store| store.leave_needs_payroll().mark_done(id, at))
            .await?;
        if !marked {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("Nothing on the Needs payroll list has number {id} still to do."),
            ));
        }
        tracing::info!(id, "a Needs payroll item was marked done");
        self.needs_payroll().await
    }
}

fn entry(item: NeedsPayrollItem) -> NeedsPayrollEntry {
    NeedsPayrollEntry {
        id: item.id,
        action: match item.kind {
            NeedsPayrollKind::Cancel => NeedsPayrollAction::Cancel,
            NeedsPayrollKind::Change => NeedsPayrollAction::Change,
        },
        worknice_request_id: item.worknice_request_id,
        micropay_application_id: item.micropay_id,
        emp_code: item.emp_code,
        what_to_do: item.what_to_do,
        raised_at: item.raised_at.to_rfc3339(),
        done_at: item.done_at.map(|at| at.to_rfc3339()),
    }
}

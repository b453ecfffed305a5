//! Balances sent to Worknice so employees see them there: each current
//! employee's balances of the visible categories that have a Worknice leave
//! type, written only when they differ from what Worknice shows (hours,
//! days and the projected hours, after approved leave payroll has not
//! processed; the "as of" alone is no change). A hidden category is left
//! out of the write, so Worknice stops offering it.

use std::collections::HashSet;

use futures::StreamExt;
use paybridge_store::LeaveCategoryRecord;
use paybridge_worknice::{WorkniceClient, WorkniceLeaveBalance};

use super::cache::CachedRead;
use super::{pending, rules};
use super::{BALANCES_OFF, BALANCES_UNAVAILABLE};
use crate::api::{AppError, HeldLeaveBalance, LeaveBalancesSent, LeaveBalancesState};
use crate::leave::catalog::Category;
use crate::reads::READ_CONCURRENCY;
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

/// What became of one employee's balances.
enum Sent {
    Written,
    Unchanged,
    NotInWorknice,
    Held(String),
}

impl Engine {
    /// Sends every current employee's visible balances to Worknice. With
    /// the balances option off nothing is read or sent.
    pub async fn send_leave_balances(&self) -> Result<LeaveBalancesSent, AppError> {
        self.send_balances_of(None).await
    }

    /// As [`Self::send_leave_balances`], for the employees `only` names
    /// when given (those whose leave a run moved), else for everyone.
    pub(crate) async fn send_balances_of(
        &self,
        only: Option<Vec<String>>,
    ) -> Result<LeaveBalancesSent, AppError> {
        let options = self.with_store(|store| store.leave().options()).await?;
        if !options.balances_live {
            return Ok(sent(LeaveBalancesState::Off, Some(BALANCES_OFF)));
        }
        let (micropay, worknice) = (self.micropay_client().await?, self.worknice_client().await?);
        let codes = match only {
            Some(codes) => codes,
            None => self.current_emp_codes(&micropay).await?,
        };
        let (categories, stored) = tokio::try_join!(
            self.leave_catalog(&micropay),
            self.with_store(|store| store.leave().categories()),
        )?;
        let reads = self.balance_reads(&micropay, &codes, true).await?;
        if reads.unavailable {
            return Ok(sent(
                LeaveBalancesState::Unavailable,
                Some(BALANCES_UNAVAILABLE),
            ));
        }
        // Only types Worknice still has: one an admin deleted there since
        // it was linked would have Worknice refuse each person's write whole.
        let types: HashSet<String> = retrying(&READ_RETRY, "read Worknice's leave types", || {
            self.requests.worknice();
            worknice.leave_types()
        })
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
        // Indices, not the reads' references: a future borrowing a
        // closure's argument is not `Send` for every lifetime, and a sync
        // (which sends them) runs in a Tauri command and the scheduler.
        let outcomes: Vec<(String, Sent)> = futures::stream::iter(0..reads.read.len())
            .map(|index| {
                let read = &reads.read[index];
                let wanted = for_worknice(read, &categories, &stored, &types);
                let worknice = &worknice;
                async move {
                    let code = read.balances.emp_code.clone();
                    let outcome = self.send_one(worknice, &code, &wanted).await;
                    (code, outcome)
                }
            })
            .buffered(READ_CONCURRENCY)
            .collect()
            .await;
        let mut answer = sent(LeaveBalancesState::Shown, None);
        answer.read = (reads.read.len() + reads.held.len()) as u64;
        answer.held = reads.held;
        for (emp_code, outcome) in outcomes {
            match outcome {
                Sent::Written => answer.written += 1,
                Sent::Unchanged => answer.unchanged += 1,
                Sent::NotInWorknice => answer.not_in_worknice += 1,
                Sent::Held(reason) => answer.held.push(HeldLeaveBalance { emp_code, reason }),
            }
        }
        Ok(answer)
    }

    async fn send_one(
        &self,
        worknice: &WorkniceClient,
        emp_code: &str,
        wanted: &[WorkniceLeaveBalance],
    ) -> Sent {
        let shown = retrying(&READ_RETRY, "read a person's leave balances", || {
            self.requests.worknice();
            worknice.leave_balances(emp_code)
        })
        .await;
        match shown {
            Err(error) => return Sent::Held(AppError::from(error).message),
            Ok(None) => return Sent::NotInWorknice,
            Ok(Some(shown)) if same_figures(&shown, wanted) => return Sent::Unchanged,
            Ok(Some(_)) => {}
        }
        self.requests.worknice();
        match worknice.set_leave_balances(emp_code, wanted).await {
            Ok(Some(_)) => Sent::Written,
            Ok(None) => Sent::NotInWorknice,
            Err(error) => Sent::Held(AppError::from(error).message),
        }
    }
}

/// The balances employees may see: visible categories with a Worknice type.
fn for_worknice(
    read: &CachedRead,
    categories: &[Category],
    stored: &[LeaveCategoryRecord],
    worknice_types: &HashSet<String>,
) -> Vec<WorkniceLeaveBalance> {
    let rows = rules::rows(&read.balances, categories, stored, |category| {
        pending::pending_hours(
            read.pending.as_deref().unwrap_or_default(),
            category,
            read.balances.standard_hours_per_day,
        )
    });
    rows.into_iter()
        .filter(|row| row.visible)
        .filter_map(|row| {
            let record = stored
                .iter()
                .find(|r| r.key.setting_name().eq_ignore_ascii_case(&row.code))?;
            let leave_type_id = record.worknice_type_id.clone()?;
            if !worknice_types.contains(&leave_type_id) {
                return None;
            }
            Some(WorkniceLeaveBalance {
                leave_type_id,
                hours: row.hours,
                days: row.days,
                projected_hours: Some(row.projected_hours),
                as_of: read.read_at.to_rfc3339(),
            })
        })
        .collect()
}

/// The same balances, whatever order and "as of".
fn same_figures(shown: &[WorkniceLeaveBalance], wanted: &[WorkniceLeaveBalance]) -> bool {
    shown.len() == wanted.len()
        && wanted.iter().all(|want| {
            shown.iter().any(|have| {
                have.leave_type_id == want.leave_type_id
                    && have.hours == want.hours
                    && have.days == want.days
                    && have.projected_hours == want.projected_hours
            })
        })
}

fn sent(state: LeaveBalancesState, message: Option<&str>) -> LeaveBalancesSent {
    LeaveBalancesSent {
        state,
        message: message.map(str::to_owned),
        read: 0,
        written: 0,
        unchanged: 0,
        not_in_worknice: 0,
        held: Vec::new(),
    }
}

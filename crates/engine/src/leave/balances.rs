//! Leave balances live from MicrOpay (issue 8's third slice): read only
//! when shown or asked for, and only with the balances option on; kept a
//! few minutes (`cache`); paced under the admin's cap (`pace`); a database
//! without the (inferred) endpoint gets a clear message and nothing else
//! stops. The rules are in `rules`, pure.

mod applications;
mod cache;
mod pace;
pub(super) mod pending;
mod rules;
mod send;
mod step;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use futures::StreamExt;
use paybridge_domain::emp_code;
use paybridge_micropay::{EmployeeDetail, MicropayClient, MicropayError, MicropayErrorKind};

use crate::api::{
    AppError, EmployeeLeaveBalances, ErrorCode, HeldLeaveBalance, LeaveBalanceCap,
    LeaveBalancesReport, LeaveBalancesState, SettingsTrigger,
};
use crate::directions::{from_store_trigger, to_store_trigger};
use crate::reads::{self, READ_CONCURRENCY};
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

use super::catalog::{self, Category};
use cache::{BalanceCache, CachedRead};
use pace::RequestPace;

/// What a payroll officer is told when the database has no balances.
pub const BALANCES_UNAVAILABLE: &str =
    "Leave balances aren't available from this MicrOpay database";

const BALANCES_OFF: &str = "Leave balances are off, so none were read from MicrOpay or sent to \
     Worknice. Turn on \"Show employee leave balances live from MicrOpay\" \
     (paybridge leave options balances on) to show them.";

/// The largest cap an admin can set; more is no cap worth the name.
const MAX_CAP: u32 = 1000;

/// What the engine keeps of balances between answers.
#[derive(Debug, Default)]
pub(crate) struct BalanceMemory {
    cache: Mutex<BalanceCache>,
    /// The pace of balance requests under the admin's cap, shared by every
    /// answer (a new one only when the cap changes).
    pace: Mutex<Option<Arc<RequestPace>>>,
}

impl BalanceMemory {
    /// The pace for `per_second`: the one in use while the cap is the same.
    fn pace(&self, per_second: Option<u32>) -> Arc<RequestPace> {
        let mut kept = lock(&self.pace);
        match kept.as_ref() {
            Some(pace) if pace.per_second() == per_second => Arc::clone(pace),
            _ => Arc::clone(kept.insert(Arc::new(RequestPace::new(per_second)))),
        }
    }
}

/// Why balances can't be shown, if MicrOpay said so (`since`: when it first
/// did, as the store keeps it).
pub(crate) fn unavailable_reason(since: Option<DateTime<Utc>>) -> Option<String> {
    since.map(|since| {
        format!(
            "{BALANCES_UNAVAILABLE} (it said so at {}).",
            since.to_rfc3339()
        )
    })
}

/// The balances of a list of employees, as read (or cached).
pub(crate) struct BalanceReads {
    pub read: Vec<CachedRead>,
    pub held: Vec<HeldLeaveBalance>,
    pub requests: u64,
    pub waited_for_cap: u64,
    pub unavailable: bool,
}

impl Engine {
    /// Balances of one employee (`emp_code`) or of every current one.
    pub async fn leave_balances(
        &self,
        emp_code: Option<&str>,
    ) -> Result<LeaveBalancesReport, AppError> {
        let options = self.with_store(|store| store.leave().options()).await?;
        if !options.balances_live {
            lock(&self.leave_balances.cache).clear();
            return Ok(report(LeaveBalancesState::Off, Some(BALANCES_OFF)));
        }
        let client = self.micropay_client().await?;
        let codes = match emp_code {
            Some(code) => vec![self.current_emp_code(&client, code).await?],
            None => self.current_emp_codes(&client).await?,
        };
        let (categories, stored) = tokio::try_join!(
            self.leave_catalog(&client),
            self.with_store(|store| store.leave().categories()),
        )?;
        let reads = self.balance_reads(&client, &codes, true).await?;
        if reads.unavailable {
            let mut answer = report(LeaveBalancesState::Unavailable, Some(BALANCES_UNAVAILABLE));
            answer.requests = reads.requests;
            answer.waited_for_cap = reads.waited_for_cap;
            return Ok(answer);
        }
        let employees = reads
            .read
            .iter()
            .map(|cached| employee_view(cached, &categories, &stored))
            .collect();
        Ok(LeaveBalancesReport {
            state: LeaveBalancesState::Shown,
            message: None,
            employees,
            held: reads.held,
            requests: reads.requests,
            waited_for_cap: reads.waited_for_cap,
        })
    }

    /// The admin's cap on balance requests a second.
    pub async fn leave_balance_cap(&self) -> Result<LeaveBalanceCap, AppError> {
        let record = self
            .with_store(|store| store.leave_balances().request_cap())
            .await?;
        Ok(cap_view(record))
    }

    /// Sets the cap (`None`: none); recorded in the settings history.
    pub async fn set_leave_balance_cap(
        &self,
        per_second: Option<u32>,
        trigger: SettingsTrigger,
    ) -> Result<LeaveBalanceCap, AppError> {
        if let Some(cap) = per_second.filter(|cap| !(1..=MAX_CAP).contains(cap)) {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!(
                    "A cap of {cap} requests a second can't be used: choose 1 to {MAX_CAP}, \
                     or no cap."
                ),
            ));
        }
        let (at, by) = (self.clock.now(), to_store_trigger(trigger));
        let record = self
            .with_store(move |store| {
                store.leave_balances().set_request_cap(per_second, at, by)?;
                store.leave_balances().request_cap()
            })
            .await?;
        tracing::info!(?per_second, "leave balance request cap changed");
        Ok(cap_view(record))
    }

    /// Each employee's balances, from the last few minutes' read or from
    /// MicrOpay, `READ_CONCURRENCY` at a time under the cap, in the order
    /// given. One that can't be read is held with the reason; a 404 stops
    /// the reads and says balances are unavailable. `with_pending`: each
    /// read carries the employee's approved leave payroll has not processed
    /// (one list read for all, before the balances, when any is read).
    pub(crate) async fn balance_reads(
        &self,
        client: &MicropayClient,
        emp_codes: &[String],
        with_pending: bool,
    ) -> Result<BalanceReads, AppError> {
        let cap = self
            .with_store(|store| store.leave_balances().request_cap())
            .await?
            .per_second;
        let pace = self.leave_balances.pace(cap);
        let now = self.clock.now();
        let to_read = {
            let cache = lock(&self.leave_balances.cache);
            emp_codes
                .iter()
                .filter(|code| cache.fresh(code, now, with_pending).is_none())
                .count()
        };
        let applications = if with_pending && to_read > 0 {
            match self.all_leave_applications(client, &pace).await {
                Ok(listed) => Some(pending::by_employee(&listed)),
                Err(error) => return Ok(self.held_for_pending(emp_codes, now, &error)),
            }
        } else {
            None
        };
        let missing = AtomicBool::new(false);
        let (requests, waited) = (AtomicU64::new(0), AtomicU64::new(0));
        let results: Vec<(String, Result<Option<CachedRead>, MicropayError>)> =
            futures::stream::iter(emp_codes.iter().cloned())
                // Owned codes: a future borrowing the slice's items is not
                // `Send` for every lifetime, as a Tauri command needs.
                .map(|code: String| {
                    let (pace, missing, requests, waited) = (&pace, &missing, &requests, &waited);
                    let applications = &applications;
                    async move {
                        let fresh = lock(&self.leave_balances.cache)
                            .fresh(&code, now, with_pending)
                            .cloned();
                        if fresh.is_some() || missing.load(Ordering::SeqCst) {
                            return (code, Ok(fresh));
                        }
                        if pace.turn().await {
                            waited.fetch_add(1, Ordering::Relaxed);
                        }
                        // A 404 may have come while this one waited its turn.
                        if missing.load(Ordering::SeqCst) {
                            return (code, Ok(None));
                        }
                        let read = retrying(&READ_RETRY, "read leave balances", || {
                            self.requests.micropay();
                            requests.fetch_add(1, Ordering::Relaxed);
                            client.leave_balances(&code)
                        })
                        .await;
                        let read = match read {
                            Err(e) if e.kind() == MicropayErrorKind::NotFound => {
                                self.why_not_found(client, &code, e, missing).await
                            }
                            other => other.map(|balances| {
                                Some(CachedRead {
                                    read_at: now,
                                    pending: applications.as_ref().map(|by_employee| {
                                        by_employee
                                            .get(&emp_code::duplicate_key(&code))
                                            .cloned()
                                            .unwrap_or_default()
                                    }),
                                    balances,
                                })
                            }),
                        };
                        (code, read)
                    }
                })
                .buffered(READ_CONCURRENCY)
                .collect()
                .await;
        let unavailable = missing.load(Ordering::SeqCst);
        self.with_store(move |store| store.leave().record_balances_unavailable(unavailable, now))
            .await?;
        let mut reads = BalanceReads {
            read: Vec::new(),
            held: Vec::new(),
            requests: requests.load(Ordering::Relaxed),
            waited_for_cap: waited.load(Ordering::Relaxed),
            unavailable,
        };
        let mut cache = lock(&self.leave_balances.cache);
        cache.prune(now);
        for (emp_code, result) in results {
            match result {
                Ok(Some(read)) => {
                    cache.put(&emp_code, read.clone());
                    reads.read.push(read);
                }
                Ok(None) => {}
                Err(error) if error.kind() == MicropayErrorKind::NotFound && unavailable => {}
                Err(error) => reads.held.push(HeldLeaveBalance {
                    emp_code,
                    reason: AppError::from(error).message,
                }),
            }
        }
        Ok(reads)
    }

    /// A 404 from the balance read means the endpoint is missing only if
    /// the employee is still there: one deleted since the list was read
    /// answers 404 too, and is held as not found (`missing` left alone).
    async fn why_not_found(
        &self,
        client: &MicropayClient,
        code: &str,
        not_found: MicropayError,
        missing: &AtomicBool,
    ) -> Result<Option<CachedRead>, MicropayError> {
        match self.read_employee(client, code).await {
            Ok(_) => {
                missing.store(true, Ordering::SeqCst);
                Err(not_found)
            }
            Err(error) => Err(error),
        }
    }

    /// The leave categories MicrOpay has (the standard three and its
    /// user-defined codes).
    pub(crate) async fn leave_catalog(
        &self,
        client: &MicropayClient,
    ) -> Result<Vec<Category>, AppError> {
        let lookups = reads::lookup(client, &self.requests, catalog::USER_DEFINED_LOOKUP).await?;
        Ok(catalog::categories(&lookups))
    }

    /// The employee `code` names, as MicrOpay spells it; asked first so
    /// that a 404 from the balance read can only mean the endpoint is missing.
    async fn current_emp_code(
        &self,
        client: &MicropayClient,
        code: &str,
    ) -> Result<String, AppError> {
        Ok(self.read_employee(client, code.trim()).await?.emp_code)
    }

    async fn read_employee(
        &self,
        client: &MicropayClient,
        code: &str,
    ) -> Result<EmployeeDetail, MicropayError> {
        retrying(&READ_RETRY, "read an employee", || {
            self.requests.micropay();
            client.employee(code)
        })
        .await
    }

    /// Every employee MicrOpay has who has not left, in its order.
    pub(crate) async fn current_emp_codes(
        &self,
        client: &MicropayClient,
    ) -> Result<Vec<String>, AppError> {
        Ok(
            reads::employees_into(client, &self.requests, &|page, _, _| {
                page.into_iter()
                    .filter(|employee| !employee.is_terminated())
                    .map(|employee| employee.emp_code)
                    .collect()
            })
            .await?,
        )
    }
}

fn employee_view(
    cached: &CachedRead,
    categories: &[Category],
    stored: &[paybridge_store::LeaveCategoryRecord],
) -> EmployeeLeaveBalances {
    let read = &cached.balances;
    EmployeeLeaveBalances {
        emp_code: read.emp_code.clone(),
        as_of: cached.read_at.to_rfc3339(),
        payroll_as_at: read.as_at.map(|date| date.format("%Y-%m-%d").to_string()),
        standard_hours_per_day: read.standard_hours_per_day,
        balances: rules::rows(read, categories, stored, |category| {
            let pending = cached.pending.as_deref().unwrap_or_default();
            pending::pending_hours(pending, category, read.standard_hours_per_day)
        }),
    }
}

fn report(state: LeaveBalancesState, message: Option<&str>) -> LeaveBalancesReport {
    LeaveBalancesReport {
        state,
        message: message.map(str::to_owned),
        employees: Vec::new(),
        held: Vec::new(),
        requests: 0,
        waited_for_cap: 0,
    }
}

fn cap_view(record: paybridge_store::RequestCapRecord) -> LeaveBalanceCap {
    LeaveBalanceCap {
        per_second: record.per_second,
        changed_at: record.changed_at.map(|at| at.to_rfc3339()),
        changed_by: record.changed_by.map(from_store_trigger),
    }
}

/// A poisoned lock still holds usable balances: the cache is only a cache.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::BalanceMemory;

    /// Two answers at once (the Leave screen while a sync sends balances)
    /// share the engine's pace: the second one's first request waits for
    /// the turn the first one took. A new cap makes a new pace.
    #[tokio::test]
    async fn answers_at_once_share_one_pace_under_the_cap() {
        let memory = BalanceMemory::default();
        let (first, second) = (memory.pace(Some(1)), memory.pace(Some(1)));
        assert!(Arc::ptr_eq(&first, &second));
        assert!(!first.turn().await, "the first request goes at once");
        assert!(second.turn().await, "1 a second: the next one waits");
        let changed = memory.pace(Some(2));
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_eq!(changed.per_second(), Some(2));
    }
}

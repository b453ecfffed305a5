//! Balances read in the last few minutes, per employee, so showing them
//! again (a screen, the command line, the sync) doesn't ask MicrOpay again.
//! Time is passed in: the engine's injected clock decides what is fresh.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use paybridge_micropay::{EmployeeLeaveBalances, LeaveApplicationView};

/// How long a read stands in for MicrOpay.
pub(crate) const FRESH_FOR: Duration = Duration::minutes(5);

/// A read and when it was made.
#[derive(Debug, Clone)]
pub(crate) struct CachedRead {
    pub read_at: DateTime<Utc>,
    pub balances: EmployeeLeaveBalances,
    /// The employee's approved leave payroll had not processed, read with
    /// the balances (`pending::by_employee`); `None` when not read (the
    /// send to Worknice has no projected balance, so does not read it).
    pub pending: Option<Vec<LeaveApplicationView>>,
}

#[derive(Debug, Default)]
pub(crate) struct BalanceCache {
    /// By upper-cased EmpCode (MicrOpay's codes ignore case).
    reads: HashMap<String, CachedRead>,
}

impl BalanceCache {
    /// The employee's read if it is under [`FRESH_FOR`] old at `now` (and,
    /// `with_pending`, holds their pending leave).
    pub fn fresh(
        &self,
        emp_code: &str,
        now: DateTime<Utc>,
        with_pending: bool,
    ) -> Option<&CachedRead> {
        self.reads.get(&emp_code.to_uppercase()).filter(|read| {
            now >= read.read_at
                && now - read.read_at < FRESH_FOR
                && (!with_pending || read.pending.is_some())
        })
    }

    pub fn put(&mut self, emp_code: &str, read: CachedRead) {
        self.reads.insert(emp_code.to_uppercase(), read);
    }

    /// Drops reads that are no longer fresh at `now`, so the map holds a
    /// few minutes' worth (called once per answer, not per read).
    pub fn prune(&mut self, now: DateTime<Utc>) {
        self.reads.retain(|_, kept| now - kept.read_at < FRESH_FOR);
    }

    /// Forgets everything: the option was turned off.
    pub fn clear(&mut self) {
        self.reads.clear();
    }
}

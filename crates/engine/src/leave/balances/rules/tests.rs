use chrono::{Duration, NaiveDate, TimeZone, Utc};
use paybridge_micropay::{EmployeeLeaveBalances, LeaveBalance, Lookup};
use paybridge_store::{LeaveCategoryKey, LeaveCategoryRecord};

use super::{days, projected, rows};
use crate::leave::balances::cache::{BalanceCache, CachedRead, FRESH_FOR};
use crate::leave::catalog;

fn lookup(code: &str, description: &str) -> Lookup {
    Lookup {
        lookup_type: "UserDefinedLeave".to_owned(),
        code: code.to_owned(),
        description: description.to_owned(),
        active: true,
    }
}

fn balance(leave_type: &str, leave_code: Option<&str>, hours: f64) -> LeaveBalance {
    LeaveBalance {
        leave_type: leave_type.to_owned(),
        leave_code: leave_code.map(str::to_owned),
        hours,
    }
}

fn read(standard_day: Option<f64>, balances: Vec<LeaveBalance>) -> EmployeeLeaveBalances {
    EmployeeLeaveBalances {
        emp_code: "E0001".to_owned(),
        as_at: NaiveDate::from_ymd_opt(2025, 6, 30),
        standard_hours_per_day: standard_day,
        balances,
    }
}

fn shown(leave_type: &str, leave_code: &str) -> LeaveCategoryRecord {
    LeaveCategoryRecord {
        key: LeaveCategoryKey {
            leave_type: leave_type.to_owned(),
            leave_code: leave_code.to_owned(),
        },
        visible: true,
        private: None,
        worknice_type_id: None,
        changed_at: None,
        changed_by: None,
    }
}

#[test]
fn hours_become_days_only_where_the_standard_day_is_known() {
    assert_eq!(days(76.0, Some(7.6)), Some(10.0));
    assert_eq!(days(10.0, Some(6.0)), Some(1.67));
    assert_eq!(days(10.0, None), None, "casuals have no standard day");
    assert_eq!(days(10.0, Some(0.0)), None);
    assert_eq!(days(10.0, Some(f64::NAN)), None);
}

#[test]
fn the_projected_balance_takes_pending_hours_off() {
    assert_eq!(projected(40.0, 0.0), 40.0);
    assert_eq!(projected(40.0, 15.2), 24.8);
    assert_eq!(projected(8.0, 16.0), -8.0, "payroll may let it go negative");
    assert_eq!(projected(8.0, -3.0), 8.0, "a negative pending is none");
}

#[test]
fn rows_mark_visible_categories_and_give_hidden_ones_only_when_read() {
    let categories = catalog::categories(&[lookup("STUDY", "Study Leave"), lookup("TOIL", "TOIL")]);
    let read = read(
        Some(7.6),
        vec![
            balance("AnnualLeave", None, 76.0),
            balance("UserDefinedLeave", Some("study"), 7.6),
            balance("UserDefinedLeave", Some("GONE"), 3.0),
        ],
    );
    let stored = [shown("AnnualLeave", ""), shown("UserDefinedLeave", "TOIL")];
    let got = rows(&read, &categories, &stored, |c| {
        if c.code() == "AnnualLeave" {
            7.6
        } else {
            0.0
        }
    });
    let summary: Vec<(&str, f64, Option<f64>, f64, bool)> = got
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.hours,
                r.days,
                r.projected_hours,
                r.visible,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("AnnualLeave", 76.0, Some(10.0), 68.4, true),
            ("STUDY", 7.6, Some(1.0), 7.6, false),
            ("TOIL", 0.0, Some(0.0), 0.0, true),
        ],
        "GONE is no category; SickLeave has no balance and is hidden"
    );
}

#[test]
fn a_cached_read_is_fresh_for_five_minutes_of_the_injected_clock() {
    let read_at = Utc
        .with_ymd_and_hms(2025, 7, 1, 9, 0, 0)
        .single()
        .expect("time");
    let mut cache = BalanceCache::default();
    cache.put(
        "e0001",
        CachedRead {
            read_at,
            balances: read(None, Vec::new()),
            pending: None,
        },
    );
    assert!(
        cache.fresh("E0001", read_at, false).is_some(),
        "codes ignore case"
    );
    assert!(
        cache.fresh("E0001", read_at, true).is_none(),
        "read without its pending leave: no good for a projected balance"
    );
    assert!(cache
        .fresh("E0001", read_at + FRESH_FOR - Duration::seconds(1), false)
        .is_some());
    assert!(cache.fresh("E0001", read_at + FRESH_FOR, false).is_none());
    assert!(
        cache
            .fresh("E0001", read_at - Duration::seconds(1), false)
            .is_none(),
        "a clock set back does not trust a read from its future"
    );
    assert!(cache.fresh("E0002", read_at, false).is_none());
    cache.put(
        "E0002",
        CachedRead {
            read_at,
            balances: read(None, Vec::new()),
            pending: Some(Vec::new()),
        },
    );
    assert!(cache.fresh("E0002", read_at, true).is_some());
    cache.prune(read_at + FRESH_FOR);
    assert!(cache.fresh("E0001", read_at, false).is_none(), "pruned");
}

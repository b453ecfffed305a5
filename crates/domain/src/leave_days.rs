//! How many working days a leave application covers, as payroll counts
//! them to take whole-day leave off a balance: Monday to Friday (public
//! holidays are not known here), a first day starting at the 2nd session
//! or a last day ending at the 1st counting half, and a single day half
//! when one session is named (1st to 1st, 2nd to 2nd). The engine's
//! projected balance and the MicrOpay sandbox's processing both use it.

use chrono::{Datelike, NaiveDate, Weekday};

/// Working days from `start` to `end` (both included); sessions are
/// MicrOpay's numbers, 1 or 2. An end before the start covers none.
pub fn working_days(
    start: NaiveDate,
    end: NaiveDate,
    start_session: Option<u8>,
    end_session: Option<u8>,
) -> f64 {
    if end < start {
        return 0.0;
    }
    let is_working = |day: NaiveDate| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    let days = start
        .iter_days()
        .take_while(|day| *day <= end)
        .filter(|day| is_working(*day))
        .count() as f64;
    if start == end {
        return match (start_session, end_session) {
            (Some(first), Some(last)) if first == last && is_working(start) => 0.5,
            _ => days,
        };
    }
    let mut less = 0.0;
    if start_session == Some(2) && is_working(start) {
        less += 0.5;
    }
    if end_session == Some(1) && is_working(end) {
        less += 0.5;
    }
    days - less
}

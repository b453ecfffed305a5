//! The balance rules, pure: hours to days, the rows an employee's read
//! makes (every category with a balance, and each visible one, 0 when
//! MicrOpay lists none), and the projected balance.

use paybridge_micropay::EmployeeLeaveBalances as MicropayBalances;
use paybridge_store::LeaveCategoryRecord;

use crate::api::LeaveBalanceRow;
use crate::leave::catalog::Category;

/// Days to two places: hours over the standard day, when there is one.
pub(crate) fn days(hours: f64, standard_hours_per_day: Option<f64>) -> Option<f64> {
    let day = standard_hours_per_day.filter(|day| day.is_finite() && *day > 0.0)?;
    Some(round2(hours / day))
}

/// The balance once approved leave payroll has not processed yet is taken
/// (the category's pending hours, from `pending`).
pub(crate) fn projected(hours: f64, pending_hours: f64) -> f64 {
    round2(hours - pending_hours.max(0.0))
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Whether an admin made the category visible to employees.
pub(crate) fn is_visible(category: &Category, stored: &[LeaveCategoryRecord]) -> bool {
    stored.iter().any(|record| {
        record.visible
            && record.key.leave_type == category.key.leave_type
            && record
                .key
                .leave_code
                .eq_ignore_ascii_case(&category.key.leave_code)
    })
}

/// The hours MicrOpay gives `category`, if it lists it.
fn hours_of(read: &MicropayBalances, category: &Category) -> Option<f64> {
    read.balances
        .iter()
        .find(|balance| {
            balance.leave_type == category.key.leave_type
                && balance
                    .leave_code
                    .as_deref()
                    .unwrap_or_default()
                    .eq_ignore_ascii_case(&category.key.leave_code)
        })
        .map(|balance| balance.hours)
}

/// One row per category, in the catalog's order: those MicrOpay gives a
/// balance, and each visible one (0 hours when it gives none). A balance of
/// a category the catalog doesn't know is left out: nobody could see it.
pub(crate) fn rows(
    read: &MicropayBalances,
    categories: &[Category],
    stored: &[LeaveCategoryRecord],
    pending_hours: impl Fn(&Category) -> f64,
) -> Vec<LeaveBalanceRow> {
    categories
        .iter()
        .filter_map(|category| {
            let visible = is_visible(category, stored);
            let hours = match hours_of(read, category) {
                Some(hours) => hours,
                None if visible => 0.0,
                None => return None,
            };
            Some(LeaveBalanceRow {
                code: category.code().to_owned(),
                name: category.name.clone(),
                hours,
                days: days(hours, read.standard_hours_per_day),
                projected_hours: projected(hours, pending_hours(category)),
                visible,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

//! What the last sync saw of one linked employee, field by field, on each
//! side, in the form the store keeps: plain text, or for a sensitive field
//! its fingerprint (never a plaintext TFN or account number).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use paybridge_store::{BaselineRow, Store, StoreError};

use super::fields::FieldId;

pub(crate) use super::baseline_map::{Baseline, Seen};

/// What applying a plan does to an employee's baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum BaselineChange {
    #[default]
    Keep,
    /// Record these fields (the whole baseline after the sync).
    Put(Baseline),
    /// The employee was unlinked: forget it.
    Remove,
}

/// The store's rows for `baseline`, fingerprinted where the field is
/// sensitive.
pub(crate) fn to_rows(baseline: &Baseline) -> Vec<BaselineRow> {
    baseline
        .iter()
        .map(|(field, seen)| BaselineRow {
            field: field.key().to_owned(),
            fingerprinted: field.is_sensitive(),
            micropay: seen.micropay.to_string(),
            worknice: seen.worknice.to_string(),
        })
        .collect()
}

/// The baseline in the store's `rows`. A field this version does not know,
/// or a row whose kind does not match the catalogue (a sensitive field
/// kept as text), is left out: that field is then adopted afresh.
pub(crate) fn from_rows(rows: &[BaselineRow]) -> Baseline {
    rows.iter()
        .filter_map(|row| {
            let field = FieldId::from_key(&row.field)?;
            (field.is_sensitive() == row.fingerprinted)
                .then(|| (field, Seen::new(&row.micropay, &row.worknice)))
        })
        .collect()
}

/// Every linked employee's baseline, by the link's employee code.
pub(crate) fn load(store: &Store) -> Result<BTreeMap<String, Baseline>, StoreError> {
    Ok(store
        .baselines()
        .all()?
        .into_iter()
        .map(|(emp_code, rows)| (emp_code, from_rows(&rows)))
        .collect())
}

/// What a plan's apply leaves (each employee's `baseline`), moved out of
/// the plan: each employee's rows are made only as they are written, so a
/// first sync of 50,000 (every employee adopted) does not hold 1.5 million
/// rows beside the baselines they come from.
pub(crate) struct Recorded {
    put: Vec<(String, Baseline)>,
    removed: Vec<String>,
}

impl Recorded {
    /// From each linked employee's code and baseline change.
    pub(crate) fn of(changes: impl Iterator<Item = (String, BaselineChange)>) -> Self {
        let mut recorded = Self {
            put: Vec::new(),
            removed: Vec::new(),
        };
        for (emp_code, change) in changes {
            match change {
                BaselineChange::Keep => {}
                BaselineChange::Put(baseline) => recorded.put.push((emp_code, baseline)),
                BaselineChange::Remove => recorded.removed.push(emp_code),
            }
        }
        recorded
    }

    /// Records them in one transaction.
    pub(crate) fn record(&self, store: &Store, at: DateTime<Utc>) -> Result<(), StoreError> {
        let rows = self
            .put
            .iter()
            .map(|(emp_code, baseline)| (emp_code.as_str(), to_rows(baseline)));
        store.baselines().record(rows, &self.removed, at)
    }
}

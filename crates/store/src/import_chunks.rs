//! The import outbox a chunk at a time: the same forward-only states as
//! [`ImportRuns::advance`] and [`ImportRuns::record_linked`], for many
//! items in one IMMEDIATE transaction (one wait for the disk per chunk
//! instead of one per employee). A run killed mid-chunk leaves either the
//! whole chunk's step or none of it.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};

use crate::imports::{advance_in, record_linked_in, ImportRuns, ItemState};
use crate::{DataGroup, LinkRecord, StoreError};

/// A link to record, with the fingerprints of what was imported (none for
/// a matched person).
pub type LinkToRecord = (LinkRecord, Vec<(DataGroup, String)>);

impl ImportRuns<'_> {
    /// Moves every item in `emp_codes` to `to` (with `reason`, if any), all
    /// or none.
    pub fn advance_all(
        &self,
        run_id: i64,
        emp_codes: &[String],
        to: ItemState,
        reason: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        for code in emp_codes {
            advance_in(&tx, run_id, code, to, reason, None, at)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// [`ImportRuns::record_linked`] for each link, in one transaction: one
    /// result per link, in order. A link the table refuses leaves its item
    /// created with its person and the others recorded.
    pub fn record_linked_all(
        &self,
        run_id: i64,
        links: &[LinkToRecord],
        at: DateTime<Utc>,
    ) -> Result<Vec<Result<(), StoreError>>, StoreError> {
        let mut tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let mut results = Vec::with_capacity(links.len());
        for (link, fingerprints) in links {
            results.push(record_linked_in(&mut tx, run_id, link, fingerprints, at)?);
        }
        tx.commit()?;
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, LinkHow, NewImportItem, Store};

    fn at() -> DateTime<Utc> {
        "2026-11-25T09:30:00Z".parse().expect("time")
    }

    #[test]
    fn a_chunk_moves_together_and_a_refused_link_leaves_only_its_item_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([4; 32]))
            .expect("opens");
        let item = |code: &str, id| NewImportItem {
            emp_code: code.to_owned(),
            id_employee: id,
            name: format!("Person {code}"),
        };
        let link = |code: &str, id, person: &str| LinkRecord {
            emp_code: code.to_owned(),
            id_employee: id,
            worknice_person_id: person.to_owned(),
            how: LinkHow::Created,
            linked_at: at(),
        };
        let runs = store.imports();
        let run = runs
            .start(at(), false, &[item("A", 1), item("B", 2), item("C", 3)])
            .expect("starts");
        let codes = ["A", "B", "C"].map(str::to_owned);
        runs.advance_all(run, &codes, ItemState::Creating, None, at())
            .expect("creating");
        assert!(runs
            .items(run)
            .expect("items")
            .iter()
            .all(|item| item.state == ItemState::Creating));
        // A missing item fails the chunk as a whole: nothing moves.
        let with_unknown = ["A".to_owned(), "Z".to_owned()];
        assert!(runs
            .advance_all(run, &with_unknown, ItemState::Created, None, at())
            .is_err());
        assert_eq!(
            runs.items(run).expect("items")[0].state,
            ItemState::Creating
        );

        let fingerprints = vec![(DataGroup::Personal, "f".to_owned())];
        // C's person is A's: its link is refused, A's and B's are recorded.
        let results = runs
            .record_linked_all(
                run,
                &[
                    (link("A", 1, "p1"), fingerprints.clone()),
                    (link("B", 2, "p2"), fingerprints.clone()),
                    (link("C", 3, "p1"), fingerprints.clone()),
                ],
                at(),
            )
            .expect("records");
        assert!(results[0].is_ok() && results[1].is_ok(), "{results:?}");
        assert!(results[2].is_err(), "{results:?}");
        let states: Vec<(String, ItemState)> = runs
            .items(run)
            .expect("items")
            .into_iter()
            .map(|item| (item.emp_code, item.state))
            .collect();
        assert_eq!(
            states,
            [
                ("A".to_owned(), ItemState::Linked),
                ("B".to_owned(), ItemState::Linked),
                ("C".to_owned(), ItemState::Created),
            ]
        );
        assert_eq!(
            store.links().fingerprints("B").expect("reads"),
            fingerprints
        );
        assert_eq!(store.links().get("C").expect("reads"), None);
    }
}

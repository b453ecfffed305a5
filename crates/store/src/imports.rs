//! The import outbox: `import_runs` and `import_items`. Every state change
//! is its own IMMEDIATE transaction and only ever moves forward, so a run
//! killed at any point leaves a record of exactly how far each item got.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::links::record_link_in;
use crate::{DataGroup, LinkHow, LinkRecord, StoreError};

/// Where one employee is in an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemState {
    Pending,
    /// The create call is about to go (or went) out: on resume, look the
    /// person up by employee code before creating anything.
    Creating,
    /// The Worknice person exists; the connection and link are not recorded yet.
    Created,
    Linked,
    Skipped,
    Held,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Creating => "creating",
            Self::Created => "created",
            Self::Linked => "linked",
            Self::Skipped => "skipped",
            Self::Held => "held",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Creating,
            Self::Created,
            Self::Linked,
            Self::Skipped,
            Self::Held,
        ]
        .into_iter()
        .find(|state| state.as_str() == text)
    }

    /// pending → creating → created → (linked | skipped | held); the last
    /// three are final.
    fn rank(self) -> u8 {
        match self {
            Self::Pending => 0,
            Self::Creating => 1,
            Self::Created => 2,
            Self::Linked | Self::Skipped | Self::Held => 3,
        }
    }

    pub fn is_final(self) -> bool {
        self.rank() == 3
    }
}

/// An employee to put in a new run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportItem {
    pub emp_code: String,
    pub id_employee: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItemRecord {
    pub run_id: i64,
    pub emp_code: String,
    pub id_employee: i64,
    pub name: String,
    pub state: ItemState,
    pub reason: Option<String>,
    pub worknice_person_id: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct ImportRuns<'s> {
    pub(crate) conn: &'s Connection,
}

const ITEM_COLUMNS: &str =
    "run_id, emp_code, id_employee, name, state, reason, worknice_person_id, updated_at";

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<ImportItemRecord> {
    let state: String = row.get(4)?;
    Ok(ImportItemRecord {
        run_id: row.get(0)?,
        emp_code: row.get(1)?,
        id_employee: row.get(2)?,
        name: row.get(3)?,
        state: ItemState::parse(&state).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                4,
                rusqlite::types::Type::Text,
                format!("unknown import state {state}").into(),
            )
        })?,
        reason: row.get(5)?,
        worknice_person_id: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

impl<'s> ImportRuns<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Opens a run with every item pending, in one transaction.
    pub fn start(
        &self,
        started_at: DateTime<Utc>,
        dry_run: bool,
        items: &[NewImportItem],
    ) -> Result<i64, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO import_runs (started_at, dry_run) VALUES (?1, ?2)",
            params![started_at, dry_run],
        )?;
        let run_id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO import_items (run_id, emp_code, id_employee, name, state, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'pending', ?5)",
            )?;
            for item in items {
                insert.execute(params![
                    run_id,
                    item.emp_code,
                    item.id_employee,
                    item.name,
                    started_at
                ])?;
            }
        }
        tx.commit()?;
        Ok(run_id)
    }

    /// Moves one item forward. Asking for the state it is already in changes
    /// nothing; asking to go back (or from one final state to another) fails.
    pub fn advance(
        &self,
        run_id: i64,
        emp_code: &str,
        to: ItemState,
        reason: Option<&str>,
        worknice_person_id: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        advance_in(&tx, run_id, emp_code, to, reason, worknice_person_id, at)?;
        tx.commit()?;
        Ok(())
    }

    /// Records the link (and the fingerprints of what was imported) and
    /// marks the item linked, in one transaction: for a person this run
    /// created, the item goes through `created` on the way. One commit
    /// instead of three per employee (each commit waits for the disk), and
    /// nothing half-recorded if the process dies in between.
    pub fn record_linked(
        &self,
        run_id: i64,
        link: &LinkRecord,
        fingerprints: &[(DataGroup, String)],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let linked = record_linked_in(&mut tx, run_id, link, fingerprints, at)?;
        tx.commit()?;
        linked
    }

    pub fn finish(&self, run_id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE import_runs SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL",
            params![run_id, at],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn items(&self, run_id: i64) -> Result<Vec<ImportItemRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {ITEM_COLUMNS} FROM import_items WHERE run_id = ?1 ORDER BY emp_code"
        ))?;
        let rows = statement.query_map([run_id], item_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Items of any run that stopped before reaching a final state (the app
    /// was killed or the run cancelled), oldest run first.
    pub fn unfinished_items(&self) -> Result<Vec<ImportItemRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {ITEM_COLUMNS} FROM import_items
             WHERE state IN ('pending', 'creating', 'created') ORDER BY run_id, emp_code"
        ))?;
        let rows = statement.query_map([], item_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The Worknice person an import created for this employee but never
    /// linked (the item was held after its `created` step), latest first.
    /// Only the create step records a person on an item that ends held, so
    /// a held item with a person is exactly that case.
    pub fn created_but_not_linked(
        &self,
        emp_code: &str,
        id_employee: i64,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT worknice_person_id FROM import_items
                 WHERE emp_code = ?1 AND id_employee = ?2 AND state = 'held'
                   AND worknice_person_id IS NOT NULL
                 ORDER BY run_id DESC LIMIT 1",
                params![emp_code, id_employee],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Runs started but never finished, oldest first.
    pub fn unfinished_runs(&self) -> Result<Vec<i64>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT id FROM import_runs WHERE finished_at IS NULL ORDER BY id")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// [`ImportRuns::record_linked`] inside `tx`: the outer error is the
/// transaction's, the inner one the link's (its savepoint rolled back).
pub(crate) fn record_linked_in(
    tx: &mut Transaction<'_>,
    run_id: i64,
    link: &LinkRecord,
    fingerprints: &[(DataGroup, String)],
    at: DateTime<Utc>,
) -> Result<Result<(), StoreError>, StoreError> {
    let person = Some(link.worknice_person_id.as_str());
    if link.how == LinkHow::Created {
        advance_in(
            tx,
            run_id,
            &link.emp_code,
            ItemState::Created,
            None,
            person,
            at,
        )?;
    }
    // A link the table refuses still leaves the item created with its
    // person, so a later run finishes it as created.
    let savepoint = tx.savepoint()?;
    let linked = record_link_in(&savepoint, link, fingerprints).and_then(|()| {
        advance_in(
            &savepoint,
            run_id,
            &link.emp_code,
            ItemState::Linked,
            None,
            person,
            at,
        )
    });
    match linked {
        Ok(()) => {
            savepoint.commit()?;
            Ok(Ok(()))
        }
        Err(error) => Ok(Err(error)),
    }
}

pub(crate) fn advance_in(
    tx: &Connection,
    run_id: i64,
    emp_code: &str,
    to: ItemState,
    reason: Option<&str>,
    worknice_person_id: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    // Cached: a chunk runs these statements a few hundred times.
    let current: Option<String> = tx
        .prepare_cached("SELECT state FROM import_items WHERE run_id = ?1 AND emp_code = ?2")?
        .query_row(params![run_id, emp_code], |row| row.get(0))
        .optional()?;
    let current = current
        .as_deref()
        .and_then(ItemState::parse)
        .ok_or(StoreError::ImportItemMissing)?;
    if current == to {
        return Ok(());
    }
    if to.rank() <= current.rank() {
        return Err(StoreError::ImportStateBackwards {
            from: current.as_str(),
            to: to.as_str(),
        });
    }
    tx.prepare_cached(
        "UPDATE import_items
         SET state = ?3, reason = coalesce(?4, reason),
             worknice_person_id = coalesce(?5, worknice_person_id), updated_at = ?6
         WHERE run_id = ?1 AND emp_code = ?2",
    )?
    .execute(params![
        run_id,
        emp_code,
        to.as_str(),
        reason,
        worknice_person_id,
        at
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    fn at() -> DateTime<Utc> {
        "2026-11-25T09:30:00Z".parse().expect("time")
    }

    #[test]
    fn items_only_move_forward_and_unfinished_ones_are_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([3; 32]))
            .expect("opens");
        let item = |code: &str, id| NewImportItem {
            emp_code: code.to_owned(),
            id_employee: id,
            name: format!("Person {code}"),
        };
        let runs = store.imports();
        let run = runs
            .start(at(), false, &[item("A", 1), item("B", 2), item("C", 3)])
            .expect("starts");
        runs.advance(run, "A", ItemState::Creating, None, None, at())
            .expect("creating");
        runs.advance(run, "A", ItemState::Creating, None, None, at())
            .expect("same state is fine");
        runs.advance(run, "A", ItemState::Created, None, Some("p1"), at())
            .expect("created");
        let back = runs.advance(run, "A", ItemState::Creating, None, None, at());
        assert!(
            matches!(back, Err(StoreError::ImportStateBackwards { .. })),
            "{back:?}"
        );
        runs.advance(run, "B", ItemState::Held, Some("fix the BSB"), None, at())
            .expect("held");
        assert!(runs
            .advance(run, "B", ItemState::Linked, None, None, at())
            .is_err());
        assert!(matches!(
            runs.advance(run, "Z", ItemState::Linked, None, None, at()),
            Err(StoreError::ImportItemMissing)
        ));

        let unfinished: Vec<(String, ItemState)> = runs
            .unfinished_items()
            .expect("reads")
            .into_iter()
            .map(|item| (item.emp_code, item.state))
            .collect();
        assert_eq!(
            unfinished,
            [
                ("A".to_owned(), ItemState::Created),
                ("C".to_owned(), ItemState::Pending)
            ]
        );
        let a = &runs.items(run).expect("items")[0];
        assert_eq!(a.worknice_person_id.as_deref(), Some("p1"));
        assert_eq!(runs.unfinished_runs().expect("runs"), [run]);
        runs.finish(run, at()).expect("finishes");
        assert!(runs.unfinished_runs().expect("runs").is_empty());
    }

    #[test]
    fn a_link_is_recorded_with_its_item_in_one_go_and_a_refused_one_leaves_it_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([3; 32]))
            .expect("opens");
        let item = |code: &str, id| NewImportItem {
            emp_code: code.to_owned(),
            id_employee: id,
            name: format!("Person {code}"),
        };
        let link = |code: &str, id, person: &str, how| LinkRecord {
            emp_code: code.to_owned(),
            id_employee: id,
            worknice_person_id: person.to_owned(),
            how,
            linked_at: at(),
        };
        let runs = store.imports();
        let run = runs
            .start(at(), false, &[item("A", 1), item("B", 2), item("C", 3)])
            .expect("starts");
        runs.advance(run, "A", ItemState::Creating, None, None, at())
            .expect("creating");
        let fingerprints = [(DataGroup::Personal, "f1".to_owned())];
        runs.record_linked(
            run,
            &link("A", 1, "p1", LinkHow::Created),
            &fingerprints,
            at(),
        )
        .expect("records");
        runs.record_linked(run, &link("B", 2, "p2", LinkHow::Matched), &[], at())
            .expect("records a match");
        // p1 is A's: C's link to them is refused.
        runs.advance(run, "C", ItemState::Creating, None, None, at())
            .expect("creating");
        let refused = runs.record_linked(
            run,
            &link("C", 3, "p1", LinkHow::Created),
            &fingerprints,
            at(),
        );
        assert!(refused.is_err(), "{refused:?}");

        let states: Vec<(String, ItemState, Option<String>)> = runs
            .items(run)
            .expect("items")
            .into_iter()
            .map(|item| (item.emp_code, item.state, item.worknice_person_id))
            .collect();
        assert_eq!(
            states,
            [
                ("A".to_owned(), ItemState::Linked, Some("p1".to_owned())),
                ("B".to_owned(), ItemState::Linked, Some("p2".to_owned())),
                ("C".to_owned(), ItemState::Created, Some("p1".to_owned())),
            ]
        );
        let links = store.links();
        assert_eq!(
            links.get("A").expect("reads"),
            Some(link("A", 1, "p1", LinkHow::Created))
        );
        assert_eq!(links.fingerprints("A").expect("reads"), fingerprints);
        assert_eq!(links.get("C").expect("reads"), None);
        assert!(links.fingerprints("C").expect("reads").is_empty());
    }
}

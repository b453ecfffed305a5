//! The `sync_baselines` table: per linked employee and field, what the last
//! sync saw on each side. The engine decides what a field is and which
//! fields are sensitive; the store keeps the text it is given and refuses a
//! fingerprinted row that is not a fingerprint (64 hex digits), so a TFN or
//! an account number cannot land here in the clear by mistake.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::StoreError;

/// One field's last-synced state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineRow {
    /// The engine's field key, e.g. `firstName`, `tfn`.
    pub field: String,
    /// True when `micropay` and `worknice` are fingerprints, not values.
    pub fingerprinted: bool,
    /// What MicrOpay held: the canonical text, or its fingerprint.
    pub micropay: String,
    /// What Worknice held: the canonical text, or its fingerprint.
    pub worknice: String,
}

#[derive(Debug)]
pub struct Baselines<'s> {
    conn: &'s Connection,
}

impl<'s> Baselines<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// The employee's baseline rows, by field key (empty when none).
    pub fn get(&self, emp_code: &str) -> Result<Vec<BaselineRow>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT field, fingerprinted, micropay, worknice FROM sync_baselines
             WHERE emp_code = ?1 ORDER BY field",
        )?;
        let rows = statement.query_map([emp_code], |row| {
            Ok(BaselineRow {
                field: row.get(0)?,
                fingerprinted: row.get(1)?,
                micropay: row.get(2)?,
                worknice: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records `rows` for the employee in one transaction: each row replaces
    /// the field's earlier one; fields not in `rows` keep theirs. Either every
    /// row is recorded or none is.
    pub fn put_all(
        &self,
        emp_code: &str,
        rows: &[BaselineRow],
        recorded_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        put_rows(&tx, emp_code, rows, recorded_at)?;
        tx.commit()?;
        Ok(())
    }

    /// Every employee's baseline rows, by employee code: what a plan reads,
    /// in one query.
    pub fn all(&self) -> Result<BTreeMap<String, Vec<BaselineRow>>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT emp_code, field, fingerprinted, micropay, worknice FROM sync_baselines
             ORDER BY emp_code, field",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                BaselineRow {
                    field: row.get(1)?,
                    fingerprinted: row.get(2)?,
                    micropay: row.get(3)?,
                    worknice: row.get(4)?,
                },
            ))
        })?;
        let mut all: BTreeMap<String, Vec<BaselineRow>> = BTreeMap::new();
        for row in rows {
            let (emp_code, row) = row?;
            all.entry(emp_code).or_default().push(row);
        }
        Ok(all)
    }

    /// What applying a sync leaves: `put` as [`Baselines::put_all`] for each
    /// employee and `removed` forgotten, all in one transaction (one commit
    /// for a whole run, not one per employee). `put` is drawn one employee
    /// at a time, so a caller can make each one's rows as they are written
    /// rather than hold every employee's at once.
    pub fn record<'a>(
        &self,
        put: impl IntoIterator<Item = (&'a str, Vec<BaselineRow>)>,
        removed: &[String],
        recorded_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        for (emp_code, rows) in put {
            put_rows(&tx, emp_code, &rows, recorded_at)?;
        }
        for emp_code in removed {
            tx.execute("DELETE FROM sync_baselines WHERE emp_code = ?1", [emp_code])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets the employee's baselines (an unlinked employee); returns how
    /// many rows went.
    pub fn remove(&self, emp_code: &str) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM sync_baselines WHERE emp_code = ?1", [emp_code])?)
    }
}

fn put_rows(
    tx: &Transaction<'_>,
    emp_code: &str,
    rows: &[BaselineRow],
    recorded_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO sync_baselines
           (emp_code, field, fingerprinted, micropay, worknice, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (emp_code, field) DO UPDATE SET
           fingerprinted = excluded.fingerprinted, micropay = excluded.micropay,
           worknice = excluded.worknice, recorded_at = excluded.recorded_at",
    )?;
    for row in rows {
        statement.execute(params![
            emp_code,
            row.field,
            row.fingerprinted,
            row.micropay,
            row.worknice,
            recorded_at
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    fn open(dir: &tempfile::TempDir) -> Store {
        Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([4; 32])).expect("opens")
    }

    fn row(field: &str, micropay: &str, worknice: &str) -> BaselineRow {
        BaselineRow {
            field: field.to_owned(),
            fingerprinted: false,
            micropay: micropay.to_owned(),
            worknice: worknice.to_owned(),
        }
    }

    fn print(field: &str, digit: char) -> BaselineRow {
        let hex: String = std::iter::repeat_n(digit, 64).collect();
        BaselineRow {
            field: field.to_owned(),
            fingerprinted: true,
            micropay: hex.clone(),
            worknice: hex,
        }
    }

    fn at() -> DateTime<Utc> {
        "2026-12-01T09:00:00Z".parse().expect("time")
    }

    #[test]
    fn put_all_replaces_the_fields_it_names_and_keeps_the_others() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(&dir);
        let baselines = store.baselines();
        assert!(baselines.get("E1").expect("get").is_empty());
        baselines
            .put_all(
                "E1",
                &[row("firstName", "Ann", "Ann"), print("tfn", 'a')],
                at(),
            )
            .expect("puts");
        baselines
            .put_all("E2", &[row("firstName", "Bo", "Bo")], at())
            .expect("puts");
        baselines
            .put_all("E1", &[row("firstName", "Anne", "Anne")], at())
            .expect("puts again");
        assert_eq!(
            baselines.get("E1").expect("get"),
            [row("firstName", "Anne", "Anne"), print("tfn", 'a')]
        );
        assert_eq!(baselines.remove("E1").expect("removes"), 2);
        assert!(baselines.get("E1").expect("get").is_empty());
        assert_eq!(
            baselines.get("E2").expect("get"),
            [row("firstName", "Bo", "Bo")]
        );
    }

    #[test]
    fn a_fingerprinted_row_that_is_not_a_fingerprint_is_refused_and_nothing_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(&dir);
        let plaintext_tfn = BaselineRow {
            field: "tfn".to_owned(),
            fingerprinted: true,
            micropay: "123456782".to_owned(),
            worknice: "123456782".to_owned(),
        };
        let result =
            store
                .baselines()
                .put_all("E1", &[row("firstName", "Ann", "Ann"), plaintext_tfn], at());
        assert!(result.is_err(), "the CHECK refuses a plaintext TFN");
        let error = format!("{:?}", result.expect_err("refused"));
        assert!(!error.contains("123456782"), "{error}");
        assert!(
            store.baselines().get("E1").expect("get").is_empty(),
            "one transaction: the good row went too"
        );
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    fn row(field: &str, value: &str) -> BaselineRow {
        BaselineRow {
            field: field.to_owned(),
            fingerprinted: false,
            micropay: value.to_owned(),
            worknice: value.to_owned(),
        }
    }

    #[test]
    fn a_run_is_recorded_in_one_transaction_and_read_back_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([4; 32]))
            .expect("opens");
        let at = "2026-12-01T09:00:00Z".parse().expect("time");
        let baselines = store.baselines();
        baselines
            .put_all("GONE", &[row("firstName", "Gus")], at)
            .expect("puts");
        baselines
            .record(
                [
                    ("E1", vec![row("firstName", "Ann"), row("email", "a@x")]),
                    ("E2", vec![row("firstName", "Bo")]),
                ],
                &["GONE".to_owned()],
                at,
            )
            .expect("records");
        let all = baselines.all().expect("all");
        assert_eq!(all.keys().collect::<Vec<_>>(), ["E1", "E2"]);
        assert_eq!(all["E1"], [row("email", "a@x"), row("firstName", "Ann")]);

        let bad = BaselineRow {
            fingerprinted: true,
            ..row("tfn", "123456782")
        };
        assert!(baselines
            .record(
                [("E3", vec![row("firstName", "Cy"), bad])],
                &["E1".to_owned()],
                at
            )
            .is_err());
        let after = baselines.all().expect("all");
        assert_eq!(after, all, "nothing of a refused run is kept, nor removed");
    }
}

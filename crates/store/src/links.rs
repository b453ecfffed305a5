//! The `links` table (a Worknice person ⇄ a MicrOpay employee) and the
//! `imported_groups` table (fingerprints of what was imported).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::StoreError;

/// How a link came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkHow {
    /// Paybridge created the Worknice person.
    Created,
    /// A Worknice person already had the same employee code.
    Matched,
}

impl LinkHow {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Matched => "matched",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Created, Self::Matched]
            .into_iter()
            .find(|how| how.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub emp_code: String,
    pub id_employee: i64,
    pub worknice_person_id: String,
    pub how: LinkHow,
    pub linked_at: DateTime<Utc>,
}

/// One group of an employee's data, as fingerprinted after an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataGroup {
    Personal,
    Bank,
    Super,
    Tax,
}

impl DataGroup {
    pub const ALL: [DataGroup; 4] = [Self::Personal, Self::Bank, Self::Super, Self::Tax];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Bank => "bank",
            Self::Super => "super",
            Self::Tax => "tax",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|group| group.as_str() == text)
    }
}

#[derive(Debug)]
pub struct Links<'s> {
    conn: &'s Connection,
}

fn link_from_row(row: &Row<'_>) -> rusqlite::Result<LinkRecord> {
    Ok(LinkRecord {
        emp_code: row.get(0)?,
        id_employee: row.get(1)?,
        worknice_person_id: row.get(2)?,
        how: {
            let how: String = row.get(3)?;
            LinkHow::parse(&how).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    3,
                    rusqlite::types::Type::Text,
                    format!("unknown link kind {how}").into(),
                )
            })?
        },
        linked_at: row.get(4)?,
    })
}

const LINK_COLUMNS: &str = "emp_code, id_employee, worknice_person_id, how, linked_at";

impl<'s> Links<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    pub fn all(&self) -> Result<Vec<LinkRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {LINK_COLUMNS} FROM links ORDER BY emp_code"
        ))?;
        let rows = statement.query_map([], link_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get(&self, emp_code: &str) -> Result<Option<LinkRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {LINK_COLUMNS} FROM links WHERE emp_code = ?1"),
                [emp_code],
                link_from_row,
            )
            .optional()?)
    }

    /// Records a link and the fingerprints of what was imported, together.
    /// Linking the same pair again changes nothing; a different pair for an
    /// employee or a person already linked is refused by the UNIQUE columns.
    pub fn record(
        &self,
        link: &LinkRecord,
        fingerprints: &[(DataGroup, String)],
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        record_link_in(&tx, link, fingerprints)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes the link and its fingerprints; returns the removed link.
    pub fn remove(&self, emp_code: &str) -> Result<Option<LinkRecord>, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let existing = tx
            .query_row(
                &format!("SELECT {LINK_COLUMNS} FROM links WHERE emp_code = ?1"),
                [emp_code],
                link_from_row,
            )
            .optional()?;
        tx.execute("DELETE FROM links WHERE emp_code = ?1", [emp_code])?;
        tx.execute(
            "DELETE FROM imported_groups WHERE emp_code = ?1",
            [emp_code],
        )?;
        tx.commit()?;
        Ok(existing)
    }

    /// The fingerprints recorded for an employee, by group.
    pub fn fingerprints(&self, emp_code: &str) -> Result<Vec<(DataGroup, String)>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT grp, fingerprint FROM imported_groups WHERE emp_code = ?1 ORDER BY grp",
        )?;
        let rows = statement.query_map([emp_code], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (group, fingerprint) = row?;
            if let Some(group) = DataGroup::parse(&group) {
                found.push((group, fingerprint));
            }
        }
        Ok(found)
    }
}

/// [`Links::record`] inside the caller's transaction.
pub(crate) fn record_link_in(
    tx: &Connection,
    link: &LinkRecord,
    fingerprints: &[(DataGroup, String)],
) -> Result<(), StoreError> {
    // Cached: an import chunk runs these statements for each of its people.
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id_employee, worknice_person_id FROM links WHERE emp_code = ?1")?
        .query_row([&link.emp_code], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match existing {
        Some((id, person)) if id == link.id_employee && person == link.worknice_person_id => {}
        _ => {
            tx.prepare_cached(
                "INSERT INTO links (emp_code, id_employee, worknice_person_id, how, linked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                link.emp_code,
                link.id_employee,
                link.worknice_person_id,
                link.how.as_str(),
                link.linked_at
            ])?;
        }
    }
    for (group, fingerprint) in fingerprints {
        tx.prepare_cached(
            "INSERT INTO imported_groups (emp_code, grp, fingerprint, imported_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (emp_code, grp) DO UPDATE SET
               fingerprint = excluded.fingerprint, imported_at = excluded.imported_at",
        )?
        .execute(params![
            link.emp_code,
            group.as_str(),
            fingerprint,
            link.linked_at
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    fn link(emp_code: &str, id: i64, person: &str) -> LinkRecord {
        LinkRecord {
            emp_code: emp_code.to_owned(),
            id_employee: id,
            worknice_person_id: person.to_owned(),
            how: LinkHow::Created,
            linked_at: "2026-11-25T09:30:00Z".parse().expect("time"),
        }
    }

    #[test]
    fn links_record_idempotently_refuse_a_second_partner_and_remove_with_fingerprints() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([3; 32]))
            .expect("opens");
        let prints = [
            (DataGroup::Tax, "aa".to_owned()),
            (DataGroup::Bank, "bb".to_owned()),
        ];
        store
            .links()
            .record(&link("E1", 1, "p1"), &prints)
            .expect("links");
        store
            .links()
            .record(&link("E1", 1, "p1"), &prints)
            .expect("again: no change");
        assert_eq!(store.links().all().expect("all").len(), 1);
        assert!(
            store.links().record(&link("E2", 2, "p1"), &[]).is_err(),
            "person already linked"
        );
        assert!(
            store.links().record(&link("E3", 1, "p3"), &[]).is_err(),
            "employee already linked"
        );
        assert_eq!(
            store.links().fingerprints("E1").expect("prints"),
            vec![
                (DataGroup::Bank, "bb".to_owned()),
                (DataGroup::Tax, "aa".to_owned())
            ]
        );
        let removed = store.links().remove("E1").expect("removes");
        assert_eq!(removed.map(|l| l.worknice_person_id), Some("p1".to_owned()));
        assert!(store.links().get("E1").expect("get").is_none());
        assert!(store.links().fingerprints("E1").expect("prints").is_empty());
    }

    #[test]
    fn an_unknown_link_kind_is_an_error_not_a_guess() {
        assert_eq!(LinkHow::parse("created"), Some(LinkHow::Created));
        assert_eq!(LinkHow::parse("matched"), Some(LinkHow::Matched));
        assert_eq!(LinkHow::parse("imported"), None);

        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([3; 32]))
            .expect("opens");
        // A row a future version (or a damaged file) wrote, past the CHECK.
        store
            .conn
            .execute_batch(
                "PRAGMA ignore_check_constraints = ON;
                 INSERT INTO links (emp_code, id_employee, worknice_person_id, how, linked_at)
                 VALUES ('E9', 9, 'p9', 'imported', '2026-11-25T09:30:00Z');",
            )
            .expect("inserts");
        assert!(store.links().get("E9").is_err());
        assert!(store.links().all().is_err());
    }
}

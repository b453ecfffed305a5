//! The `change_requests` outbox: Worknice → MicrOpay `ChangeEmployee`
//! requests Paybridge queued or submitted, with the fields each carries and
//! payroll's answer. A request is written `queued` before the POST; its
//! MicrOpay id is filled in when MicrOpay answers. Implemented and rejected
//! are final: a resolved request is never reopened (a rejected change is
//! never resent blindly: a fix makes a new request).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::StoreError;

/// `ChangeEmployee`'s ChangeType, as far as Paybridge sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// A new hire: MicrOpay's "New Employee" wizard.
    Add,
    /// Changed details of an existing employee.
    Change,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Add => "add",
            Self::Change => "change",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Add, Self::Change]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// Where a request stands, in the order payroll moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeStatus {
    /// Written to the outbox; not yet accepted by MicrOpay.
    Queued,
    /// MicrOpay accepted the POST and gave it an id.
    Submitted,
    Received,
    PickedUp,
    Implemented,
    Rejected,
}

impl ChangeStatus {
    pub const ALL: [ChangeStatus; 6] = [
        Self::Queued,
        Self::Submitted,
        Self::Received,
        Self::PickedUp,
        Self::Implemented,
        Self::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Submitted => "submitted",
            Self::Received => "received",
            Self::PickedUp => "picked_up",
            Self::Implemented => "implemented",
            Self::Rejected => "rejected",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// Implemented or rejected: payroll has answered, nothing moves it on.
    pub fn is_resolved(self) -> bool {
        matches!(self, Self::Implemented | Self::Rejected)
    }
}

/// One field a request carries, with its new value: plain text, or the
/// fingerprint of a sensitive value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedField {
    pub field: String,
    pub fingerprinted: bool,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRequestRecord {
    /// Paybridge's own id for the request.
    pub id: i64,
    pub emp_code: String,
    pub kind: ChangeKind,
    /// MicrOpay's id; `None` until MicrOpay accepted the POST.
    pub micropay_request_id: Option<String>,
    pub status: ChangeStatus,
    /// Payroll's reason, for a rejected request.
    pub payroll_message: Option<String>,
    pub fields: Vec<RequestedField>,
    pub created_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

#[derive(Debug)]
pub struct ChangeRequests<'s> {
    conn: &'s Connection,
}

const COLUMNS: &str = "id, emp_code, kind, micropay_request_id, status, payroll_message, \
                       created_at, submitted_at, updated_at, resolved_at";

fn unknown(column: usize, what: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unknown change request {what} {text}").into(),
    )
}

fn request_from_row(row: &Row<'_>) -> rusqlite::Result<ChangeRequestRecord> {
    let kind: String = row.get(2)?;
    let status: String = row.get(4)?;
    Ok(ChangeRequestRecord {
        id: row.get(0)?,
        emp_code: row.get(1)?,
        kind: ChangeKind::parse(&kind).ok_or_else(|| unknown(2, "kind", &kind))?,
        micropay_request_id: row.get(3)?,
        status: ChangeStatus::parse(&status).ok_or_else(|| unknown(4, "status", &status))?,
        payroll_message: row.get(5)?,
        fields: Vec::new(),
        created_at: row.get(6)?,
        submitted_at: row.get(7)?,
        updated_at: row.get(8)?,
        resolved_at: row.get(9)?,
    })
}

impl<'s> ChangeRequests<'s> {
    pub(crate) fn new(conn: &'s Connection) -> Self {
        Self { conn }
    }

    /// Writes a new `queued` request and its fields, before the POST that
    /// submits it; returns its id.
    pub fn queue(
        &self,
        emp_code: &str,
        kind: ChangeKind,
        fields: &[RequestedField],
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO change_requests (emp_code, kind, status, created_at, updated_at)
             VALUES (?1, ?2, 'queued', ?3, ?3)",
            params![emp_code, kind.as_str(), at],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut statement = tx.prepare_cached(
                "INSERT INTO change_request_fields (request_id, field, fingerprinted, value)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for field in fields {
                statement.execute(params![id, field.field, field.fingerprinted, field.value])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// MicrOpay accepted the POST: records its id and moves the request to
    /// `submitted` (a request already further along keeps its status).
    pub fn mark_submitted(
        &self,
        id: i64,
        micropay_request_id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE change_requests SET micropay_request_id = ?2, submitted_at = ?3,
               updated_at = ?3,
               status = CASE status WHEN 'queued' THEN 'submitted' ELSE status END
             WHERE id = ?1",
            params![id, micropay_request_id, at],
        )?;
        if changed == 0 {
            return Err(StoreError::ChangeRequestMissing);
        }
        Ok(())
    }

    /// Records what MicrOpay says of the request now. Never moves it back
    /// (picked up → received) nor out of implemented or rejected.
    pub fn set_status(
        &self,
        id: i64,
        status: ChangeStatus,
        payroll_message: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let current: Option<String> = tx
            .query_row(
                "SELECT status FROM change_requests WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?;
        let current = current.ok_or(StoreError::ChangeRequestMissing)?;
        let current =
            ChangeStatus::parse(&current).ok_or_else(|| unknown(0, "status", &current))?;
        if current == status {
            return Ok(());
        }
        if current.is_resolved() || status < current {
            return Err(StoreError::ChangeRequestBackwards {
                from: current.as_str(),
                to: status.as_str(),
            });
        }
        tx.execute(
            "UPDATE change_requests SET status = ?2, payroll_message = ?3, updated_at = ?4,
               resolved_at = CASE WHEN ?2 IN ('implemented', 'rejected') THEN ?4 END
             WHERE id = ?1",
            params![id, status.as_str(), payroll_message, at],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets a request MicrOpay never took: still `queued`, no MicrOpay
    /// id (its POST failed before MicrOpay stored anything, or is to be
    /// sent again). Returns whether it was removed; a request MicrOpay
    /// answered is never removed.
    pub fn discard_unsent(&self, id: i64) -> Result<bool, StoreError> {
        let tx = Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?;
        let unsent: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM change_requests
             WHERE id = ?1 AND status = 'queued' AND micropay_request_id IS NULL)",
            [id],
            |row| row.get(0),
        )?;
        if unsent {
            tx.execute(
                "DELETE FROM change_request_fields WHERE request_id = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM change_requests WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(unsent)
    }

    /// Keeps MicrOpay's words on a request whose answer was lost (still
    /// `queued`, no MicrOpay id) when sending it again was refused: proof
    /// that the first one landed, so it is not sent again as it is.
    /// Returns whether such a request was there.
    pub fn note_resend_refused(
        &self,
        id: i64,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE change_requests SET payroll_message = ?2, updated_at = ?3
             WHERE id = ?1 AND status = 'queued' AND micropay_request_id IS NULL",
            params![id, message, at],
        )?;
        Ok(changed == 1)
    }

    pub fn get(&self, id: i64) -> Result<Option<ChangeRequestRecord>, StoreError> {
        let found = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM change_requests WHERE id = ?1"),
                [id],
                request_from_row,
            )
            .optional()?;
        found.map(|request| self.with_fields(request)).transpose()
    }

    /// Every request, oldest first.
    pub fn all(&self) -> Result<Vec<ChangeRequestRecord>, StoreError> {
        self.select("1 = 1")
    }

    /// Requests payroll has not answered yet (queued to picked up), oldest
    /// first: the ones whose fields a sync must leave alone.
    pub fn open(&self) -> Result<Vec<ChangeRequestRecord>, StoreError> {
        self.select("status NOT IN ('implemented', 'rejected')")
    }

    fn select(&self, filter: &str) -> Result<Vec<ChangeRequestRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM change_requests WHERE {filter} ORDER BY id"
        ))?;
        let requests = statement
            .query_map([], request_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        requests
            .into_iter()
            .map(|request| self.with_fields(request))
            .collect()
    }

    fn with_fields(
        &self,
        mut request: ChangeRequestRecord,
    ) -> Result<ChangeRequestRecord, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT field, fingerprinted, value FROM change_request_fields
             WHERE request_id = ?1 ORDER BY field",
        )?;
        request.fields = statement
            .query_map([request.id], |row| {
                Ok(RequestedField {
                    field: row.get(0)?,
                    fingerprinted: row.get(1)?,
                    value: row.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatabaseKey, Store};

    fn at(minute: u32) -> DateTime<Utc> {
        format!("2026-12-01T09:{minute:02}:00Z")
            .parse()
            .expect("time")
    }

    fn plain(field: &str, value: &str) -> RequestedField {
        RequestedField {
            field: field.to_owned(),
            fingerprinted: false,
            value: value.to_owned(),
        }
    }

    fn open(dir: &tempfile::TempDir) -> Store {
        Store::open(&dir.path().join("p.db"), &DatabaseKey::from_bytes([5; 32])).expect("opens")
    }

    #[test]
    fn a_request_goes_from_queued_to_implemented_and_keeps_its_fields() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(&dir);
        let requests = store.change_requests();
        let tfn = RequestedField {
            field: "tfn".to_owned(),
            fingerprinted: true,
            value: "ab".repeat(32),
        };
        let id = requests
            .queue(
                "E1",
                ChangeKind::Change,
                &[plain("surname", "Nguyen"), tfn.clone()],
                at(0),
            )
            .expect("queues");
        let queued = requests.get(id).expect("get").expect("there");
        assert_eq!(queued.status, ChangeStatus::Queued);
        assert_eq!(queued.micropay_request_id, None);
        assert_eq!(queued.fields, [plain("surname", "Nguyen"), tfn]);

        requests
            .mark_submitted(id, "CE-77", at(1))
            .expect("submitted");
        requests
            .set_status(id, ChangeStatus::Received, None, at(2))
            .expect("received");
        requests
            .set_status(id, ChangeStatus::PickedUp, None, at(3))
            .expect("picked up");
        assert_eq!(requests.open().expect("open").len(), 1);
        requests
            .set_status(id, ChangeStatus::Implemented, None, at(4))
            .expect("implemented");
        let done = requests.get(id).expect("get").expect("there");
        assert_eq!(done.status, ChangeStatus::Implemented);
        assert_eq!(done.micropay_request_id.as_deref(), Some("CE-77"));
        assert_eq!(done.submitted_at, Some(at(1)));
        assert_eq!(done.resolved_at, Some(at(4)));
        assert!(requests.open().expect("open").is_empty());
        assert_eq!(requests.all().expect("all").len(), 1);
    }

    #[test]
    fn only_a_request_micropay_never_took_can_be_discarded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(&dir);
        let requests = store.change_requests();
        let unsent = requests
            .queue("E3", ChangeKind::Change, &[plain("surname", "Ng")], at(0))
            .expect("queues");
        let sent = requests
            .queue("E4", ChangeKind::Add, &[plain("surname", "Li")], at(0))
            .expect("queues");
        requests
            .mark_submitted(sent, "CE-9", at(1))
            .expect("submitted");
        assert!(
            !requests.discard_unsent(sent).expect("answers"),
            "MicrOpay has it"
        );
        assert!(requests.discard_unsent(unsent).expect("answers"));
        assert!(
            !requests.discard_unsent(unsent).expect("answers"),
            "already gone"
        );
        let left: Vec<i64> = requests.all().expect("all").iter().map(|r| r.id).collect();
        assert_eq!(left, [sent]);
        let fields: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM change_request_fields WHERE request_id = ?1",
                [unsent],
                |row| row.get(0),
            )
            .expect("counts");
        assert_eq!(fields, 0, "its fields went with it");
    }

    #[test]
    fn a_rejection_keeps_payrolls_reason_and_is_final() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(&dir);
        let requests = store.change_requests();
        let id = requests
            .queue("E2", ChangeKind::Add, &[plain("surname", "Lee")], at(0))
            .expect("queues");
        requests
            .set_status(id, ChangeStatus::PickedUp, None, at(1))
            .expect("picked up");
        assert!(matches!(
            requests.set_status(id, ChangeStatus::Received, None, at(2)),
            Err(StoreError::ChangeRequestBackwards { .. })
        ));
        requests
            .set_status(id, ChangeStatus::Rejected, Some("Pay point missing"), at(3))
            .expect("rejected");
        let rejected = requests.get(id).expect("get").expect("there");
        assert_eq!(rejected.kind, ChangeKind::Add);
        assert_eq!(
            rejected.payroll_message.as_deref(),
            Some("Pay point missing")
        );
        for status in [ChangeStatus::Implemented, ChangeStatus::Received] {
            assert!(
                requests.set_status(id, status, None, at(4)).is_err(),
                "{status:?} after rejected"
            );
        }
        assert!(matches!(
            requests.set_status(999, ChangeStatus::Received, None, at(5)),
            Err(StoreError::ChangeRequestMissing)
        ));
        assert!(matches!(
            requests.mark_submitted(999, "X", at(5)),
            Err(StoreError::ChangeRequestMissing)
        ));
    }

    #[test]
    fn a_plaintext_value_in_a_fingerprinted_field_is_refused_with_the_whole_request() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = open(&dir);
        let leak = RequestedField {
            field: "tfn".to_owned(),
            fingerprinted: true,
            value: "123456782".to_owned(),
        };
        assert!(store
            .change_requests()
            .queue(
                "E3",
                ChangeKind::Change,
                &[plain("surname", "Ng"), leak],
                at(0)
            )
            .is_err());
        assert!(store.change_requests().all().expect("all").is_empty());
    }
}

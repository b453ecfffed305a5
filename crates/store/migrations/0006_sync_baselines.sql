-- Issue 7: the sync's change detection. MicrOpay keeps no "last updated"
-- per field, so for every linked employee and field Paybridge keeps what the
-- last sync saw on each side. Sensitive fields (TFN, bank and super sets) are
-- kept only as HMAC-SHA256 fingerprints under the install's fingerprint key:
-- the CHECK refuses anything else in a fingerprinted row.
CREATE TABLE sync_baselines (
    emp_code      TEXT NOT NULL CHECK (emp_code <> ''),
    field         TEXT NOT NULL CHECK (field <> ''),
    fingerprinted INTEGER NOT NULL CHECK (fingerprinted IN (0, 1)),
    micropay      TEXT NOT NULL,
    worknice      TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (emp_code, field),
    CHECK (fingerprinted = 0 OR (
        length(micropay) = 64 AND micropay NOT GLOB '*[^0-9a-f]*' AND
        length(worknice) = 64 AND worknice NOT GLOB '*[^0-9a-f]*'))
) STRICT;

-- Worknice → MicrOpay change requests (ChangeEmployee Add / Change) that
-- Paybridge submitted. The row is written ('queued') before the POST, so a
-- run that dies mid-call finds it and never sends a second Add; MicrOpay's
-- request id is filled in once it answers.
CREATE TABLE change_requests (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    emp_code            TEXT NOT NULL CHECK (emp_code <> ''),
    kind                TEXT NOT NULL CHECK (kind IN ('add', 'change')),
    micropay_request_id TEXT UNIQUE,
    status              TEXT NOT NULL CHECK (status IN
        ('queued', 'submitted', 'received', 'picked_up', 'implemented', 'rejected')),
    payroll_message     TEXT,
    created_at          TEXT NOT NULL,
    submitted_at        TEXT,
    updated_at          TEXT NOT NULL,
    resolved_at         TEXT
) STRICT;

CREATE INDEX change_requests_open ON change_requests (emp_code)
    WHERE status NOT IN ('implemented', 'rejected');

-- The fields a request carries and their new values: plain text, or a
-- fingerprint for a sensitive field (never a plaintext TFN).
CREATE TABLE change_request_fields (
    request_id    INTEGER NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
    field         TEXT NOT NULL CHECK (field <> ''),
    fingerprinted INTEGER NOT NULL CHECK (fingerprinted IN (0, 1)),
    value         TEXT NOT NULL,
    PRIMARY KEY (request_id, field),
    CHECK (fingerprinted = 0 OR (length(value) = 64 AND value NOT GLOB '*[^0-9a-f]*'))
) STRICT;

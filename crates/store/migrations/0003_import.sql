-- Issue 3: importing MicrOpay employees into Worknice.

-- One row per linked employee: the Worknice person ⇄ MicrOpay EmpCode and
-- idEmployee (which survives an EmpCode change).
CREATE TABLE links (
    emp_code           TEXT PRIMARY KEY NOT NULL CHECK (emp_code <> ''),
    id_employee        INTEGER NOT NULL UNIQUE,
    worknice_person_id TEXT NOT NULL UNIQUE CHECK (worknice_person_id <> ''),
    how                TEXT NOT NULL CHECK (how IN ('created', 'matched')),
    linked_at          TEXT NOT NULL
) STRICT;

-- What was imported, per employee and group, for change detection later.
-- Fingerprints are HMAC-SHA256 with a per-install key from the keyring: a
-- plain hash of a TFN could be reversed by trying all 10^9 of them.
CREATE TABLE imported_groups (
    emp_code    TEXT NOT NULL,
    grp         TEXT NOT NULL CHECK (grp IN ('personal', 'bank', 'super', 'tax')),
    fingerprint TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (emp_code, grp)
) STRICT;

-- The import outbox. An item is marked 'creating' before the Worknice call
-- that creates the person, so a run resumed after a crash looks the person
-- up instead of creating a second one.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    dry_run     INTEGER NOT NULL CHECK (dry_run IN (0, 1))
) STRICT;

CREATE TABLE import_items (
    run_id             INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    emp_code           TEXT NOT NULL,
    id_employee        INTEGER NOT NULL,
    name               TEXT NOT NULL,
    state              TEXT NOT NULL
        CHECK (state IN ('pending', 'creating', 'created', 'linked', 'skipped', 'held')),
    reason             TEXT,
    worknice_person_id TEXT,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (run_id, emp_code)
) STRICT;

CREATE INDEX import_items_unfinished ON import_items (state)
    WHERE state IN ('pending', 'creating', 'created');

-- Encrypted backups of everything read from MicrOpay, in <data_dir>/backups/.
CREATE TABLE backups (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at     TEXT NOT NULL,
    employee_count INTEGER NOT NULL CHECK (employee_count >= 0),
    size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
    file_name      TEXT NOT NULL UNIQUE
) STRICT;

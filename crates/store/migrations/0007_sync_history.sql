-- Issue 7: Sync history and the audit trail. A run is written 'running'
-- when it starts and finished once; records and audit entries hold only
-- what a person may see (sensitive values masked by the engine).
CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    trigger     TEXT NOT NULL CHECK (trigger IN ('button', 'schedule', 'cli')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    result      TEXT NOT NULL CHECK (result IN ('running', 'done', 'partial', 'failed')),
    -- The run's counts as JSON (the names `paybridge sync --json` uses).
    counts      TEXT NOT NULL DEFAULT '{}',
    retry_later INTEGER NOT NULL DEFAULT 0 CHECK (retry_later >= 0),
    message     TEXT,
    CHECK ((result = 'running') = (finished_at IS NULL))
) STRICT;

-- Every employee a run touched: one JSON record each (field by field,
-- old → new, masked where sensitive, and why).
CREATE TABLE sync_run_records (
    run_id   INTEGER NOT NULL REFERENCES sync_runs (id),
    seq      INTEGER NOT NULL,
    emp_code TEXT,
    record   TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) STRICT;

-- Every write Paybridge made or tried, on either side; never edited or
-- removed, so it survives restarts and later runs.
CREATE TABLE sync_audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id    INTEGER REFERENCES sync_runs (id),
    at        TEXT NOT NULL,
    side      TEXT NOT NULL CHECK (side IN ('micropay', 'worknice')),
    emp_code  TEXT,
    -- e.g. 'update-person', 'change-employee-change', 'change-employee-add',
    -- 'link', 'unlink'.
    operation TEXT NOT NULL CHECK (operation <> ''),
    -- The catalogue keys of the fields written, comma-separated.
    fields    TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('written', 'failed', 'unknown')),
    detail    TEXT
) STRICT;

CREATE INDEX sync_audit_run ON sync_audit (run_id);

CREATE TRIGGER sync_audit_no_update BEFORE UPDATE ON sync_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER sync_audit_no_delete BEFORE DELETE ON sync_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

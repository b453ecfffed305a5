-- Issue 7: which way each data group flows, the new-hire defaults, the sync
-- schedule, the history of those settings, and the run lease.

-- One row per data group. changed_at / changed_by stay NULL while the
-- group has its default direction.
CREATE TABLE directions (
    grp        TEXT PRIMARY KEY NOT NULL
        CHECK (grp IN ('personal', 'tax', 'bank', 'super', 'leave-requests', 'leave-balances')),
    direction  TEXT NOT NULL
        CHECK (direction IN ('micropay-to-worknice', 'worknice-to-micropay')),
    changed_at TEXT,
    changed_by TEXT CHECK (changed_by IN ('app', 'cli'))
) STRICT;

INSERT INTO directions (grp, direction) VALUES
    ('personal', 'micropay-to-worknice'),
    ('tax', 'micropay-to-worknice'),
    ('bank', 'micropay-to-worknice'),
    ('super', 'micropay-to-worknice'),
    ('leave-requests', 'worknice-to-micropay'),
    ('leave-balances', 'micropay-to-worknice');

-- The codes a ChangeEmployee Add is sent with (from MicrOpay's lookups);
-- an Add needs all four.
CREATE TABLE new_hire_defaults (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    location        TEXT CHECK (location <> ''),
    payroll_company TEXT CHECK (payroll_company <> ''),
    pay_frequency   TEXT CHECK (pay_frequency <> ''),
    pay_point       TEXT CHECK (pay_point <> ''),
    changed_at      TEXT,
    changed_by      TEXT CHECK (changed_by IN ('app', 'cli'))
) STRICT;

INSERT INTO new_hire_defaults (id) VALUES (1);

-- When the scheduler runs a sync; stored now, run by a later issue.
CREATE TABLE sync_schedule (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    kind          TEXT NOT NULL CHECK (kind IN ('off', 'every-minutes', 'hourly', 'daily')),
    every_minutes INTEGER CHECK (every_minutes > 0),
    daily_at      TEXT,
    changed_at    TEXT,
    changed_by    TEXT CHECK (changed_by IN ('app', 'cli')),
    CHECK ((kind = 'every-minutes') = (every_minutes IS NOT NULL)),
    CHECK ((kind = 'daily') = (daily_at IS NOT NULL))
) STRICT;

INSERT INTO sync_schedule (id, kind) VALUES (1, 'off');

-- Every change to the settings above, never edited or removed.
CREATE TABLE settings_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    setting    TEXT NOT NULL CHECK (setting <> ''),
    from_value TEXT,
    to_value   TEXT,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL CHECK (changed_by IN ('app', 'cli'))
) STRICT;

CREATE TRIGGER settings_history_no_update BEFORE UPDATE ON settings_history
BEGIN
    SELECT RAISE(ABORT, 'settings history is append-only');
END;

CREATE TRIGGER settings_history_no_delete BEFORE DELETE ON settings_history
BEGIN
    SELECT RAISE(ABORT, 'settings history is append-only');
END;

-- One sync at a time per pair of connections, across processes. pair_key
-- is a hash of both connections (never a secret). Times are RFC 3339.
CREATE TABLE sync_lease (
    pair_key    TEXT PRIMARY KEY NOT NULL CHECK (pair_key <> ''),
    holder      TEXT NOT NULL CHECK (holder <> ''),
    acquired_at TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) STRICT;

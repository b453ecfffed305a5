-- Issue 8: leave categories (which employees see, which are private, their
-- Worknice leave type) and the two leave options.

-- One row per MicrOpay leave category an admin has touched; a category with
-- no row has the defaults (hidden; private by the engine's rule). The three
-- standard types have leave_code ''; a user-defined one has its code from
-- MicrOpay's UserDefinedLeave lookup.
CREATE TABLE leave_categories (
    leave_type       TEXT NOT NULL
        CHECK (leave_type IN ('AnnualLeave', 'SickLeave', 'LongServiceLeave', 'UserDefinedLeave')),
    leave_code       TEXT NOT NULL COLLATE NOCASE,
    visible          INTEGER NOT NULL DEFAULT 0 CHECK (visible IN (0, 1)),
    -- NULL: private by the default rule (family and domestic violence).
    private          INTEGER CHECK (private IN (0, 1)),
    -- The Worknice leave type this category's leave goes to, once known.
    worknice_type_id TEXT CHECK (worknice_type_id <> ''),
    changed_at       TEXT,
    changed_by       TEXT CHECK (changed_by IN ('app', 'cli')),
    PRIMARY KEY (leave_type, leave_code),
    CHECK ((leave_type = 'UserDefinedLeave') = (leave_code <> ''))
) STRICT;

-- "Show employee leave balances live from MicrOpay" and "Enable leave
-- requests, approvals and automatic transfer to MicrOpay": off until an
-- admin turns them on.
CREATE TABLE leave_options (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    balances_live INTEGER NOT NULL DEFAULT 0 CHECK (balances_live IN (0, 1)),
    requests      INTEGER NOT NULL DEFAULT 0 CHECK (requests IN (0, 1)),
    changed_at    TEXT,
    changed_by    TEXT CHECK (changed_by IN ('app', 'cli'))
) STRICT;

INSERT INTO leave_options (id) VALUES (1);

-- One row per side of the bridge. Secrets are NOT stored here: they live in
-- the OS keyring, under account names the engine fixes.
CREATE TABLE connections (
    kind                     TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('micropay', 'worknice')),
    base_url                 TEXT NOT NULL,
    username                 TEXT,
    payroll_company          TEXT,
    organisation             TEXT,
    employee_count           INTEGER CHECK (employee_count IS NULL OR employee_count >= 0),
    last_checked_at          TEXT,
    last_error_code          TEXT,
    last_error_message       TEXT,
    updated_at               TEXT NOT NULL
) STRICT;

-- One row per side of the bridge. Secrets are NOT stored here: the
-- *_keyring_account columns name the OS keyring entries that hold them.
CREATE TABLE connections (
    kind                     TEXT PRIMARY KEY NOT NULL CHECK (kind IN ('micropay', 'worknice')),
    base_url                 TEXT NOT NULL,
    username                 TEXT,
    payroll_company          TEXT,
    password_keyring_account TEXT,
    api_key_keyring_account  TEXT,
    organisation             TEXT,
    employee_count           INTEGER CHECK (employee_count IS NULL OR employee_count >= 0),
    last_checked_at          TEXT,
    last_error_code          TEXT,
    last_error_message       TEXT,
    updated_at               TEXT NOT NULL
) STRICT;

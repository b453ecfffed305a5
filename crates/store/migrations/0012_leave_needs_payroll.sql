-- Issue 8: a request cancelled (or declined) or changed in Worknice after
-- Paybridge sent it to MicrOpay, which MicrOpay's API cannot withdraw or
-- change: what a payroll officer is to do in MicrOpay. Appended; one open
-- item per Worknice request and kind. `detail` is what the request was
-- when the item was raised (its dates and category), so an item is raised
-- once, and a done one comes back only if the request changes again.
CREATE TABLE leave_needs_payroll (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    worknice_request_id  TEXT NOT NULL CHECK (worknice_request_id <> ''),
    kind                 TEXT NOT NULL CHECK (kind IN ('cancel', 'change')),
    micropay_id          INTEGER NOT NULL,
    emp_code             TEXT NOT NULL,
    detail               TEXT NOT NULL,
    -- What to do in MicrOpay, in a payroll officer's words.
    what_to_do           TEXT NOT NULL CHECK (what_to_do <> ''),
    raised_at            TEXT NOT NULL,
    done_at              TEXT
) STRICT;

CREATE UNIQUE INDEX leave_needs_payroll_open
    ON leave_needs_payroll (worknice_request_id, kind) WHERE done_at IS NULL;

-- Issue 8: leave entered in MicrOpay directly, copied to Worknice as an
-- approved request. One row per MicrOpay LeaveApplicationId: queued before
-- the Worknice create, created with Worknice's id after it (a queued row
-- is a create whose answer may have been lost: it is looked up in Worknice
-- by its external id, the application id, before creating again), or
-- skipped with why (hidden or unmapped category, employee not linked,
-- declined before it was copied). `status_written` is the Worknice status
-- Paybridge last wrote (CANCELLED once payroll cancelled or declined it).
CREATE TABLE leave_from_payroll (
    micropay_id           INTEGER PRIMARY KEY CHECK (micropay_id > 0),
    state                 TEXT NOT NULL CHECK (state IN ('queued', 'created', 'skipped')),
    emp_code              TEXT NOT NULL,
    start_date            TEXT NOT NULL,
    end_date              TEXT NOT NULL,
    worknice_request_id   TEXT,
    status_written        TEXT CHECK (status_written IN ('APPROVED', 'CANCELLED')),
    -- Why it is not copied, in a payroll officer's words.
    reason                TEXT,
    updated_at            TEXT NOT NULL,
    CHECK ((state = 'created') = (worknice_request_id IS NOT NULL)),
    CHECK ((state = 'skipped') = (reason IS NOT NULL))
) STRICT;

-- The lowest MicrOpay application id not yet looked at: each run reads
-- the list from here (and from the lowest copied one still open).
CREATE TABLE leave_from_payroll_mark (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    next_id    INTEGER NOT NULL CHECK (next_id > 0),
    updated_at TEXT NOT NULL
) STRICT;

-- Issue 8: each approved Worknice leave request Paybridge transferred (or
-- held) as a MicrOpay LeaveApplication. One row per Worknice request id:
-- queued before the POST, submitted with MicrOpay's id after it, so a
-- request is never sent twice whatever retries, lost answers or crashes.
CREATE TABLE leave_transfers (
    worknice_request_id  TEXT PRIMARY KEY CHECK (worknice_request_id <> ''),
    state                TEXT NOT NULL CHECK (state IN ('queued', 'submitted', 'held')),
    -- What was (or is to be) sent: how a lost answer is looked up.
    emp_code             TEXT,
    leave_type           TEXT,
    leave_code           TEXT,
    start_date           TEXT,
    end_date             TEXT,
    micropay_id          INTEGER,
    -- Why it is held, in a payroll officer's words.
    reason               TEXT,
    updated_at           TEXT NOT NULL,
    CHECK ((state = 'submitted') = (micropay_id IS NOT NULL)),
    CHECK ((state = 'held') = (reason IS NOT NULL))
) STRICT;

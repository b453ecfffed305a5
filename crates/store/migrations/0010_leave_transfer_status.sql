-- Issue 8: payroll's status back on the Worknice request. What Paybridge
-- last wrote to the Worknice request (TRANSFERRED once MicrOpay took it,
-- then PROCESSED or DECLINED once payroll decided), so each is written
-- once, not every run. NULL: nothing written yet (or the write failed and
-- is retried next run). PROCESSED and DECLINED are final: not read again.
ALTER TABLE leave_transfers ADD COLUMN payroll_status TEXT
    CHECK (payroll_status IN ('TRANSFERRED', 'PROCESSED', 'DECLINED'));

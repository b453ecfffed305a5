-- Issue 8: what the Worknice request was when Paybridge sent it, so a
-- change made in Worknice afterwards is told from one made elsewhere: its
-- Worknice leave type (an admin re-mapping the category to another type
-- changes no request) and its hours in hundredths (NULL: whole days). A
-- row sent before this migration has no type id; its hours are then
-- unknown too, and the request is compared as before (category, and the
-- hours MicrOpay keeps).
ALTER TABLE leave_transfers ADD COLUMN worknice_type_id TEXT;
ALTER TABLE leave_transfers ADD COLUMN worknice_hours_hundredths INTEGER;

-- A change item closed because the request was then cancelled: the cancel
-- item (its id here) says all there is to do, and nobody marked the change
-- done, so it is not listed as done.
ALTER TABLE leave_needs_payroll ADD COLUMN superseded_by INTEGER;

-- When the leave requests option was first turned on: a request approved
-- in Worknice before it is not sent (payroll had that leave another way,
-- keyed by hand), and the leave step reads only requests changed since.
-- Turning the option off and on again pauses the flow, so this is not
-- moved. A database where the option is on already takes the first time
-- the settings history has it turned on (`changed_at` is shared by both
-- options, so it may be later than that).
ALTER TABLE leave_options ADD COLUMN requests_on_since TEXT;
UPDATE leave_options SET requests_on_since = COALESCE(
    (SELECT MIN(changed_at) FROM settings_history
     WHERE setting = 'leave.requests' AND to_value = 'on'),
    changed_at)
WHERE requests = 1;

-- When MicrOpay last said it has no leave balance endpoint (NULL: it
-- answered, or was not asked yet), kept so the Leave screen's switch and
-- `paybridge leave options` say why after a restart or from another process.
ALTER TABLE leave_options ADD COLUMN balances_unavailable_since TEXT;

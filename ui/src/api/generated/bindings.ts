// Generated from crates/engine/src/api.rs by crates/engine/src/bindings.rs. Do not edit.

export type ConnectionKind = "micropay" | "worknice";

export type MicropayForm = { url: string, username: string, password: string, apiKey: string, 
/**
 * Optional: when set, the connection test checks the payroll database has it.
 */
payrollCompany: string, };

export type WorkniceForm = { url: string, token: string, };

export type ConnectionCheck = { kind: ConnectionKind, 
/**
 * The payroll company or the Worknice organisation.
 */
organisation: string, employeeCount: number, 
/**
 * e.g. "Connected to Demo Pty Ltd — 250 employees".
 */
statusLine: string, };

export type SavedConnection = { kind: ConnectionKind, url: string, 
/**
 * MicrOpay only; empty for Worknice.
 */
username: string, payrollCompany: string, organisation: string, employeeCount: number, 
/**
 * RFC 3339, when the last test ran.
 */
lastCheckedAt: string, 
/**
 * Set when the last check failed.
 */
lastError: AppError | null, statusLine: string, };

export type Connections = { micropay: SavedConnection | null, worknice: SavedConnection | null, };

export type SandboxPrefill = { micropay: SandboxMicropayPrefill, worknice: SandboxWorknicePrefill, };

export type SandboxMicropayPrefill = { url: string, username: string, password: string, apiKey: string, payrollCompany: string, };

export type SandboxWorknicePrefill = { url: string, token: string, };

export type ErrorCode = "wrong_credentials" | "api_key_not_recognised" | "api_not_purchased" | "payroll_server_offline" | "token_rejected" | "unreachable" | "tls" | "malformed_response" | "rate_limited" | "insecure_url" | "validation" | "not_connected" | "confirmation_required" | "not_found" | "conflict" | "vendor_server_error" | "vendor_rejected" | "busy" | "keyring_unavailable" | "storage" | "internal";

export type AppError = { code: ErrorCode, message: string, };

export type LinkState = { "kind": "new" } | { "kind": "matches", worknicePersonId: string, } | { "kind": "alreadyLinked", worknicePersonId: string, } | { "kind": "cantImport", reasons: Array<string>, };

export type ImportCandidate = { 
/**
 * MicrOpay's EmpCode (Worknice's Employee ID); empty when MicrOpay has none.
 */
empCode: string, idEmployee: number, 
/**
 * "First Surname" (the preferred name when there is one).
 */
name: string, 
/**
 * The Location lookup's description, e.g. "Sydney".
 */
location: string, 
/**
 * The PayrollCompany lookup's description, e.g. "Demo Pty Ltd".
 */
payrollCompany: string, terminated: boolean, linkState: LinkState, };

export type ImportSelection = { "kind": "all" } | { "kind": "empCodes", "empCodes": Array<string> };

export type ImportOptions = { 
/**
 * Write nothing; the counts say what would happen.
 */
dryRun: boolean, 
/**
 * Import employees who have left too (otherwise "skipped: terminated on …").
 */
includeTerminated: boolean, };

export type EmployeePreview = { empCode: string, name: string, linkState: LinkState, personal: PersonalPreview, bankAccounts: Array<BankAccountPreview>, superFunds: Array<SuperFundPreview>, 
/**
 * None when MicrOpay holds no tax details.
 */
tax: TaxPreview | null, };

export type PersonalPreview = { title: string | null, firstName: string, middleName: string | null, preferredName: string | null, lastName: string, gender: string | null, 
/**
 * yyyy-mm-dd.
 */
dateOfBirth: string | null, startDate: string | null, email: string | null, mobilePhone: string | null, 
/**
 * One line, e.g. "12 King St, Newtown NSW 2042".
 */
residentialAddress: string | null, };

export type BankAccountPreview = { bsb: string, 
/**
 * e.g. "••••• 789"; only dots when shorter than six digits.
 */
accountNumberMasked: string, accountName: string, 
/**
 * Fixed amount per pay in cents; None on the balance-of-pay account.
 */
fixedAmountCents: number | null, balanceOfPay: boolean, order: number, };

export type SuperFundPreview = { fundCode: string, fundName: string, 
/**
 * e.g. "•••••• 321"; only dots when shorter than six characters.
 */
membershipNumberMasked: string, dateJoined: string | null, };

export type TaxPreview = { 
/**
 * e.g. "•••••• 782".
 */
tfnMasked: string, basisOfPayment: string, australianResident: boolean, taxFreeThreshold: boolean, helpDebt: boolean, sfssDebt: boolean, };

export type LoadProgress = { loaded: number, total: number, };

export type EmployeePage = { loaded: number, total: number, rows: Array<ImportCandidate>, };

export type EmployeesLoaded = { pages: number, corrected: Array<ImportCandidate>, };

export type ImportProgressUpdate = { done: number, total: number, 
/**
 * The employee being worked on, e.g. "Olivia Nguyen".
 */
currentName: string, };

export type HeldRecord = { empCode: string, name: string, reason: string, };

export type SkippedRecord = { empCode: string, name: string, 
/**
 * e.g. "terminated on 2025-03-14".
 */
reason: string, };

export type RetryRecord = { empCode: string, name: string, reason: string, };

export type ImportSummary = { dryRun: boolean, 
/**
 * The import was cancelled; employees not reached count as skipped.
 */
cancelled: boolean, 
/**
 * Some employees will be retried next run (`retryNextRun`).
 */
partial: boolean, 
/**
 * Employees in scope: every MicrOpay employee, or each code asked for.
 */
listed: number, created: number, linked: number, 
/**
 * Already linked, terminated (unless included) or not reached.
 */
skipped: number, 
/**
 * Of `skipped`, those already linked (not listed one by one).
 */
alreadyLinked: number, 
/**
 * The other skipped employees, each with why.
 */
skippedRecords: Array<SkippedRecord>, 
/**
 * Problems in the data, each with what to fix.
 */
held: Array<HeldRecord>, heldCount: number, 
/**
 * Passing trouble outlasted the retries: tried again next run.
 */
retryNextRun: Array<RetryRecord>, retryNextRunCount: number, 
/**
 * The backup taken before this import, when one was needed.
 */
backupId: number | null, };

export type BackupSummary = { id: number, 
/**
 * RFC 3339.
 */
createdAt: string, employeeCount: number, sizeBytes: number, fileName: string, };

export type BackupFormat = "encrypted" | "json" | "csv";

export type DataGroupName = "personal" | "bank" | "super" | "tax";

export type EmployeeRef = { empCode: string, idEmployee: number, name: string, };

export type ChangedEmployee = { employee: EmployeeRef, 
/**
 * Which groups differ; never the values themselves.
 */
groups: Array<DataGroupName>, };

export type BackupComparison = { backupId: number, backupCreatedAt: string, 
/**
 * In MicrOpay now, not in the backup.
 */
added: Array<EmployeeRef>, 
/**
 * In the backup, gone from MicrOpay now.
 */
removed: Array<EmployeeRef>, changed: Array<ChangedEmployee>, unchanged: number, };

export type SyncGroup = "personal" | "tax" | "bank" | "super" | "leave-requests" | "leave-balances";

export type SyncDirection = "micropay-to-worknice" | "worknice-to-micropay";

export type SettingsTrigger = "app" | "cli";

export type DirectionRow = { group: SyncGroup, 
/**
 * e.g. "Tax details".
 */
label: string, direction: SyncDirection, 
/**
 * The directions the user may choose; empty when it cannot change here.
 */
choices: Array<SyncDirection>, 
/**
 * Why the direction is fixed (Bank, Super).
 */
fixedReason: string | null, 
/**
 * The screen that sets it instead (leave), e.g. "the Leave screen".
 */
setOn: string | null, 
/**
 * One sentence on how this group flows.
 */
explanation: string, 
/**
 * RFC 3339; `None` while it has its default.
 */
changedAt: string | null, changedBy: SettingsTrigger | null, };

export type LookupChoice = { code: string, description: string, };

export type NewHireChoices = { locations: Array<LookupChoice>, payrollCompanies: Array<LookupChoice>, payFrequencies: Array<LookupChoice>, 
/**
 * Empty when MicrOpay has no pay points: the defaults cannot be completed
 * until payroll sets one up (an Add needs one).
 */
payPoints: Array<LookupChoice>, };

export type NewHireDefaults = { location: string | null, payrollCompany: string | null, payFrequency: string | null, payPoint: string | null, 
/**
 * The ones still to choose, e.g. ["location", "pay frequency"]. While
 * any is, new hires are held with "choose the new-hire defaults".
 */
missing: Array<string>, complete: boolean, changedAt: string | null, };

export type NewHireDefaultsChange = { location: string | null, payrollCompany: string | null, payFrequency: string | null, payPoint: string | null, };

export type SyncSchedule = { "kind": "off" } | { "kind": "everyMinutes", minutes: number, } | { "kind": "hourly" } | { "kind": "daily", at: string, };

export type ScheduleSetting = { schedule: SyncSchedule, 
/**
 * e.g. "every 15 minutes".
 */
description: string, changedAt: string | null, };

export type SettingsChange = { 
/**
 * e.g. `direction.tax`, `new-hire-defaults.location`, `schedule`.
 */
setting: string, from: string | null, to: string | null, 
/**
 * RFC 3339.
 */
changedAt: string, changedBy: SettingsTrigger, };

export type LeaveKind = "annual" | "personalCarers" | "longService" | "userDefined";

export type LeaveTypeMatch = "recorded" | "code" | "name" | "willBeCreated";

export type LeaveCategoryRow = { 
/**
 * What the command line calls it: the user-defined code (`FDV`), or
 * the standard type (`AnnualLeave`).
 */
code: string, 
/**
 * e.g. "Annual leave", "Family and Domestic Violence Leave".
 */
name: string, kind: LeaveKind, 
/**
 * MicrOpay's `LeaveType`: AnnualLeave, SickLeave, LongServiceLeave or
 * UserDefinedLeave.
 */
leaveType: string, 
/**
 * MicrOpay's `LeaveCode`, for user-defined leave only.
 */
leaveCode: string | null, 
/**
 * Retired in MicrOpay: it can't take new leave, so it can't be shown.
 */
inactive: boolean, workniceMatch: LeaveTypeMatch, workniceTypeId: string | null, workniceTypeName: string | null, 
/**
 * In words, e.g. "Annual Leave (same name)" or "will be created in Worknice".
 */
worknice: string, 
/**
 * Employees see, request and see balances for visible categories only.
 */
visible: boolean, 
/**
 * Others see only "On leave" in shared calendars.
 */
private: boolean, 
/**
 * What the default rule says (family and domestic violence leave is
 * private by default).
 */
privateByDefault: boolean, 
/**
 * RFC 3339; `None` until an admin changed it.
 */
changedAt: string | null, changedBy: SettingsTrigger | null, };

export type LeaveOptionName = "balances" | "requests";

export type LeaveOptionSwitch = { option: LeaveOptionName, label: string, on: boolean, explanation: string, 
/**
 * Why it can't do what it says, when MicrOpay said so (the balances
 * option on a database without balances).
 */
unavailable: string | null, };

export type LeaveOptions = { balances: LeaveOptionSwitch, requests: LeaveOptionSwitch, 
/**
 * RFC 3339; `None` until one was changed.
 */
changedAt: string | null, changedBy: SettingsTrigger | null, };

export type LeaveBalancesState = "shown" | "off" | "unavailable";

export type LeaveBalanceRow = { 
/**
 * The category's code (`AnnualLeave`, `SickLeave`, `LongServiceLeave`
 * or the user-defined code), as `paybridge leave categories` names it.
 */
code: string, name: string, hours: number, 
/**
 * Hours over the employee's standard day; `None` when payroll has no
 * standard hours for them (casuals).
 */
days: number | null, 
/**
 * Hours less approved leave payroll has not processed yet.
 */
projectedHours: number, 
/**
 * Employees see this category (and so its balance) in Worknice.
 */
visible: boolean, };

export type EmployeeLeaveBalances = { empCode: string, 
/**
 * RFC 3339: when Paybridge read them from MicrOpay.
 */
asOf: string, 
/**
 * The date payroll calculated them to, when it says (YYYY-MM-DD).
 */
payrollAsAt: string | null, standardHoursPerDay: number | null, balances: Array<LeaveBalanceRow>, };

export type HeldLeaveBalance = { empCode: string, reason: string, };

export type LeaveBalancesReport = { state: LeaveBalancesState, 
/**
 * Why nothing is shown (off, or unavailable from this database).
 */
message: string | null, employees: Array<EmployeeLeaveBalances>, held: Array<HeldLeaveBalance>, 
/**
 * Balance requests sent to MicrOpay for this answer (0 when every
 * employee's came from the last few minutes' read).
 */
requests: bigint, 
/**
 * Of those, how many waited for their turn under the admin's cap.
 */
waitedForCap: bigint, };

export type LeaveBalanceCounts = { 
/**
 * `shown`: sent; `unavailable`: this MicrOpay database has none.
 */
state: LeaveBalancesState, read: number, written: number, unchanged: number, notInWorknice: number, 
/**
 * Employees whose balances could not be read or written: the next run
 * sends everyone's again.
 */
held: number, 
/**
 * Every current employee's (the daily send); `false`: only those whose
 * leave this run sent to payroll or payroll processed or declined.
 */
everyone: boolean, };

export type PayrollDeskStatus = { available: boolean, };

export type DeskChangeType = "Add" | "Change" | "Delete";

export type DeskRequestStatus = "received" | "picked-up" | "implemented" | "rejected";

export type DeskFieldChange = { field: string, value: string, };

export type DeskRequest = { 
/**
 * MicrOpay's ChangeEmployeeId (small: one per request ever sent).
 */
id: number, empCode: string, 
/**
 * "First Last", when payroll has the employee or the Add names them.
 */
employeeName: string | null, changeType: DeskChangeType, status: DeskRequestStatus, 
/**
 * As MicrOpay dates it, e.g. "2026-07-01T09:00:00".
 */
receivedAt: string, changes: Array<DeskFieldChange>, 
/**
 * Payroll's reason, on a rejected request.
 */
message: string | null, };

export type PayrollEdit = { firstName: string | null, surname: string | null, preferredName: string | null, email: string | null, mobilePhone: string | null, street: string | null, suburbCity: string | null, state: string | null, postcode: string | null, };

export type DeskLeaveStatus = "received" | "processed" | "declined" | "cancelled";

export type DeskLeaveApplication = { 
/**
 * MicrOpay's LeaveApplicationId.
 */
id: number, empCode: string, 
/**
 * "First Last", when payroll has the employee.
 */
employeeName: string | null, 
/**
 * The leave category, e.g. "Annual leave"; a private one is never
 * named: "Leave of a private category".
 */
category: string, 
/**
 * ISO dates, e.g. "2026-03-02".
 */
startDate: string, endDate: string, 
/**
 * The hours it asks for, when it gives them (MicrOpay's `Override`).
 */
hours: number | null, 
/**
 * Otherwise the working days from start to end (half days for a
 * session); `None` when it gives hours.
 */
days: number | null, status: DeskLeaveStatus, 
/**
 * Payroll's message, on a declined application; for leave of a
 * private category only a line saying it is not shown.
 */
message: string | null, };

export type SyncTrigger = "button" | "schedule" | "cli";

export type RunResult = "running" | "done" | "partial" | "failed";

export type SyncCounts = { 
/**
 * Employees and people read and planned.
 */
read: number, 
/**
 * Employees with anything changed.
 */
changed: number, 
/**
 * Write operations: per employee one Worknice update and/or one
 * MicrOpay change request (a preview counts the planned ones, a run
 * the ones done).
 */
written: number, 
/**
 * Employees held as a whole or with a held field.
 */
held: number, 
/**
 * Fields changed on the target side, or on both: MicrOpay won.
 */
conflicts: number, 
/**
 * Employees with a change request waiting for payroll.
 */
pending: number, 
/**
 * Employees whose change request payroll rejected.
 */
rejected: number, 
/**
 * Approved leave requests, when the requests option is on.
 */
leaveRequests?: LeaveTransferCounts, 
/**
 * Leave entered in MicrOpay directly, copied to Worknice, when the
 * requests option is on.
 */
leaveFromPayroll?: LeaveFromPayrollCounts, 
/**
 * Leave balances sent to Worknice, when the balances option is on and
 * the day's send was due this run.
 */
leaveBalances?: LeaveBalanceCounts, };

export type LeaveTransferCounts = { 
/**
 * Approved requests read from Worknice.
 */
read: number, 
/**
 * Sent to MicrOpay by this run (or found there after a lost answer).
 */
transferred: number, 
/**
 * Sent by an earlier run: never sent twice.
 */
alreadyTransferred: number, 
/**
 * Not sent, each with why (see the run's `leaveHeld`).
 */
held: number, 
/**
 * Not settled this run (MicrOpay did not answer): the next run looks
 * each up before sending it.
 */
pending: number, 
/**
 * Payroll processed: the Worknice request shows PROCESSED (this run).
 */
processed: number, 
/**
 * Payroll declined: the Worknice request shows DECLINED with payroll's
 * message (this run).
 */
declined: number, 
/**
 * Items raised (or brought up to date) on the Needs payroll list this
 * run: requests cancelled or changed in Worknice after they were sent.
 */
needsPayroll: number, };

export type LeaveFromPayrollCounts = { 
/**
 * Applications looked at.
 */
read: number, 
/**
 * Created in Worknice as approved requests by this run (or found
 * there after a lost answer).
 */
created: number, 
/**
 * Copied by an earlier run: never copied twice.
 */
alreadyInWorknice: number, 
/**
 * Not copied, each with why (hidden or unmapped category, employee
 * not linked, cancelled in payroll before it was copied).
 */
skipped: number, 
/**
 * Not settled this run (Worknice did not answer): the next run looks
 * each up by its MicrOpay id before creating it.
 */
pending: number, 
/**
 * Copies set cancelled in Worknice this run.
 */
cancelled: number, };

export type SkippedPayrollLeave = { micropayApplicationId: number, empCode: string, reason: string, };

export type HeldLeaveRequest = { workniceRequestId: string, empCode: string | null, reason: string, };

export type NeedsPayrollAction = "cancel" | "change";

export type NeedsPayrollEntry = { 
/**
 * What `paybridge leave needs-payroll done <ID>` takes.
 */
id: number, action: NeedsPayrollAction, workniceRequestId: string, 
/**
 * MicrOpay's LeaveApplicationId, as its leave processing shows it.
 */
micropayApplicationId: number, empCode: string, 
/**
 * In a payroll officer's words; a private category is called "leave".
 */
whatToDo: string, 
/**
 * RFC 3339.
 */
raisedAt: string, 
/**
 * RFC 3339; `None` while it is still to do.
 */
doneAt: string | null, };

export type NeedsPayrollReport = { 
/**
 * Oldest first.
 */
open: Array<NeedsPayrollEntry>, 
/**
 * Marked done in the last 30 days, latest first.
 */
recentlyDone: Array<NeedsPayrollEntry>, };

export type SyncSide = "micropay" | "worknice";

export type SyncFieldAction = "adopt" | "update" | "conflict" | "change-request" | "add" | "waiting-for-payroll" | "implemented" | "set-back" | "held";

export type SyncOutcome = "unchanged" | "updated" | "added" | "linked" | "unlinked" | "pending" | "rejected" | "held" | "not-imported";

export type SyncEmployeeAction = "add" | "link" | "unlink";

export type SyncFieldChange = { 
/**
 * The catalogue's key, in camelCase: e.g. `firstName`, `dateOfBirth`, `tfn`.
 */
field: string, 
/**
 * e.g. "First name".
 */
label: string, group: SyncGroup, action: SyncFieldAction, 
/**
 * The side written, if any.
 */
write: SyncSide | null, 
/**
 * The written side's value before (masked where sensitive).
 */
old: string | null, 
/**
 * The value it gets (masked where sensitive).
 */
new: string | null, micropay: string | null, worknice: string | null, reason: string, 
/**
 * Paybridge's id for the change request this is about.
 */
changeRequest: number | null, };

export type SyncEmployee = { empCode: string | null, name: string, idEmployee: number | null, worknicePersonId: string | null, outcome: SyncOutcome, action: SyncEmployeeAction | null, 
/**
 * Why the employee is held, unlinked, rejected or waiting.
 */
reasons: Array<string>, fields: Array<SyncFieldChange>, changed: boolean, };

export type OutcomeCount = { outcome: SyncOutcome, count: number, };

export type SyncPreview = { accounting: Array<OutcomeCount>, employees: Array<SyncEmployee>, 
/**
 * Employees and people read and planned.
 */
read: number, 
/**
 * Employees with anything changed.
 */
changed: number, 
/**
 * Write operations: per employee one Worknice update and/or one
 * MicrOpay change request (a preview counts the planned ones, a run
 * the ones done).
 */
written: number, 
/**
 * Employees held as a whole or with a held field.
 */
held: number, 
/**
 * Fields changed on the target side, or on both: MicrOpay won.
 */
conflicts: number, 
/**
 * Employees with a change request waiting for payroll.
 */
pending: number, 
/**
 * Employees whose change request payroll rejected.
 */
rejected: number, 
/**
 * Approved leave requests, when the requests option is on.
 */
leaveRequests?: LeaveTransferCounts, 
/**
 * Leave entered in MicrOpay directly, copied to Worknice, when the
 * requests option is on.
 */
leaveFromPayroll?: LeaveFromPayrollCounts, 
/**
 * Leave balances sent to Worknice, when the balances option is on and
 * the day's send was due this run.
 */
leaveBalances?: LeaveBalanceCounts, };

export type SyncPhase = "waiting-for-other-run" | "checking-payroll" | "reading" | "planning" | "updating-worknice" | "sending-to-payroll" | "recording";

export type SyncProgressUpdate = { runId: number, phase: SyncPhase, done: number, total: number, };

export type MicropayRead = { "kind": "full", 
/**
 * In a payroll officer's words, e.g. "the first sync".
 */
why: string, } | { "kind": "changedSince", 
/**
 * RFC 3339: the instant asked for, overlap included.
 */
since: string, 
/**
 * Employees read one by one besides (their plan needed MicrOpay's
 * record, or a Worknice person's Employee ID had to be checked).
 */
readOneByOne: number, };

export type SyncRunSummary = { id: number, trigger: SyncTrigger, 
/**
 * RFC 3339.
 */
startedAt: string, finishedAt: string | null, durationMs: number | null, result: RunResult, counts: SyncCounts, 
/**
 * Writes left for the next run (a partial run's).
 */
retryLater: number, 
/**
 * Why a run failed or was partial, in a payroll officer's words.
 */
message: string | null, 
/**
 * How it read MicrOpay; `None` for a run that did not get that far
 * (or from before this was recorded).
 */
micropayRead: MicropayRead | null, };

export type SyncRunRecord = { 
/**
 * Set when a planned write did not happen (it is retried next run).
 */
writeError: string | null, empCode: string | null, name: string, idEmployee: number | null, worknicePersonId: string | null, outcome: SyncOutcome, action: SyncEmployeeAction | null, 
/**
 * Why the employee is held, unlinked, rejected or waiting.
 */
reasons: Array<string>, fields: Array<SyncFieldChange>, changed: boolean, };

export type SyncRunDetail = { summary: SyncRunSummary, 
/**
 * Every employee read, by where the run left them (a write refused
 * counts as held): adds up to `summary.counts.read`.
 */
accounting: Array<OutcomeCount>, records: Array<SyncRunRecord>, 
/**
 * Approved leave requests not sent, each with why.
 */
leaveHeld: Array<HeldLeaveRequest>, 
/**
 * Leave entered in MicrOpay not copied to Worknice this run, each
 * with why.
 */
leaveFromPayrollSkipped: Array<SkippedPayrollLeave>, };

export type PendingChangeRequest = { id: number, empCode: string, 
/**
 * "add" or "change".
 */
kind: string, 
/**
 * queued, submitted, received, picked_up.
 */
status: string, 
/**
 * The labels of the fields it carries, e.g. ["Tax file number"].
 */
fields: Array<string>, submittedAt: string | null, };

export type SyncStatus = { lastRun: SyncRunSummary | null, 
/**
 * Whether a run holds the lease now (in this process or another).
 */
running: boolean, 
/**
 * RFC 3339; `None` when the schedule is off.
 */
nextScheduledAt: string | null, pendingRequests: Array<PendingChangeRequest>, };

// The only module that talks to the Tauri runtime. Every wrapper resolves
// with the engine's result or rejects with an `AppError` ({code, message}).
import { Channel, invoke } from "@tauri-apps/api/core";

import { toAppError } from "./errors";
import type {
  BackupComparison,
  BackupFormat,
  BackupSummary,
  ConnectionCheck,
  ConnectionKind,
  Connections,
  DeskLeaveApplication,
  DeskRequest,
  DirectionRow,
  EmployeePage,
  EmployeePreview,
  EmployeesLoaded,
  ImportProgressUpdate,
  ImportSelection,
  ImportSummary,
  LeaveBalancesReport,
  LeaveCategoryRow,
  LeaveOptionName,
  LeaveOptions,
  MicropayForm,
  NeedsPayrollReport,
  NewHireChoices,
  NewHireDefaults,
  NewHireDefaultsChange,
  PayrollDeskStatus,
  PayrollEdit,
  SandboxPrefill,
  ScheduleSetting,
  SettingsChange,
  SyncDirection,
  SyncGroup,
  SyncPreview,
  SyncProgressUpdate,
  SyncRunDetail,
  SyncRunSummary,
  SyncSchedule,
  SyncStatus,
  WorkniceForm,
} from "./generated/bindings";
import type { Diagnostics } from "./generated/diagnostics";

export type {
  AppError,
  BackupComparison,
  BackupFormat,
  BackupSummary,
  BankAccountPreview,
  ChangedEmployee,
  ConnectionCheck,
  ConnectionKind,
  Connections,
  DataGroupName,
  EmployeePage,
  EmployeePreview,
  EmployeeRef,
  EmployeesLoaded,
  ErrorCode,
  HeldRecord,
  ImportCandidate,
  ImportProgressUpdate,
  ImportSelection,
  ImportSummary,
  LinkState,
  LoadProgress,
  MicropayForm,
  SandboxPrefill,
  SavedConnection,
  SuperFundPreview,
  TaxPreview,
  WorkniceForm,
} from "./generated/bindings";
export type {
  DirectionRow,
  LookupChoice,
  NewHireChoices,
  NewHireDefaults,
  NewHireDefaultsChange,
  ScheduleSetting,
  SettingsChange,
  SettingsTrigger,
  SyncDirection,
  SyncGroup,
  SyncSchedule,
} from "./generated/bindings";
export type {
  EmployeeLeaveBalances,
  HeldLeaveBalance,
  HeldLeaveRequest,
  LeaveBalanceRow,
  LeaveBalancesReport,
  LeaveBalancesState,
  LeaveCategoryRow,
  LeaveKind,
  LeaveOptionName,
  LeaveOptionSwitch,
  LeaveOptions,
  LeaveBalanceCounts,
  LeaveFromPayrollCounts,
  LeaveTransferCounts,
  LeaveTypeMatch,
  NeedsPayrollAction,
  NeedsPayrollEntry,
  NeedsPayrollReport,
  SkippedPayrollLeave,
} from "./generated/bindings";
export type {
  DeskChangeType,
  DeskFieldChange,
  DeskLeaveApplication,
  DeskLeaveStatus,
  DeskRequest,
  DeskRequestStatus,
  PayrollDeskStatus,
  PayrollEdit,
} from "./generated/bindings";
export type {
  OutcomeCount,
  PendingChangeRequest,
  RunResult,
  SyncCounts,
  SyncEmployee,
  SyncEmployeeAction,
  SyncFieldAction,
  SyncFieldChange,
  SyncOutcome,
  SyncPhase,
  SyncPreview,
  SyncProgressUpdate,
  SyncRunDetail,
  SyncRunRecord,
  SyncRunSummary,
  SyncSide,
  SyncStatus,
  SyncTrigger,
} from "./generated/bindings";
export type { Diagnostics, RecentEvent } from "./generated/diagnostics";
export { isAppError, toAppError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

export const getConnections = (): Promise<Connections> => call("get_connections");

export const testMicropay = (form: MicropayForm): Promise<ConnectionCheck> =>
  call("test_micropay", { form });
export const saveMicropay = (form: MicropayForm): Promise<ConnectionCheck> =>
  call("save_micropay", { form });
export const checkMicropay = (): Promise<ConnectionCheck> => call("check_micropay");

export const testWorknice = (form: WorkniceForm): Promise<ConnectionCheck> =>
  call("test_worknice", { form });
export const saveWorknice = (form: WorkniceForm): Promise<ConnectionCheck> =>
  call("save_worknice", { form });
export const checkWorknice = (): Promise<ConnectionCheck> => call("check_worknice");

export const disconnect = (kind: ConnectionKind): Promise<void> => call("disconnect", { kind });

export const startSandbox = (): Promise<SandboxPrefill> => call("start_sandbox");

// ---- Import ----

/**
 * Every MicrOpay employee with its link state, in pages: `onPage` hears each
 * MicrOpay page as it arrives, with its rows (features/import/pages.ts).
 */
export function listEmployees(
  onPage: (page: EmployeePage) => void,
): Promise<EmployeesLoaded> {
  const channel = new Channel<EmployeePage>();
  channel.onmessage = onPage;
  return call("list_employees", { onProgress: channel });
}

export const employeePreview = (empCode: string): Promise<EmployeePreview> =>
  call("employee_preview", { empCode });

export function importEmployees(
  selection: ImportSelection,
  onProgress: (update: ImportProgressUpdate) => void,
  dryRun = false,
  includeTerminated = false,
): Promise<ImportSummary> {
  const channel = new Channel<ImportProgressUpdate>();
  channel.onmessage = onProgress;
  return call("import_employees", { selection, dryRun, includeTerminated, onProgress: channel });
}

/** Asks the running import to stop; it then resolves with `cancelled: true`. */
export const cancelImport = (): Promise<void> => call("cancel_import");

export const unlinkEmployee = (empCode: string): Promise<void> =>
  call("unlink_employee", { empCode });

// ---- Backups ----

export const listBackups = (): Promise<BackupSummary[]> => call("list_backups");
export const createBackup = (): Promise<BackupSummary> => call("create_backup");
export const compareBackup = (id: number): Promise<BackupComparison> =>
  call("compare_backup", { id });

/**
 * Asks where to save (the native dialog, opened by the app) and writes the
 * backup there; resolves with the path written, or null when cancelled.
 */
export const exportBackup = (
  id: number,
  format: BackupFormat,
  suggestedName: string,
  confirmContainsTfns: boolean,
): Promise<string | null> =>
  call("export_backup", { id, format, suggestedName, confirmContainsTfns });

// ---- About ----

/** Version, folders and the last warnings and errors; nothing secret. */
export const getDiagnostics = (): Promise<Diagnostics> => call("get_diagnostics");

// ---- Directions and sync settings ----

export const getDirections = (): Promise<DirectionRow[]> => call("get_directions");
/** Takes effect from the next sync; recorded in the settings history. */
export const setDirection = (group: SyncGroup, direction: SyncDirection): Promise<DirectionRow> =>
  call("set_direction", { group, direction });

export const getNewHireDefaults = (): Promise<NewHireDefaults> => call("get_new_hire_defaults");
/** MicrOpay's lookups for the new-hire defaults (reads MicrOpay). */
export const getNewHireChoices = (): Promise<NewHireChoices> => call("get_new_hire_choices");
/** `null` keeps a code, `""` clears it; each code is checked against MicrOpay. */
export const setNewHireDefaults = (change: NewHireDefaultsChange): Promise<NewHireDefaults> =>
  call("set_new_hire_defaults", { change });

export const getSchedule = (): Promise<ScheduleSetting> => call("get_schedule");
export const setSchedule = (schedule: SyncSchedule): Promise<ScheduleSetting> =>
  call("set_schedule", { schedule });

export const getSettingsHistory = (): Promise<SettingsChange[]> => call("get_settings_history");

// ---- Leave ----

/** Every MicrOpay leave category with its Worknice leave type (reads both sides). */
export const getLeaveCategories = (): Promise<LeaveCategoryRow[]> => call("get_leave_categories");
/** Showing one makes its Worknice leave type when Worknice has none, once. */
export const setLeaveVisibility = (code: string, visible: boolean): Promise<LeaveCategoryRow> =>
  call("set_leave_visibility", { code, visible });
export const setLeavePrivate = (code: string, isPrivate: boolean): Promise<LeaveCategoryRow> =>
  call("set_leave_private", { code, private: isPrivate });
export const getLeaveOptions = (): Promise<LeaveOptions> => call("get_leave_options");

/** One employee's leave balances, live from MicrOpay (kept for 5 minutes). */
export const getLeaveBalances = (empCode: string): Promise<LeaveBalancesReport> =>
  call("get_leave_balances", { empCode });
export const setLeaveOption = (option: LeaveOptionName, on: boolean): Promise<LeaveOptions> =>
  call("set_leave_option", { option, on });

/** Leave cancelled or changed in Worknice after it went to MicrOpay: what payroll is to do there. */
export const getNeedsPayroll = (): Promise<NeedsPayrollReport> => call("get_needs_payroll");
export const markNeedsPayrollDone = (id: number): Promise<NeedsPayrollReport> =>
  call("mark_needs_payroll_done", { id });

// Payroll desk (built-in sandbox only)

export const getPayrollDeskStatus = (): Promise<PayrollDeskStatus> =>
  call("get_payroll_desk_status");

export const listPayrollRequests = (): Promise<DeskRequest[]> => call("list_payroll_requests");

export const acceptPayrollRequest = (id: number): Promise<DeskRequest> =>
  call("accept_payroll_request", { id });

export const rejectPayrollRequest = (id: number, message: string): Promise<DeskRequest> =>
  call("reject_payroll_request", { id, message });

/** Every leave application MicrOpay has, newest first. */
export const listPayrollLeave = (): Promise<DeskLeaveApplication[]> =>
  call("list_payroll_leave");

/** Processes a received application into a pay: its hours come off the balance. */
export const processPayrollLeave = (id: number): Promise<DeskLeaveApplication> =>
  call("process_payroll_leave", { id });

/** Declines a received application with payroll's message (required). */
export const declinePayrollLeave = (
  id: number,
  message: string,
): Promise<DeskLeaveApplication> => call("decline_payroll_leave", { id, message });

export const editEmployeeAsPayroll = (empCode: string, edit: PayrollEdit): Promise<void> =>
  call("edit_employee_as_payroll", { empCode, edit });

// ---- Sync ----

/** What a sync would do now: reads both sides, writes nothing. */
export const syncPreview = (): Promise<SyncPreview> => call("sync_preview");

/**
 * One sync run ("Sync now"): `onProgress` hears each phase and count;
 * resolves with the run's summary and the records it touched. Rejects with
 * `busy` when another run (the schedule, the command line) holds the lease.
 */
export function syncNow(onProgress: (update: SyncProgressUpdate) => void): Promise<SyncRunDetail> {
  const channel = new Channel<SyncProgressUpdate>();
  channel.onmessage = onProgress;
  return call("sync_now", { onProgress: channel });
}

/** Asks the running sync to stop at the next safe point; it then ends partial. */
export const cancelSync = (): Promise<boolean> => call("cancel_sync");

// ---- Sync history, status and the schedule in the background ----

/** The runs, newest first. */
export const getSyncHistory = (limit?: number): Promise<SyncRunSummary[]> =>
  call("get_sync_history", { limit: limit ?? null });
/** One run with every record it touched. */
export const getSyncRunDetail = (runId: number): Promise<SyncRunDetail> =>
  call("get_sync_run_detail", { runId });
/** The last run, whether one runs now, the next scheduled time, requests waiting for payroll. */
export const getSyncStatus = (): Promise<SyncStatus> => call("get_sync_status");

/** `onProgress` hears every scheduled run's progress from now on. */
export function watchScheduledSyncs(onProgress: (update: SyncProgressUpdate) => void): Promise<void> {
  const channel = new Channel<SyncProgressUpdate>();
  channel.onmessage = onProgress;
  return call("watch_scheduled_syncs", { onProgress: channel });
}

export const getKeepSyncingWhenClosed = (): Promise<boolean> =>
  call("get_keep_syncing_when_closed");
/** Resolves with the choice as saved; closing the window follows it at once. */
export const setKeepSyncingWhenClosed = (keep: boolean): Promise<boolean> =>
  call("set_keep_syncing_when_closed", { keep });

// The Sync screen's pure logic: what each employee of a plan is (for the
// filter), how fields and outcomes are worded, and the progress text.
import type {
  AppError,
  RunResult,
  SyncCounts,
  SyncEmployee,
  SyncFieldAction,
  SyncFieldChange,
  SyncOutcome,
  SyncPhase,
  SyncProgressUpdate,
  SyncRunRecord,
  SyncRunSummary,
} from "../../api";

/** The filter's choices; "all" lists every employee with something to show. */
export type PlanKind = "all" | "update" | "new-hire" | "conflict" | "held";

export const PLAN_KINDS: { value: PlanKind; label: string }[] = [
  { value: "all", label: "All" },
  { value: "update", label: "Updates" },
  { value: "new-hire", label: "New hires" },
  { value: "conflict", label: "Conflicts" },
  { value: "held", label: "Held" },
];

/** Field actions that change the side written (waiting and held ones do not). */
const WRITING_ACTIONS: ReadonlySet<SyncFieldAction> = new Set([
  "adopt",
  "update",
  "conflict",
  "change-request",
  "set-back",
]);

/** True when the employee belongs under `kind` of the filter. */
export function isOfKind(employee: SyncEmployee, kind: PlanKind): boolean {
  switch (kind) {
    case "all":
      return isWorthShowing(employee);
    case "update":
      return (
        employee.outcome === "updated" ||
        employee.outcome === "unlinked" ||
        employee.outcome === "rejected" ||
        employee.fields.some((field) => WRITING_ACTIONS.has(field.action))
      );
    case "new-hire":
      // A Worknice person payroll has no employee for: an Add, waiting, rejected or linked.
      return (
        employee.action === "add" ||
        employee.action === "link" ||
        (employee.idEmployee === null && employee.worknicePersonId !== null)
      );
    case "conflict":
      return employee.fields.some((field) => field.action === "conflict");
    case "held":
      return (
        employee.outcome === "held" || employee.fields.some((field) => field.action === "held")
      );
  }
}

/** Unchanged employees with nothing to say are left out of the list. */
export function isWorthShowing(employee: SyncEmployee): boolean {
  return (
    employee.outcome !== "unchanged" ||
    employee.changed ||
    employee.reasons.length > 0 ||
    employee.fields.length > 0
  );
}

/** The employees under `kind` whose name or EmpCode contains `search`. */
export function filterPlan(
  employees: readonly SyncEmployee[],
  kind: PlanKind,
  search: string,
): SyncEmployee[] {
  const needle = search.trim().toLowerCase();
  return employees.filter(
    (employee) =>
      isOfKind(employee, kind) &&
      (needle === "" ||
        employee.name.toLowerCase().includes(needle) ||
        (employee.empCode ?? "").toLowerCase().includes(needle)),
  );
}

/** How many employees each filter choice would list. */
export function kindCounts(employees: readonly SyncEmployee[]): Record<PlanKind, number> {
  const counts: Record<PlanKind, number> = {
    all: 0,
    update: 0,
    "new-hire": 0,
    conflict: 0,
    held: 0,
  };
  for (const employee of employees) {
    for (const { value } of PLAN_KINDS) {
      if (isOfKind(employee, value)) counts[value] += 1;
    }
  }
  return counts;
}

/** One page of `items` (1-based) and how many pages there are. */
export function pageOf<T>(items: readonly T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { pages, current, items: items.slice((current - 1) * size, current * size) };
}

/** The employee figures of a plan or run (the leave steps are counted apart). */
export type EmployeeCountKey = Exclude<
  keyof SyncCounts,
  "leaveRequests" | "leaveBalances" | "leaveFromPayroll"
>;

/** The plan's figures, in the order and words the screen shows them. */
export const COUNT_LABELS: { key: EmployeeCountKey; would: string; did: string }[] = [
  { key: "read", would: "Read", did: "Read" },
  { key: "changed", would: "Would change", did: "Changed" },
  { key: "written", would: "Would write", did: "Written" },
  { key: "held", would: "Would hold", did: "Held" },
  { key: "conflicts", would: "Conflicts (MicrOpay would win)", did: "Conflicts (MicrOpay won)" },
  { key: "pending", would: "Would wait for payroll", did: "Pending with payroll" },
  { key: "rejected", would: "Rejected by payroll", did: "Rejected by payroll" },
];

/** What the plan does with an employee, as its badge says it. */
export const OUTCOME_LABELS: Record<SyncOutcome, string> = {
  unchanged: "Unchanged",
  updated: "Update",
  added: "New hire",
  linked: "Linked",
  unlinked: "Unlinked",
  pending: "Waiting for payroll",
  rejected: "Rejected by payroll",
  held: "Held",
  "not-imported": "Not imported",
};

export const OUTCOME_COLORS: Record<SyncOutcome, string> = {
  unchanged: "gray",
  updated: "indigo",
  added: "grape",
  linked: "teal",
  unlinked: "orange",
  pending: "yellow",
  rejected: "red",
  held: "red",
  "not-imported": "gray",
};

export const ACTION_LABELS: Record<SyncFieldAction, string> = {
  adopt: "First sync",
  update: "Update",
  conflict: "Conflict",
  "change-request": "Change request",
  add: "In the Add",
  "waiting-for-payroll": "Waiting for payroll",
  implemented: "Implemented",
  "set-back": "Set back",
  held: "Held",
};

/** Which way the field goes, in words and an arrow. */
export function directionOf(field: SyncFieldChange): string {
  if (field.write === "worknice") return "MicrOpay → Worknice";
  if (field.write === "micropay") return "Worknice → MicrOpay";
  // A change request waiting for payroll, or one payroll implemented.
  if (field.action === "waiting-for-payroll" || field.action === "implemented") {
    return "Worknice → MicrOpay";
  }
  return "Not sent";
}

/** A value as shown: blank ones say so. */
const shownValue = (value: string | null): string =>
  value === null || value.trim() === "" ? "(empty)" : value;

/** "Ana → Anna" for a write; both sides' values when nothing is written. */
export function valueChange(field: SyncFieldChange): string {
  if (field.write !== null) return `${shownValue(field.old)} → ${shownValue(field.new)}`;
  return `MicrOpay: ${shownValue(field.micropay)} · Worknice: ${shownValue(field.worknice)}`;
}

export const PHASE_LABELS: Record<SyncPhase, string> = {
  "waiting-for-other-run": "Waiting for the other sync to finish",
  "checking-payroll": "Checking payroll's answers to earlier change requests",
  reading: "Reading MicrOpay and Worknice",
  planning: "Working out what changed",
  "updating-worknice": "Updating Worknice",
  "sending-to-payroll": "Sending change requests to payroll",
  recording: "Recording the run in Sync history",
};

/** "Updating Worknice: 3 of 12", or the phase alone while nothing is counted. */
export function progressText(progress: SyncProgressUpdate | null): string {
  if (progress === null) return "Starting the sync…";
  const words = PHASE_LABELS[progress.phase];
  if (progress.total === 0) return `${words}…`;
  return `${words}: ${progress.done.toLocaleString("en-AU")} of ${progress.total.toLocaleString("en-AU")}`;
}

/** 0–100 for the bar; 0 while nothing is counted. */
export function progressPercent(progress: SyncProgressUpdate | null): number {
  if (progress === null || progress.total === 0) return 0;
  return Math.min(100, (progress.done / progress.total) * 100);
}

export const RESULT_TITLES: Record<RunResult, string> = {
  running: "The sync is still running",
  done: "Sync done",
  partial: "Sync partly done",
  failed: "Sync failed",
};

/** The line under a result's title: what is left, or why it failed. */
export function resultNote(summary: SyncRunSummary): string | null {
  const left =
    summary.retryLater > 0
      ? `${summary.retryLater.toLocaleString("en-AU")} will be retried on the next sync.`
      : null;
  return [summary.message, left].filter((part) => part !== null && part !== "").join(" ") || null;
}

/** "1 employee", "3 employees". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-AU")} ${noun}${count === 1 ? "" : "s"}`;
}

/** The problem alert's title when "Sync now" could not run. */
export function runProblemTitle(error: AppError): string {
  return error.code === "busy" ? "Another sync is running" : "The sync could not run";
}

/** The records a result lists with their reasons: held, rejected, or not written. */
export function troubledRecords(records: readonly SyncRunRecord[]): SyncRunRecord[] {
  return records.filter(
    (record) =>
      record.outcome === "held" ||
      record.outcome === "rejected" ||
      record.writeError !== null ||
      record.fields.some((field) => field.action === "held"),
  );
}

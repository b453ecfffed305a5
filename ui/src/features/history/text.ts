import type { RunResult, SyncPhase, SyncRunSummary, SyncTrigger } from "../../api";
import type { EmployeeCountKey } from "../sync/model";

export const TRIGGER_LABELS: Record<SyncTrigger, string> = {
  button: "Sync now",
  schedule: "Schedule",
  cli: "Command line",
};

/** Badges say the result in words; the colour of their dot only repeats it (text in the page colour keeps its contrast). */
export const RESULT_LABELS: Record<RunResult, string> = {
  running: "Running",
  done: "Done",
  partial: "Partial",
  failed: "Failed",
};

export const RESULT_COLORS: Record<RunResult, string> = {
  running: "blue",
  done: "green",
  partial: "yellow",
  failed: "red",
};

/** The counts in the order the history's columns show them, with their headings. */
export const COUNT_COLUMNS: { key: EmployeeCountKey; label: string }[] = [
  { key: "read", label: "Read" },
  { key: "changed", label: "Changed" },
  { key: "written", label: "Written" },
  { key: "held", label: "Held" },
  { key: "conflicts", label: "Conflicts" },
  { key: "pending", label: "Pending with payroll" },
  { key: "rejected", label: "Rejected" },
];

const PHASE_LABELS: Record<SyncPhase, string> = {
  "waiting-for-other-run": "Waiting for another sync to finish",
  "checking-payroll": "Asking payroll about earlier changes",
  reading: "Reading both sides",
  planning: "Working out the changes",
  "updating-worknice": "Updating Worknice",
  "sending-to-payroll": "Sending changes to payroll",
  recording: "Recording the run",
};

/** "850 ms", "4.2 s", "3 min 5 s"; a run still going has none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** "Scheduled sync: Updating Worknice, 3 of 40". */
export function progressText(phase: SyncPhase, done: number, total: number): string {
  const step = PHASE_LABELS[phase];
  return total > 0 ? `Scheduled sync: ${step}, ${done} of ${total}` : `Scheduled sync: ${step}`;
}

/** What a partial or failed run left: "2 will be retried on the next sync." */
export function retryText(run: SyncRunSummary): string | null {
  if (run.retryLater === 0) return null;
  return run.retryLater === 1
    ? "1 will be retried on the next sync."
    : `${run.retryLater} will be retried on the next sync.`;
}

/** An empty value says so rather than showing nothing. */
export function shownValue(value: string | null): string {
  return value === null || value === "" ? "(empty)" : value;
}

/** Whether the run looked at everyone in MicrOpay: "Read every MicrOpay employee (the first sync)." or only those payroll changed. */
export function micropayReadText(run: SyncRunSummary): string | null {
  const read = run.micropayRead;
  if (read === null || read === undefined) return null;
  if (read.kind === "full") return `Read every MicrOpay employee (${read.why}).`;
  const extra = read.readOneByOne === 0 ? "" : `, and ${read.readOneByOne} more one by one`;
  return `Read the MicrOpay employees payroll changed since ${formatWhenShort(read.since)}${extra}; everyone is read at least once a day.`;
}

function formatWhenShort(rfc3339: string): string {
  const when = new Date(rfc3339);
  return Number.isNaN(when.getTime()) ? rfc3339 : when.toLocaleString();
}

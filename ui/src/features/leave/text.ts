// How the Leave screen words its categories and switches.
import type {
  LeaveCategoryRow,
  LeaveKind,
  LeaveOptionSwitch,
  NeedsPayrollEntry,
  NeedsPayrollReport,
} from "../../api";

const KINDS: Record<LeaveKind, string> = {
  annual: "Annual leave (AnnualLeave)",
  personalCarers: "Personal/carer's leave (SickLeave)",
  longService: "Long service leave (LongServiceLeave)",
  userDefined: "User-defined leave",
};

/** What MicrOpay calls the category's kind, e.g. "User-defined leave". */
export function kindLabel(kind: LeaveKind): string {
  return KINDS[kind];
}

/** The saved line after a switch: "Family and Domestic Violence Leave: visible to employees." */
export function visibilitySaved(row: LeaveCategoryRow): string {
  return `${row.name}: ${row.visible ? "visible to employees" : "hidden from employees"}.`;
}

export function privacySaved(row: LeaveCategoryRow): string {
  return `${row.name}: ${
    row.private ? "private — others see only \u201cOn leave\u201d" : "not private"
  }.`;
}

/** Why a Visible switch cannot be turned on, or `null` when it can. */
export function cannotShow(row: LeaveCategoryRow): string | null {
  return row.inactive && !row.visible
    ? "Inactive in MicrOpay: payroll can't take new leave of it."
    : null;
}

/**
 * Why an option can't do what it says, shown under its switch: the balances
 * option on a MicrOpay database without balances. Only while it is on: an
 * option that is off reads nothing, so there is nothing to explain.
 */
export function optionProblem(option: LeaveOptionSwitch): string | null {
  return option.on ? option.unavailable : null;
}

const HOURS = new Intl.NumberFormat("en-AU", { maximumFractionDigits: 2 });

/** Hours as payroll staff read them: "76 h", "12.35 h". */
export const hoursText = (hours: number): string => `${HOURS.format(hours)} h`;

/** Days over the standard day, "10 days"; `null` without standard hours (casuals). */
export function daysText(days: number | null): string | null {
  return days === null ? null : `${HOURS.format(days)} ${days === 1 ? "day" : "days"}`;
}

const twoDigits = (value: number) => String(value).padStart(2, "0");

/** When the balances were read, in the computer's own time: "as of 14:05", with payroll's date when it says. */
export function balancesAsOf(asOf: string, payrollAsAt: string | null): string {
  const read = new Date(asOf);
  const time = Number.isNaN(read.getTime())
    ? asOf
    : `${twoDigits(read.getHours())}:${twoDigits(read.getMinutes())}`;
  const calculated = payrollAsAt === null ? "" : `; payroll calculated them to ${payrollAsAt}`;
  return `As of ${time}, read from MicrOpay${calculated}.`;
}

/** Why an employee's detail shows no balances, in the window's words. */
export const BALANCES_OFF_IN_APP =
  "Leave balances are off. An HR admin can turn on \u201cShow employee leave balances live from MicrOpay\u201d on the Leave screen.";

/** The Needs payroll section's first line: how many are still to do in MicrOpay. */
export function needsPayrollSummary(report: NeedsPayrollReport): string {
  const open = report.open.length;
  if (open === 0) {
    return "Nothing to do in MicrOpay. Leave cancelled or changed in Worknice after Paybridge sent it to MicrOpay appears here.";
  }
  return `${open} leave ${open === 1 ? "application needs" : "applications need"} a payroll officer in MicrOpay: its API takes new applications only, so Paybridge can't cancel or change ${open === 1 ? "it" : "them"} there.`;
}

/** The action's word in the list: "Cancel" or "Change". */
export function needsPayrollAction(entry: NeedsPayrollEntry): string {
  return entry.action === "cancel" ? "Cancel" : "Change";
}

/** The saved line after "Mark done". */
export function needsPayrollDone(entry: NeedsPayrollEntry): string {
  return `Marked done: leave application ${entry.micropayApplicationId} (${entry.empCode}).`;
}

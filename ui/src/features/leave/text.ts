// How the Leave screen words its categories and switches.
import type { LeaveCategoryRow, LeaveKind, LeaveOptionSwitch } from "../../api";

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

import { describe, expect, it } from "vitest";

import type { LeaveCategoryRow, LeaveOptionSwitch, NeedsPayrollEntry } from "../../api";
import {
  balancesAsOf,
  cannotShow,
  daysText,
  hoursText,
  kindLabel,
  needsPayrollAction,
  needsPayrollDone,
  needsPayrollSummary,
  optionProblem,
  privacySaved,
  visibilitySaved,
} from "./text";

const row = (changes: Partial<LeaveCategoryRow>): LeaveCategoryRow => ({
  code: "FDV",
  name: "Family and Domestic Violence Leave",
  kind: "userDefined",
  leaveType: "UserDefinedLeave",
  leaveCode: "FDV",
  inactive: false,
  workniceMatch: "willBeCreated",
  workniceTypeId: null,
  workniceTypeName: null,
  worknice: "will be created in Worknice",
  visible: false,
  private: true,
  privateByDefault: true,
  changedAt: null,
  changedBy: null,
  ...changes,
});

describe("leave text", () => {
  it("names the standard kinds as MicrOpay spells them", () => {
    expect(kindLabel("personalCarers")).toBe("Personal/carer's leave (SickLeave)");
  });

  it("says what a switch did", () => {
    expect(visibilitySaved(row({ visible: true }))).toBe(
      "Family and Domestic Violence Leave: visible to employees.",
    );
    expect(privacySaved(row({ private: false }))).toBe("Family and Domestic Violence Leave: not private.");
  });

  it("refuses to show an inactive category, but lets one already shown be hidden", () => {
    expect(cannotShow(row({ inactive: true }))).toMatch(/Inactive in MicrOpay/);
    expect(cannotShow(row({ inactive: true, visible: true }))).toBeNull();
    expect(cannotShow(row({}))).toBeNull();
  });

  it("says under the balances switch why balances can't be shown, while it is on", () => {
    const balances: LeaveOptionSwitch = {
      option: "balances",
      label: "Show employee leave balances live from MicrOpay",
      on: true,
      explanation: "Employees see their balance of each visible category in Worknice.",
      unavailable: "Leave balances aren't available from this MicrOpay database (it said so at 2025-07-01T09:00:00+00:00).",
    };
    expect(optionProblem(balances)).toMatch(/^Leave balances aren't available from this MicrOpay database/);
    expect(optionProblem({ ...balances, on: false })).toBeNull();
    expect(optionProblem({ ...balances, unavailable: null })).toBeNull();
  });
});

describe("leave balance text", () => {
  it("gives hours, and days where payroll knows the standard day", () => {
    expect(hoursText(76)).toBe("76 h");
    expect(hoursText(12.345)).toBe("12.35 h");
    expect(hoursText(-3.8)).toBe("-3.8 h");
    expect(daysText(10)).toBe("10 days");
    expect(daysText(1)).toBe("1 day");
    expect(daysText(-0.5)).toBe("-0.5 days");
    expect(daysText(null)).toBeNull();
  });

  it("says when the balances were read, in local time, and payroll's date", () => {
    const read = new Date(2026, 11, 2, 9, 5).toISOString();
    expect(balancesAsOf(read, "2026-11-30")).toBe(
      "As of 09:05, read from MicrOpay; payroll calculated them to 2026-11-30.",
    );
    expect(balancesAsOf(read, null)).toBe(
      "As of 09:05, read from MicrOpay.",
    );
  });
});

const entry = (changes: Partial<NeedsPayrollEntry>): NeedsPayrollEntry => ({
  id: 7,
  action: "cancel",
  workniceRequestId: "lr-12",
  micropayApplicationId: 1042,
  empCode: "E0042",
  whatToDo: "Cancel leave application 1042 in MicrOpay.",
  raisedAt: "2026-12-03T01:00:00Z",
  doneAt: null,
  ...changes,
});

describe("the Needs payroll list", () => {
  it("says how many are to do, and why Paybridge can't do them", () => {
    const one = needsPayrollSummary({ open: [entry({})], recentlyDone: [] });
    expect(one).toBe(
      "1 leave application needs a payroll officer in MicrOpay: its API takes new applications only, so Paybridge can't cancel or change it there.",
    );
    const two = needsPayrollSummary({ open: [entry({}), entry({ id: 8 })], recentlyDone: [] });
    expect(two).toMatch(/^2 leave applications need .* change them there\.$/);
    expect(needsPayrollSummary({ open: [], recentlyDone: [entry({})] })).toMatch(/^Nothing to do in MicrOpay\./);
  });

  it("names the action and what was marked done", () => {
    expect(needsPayrollAction(entry({}))).toBe("Cancel");
    expect(needsPayrollAction(entry({ action: "change" }))).toBe("Change");
    expect(needsPayrollDone(entry({}))).toBe("Marked done: leave application 1042 (E0042).");
  });
});

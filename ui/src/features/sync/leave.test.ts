import { describe, expect, it } from "vitest";

import type { LeaveBalanceCounts, LeaveFromPayrollCounts, LeaveTransferCounts } from "../../api";
import { leaveBalancesText, leaveFromPayrollText, leaveRequestsText } from "./leave";

const counts = (changes: Partial<LeaveTransferCounts>): LeaveTransferCounts => ({
  read: 0,
  transferred: 0,
  alreadyTransferred: 0,
  held: 0,
  pending: 0,
  processed: 0,
  declined: 0,
  needsPayroll: 0,
  ...changes,
});

describe("a run's leave requests in words", () => {
  it("names only what happened, adding up to what was read", () => {
    expect(leaveRequestsText(counts({ read: 3, transferred: 1, alreadyTransferred: 1, held: 1 }))).toBe(
      "3 approved leave requests: 1 sent to MicrOpay, 1 already in MicrOpay (sent by an earlier run), 1 held.",
    );
    expect(leaveRequestsText(counts({ read: 1, pending: 1 }))).toBe(
      "1 approved leave request: 1 not sent yet (looked up, then sent, next run).",
    );
  });

  it("adds what payroll's answers put on the Worknice requests", () => {
    expect(leaveRequestsText(counts({ read: 2, alreadyTransferred: 2, processed: 1, declined: 1 }))).toBe(
      "2 approved leave requests: 2 already in MicrOpay (sent by an earlier run), 1 processed by payroll, 1 declined by payroll (shown on the Worknice request).",
    );
  });

  it("says when there was nothing to send", () => {
    expect(leaveRequestsText(counts({}))).toBe("No approved leave requests to send to MicrOpay.");
  });

  it("points to the Needs payroll list for what was cancelled or changed after it was sent", () => {
    expect(leaveRequestsText(counts({ needsPayroll: 1 }))).toBe(
      "No approved leave requests to send to MicrOpay. 1 leave request cancelled or changed in Worknice after it was sent: on the Needs payroll list (Leave screen) for payroll to do it in MicrOpay.",
    );
    expect(leaveRequestsText(counts({ read: 1, alreadyTransferred: 1, needsPayroll: 2 }))).toMatch(
      /sent by an earlier run\)\. 2 leave requests cancelled or changed in Worknice after they were sent: .* do them in MicrOpay\.$/,
    );
  });
});

describe("a run's leave balances in words", () => {
  const balances = (changes: Partial<LeaveBalanceCounts>): LeaveBalanceCounts => ({
    state: "shown",
    read: 0,
    written: 0,
    unchanged: 0,
    notInWorknice: 0,
    held: 0,
    everyone: true,
    ...changes,
  });

  it("says what was sent, and how often", () => {
    expect(leaveBalancesText(balances({ read: 240, written: 12, unchanged: 227, held: 1 }))).toBe(
      "Leave balances sent to Worknice for 240 employees: 12 written, 227 unchanged, 1 not sent (everyone's are sent again next run). Sent once a day.",
    );
  });

  it("says when only those whose leave moved were sent", () => {
    expect(leaveBalancesText(balances({ read: 2, written: 2, everyone: false }))).toBe(
      "Leave balances sent to Worknice for 2 employees whose leave moved this run: 2 written. Everyone's are sent once a day.",
    );
  });

  it("says why none were sent from a database without balances", () => {
    expect(leaveBalancesText(balances({ state: "unavailable" }))).toBe(
      "Leave balances were not sent: this MicrOpay database has none.",
    );
  });
});

describe("a run's leave entered in MicrOpay in words", () => {
  const copied = (changes: Partial<LeaveFromPayrollCounts>): LeaveFromPayrollCounts => ({
    read: 0,
    created: 0,
    alreadyInWorknice: 0,
    skipped: 0,
    pending: 0,
    cancelled: 0,
    ...changes,
  });

  it("names only what happened, adding up to what was read", () => {
    expect(leaveFromPayrollText(copied({ read: 3, created: 1, alreadyInWorknice: 1, skipped: 1 }))).toBe(
      "3 leave applications entered in MicrOpay: 1 added to Worknice as approved leave, 1 already in Worknice, 1 skipped (hidden or unmapped category, or employee not linked).",
    );
    expect(leaveFromPayrollText(copied({ read: 1, alreadyInWorknice: 1, cancelled: 1 }))).toBe(
      "1 leave application entered in MicrOpay: 1 already in Worknice. 1 set cancelled in Worknice (cancelled in payroll).",
    );
  });

  it("says when there was nothing new", () => {
    expect(leaveFromPayrollText(copied({}))).toBe("No new leave entered in MicrOpay to add to Worknice.");
  });
});

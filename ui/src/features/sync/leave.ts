// How a run's leave step is worded: the approved Worknice leave requests it
// read, what it sent to MicrOpay and what it held, each with why; and the
// day's send of leave balances to Worknice.
import type {
  LeaveBalanceCounts,
  LeaveFromPayrollCounts,
  LeaveTransferCounts,
} from "../../api";
import { plural } from "./model";

/** "1 sent to MicrOpay" for each figure that is not 0. */
const said = (parts: readonly (readonly [number, string])[]): string[] =>
  parts
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count.toLocaleString("en-AU")} ${what}`);

/** "3 approved leave requests: 1 sent to MicrOpay, 1 already there, 1 held." */
export function leaveRequestsText(counts: LeaveTransferCounts): string {
  return `${approvedText(counts)}${needsPayrollText(counts.needsPayroll)}`;
}

function approvedText(counts: LeaveTransferCounts): string {
  if (counts.read === 0) return "No approved leave requests to send to MicrOpay.";
  const parts = [
    [counts.transferred, "sent to MicrOpay"],
    [counts.alreadyTransferred, "already in MicrOpay (sent by an earlier run)"],
    [counts.held, "held"],
    [counts.pending, "not sent yet (looked up, then sent, next run)"],
  ] as const;
  const answers = said([
    [counts.processed, "processed by payroll"],
    [counts.declined, "declined by payroll"],
  ]);
  const back = answers.length > 0 ? `, ${answers.join(", ")} (shown on the Worknice request)` : "";
  return `${plural(counts.read, "approved leave request")}: ${said(parts).join(", ")}${back}.`;
}

/** " 1 cancelled or changed in Worknice after it was sent: …", or "" when none was. */
function needsPayrollText(count: number): string {
  if (count === 0) return "";
  const it = count === 1 ? "it" : "them";
  return ` ${plural(count, "leave request")} cancelled or changed in Worknice after ${
    count === 1 ? "it was" : "they were"
  } sent: on the Needs payroll list (Leave screen) for payroll to do ${it} in MicrOpay.`;
}

/** "2 leave applications entered in MicrOpay: 1 added to Worknice as approved leave, 1 skipped." */
export function leaveFromPayrollText(counts: LeaveFromPayrollCounts): string {
  const cancelled = said([[counts.cancelled, "set cancelled in Worknice (cancelled in payroll)"]]);
  const tail = cancelled.length > 0 ? ` ${cancelled.join("")}.` : "";
  if (counts.read === 0) return `No new leave entered in MicrOpay to add to Worknice.${tail}`;
  const parts = [
    [counts.created, "added to Worknice as approved leave"],
    [counts.alreadyInWorknice, "already in Worknice"],
    [counts.skipped, "skipped (hidden or unmapped category, or employee not linked)"],
    [counts.pending, "not added yet (looked up, then added, next run)"],
  ] as const;
  return `${plural(counts.read, "leave application")} entered in MicrOpay: ${said(parts).join(
    ", ",
  )}.${tail}`;
}

/** "Leave balances sent to Worknice for 240 employees: 12 written, 228 unchanged." */
export function leaveBalancesText(counts: LeaveBalanceCounts): string {
  if (counts.state === "unavailable") {
    return "Leave balances were not sent: this MicrOpay database has none.";
  }
  const parts = [
    [counts.written, "written"],
    [counts.unchanged, "unchanged"],
    [counts.notInWorknice, "not in Worknice yet"],
    [counts.held, "not sent (everyone's are sent again next run)"],
  ] as const;
  const figures = said(parts);
  const whose = counts.everyone
    ? plural(counts.read, "employee")
    : `${plural(counts.read, "employee")} whose leave moved this run`;
  return `Leave balances sent to Worknice for ${whose}${
    figures.length > 0 ? `: ${figures.join(", ")}` : ""
  }. ${counts.everyone ? "Sent once a day." : "Everyone's are sent once a day."}`;
}

import { describe, expect, it } from "vitest";

import type { SyncEmployee, SyncFieldChange, SyncRunRecord, SyncRunSummary } from "../../api";
import {
  directionOf,
  filterPlan,
  isOfKind,
  kindCounts,
  pageOf,
  progressPercent,
  progressText,
  resultNote,
  runProblemTitle,
  troubledRecords,
  valueChange,
} from "./model";

const field = (overrides: Partial<SyncFieldChange>): SyncFieldChange => ({
  field: "firstName",
  label: "First name",
  group: "personal",
  action: "update",
  write: "worknice",
  old: "Ana",
  new: "Anna",
  micropay: "Anna",
  worknice: "Ana",
  reason: "changed in MicrOpay",
  changeRequest: null,
  ...overrides,
});

const employee = (overrides: Partial<SyncEmployee>): SyncEmployee => ({
  empCode: "E0001",
  name: "Anna Lee",
  idEmployee: 1,
  worknicePersonId: "p1",
  outcome: "unchanged",
  action: null,
  reasons: [],
  fields: [],
  changed: false,
  ...overrides,
});

const updated = employee({ empCode: "E0001", outcome: "updated", changed: true, fields: [field({})] });
const conflict = employee({
  empCode: "E0002",
  name: "Bo Chen",
  outcome: "updated",
  changed: true,
  fields: [field({ action: "conflict", reason: "changed on both sides: MicrOpay wins" })],
});
const hire = employee({
  empCode: "W0100",
  name: "Cleo New",
  idEmployee: null,
  worknicePersonId: "p9",
  outcome: "added",
  action: "add",
  changed: true,
  fields: [field({ action: "add", write: "micropay", old: null })],
});
const waitingHire = employee({
  empCode: "W0101",
  name: "Dev Wait",
  idEmployee: null,
  worknicePersonId: "p10",
  outcome: "pending",
  reasons: ["New employee waiting for payroll: request 4 is received."],
});
const held = employee({
  empCode: "E0005",
  name: "Eve Bad",
  outcome: "held",
  fields: [field({ field: "bsb", label: "BSB", action: "held", write: null, reason: "BSB is not valid" })],
});
const heldField = employee({
  empCode: "E0006",
  name: "Finn Half",
  outcome: "updated",
  changed: true,
  fields: [field({}), field({ field: "tfn", action: "held", write: null })],
});
const unchanged = employee({ empCode: "E0007", name: "Gus Same" });
const plan = [updated, conflict, hire, waitingHire, held, heldField, unchanged];

describe("the plan's filter", () => {
  it("sorts each employee under the kinds it is", () => {
    expect(plan.filter((e) => isOfKind(e, "update")).map((e) => e.empCode)).toEqual([
      "E0001",
      "E0002",
      "E0006",
    ]);
    expect(plan.filter((e) => isOfKind(e, "new-hire")).map((e) => e.empCode)).toEqual([
      "W0100",
      "W0101",
    ]);
    expect(plan.filter((e) => isOfKind(e, "conflict")).map((e) => e.empCode)).toEqual(["E0002"]);
    // Held as a whole, or with one held field while the rest goes through.
    expect(plan.filter((e) => isOfKind(e, "held")).map((e) => e.empCode)).toEqual([
      "E0005",
      "E0006",
    ]);
  });

  it("leaves unchanged employees with nothing to say out of All", () => {
    expect(filterPlan(plan, "all", "")).not.toContain(unchanged);
    expect(filterPlan(plan, "all", "")).toHaveLength(6);
    expect(kindCounts(plan)).toEqual({ all: 6, update: 3, "new-hire": 2, conflict: 1, held: 2 });
  });

  it("searches names and EmpCodes, ignoring case and spaces around", () => {
    expect(filterPlan(plan, "all", " bo chen ").map((e) => e.empCode)).toEqual(["E0002"]);
    expect(filterPlan(plan, "held", "e0006").map((e) => e.empCode)).toEqual(["E0006"]);
    expect(filterPlan(plan, "conflict", "cleo")).toEqual([]);
  });

  it("pages the list and keeps the page in range", () => {
    const items = Array.from({ length: 51 }, (_, n) => n);
    expect(pageOf(items, 1, 25)).toMatchObject({ pages: 3, current: 1 });
    expect(pageOf(items, 3, 25).items).toEqual([50]);
    expect(pageOf(items, 9, 25).current).toBe(3);
    expect(pageOf([], 1, 25)).toEqual({ pages: 1, current: 1, items: [] });
  });
});

describe("fields in words", () => {
  it("names the direction from the side written", () => {
    expect(directionOf(field({ write: "worknice" }))).toBe("MicrOpay → Worknice");
    expect(directionOf(field({ write: "micropay", action: "change-request" }))).toBe(
      "Worknice → MicrOpay",
    );
    expect(directionOf(field({ write: null, action: "waiting-for-payroll" }))).toBe(
      "Worknice → MicrOpay",
    );
    expect(directionOf(field({ write: null, action: "held" }))).toBe("Not sent");
  });

  it("shows old → new for a write, both sides otherwise, masked values as given", () => {
    expect(valueChange(field({}))).toBe("Ana → Anna");
    expect(valueChange(field({ old: null, new: "•••••123" }))).toBe("(empty) → •••••123");
    expect(valueChange(field({ old: "", new: "1990-05-04" }))).toBe("(empty) → 1990-05-04");
    expect(valueChange(field({ write: null, micropay: "•••••123", worknice: null }))).toBe(
      "MicrOpay: •••••123 · Worknice: (empty)",
    );
  });
});

describe("progress and result text", () => {
  it("says the phase, and done of total once counted", () => {
    expect(progressText(null)).toBe("Starting the sync…");
    expect(progressText({ runId: 1, phase: "reading", done: 0, total: 0 })).toBe(
      "Reading MicrOpay and Worknice…",
    );
    expect(progressText({ runId: 1, phase: "updating-worknice", done: 3, total: 1200 })).toBe(
      "Updating Worknice: 3 of 1,200",
    );
    expect(progressPercent({ runId: 1, phase: "updating-worknice", done: 3, total: 12 })).toBe(25);
    expect(progressPercent({ runId: 1, phase: "reading", done: 0, total: 0 })).toBe(0);
  });

  const summary = (overrides: Partial<SyncRunSummary>): SyncRunSummary => ({
    id: 7,
    trigger: "button",
    startedAt: "2026-12-01T10:00:00Z",
    finishedAt: "2026-12-01T10:00:02Z",
    durationMs: 2000,
    result: "done",
    counts: { read: 5, changed: 1, written: 1, held: 0, conflicts: 0, pending: 0, rejected: 0 },
    retryLater: 0,
    message: null,
    micropayRead: null,
    ...overrides,
  });

  it("says how many will be retried after a partial run", () => {
    expect(resultNote(summary({}))).toBeNull();
    expect(resultNote(summary({ result: "partial", retryLater: 4, message: "Cancelled." }))).toBe(
      "Cancelled. 4 will be retried on the next sync.",
    );
    expect(resultNote(summary({ result: "failed", message: "Worknice is not responding." }))).toBe(
      "Worknice is not responding.",
    );
  });
});

describe("a run's problems and troubled records", () => {
  it("titles another run holding the lease plainly, and other failures as such", () => {
    expect(runProblemTitle({ code: "busy", message: "A sync is already running (started 10:02)." })).toBe(
      "Another sync is running",
    );
    expect(runProblemTitle({ code: "not_connected", message: "Connect Worknice first." })).toBe(
      "The sync could not run",
    );
  });

  it("lists held, rejected and unwritten records, not the written ones", () => {
    const record = (employee: SyncEmployee, writeError: string | null = null): SyncRunRecord => ({
      ...employee,
      writeError,
    });
    const rejected = employee({ empCode: "E0008", outcome: "rejected", reasons: ["Payroll rejected"] });
    const failedWrite = employee({ empCode: "E0009", outcome: "updated", changed: true });
    const records = [
      record(updated),
      record(held),
      record(heldField),
      record(rejected),
      record(failedWrite, "Worknice is not responding: retried next sync."),
    ];
    expect(troubledRecords(records).map((r) => r.empCode)).toEqual([
      "E0005",
      "E0006",
      "E0008",
      "E0009",
    ]);
  });
});

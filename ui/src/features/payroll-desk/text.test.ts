import { describe, expect, it } from "vitest";

import type { DeskRequest } from "../../api";
import { describeChanges, isOpen, receivedLabel } from "./text";

const request = (overrides: Partial<DeskRequest>): DeskRequest => ({
  id: 1,
  empCode: "E0004",
  employeeName: null,
  changeType: "Change",
  status: "received",
  receivedAt: "2026-07-01T09:00:00",
  changes: [],
  message: null,
  ...overrides,
});

describe("payroll desk text", () => {
  it("lists each field a request sets", () => {
    const changes = [
      { field: "First name", value: "Rowan" },
      { field: "Tax file number", value: "•••210" },
    ];
    expect(describeChanges(request({ changes }))).toBe(
      "First name → Rowan; Tax file number → •••210",
    );
  });

  it("says what a request without fields does", () => {
    expect(describeChanges(request({ changeType: "Delete" }))).toBe("Delete the employee");
  });

  it("leaves only received and picked-up requests open", () => {
    expect(isOpen(request({ status: "picked-up" }))).toBe(true);
    expect(isOpen(request({ status: "implemented" }))).toBe(false);
    expect(isOpen(request({ status: "rejected" }))).toBe(false);
  });

  it("keeps a date it cannot read as sent", () => {
    expect(receivedLabel("soon")).toBe("soon");
    expect(receivedLabel("2026-07-01T09:00:00")).toMatch(/2026/);
  });
});

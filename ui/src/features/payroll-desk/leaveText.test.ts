import { describe, expect, it } from "vitest";

import type { DeskLeaveApplication } from "../../api";
import { isLeaveOpen, leaveAmount, leaveDates } from "./leaveText";

const application = (overrides: Partial<DeskLeaveApplication>): DeskLeaveApplication => ({
  id: 1,
  empCode: "E0004",
  employeeName: null,
  category: "Annual leave",
  startDate: "2027-03-02",
  endDate: "2027-03-03",
  hours: null,
  days: 2,
  status: "received",
  message: null,
  ...overrides,
});

describe("payroll desk leave text", () => {
  it("gives hours when the application does, else its working days", () => {
    expect(leaveAmount(application({ hours: 7.5, days: null }))).toBe("7.5 h");
    expect(leaveAmount(application({}))).toBe("2 days");
    expect(leaveAmount(application({ days: 0.5 }))).toBe("0.5 days");
    expect(leaveAmount(application({ days: 1 }))).toBe("1 day");
  });

  it("shows one date for a single day and both for longer leave", () => {
    expect(leaveDates(application({ endDate: "2027-03-02" }))).toBe("2 Mar 2027");
    expect(leaveDates(application({}))).toBe("2 Mar 2027 \u2013 3 Mar 2027");
    expect(leaveDates(application({ startDate: "soon", endDate: "later" }))).toBe(
      "soon \u2013 later",
    );
  });

  it("leaves only received applications open", () => {
    expect(isLeaveOpen(application({}))).toBe(true);
    for (const status of ["processed", "declined", "cancelled"] as const) {
      expect(isLeaveOpen(application({ status }))).toBe(false);
    }
  });
});

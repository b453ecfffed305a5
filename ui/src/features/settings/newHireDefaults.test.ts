import { describe, expect, it } from "vitest";

import { changeOf } from "./NewHireDefaultsSection";

const saved = {
  location: "SYD",
  payrollCompany: "DEMO",
  payFrequency: null,
  payPoint: null,
  missing: ["pay frequency", "pay point"],
  complete: false,
  changedAt: "2026-03-02T10:15:00Z",
};

describe("the new-hire defaults a save sends", () => {
  it("sends only the codes changed on the screen", () => {
    expect(
      changeOf({ location: "SYD", payrollCompany: "DEMO", payFrequency: "F", payPoint: "" }, saved),
    ).toEqual({ location: null, payrollCompany: null, payFrequency: "F", payPoint: null });
  });

  it("clears a code set back to Choose…", () => {
    expect(
      changeOf({ location: "", payrollCompany: "DEMO", payFrequency: "", payPoint: "" }, saved),
    ).toEqual({ location: "", payrollCompany: null, payFrequency: null, payPoint: null });
  });
});

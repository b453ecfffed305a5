import { describe, expect, it } from "vitest";

import { describeChange, lastChange } from "./text";

describe("directions text", () => {
  it("says a group was never changed", () => {
    expect(lastChange(null, null)).toBe("Default, never changed");
  });

  it("says where a change was made", () => {
    expect(lastChange("2026-03-02T10:15:00Z", "cli")).toMatch(/^Changed .*2026.* from the command line$/);
  });
});

describe("the settings history", () => {
  const change = (setting: string, from: string | null, to: string | null) => ({
    setting,
    from,
    to,
    changedAt: "2026-03-02T10:15:00Z",
    changedBy: "app" as const,
  });

  it("words a direction change with arrows", () => {
    expect(describeChange(change("direction.tax", "micropay-to-worknice", "worknice-to-micropay"))).toBe(
      "Tax details changed from MicrOpay → Worknice to Worknice → MicrOpay",
    );
  });

  it("shows a code that was cleared or first set as not set", () => {
    expect(describeChange(change("new-hire-defaults.location", "SYD", null))).toBe(
      "New-hire location changed from SYD to not set",
    );
    expect(describeChange(change("schedule", "off", "daily at 07:30"))).toBe(
      "Sync schedule changed from off to daily at 07:30",
    );
  });

  it("names the leave settings", () => {
    expect(describeChange(change("leave.FDV.private", "on", "off"))).toBe(
      "Leave category FDV private changed from on to off",
    );
    expect(describeChange(change("leave.AnnualLeave.visible", "off", "on"))).toBe(
      "Leave category AnnualLeave visible to employees changed from off to on",
    );
    expect(describeChange(change("leave.requests", "off", "on"))).toBe(
      "Leave requests and transfer to MicrOpay changed from off to on",
    );
  });

  it("keeps a setting it has no name for as it is", () => {
    expect(describeChange(change("something.new", "a", "b"))).toBe("something.new changed from a to b");
  });
});

import { describe, expect, it } from "vitest";

import { lastChange } from "./text";

describe("directions text", () => {
  it("says a group was never changed", () => {
    expect(lastChange(null, null)).toBe("Default, never changed");
  });

  it("says where a change was made", () => {
    expect(lastChange("2026-03-02T10:15:00Z", "cli")).toMatch(/^Changed .*2026.* from the command line$/);
  });
});

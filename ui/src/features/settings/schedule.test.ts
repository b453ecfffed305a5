import { describe, expect, it } from "vitest";

import { scheduleOf } from "./SyncScheduleSection";

describe("the schedule a draft saves", () => {
  it("keeps only the field its kind uses", () => {
    expect(scheduleOf({ kind: "everyMinutes", minutes: 15, at: "07:00" })).toEqual({
      kind: "everyMinutes",
      minutes: 15,
    });
    expect(scheduleOf({ kind: "daily", minutes: 30, at: "06:30" })).toEqual({
      kind: "daily",
      at: "06:30",
    });
    expect(scheduleOf({ kind: "hourly", minutes: 30, at: "06:30" })).toEqual({ kind: "hourly" });
    expect(scheduleOf({ kind: "off", minutes: 30, at: "06:30" })).toEqual({ kind: "off" });
  });
});

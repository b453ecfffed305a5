import { describe, expect, it } from "vitest";

import type { SyncRunSummary } from "../../api";
import { formatDuration, micropayReadText, progressText, retryText, shownValue } from "./text";

const run = (retryLater: number): SyncRunSummary => ({
  id: 3,
  trigger: "schedule",
  startedAt: "2026-06-01T09:00:00Z",
  finishedAt: "2026-06-01T09:00:04Z",
  durationMs: 4200,
  result: retryLater > 0 ? "partial" : "done",
  counts: { read: 4, changed: 2, written: 1, held: 0, conflicts: 0, pending: 0, rejected: 0 },
  retryLater,
  message: null,
  micropayRead: null,
});

describe("history text", () => {
  it("formats durations for people", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
  });

  it("says how many a partial run left for the next sync", () => {
    expect(retryText(run(0))).toBeNull();
    expect(retryText(run(1))).toBe("1 will be retried on the next sync.");
    expect(retryText(run(2))).toBe("2 will be retried on the next sync.");
  });

  it("says whether the run read everyone in MicrOpay", () => {
    expect(micropayReadText(run(0))).toBeNull();
    expect(micropayReadText({ ...run(0), micropayRead: { kind: "full", why: "the first sync" } })).toBe(
      "Read every MicrOpay employee (the first sync).",
    );
    const since = micropayReadText({
      ...run(0),
      micropayRead: { kind: "changedSince", since: "2026-06-01T08:50:00Z", readOneByOne: 2 },
    });
    expect(since).toContain("payroll changed since");
    expect(since).toContain("and 2 more one by one");
  });

  it("names the phase of a scheduled run", () => {
    expect(progressText("updating-worknice", 3, 40)).toBe(
      "Scheduled sync: Updating Worknice, 3 of 40",
    );
    expect(progressText("reading", 0, 0)).toBe("Scheduled sync: Reading both sides");
  });

  it("shows an empty value as empty", () => {
    expect(shownValue(null)).toBe("(empty)");
    expect(shownValue("")).toBe("(empty)");
    expect(shownValue("•••• 123")).toBe("•••• 123");
  });
});

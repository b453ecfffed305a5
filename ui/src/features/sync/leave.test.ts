import { describe, expect, it } from "vitest";

import type { LeaveTransferCounts } from "../../api";
import { leaveRequestsText } from "./leave";

const counts = (changes: Partial<LeaveTransferCounts>): LeaveTransferCounts => ({
  read: 0,
  transferred: 0,
  alreadyTransferred: 0,
  held: 0,
  pending: 0,
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

  it("says when there was nothing to send", () => {
    expect(leaveRequestsText(counts({}))).toBe("No approved leave requests to send to MicrOpay.");
  });
});

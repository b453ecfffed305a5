import { describe, expect, it } from "vitest";

import type { SavedConnection } from "../../api";
import { NOT_CONNECTED, secretPlaceholder, statusFromError, statusFromSaved } from "./status";

const saved: SavedConnection = {
  kind: "micropay",
  url: "http://127.0.0.1:4100",
  username: "payroll",
  payrollCompany: "DEMO",
  organisation: "Demo Pty Ltd",
  employeeCount: 250,
  lastCheckedAt: "2026-11-25T10:00:00Z",
  lastError: null,
  statusLine: "Connected to Demo Pty Ltd — 250 employees",
};

describe("statusFromSaved", () => {
  it("shows nothing saved as not connected", () => {
    expect(statusFromSaved(null)).toBe(NOT_CONNECTED);
  });

  it("shows a saved connection with its status line", () => {
    expect(statusFromSaved(saved)).toEqual({
      state: "connected",
      text: "Connected to Demo Pty Ltd — 250 employees",
    });
  });

  it("shows the last failure when the last check failed", () => {
    const failed = { ...saved, lastError: { code: "unreachable", message: "Can't reach MicrOpay." } };
    expect(statusFromSaved(failed as SavedConnection)).toEqual({
      state: "failed",
      code: "unreachable",
      text: "Can't reach MicrOpay.",
    });
  });
});

describe("statusFromError", () => {
  it("carries the code so the screen can colour and test it", () => {
    const status = statusFromError({ code: "wrong_credentials", message: "Wrong password." });
    expect(status).toEqual({ state: "failed", code: "wrong_credentials", text: "Wrong password." });
  });
});

describe("secretPlaceholder", () => {
  it("tells the user a saved secret is kept when left blank", () => {
    expect(secretPlaceholder(true, "")).toBe("Saved in your keyring — leave blank to keep");
    expect(secretPlaceholder(false, "")).toBe("");
  });
});

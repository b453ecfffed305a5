import { describe, expect, it } from "vitest";

import { exportFileName, formatBytes, formatWhen } from "./format";

describe("formatBytes", () => {
  it("uses the largest unit that keeps the number readable", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(250 * 1024)).toBe("250 KB");
    expect(formatBytes(3.2 * 1024 * 1024)).toBe("3.2 MB");
  });
});

describe("exportFileName", () => {
  it("keeps the backup's name and swaps the extension for the format", () => {
    expect(exportFileName("backup-20261125-101500-ab12cd34.pbbackup", "csv")).toBe(
      "backup-20261125-101500-ab12cd34.csv",
    );
    expect(exportFileName("backup-1.pbbackup", "encrypted")).toBe("backup-1.pbbackup");
    expect(exportFileName("", "json")).toBe("paybridge-backup.json");
  });
});

describe("formatWhen", () => {
  it("leaves a date it cannot read as it is", () => {
    expect(formatWhen("not a date")).toBe("not a date");
    expect(formatWhen("2026-11-25T10:15:00Z")).toMatch(/2026/);
  });
});

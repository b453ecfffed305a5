import { describe, expect, it } from "vitest";

import type { EmployeePage, ImportCandidate } from "../../api";
import { afterFailedLoad, PageMerge } from "./pages";

function row(idEmployee: number, kind: "new" | "cantImport" = "new"): ImportCandidate {
  return {
    idEmployee,
    empCode: `E${idEmployee}`,
    name: `Person ${idEmployee}`,
    location: "Sydney",
    payrollCompany: "Demo Pty Ltd",
    terminated: false,
    linkState: kind === "new" ? { kind } : { kind, reasons: ["Shared code."] },
  };
}

const page = (loaded: number, rows: ImportCandidate[]): EmployeePage => ({
  loaded,
  total: 4,
  rows,
});

describe("PageMerge", () => {
  it("keeps MicrOpay's order, page by page, and applies the corrections at the end", () => {
    const merge = new PageMerge();
    expect(merge.add(page(2, []))).toBe(false);
    expect(merge.add(page(2, [row(1), row(2)]))).toBe(true);
    const afterFirst = merge.rows;
    expect(merge.add(page(4, [row(3), row(4)]))).toBe(true);
    expect(merge.rows).not.toBe(afterFirst);
    expect(afterFirst.map((r) => r.idEmployee)).toEqual([1, 2]);
    expect(merge.complete()).toBeNull();
    merge.end({ pages: 3, corrected: [row(1, "cantImport"), row(3, "cantImport")] });
    const rows = merge.complete();
    expect(rows?.map((r) => [r.idEmployee, r.linkState.kind])).toEqual([
      [1, "cantImport"],
      [2, "new"],
      [3, "cantImport"],
      [4, "new"],
    ]);
  });

  it("waits for messages the result counts that have not arrived yet", () => {
    const merge = new PageMerge();
    merge.add(page(2, [row(1), row(2)]));
    merge.end({ pages: 2, corrected: [] });
    expect(merge.complete()).toBeNull();
    merge.add(page(4, [row(3), row(4)]));
    expect(merge.complete()?.length).toBe(4);
  });
});

describe("afterFailedLoad", () => {
  it("drops the first rows of a load that failed, and keeps a finished list", () => {
    const rows = [row(1), row(2)];
    expect(afterFailedLoad({ rows, whole: false })).toEqual({ rows: [], whole: true });
    const finished = { rows, whole: true };
    expect(afterFailedLoad(finished)).toBe(finished);
  });
});

import { describe, expect, it } from "vitest";

import type { ImportCandidate, ImportSummary, LinkState } from "../../api";
import {
  applyFilters,
  includeTerminatedHint,
  choices,
  type Filters,
  linkNote,
  NO_FILTERS,
  plural,
  searchIndex,
  selectableKeys,
  selectedCodes,
} from "./model";

function candidate(
  idEmployee: number,
  empCode: string,
  name: string,
  extra: Partial<ImportCandidate> = {},
): ImportCandidate {
  return {
    idEmployee,
    empCode,
    name,
    location: "Sydney",
    payrollCompany: "Demo Pty Ltd",
    terminated: false,
    linkState: { kind: "new" },
    ...extra,
  };
}

const invalidBsb: LinkState = {
  kind: "cantImport",
  reasons: ["Invalid BSB on bank account 1: too short.", "Correct it in MicrOpay."],
};
const people = [
  candidate(1001, "E0001", "Olivia Nguyen"),
  candidate(1002, "E0002", "Jack Smith", { location: "Perth", terminated: true }),
  candidate(1003, "E0003", "Mia Nguyen-Smith", { linkState: invalidBsb }),
  candidate(1004, "", "Noah Brown", { payrollCompany: "Other Co" }),
];
const index = searchIndex(people);
const names = (filters: Partial<Filters>) =>
  applyFilters(people, index, { ...NO_FILTERS, ...filters }).map((c) => c.name);

describe("applyFilters", () => {
  it("keeps everyone without filters", () => {
    expect(names({})).toHaveLength(4);
  });

  it("searches name and code, any case, every word", () => {
    expect(names({ search: "nguyen" })).toEqual(["Olivia Nguyen", "Mia Nguyen-Smith"]);
    expect(names({ search: "e0002" })).toEqual(["Jack Smith"]);
    expect(names({ search: "  SMITH   mia " })).toEqual(["Mia Nguyen-Smith"]);
    expect(names({ search: "zzz" })).toEqual([]);
  });

  it("filters by location, company, link state and terminated", () => {
    expect(names({ location: "Perth" })).toEqual(["Jack Smith"]);
    expect(names({ company: "Other Co" })).toEqual(["Noah Brown"]);
    expect(names({ state: "cantImport" })).toEqual(["Mia Nguyen-Smith"]);
    expect(names({ terminated: "terminated" })).toEqual(["Jack Smith"]);
    expect(names({ terminated: "current", search: "smith" })).toEqual(["Mia Nguyen-Smith"]);
  });
});

describe("selection", () => {
  it("never selects an employee without an EmpCode", () => {
    expect([...selectableKeys(people)]).toEqual([1001, 1002, 1003]);
  });

  it("names the selected employees by EmpCode, in list order", () => {
    expect(selectedCodes(people, new Set([1003, 1001, 1004, 9999]))).toEqual(["E0001", "E0003"]);
  });
});

describe("labels", () => {
  it("lists a can't-import employee's reasons", () => {
    expect(linkNote(invalidBsb)).toBe(
      "Invalid BSB on bank account 1: too short. Correct it in MicrOpay.",
    );
  });

  it("offers each location and company once, sorted", () => {
    expect(choices(people, "location")).toEqual(["Perth", "Sydney"]);
    expect(choices(people, "payrollCompany")).toEqual(["Demo Pty Ltd", "Other Co"]);
  });

  it("counts in words", () => {
    expect(plural(1, "employee")).toBe("1 employee");
    expect(plural(10000, "employee")).toBe("10,000 employees");
  });
});

describe("includeTerminatedHint", () => {
  const summary = (reasons: string[]): ImportSummary => ({
    dryRun: false,
    cancelled: false,
    partial: false,
    listed: reasons.length,
    created: 0,
    linked: 0,
    skipped: reasons.length,
    alreadyLinked: 0,
    skippedRecords: reasons.map((reason, n) => ({ empCode: `E${n}`, name: "", reason })),
    held: [],
    heldCount: 0,
    retryNextRun: [],
    retryNextRunCount: 0,
    backupId: null,
  });

  it("says how to include the leavers a run skipped", () => {
    expect(includeTerminatedHint(summary(["terminated on 2025-03-14"]))).toContain(
      "Include terminated",
    );
    expect(
      includeTerminatedHint(summary(["terminated on 2025-03-14", "terminated on 2024-01-02"])),
    ).toMatch(/^2 employees who have left were not imported/);
  });

  it("says nothing when no leaver was skipped", () => {
    expect(includeTerminatedHint(summary([]))).toBeNull();
    expect(
      includeTerminatedHint(summary(["not reached before the import was cancelled"])),
    ).toBeNull();
  });
});

import { describe, expect, it } from "vitest";

import type { ImportCandidate, LinkState } from "../../api";
import {
  applyFilters,
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

import { describe, expect, it } from "vitest";

import type { LeaveCategoryRow } from "../../api";
import { cannotShow, kindLabel, privacySaved, visibilitySaved } from "./text";

const row = (changes: Partial<LeaveCategoryRow>): LeaveCategoryRow => ({
  code: "FDV",
  name: "Family and Domestic Violence Leave",
  kind: "userDefined",
  leaveType: "UserDefinedLeave",
  leaveCode: "FDV",
  inactive: false,
  workniceMatch: "willBeCreated",
  workniceTypeId: null,
  workniceTypeName: null,
  worknice: "will be created in Worknice",
  visible: false,
  private: true,
  privateByDefault: true,
  changedAt: null,
  changedBy: null,
  ...changes,
});

describe("leave text", () => {
  it("names the standard kinds as MicrOpay spells them", () => {
    expect(kindLabel("personalCarers")).toBe("Personal/carer's leave (SickLeave)");
  });

  it("says what a switch did", () => {
    expect(visibilitySaved(row({ visible: true }))).toBe(
      "Family and Domestic Violence Leave: visible to employees.",
    );
    expect(privacySaved(row({ private: false }))).toBe("Family and Domestic Violence Leave: not private.");
  });

  it("refuses to show an inactive category, but lets one already shown be hidden", () => {
    expect(cannotShow(row({ inactive: true }))).toMatch(/Inactive in MicrOpay/);
    expect(cannotShow(row({ inactive: true, visible: true }))).toBeNull();
    expect(cannotShow(row({}))).toBeNull();
  });
});

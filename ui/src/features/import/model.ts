// The Import picker's logic without React: link-state labels, search,
// filters and selection. Unit-tested; fast enough for 10,000 rows per keystroke.
import type { ImportCandidate, ImportSummary, LinkState } from "../../api";

export type LinkKind = LinkState["kind"];

export const LINK_LOOK: Record<LinkKind, { label: string; color: string }> = {
  new: { label: "New", color: "indigo" },
  matches: { label: "Matches", color: "cyan" },
  alreadyLinked: { label: "Linked", color: "teal" },
  cantImport: { label: "Can't import", color: "red" },
};

/** What importing the employee would do, in words for the row's last column. */
export function linkNote(state: LinkState): string {
  switch (state.kind) {
    case "new":
      return "Will create a Worknice person";
    case "matches":
      return "Same Employee ID in Worknice: will link";
    case "alreadyLinked":
      return "Linked to Worknice";
    case "cantImport":
      return state.reasons.join(" ");
  }
}

export type TerminatedFilter = "all" | "current" | "terminated";

export interface Filters {
  search: string;
  location: string | null;
  company: string | null;
  state: LinkKind | "all";
  terminated: TerminatedFilter;
}

export const NO_FILTERS: Filters = {
  search: "",
  location: null,
  company: null,
  state: "all",
  terminated: "all",
};

/** A candidate's key: EmpCodes can be empty, `idEmployee` never is. */
export const keyOf = (candidate: ImportCandidate): number => candidate.idEmployee;

/** Only employees with an EmpCode can be named in an import. */
export const isSelectable = (candidate: ImportCandidate): boolean => candidate.empCode !== "";

/** Lower-cased "code name" per candidate, built once per load. */
export function searchIndex(candidates: readonly ImportCandidate[]): string[] {
  return candidates.map((candidate) => `${candidate.empCode} ${candidate.name}`.toLowerCase());
}

export function applyFilters(
  candidates: readonly ImportCandidate[],
  index: readonly string[],
  filters: Filters,
): ImportCandidate[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
  const result: ImportCandidate[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (filters.location !== null && candidate.location !== filters.location) continue;
    if (filters.company !== null && candidate.payrollCompany !== filters.company) continue;
    if (filters.state !== "all" && candidate.linkState.kind !== filters.state) continue;
    if (filters.terminated === "current" && candidate.terminated) continue;
    if (filters.terminated === "terminated" && !candidate.terminated) continue;
    const text = index[i] ?? "";
    if (!words.every((word) => text.includes(word))) continue;
    result.push(candidate);
  }
  return result;
}

/** The distinct non-empty values of a column, sorted, for a filter's choices. */
export function choices(
  candidates: readonly ImportCandidate[],
  column: "location" | "payrollCompany",
): string[] {
  const values = new Set<string>();
  for (const candidate of candidates) if (candidate[column]) values.add(candidate[column]);
  return [...values].sort((a, b) => a.localeCompare(b));
}

export function selectableKeys(candidates: readonly ImportCandidate[]): Set<number> {
  return new Set(candidates.filter(isSelectable).map(keyOf));
}

/** The EmpCodes of the selected candidates that are still in the list. */
export function selectedCodes(
  candidates: readonly ImportCandidate[],
  selected: ReadonlySet<number>,
): string[] {
  return candidates
    .filter((candidate) => selected.has(keyOf(candidate)) && isSelectable(candidate))
    .map((candidate) => candidate.empCode);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-AU")} ${count === 1 ? one : many}`;
}

/** How the engine's reason for a leaver who was not imported begins. */
const TERMINATED = "terminated on ";

/** What to do to import the leavers a run skipped; null when it skipped none. */
export function includeTerminatedHint(summary: ImportSummary): string | null {
  const leavers = summary.skippedRecords.filter((record) =>
    record.reason.startsWith(TERMINATED),
  ).length;
  if (leavers === 0) return null;
  return `${plural(leavers, "employee")} who have left ${leavers === 1 ? "was" : "were"} not imported. To import them too, tick "Include terminated" and import again.`;
}

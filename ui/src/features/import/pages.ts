// The picker's rows as they arrive: one message per MicrOpay page (its rows
// may come with a later one), then the call's result, which counts the
// messages and carries the rows that changed once every page was read.
import type { EmployeePage, EmployeesLoaded, ImportCandidate } from "../../api";
import { keyOf } from "./model";

export class PageMerge {
  /** The rows received so far, in MicrOpay's order; a new array per page with rows. */
  rows: readonly ImportCandidate[] = [];
  private received = 0;
  private result: EmployeesLoaded | null = null;

  /** One message; true when it brought rows. */
  add(page: EmployeePage): boolean {
    this.received++;
    if (page.rows.length === 0) return false;
    this.rows = this.rows.concat(page.rows);
    return true;
  }

  /** The call's result, which may come before its last messages. */
  end(result: EmployeesLoaded): void {
    this.result = result;
  }

  /** Every row, corrections applied, once the result and every message are in; else null. */
  complete(): ImportCandidate[] | null {
    if (this.result === null || this.received < this.result.pages) return null;
    const corrected = new Map(this.result.corrected.map((row) => [keyOf(row), row]));
    return this.rows.map((row) => corrected.get(keyOf(row)) ?? row);
  }
}

/** What the list shows: whole, a finished load's rows; else the first rows of one still running. */
export interface ShownRows {
  rows: readonly ImportCandidate[];
  whole: boolean;
}

/**
 * The list once the newest load failed: a finished load's rows stay, but the
 * first rows of an unfinished one go, since they are not the employees (some
 * missing, some link states not yet corrected) and could be imported as such.
 */
export function afterFailedLoad(shown: ShownRows): ShownRows {
  return shown.whole ? shown : { rows: [], whole: true };
}

import { useCallback, useRef, useState } from "react";

import type { AppError, ImportCandidate, LoadProgress } from "../../api";
import { listEmployees, toAppError } from "../../api";
import { afterFailedLoad, PageMerge } from "./pages";

export interface EmployeesState {
  candidates: readonly ImportCandidate[];
  /** Set while a load runs; `total` is 0 until MicrOpay's first page says it. */
  loading: LoadProgress | null;
  error: AppError | null;
  /** Loads finished so far, failed ones included; lets tests wait for "done". */
  loads: number;
  /** Milliseconds the last load took, from the call to the rows in state. */
  lastLoadMs: number | null;
  /** Milliseconds from the call to MicrOpay's last page read, in the last load. */
  lastFetchedMs: number | null;
  load(): Promise<void>;
}

/**
 * MicrOpay's employees with their link states, loaded page by page. An
 * empty list shows the first rows as soon as they arrive, then the rest once
 * complete: a render per page would compete with the read for the CPU. A
 * reload keeps the list it has until the new one is complete.
 */
export function useEmployees(): EmployeesState {
  const [candidates, setCandidates] = useState<readonly ImportCandidate[]>([]);
  const [loading, setLoading] = useState<LoadProgress | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loads, setLoads] = useState(0);
  const [lastLoadMs, setLastLoadMs] = useState<number | null>(null);
  const [lastFetchedMs, setLastFetchedMs] = useState<number | null>(null);
  // Only the newest load may fill the list.
  const latest = useRef(0);
  const shown = useRef(candidates);
  shown.current = candidates;
  // False while the list is only the first rows of a load still running.
  const shownWhole = useRef(true);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const started = performance.now();
    let intoView = shown.current.length === 0;
    setLoading({ loaded: 0, total: 0 });
    let fetchedMs: number | null = null;
    const merge = new PageMerge();
    let allIn = () => {};
    const everyPage = new Promise<void>((resolve) => (allIn = resolve));
    try {
      const result = await listEmployees((page) => {
        if (page.total > 0 && page.loaded >= page.total) {
          fetchedMs ??= performance.now() - started;
        }
        const newRows = merge.add(page);
        if (ticket === latest.current) {
          setLoading({ loaded: page.loaded, total: page.total });
          if (newRows && intoView) {
            setCandidates(merge.rows);
            shownWhole.current = false;
            intoView = false;
          }
        }
        if (merge.complete() !== null) allIn();
      });
      merge.end(result);
      if (merge.complete() === null) await everyPage;
      if (ticket !== latest.current) return;
      setCandidates(merge.complete() ?? []);
      shownWhole.current = true;
      setError(null);
      setLastLoadMs(performance.now() - started);
      setLastFetchedMs(fetchedMs);
    } catch (reason) {
      if (ticket === latest.current) {
        setError(toAppError(reason));
        const kept = afterFailedLoad({ rows: shown.current, whole: shownWhole.current });
        if (kept.rows !== shown.current) setCandidates(kept.rows);
        shownWhole.current = kept.whole;
      }
    } finally {
      if (ticket === latest.current) {
        setLoading(null);
        setLoads((count) => count + 1);
      }
    }
  }, []);

  return { candidates, loading, error, loads, lastLoadMs, lastFetchedMs, load };
}

import { useCallback, useRef, useState } from "react";

import type { AppError, ImportCandidate, LoadProgress } from "../../api";
import { listEmployees, toAppError } from "../../api";

export interface EmployeesState {
  candidates: ImportCandidate[];
  /** Set while a load runs; `total` is 0 until MicrOpay's first page says it. */
  loading: LoadProgress | null;
  error: AppError | null;
  /** Loads finished so far, failed ones included; lets tests wait for "done". */
  loads: number;
  /** Milliseconds the last load took, from the call to the rows in state. */
  lastLoadMs: number | null;
  load(): Promise<void>;
}

/** MicrOpay's employees with their link states, loaded page by page. */
export function useEmployees(): EmployeesState {
  const [candidates, setCandidates] = useState<ImportCandidate[]>([]);
  const [loading, setLoading] = useState<LoadProgress | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loads, setLoads] = useState(0);
  const [lastLoadMs, setLastLoadMs] = useState<number | null>(null);
  // Only the newest load may fill the list.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const started = performance.now();
    setLoading({ loaded: 0, total: 0 });
    try {
      const rows = await listEmployees((progress) => {
        if (ticket === latest.current) setLoading(progress);
      });
      if (ticket !== latest.current) return;
      setCandidates(rows);
      setError(null);
      setLastLoadMs(performance.now() - started);
    } catch (reason) {
      if (ticket === latest.current) setError(toAppError(reason));
    } finally {
      if (ticket === latest.current) {
        setLoading(null);
        setLoads((count) => count + 1);
      }
    }
  }, []);

  return { candidates, loading, error, loads, lastLoadMs, load };
}

import { useCallback, useMemo, useRef, useState } from "react";

import type { AppError, SyncPreview } from "../../api";
import { syncPreview, toAppError } from "../../api";

export interface SyncPreviewState {
  preview: SyncPreview | null;
  loading: boolean;
  problem: AppError | null;
  /** Previews finished so far (failed ones included); lets tests wait for one. */
  loads: number;
  load(): Promise<void>;
}

/** "Preview": the plan a sync would carry out now, read in the background. */
export function useSyncPreview(): SyncPreviewState {
  const [preview, setPreview] = useState<SyncPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [loads, setLoads] = useState(0);
  // Only the latest request's answer is shown: an older one finishing later is stale.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    setProblem(null);
    try {
      const plan = await syncPreview();
      if (request === latest.current) setPreview(plan);
    } catch (reason) {
      if (request === latest.current) setProblem(toAppError(reason));
    } finally {
      if (request === latest.current) setLoading(false);
      setLoads((count) => count + 1);
    }
  }, []);

  return useMemo(
    () => ({ preview, loading, problem, loads, load }),
    [preview, loading, problem, loads, load],
  );
}

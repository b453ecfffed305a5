import { useCallback, useMemo, useState } from "react";

import type { AppError, SyncProgressUpdate, SyncRunDetail } from "../../api";
import { cancelSync, syncNow, toAppError } from "../../api";

export type SyncRun =
  | { phase: "idle" }
  | { phase: "running"; progress: SyncProgressUpdate | null; cancelling: boolean }
  | { phase: "finished"; detail: SyncRunDetail }
  | { phase: "failed"; error: AppError };

export interface SyncRunState {
  run: SyncRun;
  /** Runs finished so far (failed ones included); lets tests wait for one. */
  finished: number;
  /** Progress messages the last run sent; lets tests see they were streamed. */
  updates: number;
  start(): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

/** "Sync now": one run at a time, in the background, with progress and Cancel. */
export function useSyncRun(onFinished: () => void): SyncRunState {
  const [run, setRun] = useState<SyncRun>({ phase: "idle" });
  const [finished, setFinished] = useState(0);
  const [updates, setUpdates] = useState(0);

  const start = useCallback(async () => {
    setRun({ phase: "running", progress: null, cancelling: false });
    setUpdates(0);
    try {
      const detail = await syncNow((progress) => {
        setUpdates((count) => count + 1);
        setRun((previous) => (previous.phase === "running" ? { ...previous, progress } : previous));
      });
      setRun({ phase: "finished", detail });
    } catch (reason) {
      setRun({ phase: "failed", error: toAppError(reason) });
    } finally {
      setFinished((count) => count + 1);
      onFinished();
    }
  }, [onFinished]);

  const cancel = useCallback(() => {
    setRun((previous) =>
      previous.phase === "running" ? { ...previous, cancelling: true } : previous,
    );
    // The run answers as partial; a failure to ask changes nothing.
    cancelSync().catch(() => undefined);
  }, []);

  const dismiss = useCallback(() => setRun({ phase: "idle" }), []);

  return useMemo(
    () => ({ run, finished, updates, start, cancel, dismiss }),
    [run, finished, updates, start, cancel, dismiss],
  );
}

import { useCallback, useMemo, useState } from "react";

import type { AppError, ImportProgressUpdate, ImportSummary } from "../../api";
import { cancelImport, importEmployees, toAppError } from "../../api";

export type ImportRun =
  | { phase: "idle" }
  | { phase: "running"; progress: ImportProgressUpdate; cancelling: boolean }
  | { phase: "finished"; summary: ImportSummary }
  | { phase: "failed"; error: AppError };

export interface ImportRunState {
  run: ImportRun;
  /** Imports finished so far (failed ones included); lets tests wait for "done". */
  finished: number;
  /** Terminated employees among `empCodes` are skipped unless `includeTerminated`. */
  start(empCodes: string[], includeTerminated: boolean): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

const STARTING: ImportProgressUpdate = { done: 0, total: 0, currentName: "" };

/** One import at a time, in the background, with progress and Cancel. */
export function useImportRun(onFinished: () => void): ImportRunState {
  const [run, setRun] = useState<ImportRun>({ phase: "idle" });
  const [finished, setFinished] = useState(0);

  const start = useCallback(
    async (empCodes: string[], includeTerminated: boolean) => {
      setRun({ phase: "running", progress: STARTING, cancelling: false });
      try {
        const summary = await importEmployees(
          { kind: "empCodes", empCodes },
          (progress) =>
            setRun((previous) =>
              previous.phase === "running" ? { ...previous, progress } : previous,
            ),
          false,
          includeTerminated,
        );
        setRun({ phase: "finished", summary });
      } catch (reason) {
        setRun({ phase: "failed", error: toAppError(reason) });
      } finally {
        setFinished((count) => count + 1);
        onFinished();
      }
    },
    [onFinished],
  );

  const cancel = useCallback(() => {
    setRun((previous) =>
      previous.phase === "running" ? { ...previous, cancelling: true } : previous,
    );
    // The import answers with `cancelled: true`; a failure here changes nothing.
    cancelImport().catch(() => undefined);
  }, []);

  const dismiss = useCallback(() => setRun({ phase: "idle" }), []);

  return useMemo(
    () => ({ run, finished, start, cancel, dismiss }),
    [run, finished, start, cancel, dismiss],
  );
}

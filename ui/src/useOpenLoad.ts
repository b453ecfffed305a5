import { useCallback, useEffect, useState } from "react";

import type { AppError } from "./api";
import { toAppError } from "./api";

/**
 * A screen that reads its data again each time it opens: `load` (stable,
 * from `useCallback`) runs whenever `active` turns true. `loads` counts the
 * reads that finished, failed ones too (the screen shows it as
 * `data-loads`, which the end-to-end specs wait on); `problem` is the last
 * failure, cleared by a read that works. `setProblem` lets the screen's
 * own writes report through the same alert.
 */
export function useOpenLoad(active: boolean, load: () => Promise<void>) {
  const [loads, setLoads] = useState(0);
  const [problem, setProblem] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    try {
      await load();
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setLoads((count) => count + 1);
    }
  }, [load]);

  useEffect(() => {
    if (active) void refresh();
  }, [active, refresh]);

  return { loads, problem, setProblem };
}

import { useCallback, useState } from "react";

import type { AppError } from "../../api";
import { toAppError } from "../../api";

/**
 * A settings section's save: whether it is under way, whether it went
 * through (cleared by `setSaved(false)` once the user edits again), and the
 * problem if it did not.
 */
export function useSave() {
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);

  /** Runs `write`; "saved" only once it has resolved. */
  const save = useCallback(async (write: () => Promise<void>) => {
    setSaving(true);
    setProblem(null);
    setSaved(false);
    try {
      await write();
      setSaved(true);
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setSaving(false);
    }
  }, []);

  return { saving, saved, setSaved, problem, setProblem, save };
}

import { Switch } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";

import { getKeepSyncingWhenClosed, setKeepSyncingWhenClosed, toAppError } from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SavedStatus } from "../../components/SavedStatus";
import { SettingsSection } from "./SettingsSection";
import { useSave } from "./useSave";

interface KeepSyncingSectionProps {
  active: boolean;
}

/** What closing the window does: quit, or keep syncing on schedule from the tray. */
export function KeepSyncingSection({ active }: KeepSyncingSectionProps) {
  const [keep, setKeep] = useState<boolean | null>(null);
  const { saving, saved, setSaved, problem, setProblem, save } = useSave();

  const refresh = useCallback(async () => {
    try {
      setKeep(await getKeepSyncingWhenClosed());
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    }
  }, [setProblem]);

  useEffect(() => {
    if (active) {
      setSaved(false);
      void refresh();
    }
  }, [active, refresh, setSaved]);

  const change = (next: boolean) =>
    void save(async () => {
      setKeep(await setKeepSyncingWhenClosed(next));
    });

  const headingId = "keep-syncing-heading";
  return (
    <SettingsSection
      headingId={headingId}
      title="When the window is closed"
      description="Off: closing the window quits Paybridge, and a sync that is running stops at a safe point (what is left is retried on the next sync). On: closing the window keeps Paybridge running in the system tray, so scheduled syncs go on; choose Open Paybridge or Quit from its tray icon."
      testId="keep-syncing"
      state={{ "data-loaded": keep !== null, "data-keep": keep ?? undefined }}
    >
      <Switch
        label="Keep syncing on schedule when the window is closed"
        checked={keep ?? false}
        disabled={keep === null || saving}
        onChange={(event) => change(event.currentTarget.checked)}
        data-testid="keep-syncing-switch"
      />
      <ProblemAlert problem={problem} title="The choice was not saved" testId="keep-syncing-problem" />
      <SavedStatus
        message={
          saved && keep !== null
            ? keep
              ? "Saved: closing the window keeps Paybridge in the tray."
              : "Saved: closing the window quits Paybridge."
            : null
        }
        testId="keep-syncing-saved"
      />
    </SettingsSection>
  );
}

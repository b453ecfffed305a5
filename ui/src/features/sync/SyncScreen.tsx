import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconEye, IconRefresh } from "@tabler/icons-react";
import { useCallback, useRef } from "react";

import { ProblemAlert } from "../../components/ProblemAlert";
import { PreviewPanel } from "./PreviewPanel";
import { SyncRunPanel } from "./SyncRunPanel";
import { useSyncPreview } from "./useSyncPreview";
import { useSyncRun } from "./useSyncRun";

/** Preview what a sync would do, and "Sync now". */
export function SyncScreen() {
  const preview = useSyncPreview();
  // A shown preview is stale once a run has written: it is read again.
  const shownPreview = useRef(false);
  shownPreview.current = preview.preview !== null;
  const { load } = preview;
  const afterRun = useCallback(() => {
    if (shownPreview.current) void load();
  }, [load]);
  const run = useSyncRun(afterRun);
  const running = run.run.phase === "running";

  return (
    <Stack
      gap="md"
      maw={1180}
      data-testid="sync-screen"
      data-preview-loads={preview.loads}
      data-preview-loading={preview.loading}
      data-runs={run.finished}
      data-progress-updates={run.updates}
    >
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Sync</Title>
          <Text c="dimmed" size="sm">
            Brings MicrOpay and Worknice into step, each data group the way Directions says.
            Preview shows what a sync would change and writes nothing.
          </Text>
        </div>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={preview.preview ? <IconRefresh size={16} /> : <IconEye size={16} />}
            loading={preview.loading}
            onClick={() => void load()}
            data-testid="sync-preview-button"
          >
            Preview
          </Button>
          <Button
            onClick={() => void run.start()}
            disabled={running}
            data-testid="sync-now-button"
          >
            Sync now
          </Button>
        </Group>
      </Group>

      <SyncRunPanel state={run} />

      <ProblemAlert
        problem={preview.problem}
        title="The preview could not be made"
        testId="sync-preview-problem"
      />

      {preview.loading && preview.preview === null && (
        <Text size="sm" c="dimmed" data-testid="sync-preview-loading">
          Reading MicrOpay and Worknice to work out what a sync would change…
        </Text>
      )}
      {preview.preview && <PreviewPanel preview={preview.preview} />}
    </Stack>
  );
}

import { Button, Group, Paper, Progress, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconPlayerStop } from "@tabler/icons-react";
import { memo, useMemo } from "react";

import type {
  HeldLeaveRequest,
  SkippedPayrollLeave,
  SyncRunRecord,
  SyncRunSummary,
} from "../../api";
import { LeaveRequestsResult } from "./LeaveRequestsResult";
import { PlanList } from "./PlanList";
import { Counts } from "./PreviewPanel";
import { ProblemAlert } from "../../components/ProblemAlert";
import {
  RESULT_TITLES,
  plural,
  progressPercent,
  progressText,
  resultNote,
  runProblemTitle,
  troubledRecords,
} from "./model";
import type { SyncRunState } from "./useSyncRun";

/** The running sync's progress, or how the last one ended. */
export const SyncRunPanel = memo(function SyncRunPanel({ state }: { state: SyncRunState }) {
  const { run } = state;
  switch (run.phase) {
    case "idle":
      return null;
    case "running": {
      const { progress } = run;
      const counted = progress !== null && progress.total > 0;
      return (
        <Paper
          withBorder
          radius="md"
          p="md"
          shadow="xs"
          data-testid="sync-progress"
          data-phase={progress?.phase ?? "starting"}
          data-done={progress?.done ?? 0}
          data-total={progress?.total ?? 0}
        >
          <Group justify="space-between" wrap="nowrap" mb="xs">
            <Text fw={600} size="sm" aria-live="polite" data-testid="sync-progress-text">
              {run.cancelling
                ? "Cancelling at the next safe point…"
                : progressText(progress)}
            </Text>
            <Button
              variant="default"
              color="red"
              size="xs"
              leftSection={<IconPlayerStop size={14} />}
              onClick={state.cancel}
              disabled={run.cancelling}
              data-testid="sync-cancel"
            >
              Cancel
            </Button>
          </Group>
          <Progress
            value={counted ? progressPercent(progress) : 100}
            animated={!counted}
            striped={!counted}
            size="lg"
            radius="xl"
            aria-label="Sync progress"
          />
        </Paper>
      );
    }
    case "failed":
      return (
        <ProblemAlert
          problem={run.error}
          title={runProblemTitle(run.error)}
          testId={run.error.code === "busy" ? "sync-busy" : "sync-failed"}
        />
      );
    case "finished":
      return (
        <RunResultPanel
          summary={run.detail.summary}
          records={run.detail.records}
          leaveHeld={run.detail.leaveHeld}
          leaveSkipped={run.detail.leaveFromPayrollSkipped}
          onClose={state.dismiss}
        />
      );
  }
});

function RunResultPanel({
  summary,
  records,
  leaveHeld,
  leaveSkipped,
  onClose,
}: {
  summary: SyncRunSummary;
  records: SyncRunRecord[];
  leaveHeld: HeldLeaveRequest[];
  leaveSkipped: SkippedPayrollLeave[];
  onClose(): void;
}) {
  const ok = summary.result === "done";
  const color = summary.result === "failed" ? "red" : ok ? "teal" : "orange";
  const note = resultNote(summary);
  // Held, rejected and unwritten records first: they are what needs doing.
  const ordered = useMemo(() => {
    const troubled = troubledRecords(records);
    const first = new Set(troubled);
    return { troubled: troubled.length, all: [...troubled, ...records.filter((r) => !first.has(r))] };
  }, [records]);
  const troubled = ordered.troubled;
  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py="sm"
      shadow="xs"
      data-testid="sync-result"
      data-result={summary.result}
      data-run-id={summary.id}
      data-retry-later={summary.retryLater}
      data-written={summary.counts.written}
      data-pending={summary.counts.pending}
    >
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color={color} radius="xl" size="lg">
            {ok ? <IconCircleCheck size={20} /> : <IconAlertCircle size={20} />}
          </ThemeIcon>
          <div>
            <Text fw={600} data-testid="sync-result-title">
              {RESULT_TITLES[summary.result]}
            </Text>
            {note && (
              <Text size="sm" data-testid="sync-result-note">
                {note}
              </Text>
            )}
          </div>
        </Group>
        <Button variant="subtle" size="xs" color="gray" onClick={onClose} data-testid="sync-result-close">
          Close
        </Button>
      </Group>
      <Counts counts={summary.counts} mode="did" testId="sync-result-count" />
      <LeaveRequestsResult
        counts={summary.counts}
        held={leaveHeld}
        skipped={leaveSkipped}
        testId="sync-result-leave"
      />
      {records.length > 0 && (
        <Stack gap="xs" mt="md">
          <Text size="sm" fw={600}>
            {troubled > 0
              ? `Records this run touched; ${plural(troubled, "employee")} held, rejected or not written, each with why:`
              : "Records this run touched:"}
          </Text>
          <PlanList
            employees={ordered.all}
            testId="sync-result-plan"
            label="this run's records"
            emptyText="This run touched no employee."
          />
        </Stack>
      )}
    </Paper>
  );
}

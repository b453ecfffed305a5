import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type { AppError, SyncRunDetail, SyncRunSummary, SyncStatus } from "../../api";
import {
  getSyncHistory,
  getSyncRunDetail,
  getSyncStatus,
  toAppError,
  watchScheduledSyncs,
} from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { formatWhen } from "../../formatWhen";
import { RunDetail } from "./RunDetail";
import {
  COUNT_COLUMNS,
  RESULT_COLORS,
  RESULT_LABELS,
  TRIGGER_LABELS,
  formatDuration,
  progressText,
} from "./text";

/** How often the runs are read again while the screen is open (a local read). */
const POLL_MS = 4000;

interface HistoryScreenProps {
  active: boolean;
}

/** Every sync run: trigger, start, duration, result and counts; a run's records on request. */
export function HistoryScreen({ active }: HistoryScreenProps) {
  const [runs, setRuns] = useState<SyncRunSummary[] | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [detail, setDetail] = useState<SyncRunDetail | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [scheduled, setScheduled] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [listed, current] = await Promise.all([getSyncHistory(), getSyncStatus()]);
      setRuns(listed);
      setStatus(current);
      if (!current.running) setScheduled(null);
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    }
  }, []);

  useEffect(() => {
    if (!active) return;
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [active, refresh]);

  // Scheduled runs report their progress here, as "Sync now" does on its screen.
  useEffect(() => {
    watchScheduledSyncs((update) =>
      setScheduled(progressText(update.phase, update.done, update.total)),
    ).catch((reason) => setProblem(toAppError(reason)));
  }, []);

  const open = async (runId: number) => {
    try {
      setDetail(await getSyncRunDetail(runId));
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    }
  };

  return (
    <Stack gap="md" data-testid="history-screen" data-loaded={runs !== null}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Sync history</Title>
          <Text size="sm" c="dimmed">
            Every sync, whether started with Sync now, by the schedule or from the command line.
            Choose a run to see each record it touched, field by field.
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => void refresh()}
          data-testid="history-refresh"
        >
          Refresh
        </Button>
      </Group>

      <ProblemAlert problem={problem} title="Sync history could not be read" testId="history-problem" />

      {status && (
        <Paper withBorder radius="md" p="sm" data-testid="history-status">
          <Text size="sm">
            {status.nextScheduledAt
              ? `Next scheduled sync: ${formatWhen(status.nextScheduledAt)}.`
              : "The schedule is off (Settings and help)."}{" "}
            {status.pendingRequests.length > 0 &&
              `${status.pendingRequests.length} change ${
                status.pendingRequests.length === 1 ? "request is" : "requests are"
              } waiting for payroll.`}
          </Text>
          {status.running && (
            <Text size="sm" fw={600} data-testid="history-running">
              {scheduled ?? "A sync is running now."}
            </Text>
          )}
        </Paper>
      )}

      {runs !== null && runs.length === 0 && (
        <Paper withBorder radius="md" p="lg" data-testid="history-empty">
          <Text>No sync has run yet.</Text>
          <Text size="sm" c="dimmed">
            Runs appear here after Sync now, a scheduled sync or `paybridge sync`.
          </Text>
        </Paper>
      )}

      {runs !== null && runs.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="history-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Run</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Result</Table.Th>
                {COUNT_COLUMNS.map(({ key, label }) => (
                  <Table.Th key={key}>{label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr
                  key={run.id}
                  data-testid="history-run"
                  data-run-id={run.id}
                  aria-selected={detail?.summary.id === run.id}
                >
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => void open(run.id)}
                      aria-label={`Show run ${run.id}`}
                      data-testid="history-open-run"
                    >
                      {run.id}
                    </Button>
                  </Table.Td>
                  <Table.Td>{formatWhen(run.startedAt)}</Table.Td>
                  <Table.Td data-testid="history-run-trigger">{TRIGGER_LABELS[run.trigger]}</Table.Td>
                  <Table.Td>{formatDuration(run.durationMs)}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={RESULT_COLORS[run.result]}
                      variant="dot"
                      data-testid="history-run-result"
                    >
                      {RESULT_LABELS[run.result]}
                    </Badge>
                  </Table.Td>
                  {COUNT_COLUMNS.map(({ key }) => (
                    <Table.Td key={key} data-testid={`history-count-${key}`}>
                      {run.counts[key]}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {detail && <RunDetail detail={detail} />}
    </Stack>
  );
}

import {
  Alert,
  Button,
  Group,
  Paper,
  Progress,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
} from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconPlayerStop } from "@tabler/icons-react";

import { memo } from "react";

import type { ImportSummary } from "../../api";
import type { Navigate } from "../../navigation";
import { includeTerminatedHint, plural } from "./model";
import type { ImportRunState } from "./useImportRun";

/** The running import's progress bar, or how the last one went. */
export const ImportRunPanel = memo(function ImportRunPanel({
  state,
  onNavigate,
}: {
  state: ImportRunState;
  onNavigate: Navigate;
}) {
  const { run } = state;
  switch (run.phase) {
    case "idle":
      return null;
    case "running": {
      const { done, total, currentName } = run.progress;
      const percent = total === 0 ? 0 : (done / total) * 100;
      return (
        <Paper
          withBorder
          radius="md"
          p="md"
          shadow="xs"
          data-testid="import-progress"
          data-done={done}
          data-total={total}
        >
          <Group justify="space-between" wrap="nowrap" mb="xs">
            <div style={{ minWidth: 0 }}>
              <Text fw={600} size="sm">
                {run.cancelling
                  ? "Cancelling after the employees in progress…"
                  : total === 0
                    ? "Taking a backup of MicrOpay and getting ready…"
                    : `Importing ${done.toLocaleString("en-AU")} of ${plural(total, "employee")}`}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="import-progress-current">
                {currentName ? `Now: ${currentName}` : " "}
              </Text>
            </div>
            <Button
              variant="default"
              color="red"
              size="xs"
              leftSection={<IconPlayerStop size={14} />}
              onClick={state.cancel}
              disabled={run.cancelling}
              data-testid="import-cancel"
            >
              Cancel
            </Button>
          </Group>
          <Progress
            value={percent}
            animated={total === 0}
            striped={total === 0}
            size="lg"
            radius="xl"
          />
        </Paper>
      );
    }
    case "failed":
      return (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle />}
          title="The import could not run"
          withCloseButton
          onClose={state.dismiss}
          data-testid="import-failed"
          data-code={run.error.code}
        >
          {run.error.message}
        </Alert>
      );
    case "finished":
      return <SummaryPanel summary={run.summary} onClose={state.dismiss} onNavigate={onNavigate} />;
  }
});

function SummaryPanel({
  summary,
  onClose,
  onNavigate,
}: {
  summary: ImportSummary;
  onClose(): void;
  onNavigate: Navigate;
}) {
  const held = summary.heldCount;
  const retry = summary.retryNextRunCount;
  const title = summary.cancelled
    ? "Import cancelled"
    : summary.partial
      ? "Import partly done: some employees will be retried next run"
      : held > 0
        ? "Import finished, with employees to fix"
        : "Import finished";
  const warn = held > 0 || summary.partial || summary.cancelled;
  const terminatedHint = includeTerminatedHint(summary);
  const color = warn ? "orange" : "teal";
  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py="sm"
      shadow="xs"
      data-testid="import-summary"
      data-listed={summary.listed}
      data-created={summary.created}
      data-linked={summary.linked}
      data-skipped={summary.skipped}
      data-held={held}
      data-retry={retry}
      data-partial={summary.partial}
      data-cancelled={summary.cancelled}
    >
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color={color} radius="xl" size="lg">
            {warn ? (
              <IconAlertCircle size={20} />
            ) : (
              <IconCircleCheck size={20} />
            )}
          </ThemeIcon>
          <div>
            <Text fw={600}>{title}</Text>
            {summary.backupId !== null && (
              <Text size="xs" c="dimmed">
                MicrOpay was backed up first.{" "}
                <Text
                  component="button"
                  type="button"
                  size="xs"
                  c="var(--pb-color-text-link)"
                  td="underline"
                  style={{ background: "none", border: 0, padding: 0, cursor: "pointer" }}
                  onClick={() => onNavigate("backups")}
                >
                  See Backups
                </Text>
              </Text>
            )}
          </div>
        </Group>
        <Button
          variant="subtle"
          size="xs"
          color="gray"
          onClick={onClose}
          data-testid="import-summary-close"
        >
          Close
        </Button>
      </Group>
      <SimpleGrid cols={5} spacing="xs">
        <Figure
          label="Created in Worknice"
          value={summary.created}
          testId="import-summary-created"
        />
        <Figure
          label="Linked to a Worknice person"
          value={summary.linked}
          testId="import-summary-linked"
        />
        <Figure label="Skipped" value={summary.skipped} testId="import-summary-skipped" />
        <Figure label="Held, to fix" value={held} testId="import-summary-held" warn={held > 0} />
        <Figure
          label="Will be retried next run"
          value={retry}
          testId="import-summary-retry"
          warn={retry > 0}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4} data-testid="import-summary-listed">
        {`Of ${plural(summary.listed, "employee")} in MicrOpay for this import.`}
      </Text>
      {held > 0 && (
        <RecordTable
          heading="Fix these in MicrOpay, then import them again:"
          records={summary.held}
          testId="import-held"
          color="var(--pb-color-text-danger)"
        />
      )}
      {retry > 0 && (
        <RecordTable
          heading="Not finished for a passing reason; these will be retried next run (never created twice):"
          records={summary.retryNextRun}
          testId="import-retry"
          color="var(--pb-color-text-warning)"
        />
      )}
      {summary.skippedRecords.length > 0 && (
        <RecordTable
          heading="Skipped:"
          records={summary.skippedRecords}
          testId="import-skipped"
          color="dimmed"
        />
      )}
      {terminatedHint && (
        <Text size="xs" mt="xs" data-testid="import-include-terminated-hint">
          {terminatedHint}
        </Text>
      )}
      {summary.alreadyLinked > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {`Skipped: ${plural(summary.alreadyLinked, "employee")} already linked.`}
        </Text>
      )}
    </Paper>
  );
}

function RecordTable(props: {
  heading: string;
  records: { empCode: string; name: string; reason: string }[];
  testId: string;
  color: string;
}) {
  return (
    <Stack gap={4} mt="sm">
      <Text size="sm" fw={600}>
        {props.heading}
      </Text>
      <ScrollArea.Autosize mah={160}>
        <Table fz="sm" verticalSpacing={4} data-testid={props.testId}>
          <Table.Tbody>
            {props.records.map((record) => (
              <Table.Tr
                key={`${record.empCode}-${record.name}`}
                data-testid={`${props.testId}-row`}
              >
                <Table.Td ff="monospace" w={80}>
                  {record.empCode || "—"}
                </Table.Td>
                <Table.Td w={180}>{record.name}</Table.Td>
                <Table.Td c={props.color}>{record.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function Figure(props: { label: string; value: number; testId: string; warn?: boolean }) {
  return (
    <Group
      gap={8}
      wrap="nowrap"
      px="sm"
      py={6}
      bg={props.warn ? "var(--pb-color-surface-warn)" : "var(--pb-color-surface-subtle)"}
      style={{ borderRadius: "var(--mantine-radius-md)" }}
    >
      <Text fz="lg" fw={700} lh={1.2} data-testid={props.testId}>
        {props.value.toLocaleString("en-AU")}
      </Text>
      <Text size="xs" c="dimmed" lh={1.2}>
        {props.label}
      </Text>
    </Group>
  );
}

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
import { plural } from "./model";
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
  const held = summary.held.length;
  const title = summary.cancelled
    ? "Import cancelled"
    : held > 0
      ? "Import finished, with employees to fix"
      : "Import finished";
  const color = held > 0 || summary.cancelled ? "orange" : "teal";
  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py="sm"
      shadow="xs"
      data-testid="import-summary"
      data-created={summary.created}
      data-linked={summary.linked}
      data-skipped={summary.skipped}
      data-held={held}
      data-cancelled={summary.cancelled}
    >
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color={color} radius="xl" size="lg">
            {held > 0 || summary.cancelled ? (
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
                  c="indigo"
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
      <SimpleGrid cols={4} spacing="xs">
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
      </SimpleGrid>
      {held > 0 && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>
            Fix these in MicrOpay, then import them again:
          </Text>
          <ScrollArea.Autosize mah={160}>
            <Table fz="sm" verticalSpacing={4} data-testid="import-held">
              <Table.Tbody>
                {summary.held.map((record) => (
                  <Table.Tr key={`${record.empCode}-${record.name}`} data-testid="import-held-row">
                    <Table.Td ff="monospace" w={80}>
                      {record.empCode || "—"}
                    </Table.Td>
                    <Table.Td w={180}>{record.name}</Table.Td>
                    <Table.Td c="red.8">{record.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Stack>
      )}
      {summary.skipped > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          Skipped: already linked{summary.cancelled ? ", or not reached before Cancel" : ""}.
        </Text>
      )}
    </Paper>
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

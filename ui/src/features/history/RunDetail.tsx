import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";

import type { SyncRunDetail, SyncRunRecord } from "../../api";
import { formatWhen } from "../../formatWhen";
import { LeaveRequestsResult } from "../sync/LeaveRequestsResult";
import {
  RESULT_COLORS,
  RESULT_LABELS,
  TRIGGER_LABELS,
  formatDuration,
  micropayReadText,
  retryText,
  shownValue,
} from "./text";

interface RunDetailProps {
  detail: SyncRunDetail;
}

/** One run: what it was, then every record it touched, field by field. */
export function RunDetail({ detail }: RunDetailProps) {
  const run = detail.summary;
  const retry = retryText(run);
  const read = micropayReadText(run);
  const headingId = `run-${run.id}-heading`;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={headingId}
      data-testid="history-detail"
      data-run-id={run.id}
    >
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3} size="h4" id={headingId}>
            Run {run.id}
          </Title>
          <Badge color={RESULT_COLORS[run.result]} variant="dot">
            {RESULT_LABELS[run.result]}
          </Badge>
        </Group>
        <Text size="sm">
          {TRIGGER_LABELS[run.trigger]}, started {formatWhen(run.startedAt)}, took{" "}
          {formatDuration(run.durationMs)}.
        </Text>
        {read && (
          <Text size="sm" data-testid="history-detail-read">
            {read}
          </Text>
        )}
        {run.message && (
          <Text size="sm" data-testid="history-detail-message">
            {run.message}
          </Text>
        )}
        {retry && (
          <Text size="sm" fw={600} data-testid="history-detail-retry">
            {retry}
          </Text>
        )}
        <LeaveRequestsResult
          counts={run.counts}
          held={detail.leaveHeld}
          skipped={detail.leaveFromPayrollSkipped}
          testId="history-detail-leave"
        />
        {detail.records.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="history-detail-empty">
            This run touched no employee.
          </Text>
        ) : (
          detail.records.map((record, index) => (
            <RecordRows key={`${record.empCode ?? "none"}-${index}`} record={record} />
          ))
        )}
      </Stack>
    </Paper>
  );
}

function RecordRows({ record }: { record: SyncRunRecord }) {
  const code = record.empCode ?? "No Employee ID";
  return (
    <Stack gap={4} data-testid="history-record" data-emp-code={record.empCode ?? ""}>
      <Text fw={600}>
        {code} · {record.name} · <span data-testid="history-record-outcome">{record.outcome}</span>
      </Text>
      {record.reasons.map((reason) => (
        <Text key={reason} size="sm">
          {reason}
        </Text>
      ))}
      {record.writeError && (
        <Alert color="yellow" variant="light" title="Not written: retried next run">
          {record.writeError}
        </Alert>
      )}
      {record.fields.length > 0 && (
        <Table verticalSpacing={4} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Old</Table.Th>
              <Table.Th>New</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {record.fields.map((field) => (
              <Table.Tr key={field.field} data-testid="history-field" data-field={field.field}>
                <Table.Td>{field.label}</Table.Td>
                <Table.Td data-testid="history-field-old">{shownValue(field.old)}</Table.Td>
                <Table.Td data-testid="history-field-new">{shownValue(field.new)}</Table.Td>
                <Table.Td>{field.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

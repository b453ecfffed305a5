import { Badge, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { memo } from "react";

import type { SyncEmployee } from "../../api";
import { ACTION_LABELS, OUTCOME_COLORS, OUTCOME_LABELS, directionOf, valueChange } from "./model";

/** One employee of a plan (or a run): the outcome, why, and field by field. */
export const EmployeePlan = memo(function EmployeePlan({ employee }: { employee: SyncEmployee }) {
  const reasonColor =
    employee.outcome === "held" || employee.outcome === "rejected"
      ? "var(--pb-color-text-danger)"
      : undefined;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={`${employee.name}${employee.empCode ? ` (${employee.empCode})` : ""}`}
      data-testid="sync-employee"
      data-emp-code={employee.empCode ?? ""}
      data-outcome={employee.outcome}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {employee.name || "(no name)"}
          </Text>
          <Text size="sm" c="dimmed" ff="monospace">
            {employee.empCode ?? "no Employee ID"}
          </Text>
        </Group>
        <Badge
          variant="light"
          color={OUTCOME_COLORS[employee.outcome]}
          data-testid="sync-employee-outcome"
        >
          {OUTCOME_LABELS[employee.outcome]}
        </Badge>
      </Group>
      {employee.reasons.length > 0 && (
        <Stack gap={2} mt={4} data-testid="sync-employee-reasons">
          {employee.reasons.map((reason) => (
            <Text key={reason} size="sm" c={reasonColor}>
              {reason}
            </Text>
          ))}
        </Stack>
      )}
      {employee.fields.length > 0 && (
        <Table fz="sm" verticalSpacing={4} mt="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">Field</Table.Th>
              <Table.Th w="30%">Old → new</Table.Th>
              <Table.Th w="19%">Direction</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {employee.fields.map((field) => (
              <Table.Tr
                key={field.field}
                data-testid="sync-field"
                data-field={field.field}
                data-action={field.action}
                data-write={field.write ?? ""}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {field.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {ACTION_LABELS[field.action]}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }} data-testid="sync-field-change">
                  {valueChange(field)}
                </Table.Td>
                <Table.Td data-testid="sync-field-direction">{directionOf(field)}</Table.Td>
                <Table.Td
                  c={field.action === "held" ? "var(--pb-color-text-danger)" : undefined}
                  data-testid="sync-field-reason"
                >
                  {field.reason}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
});

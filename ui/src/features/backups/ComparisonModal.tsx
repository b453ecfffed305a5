import type { ReactNode } from "react";

import {
  Alert,
  Badge,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";

import type { AppError, BackupComparison, DataGroupName, EmployeeRef } from "../../api";
import { formatWhen } from "./format";

export type Comparing =
  | { state: "closed" }
  | { state: "loading"; createdAt: string }
  | { state: "loaded"; comparison: BackupComparison }
  | { state: "failed"; error: AppError };

const GROUP_LABELS: Record<DataGroupName, string> = {
  personal: "Personal",
  bank: "Bank",
  super: "Super",
  tax: "Tax",
};

/** A backup against MicrOpay as it is now: who was added, removed or changed. */
export function ComparisonModal({ comparing, onClose }: { comparing: Comparing; onClose(): void }) {
  return (
    <Modal
      opened={comparing.state !== "closed"}
      onClose={onClose}
      size="lg"
      centered
      title={<Text fw={600}>Backup compared with MicrOpay now</Text>}
      data-testid="backups-comparison"
      data-state={comparing.state}
    >
      {comparing.state === "loading" && (
        <Group justify="center" py="xl">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Reading MicrOpay and opening the backup of {formatWhen(comparing.createdAt)}…
          </Text>
        </Group>
      )}
      {comparing.state === "failed" && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} title="No comparison">
          {comparing.error.message}
        </Alert>
      )}
      {comparing.state === "loaded" && <ComparisonBody comparison={comparing.comparison} />}
    </Modal>
  );
}

function ComparisonBody({ comparison }: { comparison: BackupComparison }) {
  const { added, removed, changed, unchanged } = comparison;
  const same = added.length === 0 && removed.length === 0 && changed.length === 0;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        The backup of {formatWhen(comparison.backupCreatedAt)} against what MicrOpay holds now. Only
        which details changed is shown, never the values.
      </Text>
      <SimpleGrid cols={4} spacing="sm">
        <Figure label="Added since" value={added.length} testId="comparison-added" />
        <Figure label="Removed since" value={removed.length} testId="comparison-removed" />
        <Figure label="Changed" value={changed.length} testId="comparison-changed" />
        <Figure label="Unchanged" value={unchanged} testId="comparison-unchanged" />
      </SimpleGrid>
      {same && (
        <Text size="sm" c="var(--pb-color-text-success)" fw={500}>
          MicrOpay still holds exactly what this backup holds.
        </Text>
      )}
      <ScrollArea.Autosize mah={320}>
        <Stack gap="sm">
          {changed.length > 0 && (
            <People
              title="Changed"
              rows={changed.map((entry) => ({
                employee: entry.employee,
                detail: (
                  <Group gap={4}>
                    {entry.groups.map((group) => (
                      <Badge key={group} size="xs" variant="light" color="orange">
                        {GROUP_LABELS[group]}
                      </Badge>
                    ))}
                  </Group>
                ),
              }))}
            />
          )}
          {added.length > 0 && (
            <People title="Added" rows={added.map((employee) => ({ employee }))} />
          )}
          {removed.length > 0 && (
            <People title="Removed" rows={removed.map((employee) => ({ employee }))} />
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function People({
  title,
  rows,
}: {
  title: string;
  rows: { employee: EmployeeRef; detail?: ReactNode }[];
}) {
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <Table fz="sm" verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(({ employee, detail }) => (
            <Table.Tr key={employee.idEmployee}>
              <Table.Td ff="monospace" w={80}>
                {employee.empCode || "—"}
              </Table.Td>
              <Table.Td>{employee.name}</Table.Td>
              <Table.Td>{detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper radius="md" p="xs" bg="var(--pb-color-surface-subtle)">
      <Text fz={22} fw={700} lh={1.2} data-testid={testId}>
        {value.toLocaleString("en-AU")}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

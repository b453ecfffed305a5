import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import {
  IconAlertCircle,
  IconArrowsDiff,
  IconDatabasePlus,
  IconFileExport,
  IconPlugConnected,
} from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type { AppError, BackupSummary } from "../../api";
import { compareBackup, createBackup, listBackups, toAppError } from "../../api";
import type { Navigate } from "../../navigation";
import { type Comparing, ComparisonModal } from "./ComparisonModal";
import { ExportModal } from "./ExportModal";
import { formatBytes, formatWhen } from "./format";

interface BackupsScreenProps {
  /** Shown now; the list is read again each time the screen is opened. */
  active: boolean;
  onNavigate: Navigate;
}

export function BackupsScreen({ active, onNavigate }: BackupsScreenProps) {
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [loads, setLoads] = useState(0);
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<{ title: string; error: AppError } | null>(null);
  const [comparing, setComparing] = useState<Comparing>({ state: "closed" });
  const [exporting, setExporting] = useState<BackupSummary | null>(null);

  const refresh = useCallback(async () => {
    try {
      setBackups(await listBackups());
    } catch (reason) {
      setProblem({ title: "Paybridge could not list the backups", error: toAppError(reason) });
    } finally {
      setLoads((count) => count + 1);
    }
  }, []);

  useEffect(() => {
    if (active) void refresh();
  }, [active, refresh]);

  const create = async () => {
    setCreating(true);
    setProblem(null);
    try {
      await createBackup();
      await refresh();
    } catch (reason) {
      setProblem({ title: "The backup could not be taken", error: toAppError(reason) });
    } finally {
      setCreating(false);
    }
  };

  const compare = async (backup: BackupSummary) => {
    setComparing({ state: "loading", createdAt: backup.createdAt });
    try {
      setComparing({ state: "loaded", comparison: await compareBackup(backup.id) });
    } catch (reason) {
      setComparing({ state: "failed", error: toAppError(reason) });
    }
  };

  return (
    <Stack
      gap="md"
      maw={1180}
      data-testid="backups-screen"
      data-loads={loads}
      data-count={backups?.length}
    >
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>Backups</Title>
          <Text c="dimmed" size="sm">
            Everything Paybridge can read from MicrOpay: personal, bank, super and tax details,
            leave and lookups. Kept encrypted on this computer; the key is in your keyring.
          </Text>
        </div>
        <Button
          leftSection={<IconDatabasePlus size={18} />}
          loading={creating}
          onClick={() => void create()}
          style={{ flexShrink: 0 }}
          data-testid="backups-create"
        >
          Create backup
        </Button>
      </Group>

      {problem && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle />}
          title={problem.title}
          withCloseButton
          onClose={() => setProblem(null)}
          data-testid="backups-problem"
          data-code={problem.error.code}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{problem.error.message}</Text>
            {problem.error.code === "not_connected" && (
              <Button
                size="xs"
                variant="light"
                color="red"
                leftSection={<IconPlugConnected size={14} />}
                onClick={() => onNavigate("connections")}
              >
                Open Connections
              </Button>
            )}
          </Stack>
        </Alert>
      )}

      <Paper withBorder radius="md" shadow="xs" style={{ overflow: "hidden" }}>
        {backups === null ? (
          <Group justify="center" p="xl">
            <Loader size="sm" />
          </Group>
        ) : backups.length === 0 ? (
          <Stack align="center" gap={4} p="xl" data-testid="backups-empty">
            <Text fw={600}>No backups yet</Text>
            <Text size="sm" c="dimmed" ta="center" maw={460}>
              Paybridge takes one before the first import. You can also take one now.
            </Text>
          </Stack>
        ) : (
          <Table
            verticalSpacing="sm"
            horizontalSpacing="md"
            highlightOnHover
            data-testid="backups-table"
          >
            <Table.Thead bg="var(--pb-color-surface-subtle)">
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th ta="right">Employees</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backups.map((backup) => (
                <Table.Tr
                  key={backup.id}
                  data-testid="backup-row"
                  data-backup-id={backup.id}
                  data-employees={backup.employeeCount}
                >
                  <Table.Td>
                    <Text size="sm" fw={500} style={{ whiteSpace: "nowrap" }}>
                      {formatWhen(backup.createdAt)}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" truncate maw={300}>
                      {backup.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{backup.employeeCount.toLocaleString("en-AU")}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatBytes(backup.sizeBytes)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconArrowsDiff size={14} />}
                        onClick={() => void compare(backup)}
                        data-testid="backup-compare"
                      >
                        Compare with MicrOpay
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconFileExport size={14} />}
                        onClick={() => setExporting(backup)}
                        data-testid="backup-export"
                      >
                        Export
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <ComparisonModal comparing={comparing} onClose={() => setComparing({ state: "closed" })} />
      <ExportModal backup={exporting} onClose={() => setExporting(null)} />
    </Stack>
  );
}

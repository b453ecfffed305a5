import { Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useCallback, useState } from "react";

import type { DirectionRow, SettingsChange, SyncDirection } from "../../api";
import { getDirections, getSettingsHistory, setDirection, toAppError } from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SavedStatus } from "../../components/SavedStatus";
import { useOpenLoad } from "../../useOpenLoad";
import { SettingsHistoryList } from "./SettingsHistoryList";
import { DIRECTION_LABELS, lastChange } from "./text";

interface DirectionsScreenProps {
  /** Shown now; the directions are read again each time the screen opens. */
  active: boolean;
}

/** Which way each data group flows: one row per group. */
export function DirectionsScreen({ active }: DirectionsScreenProps) {
  const [rows, setRows] = useState<DirectionRow[] | null>(null);
  const [history, setHistory] = useState<SettingsChange[] | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [saved, setSaved] = useState<DirectionRow | null>(null);
  const load = useCallback(async () => {
    setSaved(null);
    const [directions, changes] = await Promise.all([getDirections(), getSettingsHistory()]);
    setRows(directions);
    setHistory(changes);
  }, []);
  const { loads, problem, setProblem } = useOpenLoad(active, load);

  const choose = async (row: DirectionRow, direction: SyncDirection) => {
    if (direction === row.direction) return;
    setSaving(row.group);
    setProblem(null);
    try {
      const changed = await setDirection(row.group, direction);
      setRows((current) => current?.map((r) => (r.group === changed.group ? changed : r)) ?? null);
      setSaved(changed);
      setHistory(await getSettingsHistory());
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setSaving(null);
    }
  };

  return (
    <Stack gap="md" maw={1180} data-testid="directions-screen" data-loads={loads}>
      <div>
        <Title order={2}>Directions</Title>
        <Text c="dimmed" size="sm">
          Which system leads for each kind of data. A change takes effect from the next sync.
        </Text>
      </div>

      <ProblemAlert
        problem={problem}
        title="The direction was not changed"
        testId="directions-problem"
      />

      <Paper withBorder radius="md" p="md">
        <Table verticalSpacing="sm" layout="fixed" data-testid="directions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>Data</Table.Th>
              <Table.Th>Direction</Table.Th>
              <Table.Th w={260}>Last change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows?.map((row) => (
              <Table.Tr
                key={row.group}
                data-testid={`direction-row-${row.group}`}
                data-direction={row.direction}
              >
                <Table.Th scope="row" fw={600}>
                  {row.label}
                </Table.Th>
                <Table.Td>
                  <DirectionCell row={row} saving={saving === row.group} onChoose={choose} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" data-testid={`direction-changed-${row.group}`}>
                    {lastChange(row.changedAt, row.changedBy)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" mt="sm" data-testid="directions-explanation">
          Personal and tax details go one way at a time: MicrOpay keeps no &ldquo;last
          updated&rdquo; time for each field, so when both sides changed there is no way to know
          which is newer.
        </Text>
      </Paper>

      <SavedStatus
        message={
          saved
            ? `${saved.label}: ${DIRECTION_LABELS[saved.direction]}. Takes effect from the next sync.`
            : null
        }
        testId="directions-saved"
      />

      {history && <SettingsHistoryList changes={history} />}
    </Stack>
  );
}

interface DirectionCellProps {
  row: DirectionRow;
  saving: boolean;
  onChoose: (row: DirectionRow, direction: SyncDirection) => Promise<void>;
}

function DirectionCell({ row, saving, onChoose }: DirectionCellProps) {
  if (row.choices.length > 0) {
    return (
      <Stack gap={4}>
        <SegmentedControl
          aria-label={`${row.label}: direction`}
          data-testid={`direction-control-${row.group}`}
          value={row.direction}
          disabled={saving}
          onChange={(value) => void onChoose(row, value as SyncDirection)}
          data={row.choices.map((choice) => ({ value: choice, label: DIRECTION_LABELS[choice] }))}
          w="fit-content"
        />
      </Stack>
    );
  }
  if (row.fixedReason) {
    return (
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {DIRECTION_LABELS[row.direction]}
          </Text>
          <Badge
            variant="light"
            color="gray"
            leftSection={<IconLock size={12} aria-hidden />}
            data-testid={`direction-fixed-${row.group}`}
          >
            Fixed
          </Badge>
        </Group>
        <Text size="sm" c="dimmed" data-testid={`direction-reason-${row.group}`}>
          {row.fixedReason}
        </Text>
      </Stack>
    );
  }
  return (
    <Text size="sm" c="dimmed" data-testid={`direction-elsewhere-${row.group}`}>
      Set on {row.setOn ?? "another screen"}.
    </Text>
  );
}

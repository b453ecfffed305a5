import { Badge, Group, Paper, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useCallback, useState } from "react";

import type { LeaveCategoryRow, LeaveOptionSwitch, LeaveOptions } from "../../api";
import {
  getLeaveCategories,
  getLeaveOptions,
  setLeaveOption,
  setLeavePrivate,
  setLeaveVisibility,
  toAppError,
} from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SavedStatus } from "../../components/SavedStatus";
import { useOpenLoad } from "../../useOpenLoad";
import { NeedsPayrollSection } from "./NeedsPayrollSection";
import { cannotShow, kindLabel, optionProblem, privacySaved, visibilitySaved } from "./text";

interface LeaveScreenProps {
  /** Shown now; both sides are read again each time the screen opens. */
  active: boolean;
}

/** The integration options and the leave categories employees see. */
export function LeaveScreen({ active }: LeaveScreenProps) {
  const [options, setOptions] = useState<LeaveOptions | null>(null);
  const [rows, setRows] = useState<LeaveCategoryRow[] | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = useCallback(async () => {
    setSaved(null);
    // The options are local: show them even when a side can't be read.
    setOptions(await getLeaveOptions());
    setRows(await getLeaveCategories());
  }, []);
  const { loads, problem, setProblem } = useOpenLoad(active, load);

  const run = async (key: string, work: () => Promise<string>) => {
    setSaving(key);
    setProblem(null);
    try {
      setSaved(await work());
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setSaving(null);
    }
  };

  const replace = (changed: LeaveCategoryRow) =>
    setRows((current) => current?.map((r) => (r.code === changed.code ? changed : r)) ?? null);

  const flipOption = (option: LeaveOptionSwitch, on: boolean) =>
    void run(`option-${option.option}`, async () => {
      setOptions(await setLeaveOption(option.option, on));
      return `${option.label}: ${on ? "on" : "off"}, from the next sync.`;
    });

  const flipVisible = (row: LeaveCategoryRow, visible: boolean) =>
    void run(`visible-${row.code}`, async () => {
      const changed = await setLeaveVisibility(row.code, visible);
      replace(changed);
      return visibilitySaved(changed);
    });

  const flipPrivate = (row: LeaveCategoryRow, isPrivate: boolean) =>
    void run(`private-${row.code}`, async () => {
      const changed = await setLeavePrivate(row.code, isPrivate);
      replace(changed);
      return privacySaved(changed);
    });

  return (
    <Stack gap="md" maw={1180} data-testid="leave-screen" data-loads={loads}>
      <div>
        <Title order={2}>Leave</Title>
        <Text c="dimmed" size="sm">
          Whether leave flows at all, and which leave categories employees see in Worknice.
        </Text>
      </div>

      <ProblemAlert problem={problem} title="Leave settings" testId="leave-problem" />

      <NeedsPayrollSection active={active} />

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="leave-options-heading">
        <Stack gap="sm">
          <Title order={3} size="h4" id="leave-options-heading">
            Integration options
          </Title>
          {options &&
            [options.balances, options.requests].map((option) => (
              <Switch
                key={option.option}
                label={option.label}
                description={option.explanation}
                error={optionProblem(option)}
                checked={option.on}
                disabled={saving !== null}
                onChange={(event) => flipOption(option, event.currentTarget.checked)}
                data-testid={`leave-option-${option.option}`}
              />
            ))}
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="leave-categories-heading">
        <Title order={3} size="h4" id="leave-categories-heading" mb="xs">
          Leave categories
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Employees see, request and see balances for visible categories only. Others see a
          private category&rsquo;s leave only as &ldquo;On leave&rdquo;; family and domestic violence leave
          is private by default.
        </Text>
        <Table verticalSpacing="sm" layout="fixed" data-testid="leave-categories">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>MicrOpay category</Table.Th>
              <Table.Th w={260}>Worknice leave type</Table.Th>
              <Table.Th w={110}>Visible</Table.Th>
              <Table.Th w={110}>Private</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows?.map((row) => (
              <CategoryRow
                key={row.code}
                row={row}
                busy={saving !== null}
                onVisible={flipVisible}
                onPrivate={flipPrivate}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <SavedStatus message={saved} testId="leave-saved" />
    </Stack>
  );
}

interface CategoryRowProps {
  row: LeaveCategoryRow;
  busy: boolean;
  onVisible: (row: LeaveCategoryRow, visible: boolean) => void;
  onPrivate: (row: LeaveCategoryRow, isPrivate: boolean) => void;
}

function CategoryRow({ row, busy, onVisible, onPrivate }: CategoryRowProps) {
  const why = cannotShow(row);
  return (
    <Table.Tr
      data-testid={`leave-row-${row.code}`}
      data-visible={row.visible}
      data-private={row.private}
    >
      <Table.Th scope="row" fw={500}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {row.name}
          </Text>
          {row.inactive && (
            <Badge variant="light" color="gray" data-testid={`leave-inactive-${row.code}`}>
              Inactive
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {kindLabel(row.kind)}
          {row.leaveCode ? ` · ${row.leaveCode}` : ""}
        </Text>
      </Table.Th>
      <Table.Td>
        <Text size="sm" data-testid={`leave-worknice-${row.code}`}>
          {row.worknice}
        </Text>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${row.name}: visible to employees`}
          checked={row.visible}
          disabled={busy || why !== null}
          title={why ?? undefined}
          onChange={(event) => onVisible(row, event.currentTarget.checked)}
          data-testid={`leave-visible-${row.code}`}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${row.name}: private`}
          checked={row.private}
          disabled={busy}
          onChange={(event) => onPrivate(row, event.currentTarget.checked)}
          data-testid={`leave-private-${row.code}`}
        />
      </Table.Td>
    </Table.Tr>
  );
}

import { Button, Checkbox, Group, Paper, Text } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { memo } from "react";

import { plural } from "./model";

interface SelectionBarProps {
  selected: number;
  shown: number;
  total: number;
  locked: boolean;
  onSelectAll(): void;
  onSelectNone(): void;
  onSelectShown(): void;
  onImport(): void;
  /** Import terminated employees too; otherwise they are skipped. */
  includeTerminated: boolean;
  onIncludeTerminatedChange(include: boolean): void;
}

/** The selection count, the three selection shortcuts and the Import button. */
export const SelectionBar = memo(function SelectionBar(props: SelectionBarProps) {
  const filtered = props.shown !== props.total;
  return (
    <Paper withBorder radius="md" px="md" py="xs" shadow="xs">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Text
            size="sm"
            fw={600}
            style={{ whiteSpace: "nowrap" }}
            data-testid="import-selection-count"
            data-count={props.selected}
          >
            {props.selected.toLocaleString("en-AU")} selected
          </Text>
          <Text
            size="sm"
            c="dimmed"
            style={{ whiteSpace: "nowrap" }}
            data-testid="import-shown-count"
            data-count={props.shown}
          >
            {filtered
              ? `${props.shown.toLocaleString("en-AU")} of ${plural(props.total, "employee")} shown`
              : plural(props.total, "employee")}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={props.onSelectAll}
            disabled={props.locked || props.total === 0}
            data-testid="import-select-all"
          >
            Select all
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={props.onSelectShown}
            disabled={props.locked || !filtered || props.shown === 0}
            data-testid="import-select-shown"
          >
            Select all filtered
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={props.onSelectNone}
            disabled={props.locked || props.selected === 0}
            data-testid="import-select-none"
          >
            Select none
          </Button>
          <Checkbox
            size="xs"
            ml="xs"
            label="Include terminated"
            checked={props.includeTerminated}
            onChange={(event) => props.onIncludeTerminatedChange(event.currentTarget.checked)}
            disabled={props.locked}
            style={{ whiteSpace: "nowrap" }}
            data-testid="import-include-terminated"
          />
          <Button
            size="xs"
            ml="xs"
            leftSection={<IconFileImport size={16} />}
            onClick={props.onImport}
            disabled={props.locked || props.selected === 0}
            data-testid="import-start"
          >
            Import {plural(props.selected, "employee")}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
});

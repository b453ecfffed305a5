import {
  CloseButton,
  Group,
  Pagination,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useDeferredValue, useMemo, useState } from "react";

import type { SyncCounts, SyncPreview } from "../../api";
import { EmployeePlan } from "./EmployeePlan";
import type { PlanKind } from "./model";
import { COUNT_LABELS, PLAN_KINDS, filterPlan, kindCounts, pageOf, plural } from "./model";

/** Employees per page: 5,000 stay responsive because only a page is in the document. */
const PAGE_SIZE = 25;

/** The plan: what a sync would do, grouped by employee, field by field. */
export function PreviewPanel({ preview }: { preview: SyncPreview }) {
  const [kind, setKind] = useState<PlanKind>("all");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const deferredSearch = useDeferredValue(search);
  const counts = useMemo(() => kindCounts(preview.employees), [preview]);
  const shown = useMemo(
    () => filterPlan(preview.employees, kind, deferredSearch),
    [preview, kind, deferredSearch],
  );
  const paged = pageOf(shown, page, PAGE_SIZE);
  const hidden = preview.employees.length - counts.all;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="sync-preview"
      data-shown={shown.length}
      data-kind={kind}
    >
      <Title order={3} size="h4" mb={4}>
        What a sync would do now
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Nothing has been written: these are the plan&rsquo;s figures.
      </Text>
      <Counts counts={preview} mode="would" testId="sync-count" />

      <Group gap="sm" mt="md" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={kind}
          onChange={(value) => {
            setKind(value as PlanKind);
            setPage(1);
          }}
          data={PLAN_KINDS.map(({ value, label }) => ({
            value,
            label: `${label} (${counts[value].toLocaleString("en-AU")})`,
          }))}
          aria-label="Show employees by kind"
          data-testid="sync-filter"
        />
        <TextInput
          placeholder="Search by name or EmpCode"
          aria-label="Search by name or EmpCode"
          leftSection={<IconSearch size={16} />}
          rightSection={
            search && (
              <CloseButton
                size="sm"
                aria-label="Clear the search"
                onClick={() => setSearch("")}
              />
            )
          }
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          spellCheck={false}
          autoComplete="off"
          style={{ flex: "1 1 220px" }}
          data-testid="sync-search"
        />
      </Group>

      <Stack gap="sm" mt="md" data-testid="sync-plan-list">
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="sync-plan-empty">
            {kind === "all" && deferredSearch === ""
              ? "Nothing to sync: both sides agree."
              : "No employee matches this filter."}
          </Text>
        ) : (
          paged.items.map((employee) => (
            <EmployeePlan
              key={`${employee.empCode ?? ""}/${employee.worknicePersonId ?? ""}/${employee.idEmployee ?? ""}`}
              employee={employee}
            />
          ))
        )}
      </Stack>
      <Group justify="space-between" mt="sm">
        <Text size="xs" c="dimmed" data-testid="sync-plan-shown">
          {`${plural(shown.length, "employee")} shown`}
          {hidden > 0 ? `; ${hidden.toLocaleString("en-AU")} unchanged not listed` : ""}
        </Text>
        {paged.pages > 1 && (
          <Pagination
            total={paged.pages}
            value={paged.current}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({
              "aria-label": control === "previous" ? "Previous page" : control === "next" ? "Next page" : undefined,
            })}
            data-testid="sync-pages"
          />
        )}
      </Group>
    </Paper>
  );
}

/** The seven figures, worded for a plan ("would") or a finished run. */
export function Counts({
  counts,
  mode,
  testId,
}: {
  counts: SyncCounts;
  mode: "would" | "did";
  testId: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
      {COUNT_LABELS.map(({ key, would, did }) => (
        <Stack
          key={key}
          gap={0}
          px="sm"
          py={6}
          bg="var(--pb-color-surface-subtle)"
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        >
          <Text fz="lg" fw={700} lh={1.3} data-testid={`${testId}-${key}`}>
            {counts[key].toLocaleString("en-AU")}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            {mode === "would" ? would : did}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

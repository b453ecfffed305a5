import { CloseButton, Group, Pagination, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useDeferredValue, useMemo, useState } from "react";

import type { SyncEmployee } from "../../api";
import { EmployeePlan } from "./EmployeePlan";
import type { PlanKind } from "./model";
import { PLAN_KINDS, filterPlan, kindCounts, pageOf, plural } from "./model";

/** Employees per page: 5,000 stay responsive because only a page is in the document. */
const PAGE_SIZE = 25;

interface PlanListProps {
  employees: readonly SyncEmployee[];
  /** Prefix of the list's test ids: `${testId}-filter`, `${testId}-search`. */
  testId: string;
  /** What the list is of, for the filter's and search's accessible names. */
  label: string;
  /** Shown when the list holds nobody at all. */
  emptyText: string;
}

/** Employees of a plan or a run, field by field: by kind, searched, a page at a time. */
export function PlanList({ employees, testId, label, emptyText }: PlanListProps) {
  const [kind, setKind] = useState<PlanKind>("all");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const deferredSearch = useDeferredValue(search);
  const counts = useMemo(() => kindCounts(employees), [employees]);
  const shown = useMemo(
    () => filterPlan(employees, kind, deferredSearch),
    [employees, kind, deferredSearch],
  );
  const paged = pageOf(shown, page, PAGE_SIZE);
  const hidden = employees.length - counts.all;

  return (
    <Stack
      gap="sm"
      data-testid={testId}
      data-shown={shown.length}
      data-kind={kind}
      // What the list is filtered for now (the search is deferred while typing).
      data-filtered-for={deferredSearch}
    >
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={kind}
          onChange={(value) => {
            setKind(value as PlanKind);
            setPage(1);
          }}
          data={PLAN_KINDS.map(({ value, label: name }) => ({
            value,
            label: `${name} (${counts[value].toLocaleString("en-AU")})`,
          }))}
          aria-label={`Show ${label} by kind`}
          data-testid={`${testId}-filter`}
        />
        <TextInput
          placeholder="Search by name or EmpCode"
          aria-label={`Search ${label} by name or EmpCode`}
          leftSection={<IconSearch size={16} />}
          rightSection={
            search && (
              <CloseButton size="sm" aria-label="Clear the search" onClick={() => setSearch("")} />
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
          data-testid={`${testId}-search`}
        />
      </Group>

      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
          {kind === "all" && deferredSearch === "" ? emptyText : "No employee matches this filter."}
        </Text>
      ) : (
        paged.items.map((employee) => (
          <EmployeePlan
            key={`${employee.empCode ?? ""}/${employee.worknicePersonId ?? ""}/${employee.idEmployee ?? ""}`}
            employee={employee}
          />
        ))
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
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
              "aria-label": `${control[0]!.toUpperCase()}${control.slice(1)} page`,
            })}
            data-testid={`${testId}-pages`}
          />
        )}
      </Group>
    </Stack>
  );
}

import { CloseButton, Group, SegmentedControl, Select, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { memo } from "react";

import type { Filters, LinkKind, TerminatedFilter } from "./model";

interface ImportFiltersProps {
  filters: Filters;
  locations: string[];
  companies: string[];
  onChange(patch: Partial<Filters>): void;
}

const STATES: { value: LinkKind | "all"; label: string }[] = [
  { value: "all", label: "All" },
  { value: "new", label: "New" },
  { value: "matches", label: "Matches" },
  { value: "alreadyLinked", label: "Linked" },
  { value: "cantImport", label: "Can't import" },
];

const TERMINATED: { value: TerminatedFilter; label: string }[] = [
  { value: "all", label: "Active and terminated" },
  { value: "current", label: "Active only" },
  { value: "terminated", label: "Terminated only" },
];

/** Search as you type, and the four filters. */
export function ImportFilters({ filters, locations, companies, onChange }: ImportFiltersProps) {
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <SearchField search={filters.search} onChange={onChange} />
      <FacetFilters
        location={filters.location}
        company={filters.company}
        terminated={filters.terminated}
        state={filters.state}
        locations={locations}
        companies={companies}
        onChange={onChange}
      />
    </Group>
  );
}

type Change = ImportFiltersProps["onChange"];

function SearchField({ search, onChange }: { search: string; onChange: Change }) {
  return (
    <TextInput
      placeholder="Search by name or EmpCode"
      aria-label="Search by name or EmpCode"
      leftSection={<IconSearch size={16} />}
      rightSection={
        search && (
          <CloseButton
            size="sm"
            aria-label="Clear the search"
            onClick={() => onChange({ search: "" })}
            data-testid="import-search-clear"
          />
        )
      }
      value={search}
      onChange={(event) => onChange({ search: event.currentTarget.value })}
      spellCheck={false}
      autoComplete="off"
      style={{ flex: "1 1 220px" }}
      data-testid="import-search"
    />
  );
}

interface FacetFiltersProps extends Omit<Filters, "search"> {
  locations: string[];
  companies: string[];
  onChange: Change;
}

// Memoised: typing in the search box leaves these alone.
const FacetFilters = memo(function FacetFilters(props: FacetFiltersProps) {
  const { onChange } = props;
  return (
    <>
      <Select
        placeholder="Every location"
        aria-label="Location"
        data={props.locations}
        value={props.location}
        onChange={(location) => onChange({ location })}
        clearable
        searchable
        w={160}
        data-testid="import-filter-location"
      />
      <Select
        placeholder="Every company"
        aria-label="Payroll company"
        data={props.companies}
        value={props.company}
        onChange={(company) => onChange({ company })}
        clearable
        w={170}
        data-testid="import-filter-company"
      />
      <Select
        aria-label="Active or terminated"
        data={TERMINATED}
        value={props.terminated}
        onChange={(value) => onChange({ terminated: (value as TerminatedFilter | null) ?? "all" })}
        allowDeselect={false}
        w={200}
        data-testid="import-filter-terminated"
      />
      <SegmentedControl
        size="xs"
        radius="md"
        data={STATES}
        value={props.state}
        onChange={(value) => onChange({ state: value as LinkKind | "all" })}
        data-testid="import-filter-state"
      />
    </>
  );
});

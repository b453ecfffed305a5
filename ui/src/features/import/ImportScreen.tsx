import { Alert, Button, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconPlugConnected, IconRefresh } from "@tabler/icons-react";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";

import type { ImportCandidate, LoadProgress } from "../../api";
import type { Navigate } from "../../navigation";
import { EmployeeTable } from "./EmployeeTable";
import { ImportFilters } from "./ImportFilters";
import { ImportRunPanel } from "./ImportRunPanel";
import {
  applyFilters,
  choices,
  type Filters,
  isSelectable,
  keyOf,
  NO_FILTERS,
  searchIndex,
  selectableKeys,
  selectedCodes,
} from "./model";
import { PreviewDrawer } from "./PreviewDrawer";
import { SelectionBar } from "./SelectionBar";
import { UnlinkModal } from "./UnlinkModal";
import { useEmployees } from "./useEmployees";
import { useImportRun } from "./useImportRun";

interface ImportScreenProps {
  /** Shown now; the list loads the first time, and again after a failed load. */
  active: boolean;
  onNavigate: Navigate;
}

export function ImportScreen({ active, onNavigate }: ImportScreenProps) {
  const employees = useEmployees();
  const { candidates, loading, error, load } = employees;
  const importRun = useImportRun(load);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [previewing, setPreviewing] = useState<ImportCandidate | null>(null);
  const [unlinking, setUnlinking] = useState<ImportCandidate | null>(null);

  const needsLoad = useRef(true);
  needsLoad.current = (candidates.length === 0 || error !== null) && loading === null;
  useEffect(() => {
    if (active && needsLoad.current) void load();
  }, [active, load]);

  const index = useMemo(() => searchIndex(candidates), [candidates]);
  const rows = useMemo(
    () => applyFilters(candidates, index, filters),
    [candidates, index, filters],
  );
  const locations = useMemo(() => choices(candidates, "location"), [candidates]);
  const companies = useMemo(() => choices(candidates, "payrollCompany"), [candidates]);
  const selectedCount = useMemo(
    () => selectedCodes(candidates, selected).length,
    [candidates, selected],
  );
  const shownSelection = useMemo(() => {
    let selectable = 0;
    let chosen = 0;
    for (const row of rows) {
      if (!isSelectable(row)) continue;
      selectable++;
      if (selected.has(keyOf(row))) chosen++;
    }
    return { all: selectable > 0 && chosen === selectable, some: chosen > 0 };
  }, [rows, selected]);

  const locked = importRun.run.phase === "running";
  const changeFilters = useCallback(
    (patch: Partial<Filters>) => setFilters((previous) => ({ ...previous, ...patch })),
    [],
  );
  const toggle = useCallback((key: number) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  // Handlers read the latest list through refs so they stay the same
  // function: the memoised bars and dialogs then skip a keystroke's render.
  const latest = useRef({ rows, candidates, selected, allShown: shownSelection.all });
  latest.current = { rows, candidates, selected, allShown: shownSelection.all };
  const addShown = useCallback(
    () => setSelected((previous) => new Set([...previous, ...selectableKeys(latest.current.rows)])),
    [],
  );
  const toggleShown = useCallback(() => {
    if (!latest.current.allShown) return addShown();
    const shown = selectableKeys(latest.current.rows);
    setSelected((previous) => new Set([...previous].filter((key) => !shown.has(key))));
  }, [addShown]);
  const selectAll = useCallback(() => setSelected(selectableKeys(latest.current.candidates)), []);
  const selectNone = useCallback(() => setSelected(new Set()), []);
  const { start } = importRun;
  const [includeTerminated, setIncludeTerminated] = useState(false);
  const startImport = useCallback(
    () =>
      void start(
        selectedCodes(latest.current.candidates, latest.current.selected),
        includeTerminated,
      ),
    [start, includeTerminated],
  );
  const closePreview = useCallback(() => setPreviewing(null), []);
  const closeUnlink = useCallback(() => setUnlinking(null), []);
  const unlinked = useCallback(() => {
    setUnlinking(null);
    void load();
  }, [load]);

  return (
    <Stack
      gap="sm"
      h="calc(100dvh - 100px)"
      mih={520}
      maw={1400}
      data-testid="import-screen"
      data-loading={loading !== null}
      data-loads={employees.loads}
      data-total={candidates.length}
      data-shown={rows.length}
      data-filtered-for={filters.search}
      data-load-ms={employees.lastLoadMs === null ? undefined : Math.round(employees.lastLoadMs)}
      data-fetched-ms={
        employees.lastFetchedMs === null ? undefined : Math.round(employees.lastFetchedMs)
      }
    >
      <ImportHeader loading={loading !== null} locked={locked} onReload={load} />

      {error && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle />}
          title="Paybridge could not load MicrOpay's employees"
          data-testid="import-error"
          data-code={error.code}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{error.message}</Text>
            {error.code === "not_connected" && (
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

      <ImportFilters
        filters={filters}
        locations={locations}
        companies={companies}
        onChange={changeFilters}
      />

      <ImportRunPanel state={importRun} onNavigate={onNavigate} />

      <SelectionBar
        selected={selectedCount}
        shown={rows.length}
        total={candidates.length}
        locked={locked || candidates.length === 0}
        onSelectAll={selectAll}
        onSelectShown={addShown}
        onSelectNone={selectNone}
        onImport={startImport}
        includeTerminated={includeTerminated}
        onIncludeTerminatedChange={setIncludeTerminated}
      />

      {loading && candidates.length === 0 ? (
        <LoadingCard progress={loading} />
      ) : (
        <>
          {loading && <LoadBar progress={loading} />}
          <EmployeeTable
            rows={rows}
            selected={selected}
            allShownSelected={shownSelection.all}
            someShownSelected={shownSelection.some}
            onToggle={toggle}
            onToggleShown={toggleShown}
            onPreview={setPreviewing}
            onUnlink={setUnlinking}
            locked={locked}
          />
        </>
      )}

      <PreviewDrawer candidate={previewing} onClose={closePreview} />
      <UnlinkModal candidate={unlinking} onClose={closeUnlink} onUnlinked={unlinked} />
    </Stack>
  );
}

// Memoised: a keystroke in the search box leaves it alone.
const ImportHeader = memo(function ImportHeader(props: {
  loading: boolean;
  locked: boolean;
  onReload(): Promise<void>;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <div>
        <Title order={2}>Import</Title>
        <Text c="dimmed" size="sm">
          Choose the MicrOpay employees to bring into Worknice. Before the first import, Paybridge
          keeps an encrypted backup of everything it can read from MicrOpay.
        </Text>
      </div>
      <Button
        variant="default"
        leftSection={<IconRefresh size={16} />}
        onClick={() => void props.onReload()}
        loading={props.loading}
        disabled={props.locked}
        style={{ flexShrink: 0 }}
        data-testid="import-reload"
      >
        Reload
      </Button>
    </Group>
  );
});

function loadText({ loaded, total }: LoadProgress): string {
  return total === 0
    ? "Connecting to MicrOpay…"
    : `Loading employees from MicrOpay: ${loaded.toLocaleString("en-AU")} of ${total.toLocaleString("en-AU")}`;
}

function LoadingCard({ progress }: { progress: LoadProgress }) {
  return (
    <Paper withBorder radius="md" p="xl" data-testid="import-loading">
      <Stack gap="sm" maw={520} mx="auto" align="stretch">
        <Text fw={600} ta="center">
          {loadText(progress)}
        </Text>
        <LoadProgressBar progress={progress} />
        <Text size="xs" c="dimmed" ta="center">
          Worknice's people are read at the same time, to see who is already there.
        </Text>
      </Stack>
    </Paper>
  );
}

function LoadBar({ progress }: { progress: LoadProgress }) {
  return (
    <Group gap="sm" wrap="nowrap" data-testid="import-loading">
      <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
        {loadText(progress)}
      </Text>
      <LoadProgressBar progress={progress} />
    </Group>
  );
}

function LoadProgressBar({ progress: { loaded, total } }: { progress: LoadProgress }) {
  const unknown = total === 0;
  return (
    <Progress
      value={unknown ? 100 : (loaded / total) * 100}
      striped={unknown}
      animated={unknown}
      radius="xl"
      size="md"
      style={{ flex: 1 }}
    />
  );
}

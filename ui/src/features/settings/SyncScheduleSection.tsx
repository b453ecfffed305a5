import { Button, Group, NumberInput, SegmentedControl, TextInput } from "@mantine/core";
import { IconClock } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type { ScheduleSetting, SyncSchedule } from "../../api";
import { getSchedule, setSchedule, toAppError } from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SavedStatus } from "../../components/SavedStatus";
import { SettingsSection } from "./SettingsSection";
import { useSave } from "./useSave";

type Kind = SyncSchedule["kind"];

const KINDS: { value: Kind; label: string }[] = [
  { value: "off", label: "Off" },
  { value: "everyMinutes", label: "Every N minutes" },
  { value: "hourly", label: "Hourly" },
  { value: "daily", label: "Daily" },
];

interface Draft {
  kind: Kind;
  minutes: number;
  at: string;
}

function draftOf(schedule: SyncSchedule): Draft {
  return {
    kind: schedule.kind,
    minutes: schedule.kind === "everyMinutes" ? schedule.minutes : 30,
    at: schedule.kind === "daily" ? schedule.at : "07:00",
  };
}

export function scheduleOf(draft: Draft): SyncSchedule {
  switch (draft.kind) {
    case "everyMinutes":
      return { kind: "everyMinutes", minutes: draft.minutes };
    case "daily":
      return { kind: "daily", at: draft.at };
    default:
      return { kind: draft.kind };
  }
}

interface SyncScheduleSectionProps {
  active: boolean;
}

/** When the scheduler runs a sync: off, every N minutes, hourly or daily. */
export function SyncScheduleSection({ active }: SyncScheduleSectionProps) {
  const [setting, setSetting] = useState<ScheduleSetting | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { saving, saved, setSaved, problem, setProblem, save: write } = useSave();

  const refresh = useCallback(async () => {
    try {
      const current = await getSchedule();
      setSetting(current);
      setDraft(draftOf(current.schedule));
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    }
  }, [setProblem]);

  useEffect(() => {
    if (active) {
      setSaved(false);
      void refresh();
    }
  }, [active, refresh, setSaved]);

  const save = async () => {
    if (!draft) return;
    await write(async () => {
      const next = await setSchedule(scheduleOf(draft));
      setSetting(next);
      setDraft(draftOf(next.schedule));
    });
  };

  const change = (next: Partial<Draft>) => {
    setDraft((current) => (current ? { ...current, ...next } : current));
    setSaved(false);
  };

  const headingId = "sync-schedule-heading";
  return (
    <SettingsSection
      headingId={headingId}
      title="Sync schedule"
      description="While Paybridge is open (or in the tray, below), it runs a sync on this schedule. A sync missed while it was closed runs once when it starts; Sync history lists every run."
      testId="sync-schedule"
      state={{ "data-loaded": setting !== null, "data-kind": setting?.schedule.kind }}
    >
      {draft && (
        <>
          <SegmentedControl
            aria-labelledby={headingId}
            data-testid="sync-schedule-kind"
            value={draft.kind}
            onChange={(value) => change({ kind: value as Kind })}
            data={KINDS}
            w="fit-content"
          />
          {draft.kind === "everyMinutes" && (
            <NumberInput
              label="Minutes between syncs"
              description="From 5 to 720."
              min={5}
              max={720}
              value={draft.minutes}
              onChange={(value) => change({ minutes: typeof value === "number" ? value : 0 })}
              w={220}
              data-testid="sync-schedule-minutes"
            />
          )}
          {draft.kind === "daily" && (
            <TextInput
              label="Time of day"
              description="24-hour, HH:MM, for example 07:30."
              value={draft.at}
              onChange={(event) => change({ at: event.currentTarget.value })}
              w={220}
              data-testid="sync-schedule-at"
            />
          )}
        </>
      )}
      <ProblemAlert
        problem={problem}
        title="The schedule was not saved"
        testId="sync-schedule-problem"
      />
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconClock size={16} />}
          onClick={() => void save()}
          loading={saving}
          disabled={draft === null}
          data-testid="sync-schedule-save"
        >
          Save schedule
        </Button>
        <SavedStatus
          message={saved && setting ? `Saved: ${setting.description}.` : null}
          testId="sync-schedule-saved"
        />
      </Group>
    </SettingsSection>
  );
}

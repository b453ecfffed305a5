import { Alert, Button, Group, NativeSelect, SimpleGrid } from "@mantine/core";
import { IconUserPlus } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type {
  AppError,
  LookupChoice,
  NewHireChoices,
  NewHireDefaults,
  NewHireDefaultsChange,
} from "../../api";
import { getNewHireChoices, getNewHireDefaults, setNewHireDefaults, toAppError } from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SavedStatus } from "../../components/SavedStatus";
import { SettingsSection } from "./SettingsSection";
import { useSave } from "./useSave";

type Field = "location" | "payrollCompany" | "payFrequency" | "payPoint";

const FIELDS: { field: Field; label: string; choices: keyof NewHireChoices }[] = [
  { field: "location", label: "Location", choices: "locations" },
  { field: "payrollCompany", label: "Payroll company", choices: "payrollCompanies" },
  { field: "payFrequency", label: "Pay frequency", choices: "payFrequencies" },
  { field: "payPoint", label: "Pay point", choices: "payPoints" },
];

type Form = Record<Field, string>;

function formOf(defaults: NewHireDefaults): Form {
  return {
    location: defaults.location ?? "",
    payrollCompany: defaults.payrollCompany ?? "",
    payFrequency: defaults.payFrequency ?? "",
    payPoint: defaults.payPoint ?? "",
  };
}

/**
 * Only the codes the user changed (`null` keeps a code, `""` clears it), so
 * a saved code MicrOpay no longer lists, or one the command line set while
 * the screen was open, is not sent back as if chosen here.
 */
export function changeOf(form: Form, saved: NewHireDefaults): NewHireDefaultsChange {
  const before = formOf(saved);
  const changed = (field: Field) => (form[field] === before[field] ? null : form[field]);
  return {
    location: changed("location"),
    payrollCompany: changed("payrollCompany"),
    payFrequency: changed("payFrequency"),
    payPoint: changed("payPoint"),
  };
}

/** "SYD — Sydney Office", plus the saved code when MicrOpay no longer lists it. */
function options(list: LookupChoice[], saved: string) {
  const known = list.map((choice) => ({
    value: choice.code,
    label: `${choice.code} — ${choice.description}`,
  }));
  const missing =
    saved && !list.some((choice) => choice.code === saved)
      ? [{ value: saved, label: `${saved} (not in MicrOpay now)` }]
      : [];
  return [{ value: "", label: "Choose…" }, ...missing, ...known];
}

interface NewHireDefaultsSectionProps {
  active: boolean;
}

/** The codes a new hire is added to MicrOpay with, chosen from its lookups. */
export function NewHireDefaultsSection({ active }: NewHireDefaultsSectionProps) {
  const [defaults, setDefaults] = useState<NewHireDefaults | null>(null);
  const [choices, setChoices] = useState<NewHireChoices | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [loadProblem, setLoadProblem] = useState<AppError | null>(null);
  const {
    saving,
    saved,
    setSaved,
    problem: saveProblem,
    setProblem: setSaveProblem,
    save: write,
  } = useSave();

  const refresh = useCallback(async () => {
    try {
      const current = await getNewHireDefaults();
      setDefaults(current);
      setForm(formOf(current));
    } catch (reason) {
      setLoadProblem(toAppError(reason));
      return;
    }
    try {
      setChoices(await getNewHireChoices());
      setLoadProblem(null);
    } catch (reason) {
      setChoices(null);
      setLoadProblem(toAppError(reason));
    }
  }, []);

  useEffect(() => {
    if (active) {
      setSaved(false);
      setSaveProblem(null);
      void refresh();
    }
  }, [active, refresh, setSaved, setSaveProblem]);

  const save = async () => {
    if (!form || !defaults) return;
    await write(async () => {
      const next = await setNewHireDefaults(changeOf(form, defaults));
      setDefaults(next);
      setForm(formOf(next));
    });
  };

  const headingId = "new-hire-defaults-heading";
  return (
    <SettingsSection
      headingId={headingId}
      title="New employees in MicrOpay"
      description={
        <>
          A new hire in Worknice is added to MicrOpay with these codes, from MicrOpay&rsquo;s own
          lists.
        </>
      }
      testId="new-hire-defaults"
      state={{ "data-loaded": choices !== null, "data-complete": defaults?.complete }}
    >
      {defaults && !defaults.complete && (
        <Alert color="yellow" variant="light" data-testid="new-hire-defaults-missing">
          Until these are set, new hires are held with &ldquo;choose the new-hire defaults&rdquo;.
          Still to choose: {defaults.missing.join(", ")}.
        </Alert>
      )}

      <ProblemAlert
        problem={loadProblem}
        title="MicrOpay's lists could not be read"
        testId="new-hire-defaults-load-problem"
      />

      {form && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {FIELDS.map(({ field, label, choices: list }) => {
            const available = choices?.[list] ?? [];
            const none = choices !== null && available.length === 0;
            return (
              <NativeSelect
                key={field}
                label={label}
                data-testid={`new-hire-${field}`}
                value={form[field]}
                disabled={choices === null || none}
                description={
                  none
                    ? "MicrOpay has none set up, and a new employee needs one: set one up in MicrOpay first."
                    : undefined
                }
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setForm((current) => (current ? { ...current, [field]: value } : current));
                  setSaved(false);
                }}
                data={options(available, form[field])}
              />
            );
          })}
        </SimpleGrid>
      )}

      <ProblemAlert
        problem={saveProblem}
        title="The new-hire defaults were not saved"
        testId="new-hire-defaults-problem"
      />

      <Group gap="sm">
        <Button
          leftSection={<IconUserPlus size={16} />}
          onClick={() => void save()}
          loading={saving}
          disabled={choices === null}
          data-testid="new-hire-defaults-save"
        >
          Save
        </Button>
        <SavedStatus message={saved ? "Saved." : null} testId="new-hire-defaults-saved" />
      </Group>
    </SettingsSection>
  );
}

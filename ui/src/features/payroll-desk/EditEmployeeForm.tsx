import { Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";

import type { AppError, PayrollEdit } from "../../api";
import { editEmployeeAsPayroll, toAppError } from "../../api";

type Field = keyof PayrollEdit;

const FIELDS: { field: Field; label: string }[] = [
  { field: "firstName", label: "First name" },
  { field: "surname", label: "Surname" },
  { field: "preferredName", label: "Preferred name" },
  { field: "email", label: "Email" },
  { field: "mobilePhone", label: "Mobile" },
  { field: "street", label: "Street" },
  { field: "suburbCity", label: "Suburb or city" },
  { field: "state", label: "State" },
  { field: "postcode", label: "Postcode" },
];

const EMPTY: Record<Field, string> = {
  firstName: "",
  surname: "",
  preferredName: "",
  email: "",
  mobilePhone: "",
  street: "",
  suburbCity: "",
  state: "",
  postcode: "",
};

/** Blank fields are left as MicrOpay has them. */
function toEdit(values: Record<Field, string>): PayrollEdit {
  const entries = Object.entries(values).map(([field, value]) => [
    field,
    value.trim() === "" ? null : value,
  ]);
  return Object.fromEntries(entries) as PayrollEdit;
}

/** "Edit an employee as payroll would": straight into MicrOpay, no change request. */
export function EditEmployeeForm() {
  const [empCode, setEmpCode] = useState("");
  const [values, setValues] = useState(EMPTY);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaved(null);
    setProblem(null);
    try {
      await editEmployeeAsPayroll(empCode, toEdit(values));
      setSaved(`Saved in MicrOpay for ${empCode.trim()}. The next sync reads it.`);
      setValues(EMPTY);
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} data-testid="desk-edit-form">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            Edit an employee as payroll would
          </Title>
          <Text size="sm" c="dimmed">
            Changes MicrOpay directly, as a payroll officer typing in MicrOpay would. Blank fields
            stay as they are. Tax and bank details are not edited here.
          </Text>
        </div>
        <TextInput
          label="Employee ID"
          required
          maw={220}
          value={empCode}
          onChange={(event) => setEmpCode(event.currentTarget.value)}
          data-testid="desk-edit-code"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {FIELDS.map(({ field, label }) => (
            <TextInput
              key={field}
              label={label}
              value={values[field]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((current) => ({ ...current, [field]: value }));
              }}
              data-testid={`desk-edit-${field}`}
            />
          ))}
        </SimpleGrid>
        <Group gap="md">
          <Button type="submit" loading={saving} data-testid="desk-edit-save">
            Save
          </Button>
          <Text
            size="sm"
            role="status"
            c={problem ? "red" : undefined}
            data-testid={problem ? "desk-edit-problem" : "desk-edit-saved"}
          >
            {problem?.message ??
              (saved && (
                <Group gap={6} component="span">
                  <IconCheck size={16} aria-hidden />
                  {saved}
                </Group>
              ))}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

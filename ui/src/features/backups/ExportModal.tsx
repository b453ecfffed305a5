import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconFileExport } from "@tabler/icons-react";
import { useEffect, useState } from "react";

import type { AppError, BackupFormat, BackupSummary } from "../../api";
import { exportBackup, toAppError } from "../../api";
import { exportFileName, formatWhen } from "./format";

const FORMATS: { value: BackupFormat; label: string; description: string }[] = [
  {
    value: "encrypted",
    label: "Encrypted (recommended)",
    description: "As Paybridge keeps it. Only Paybridge on this computer can open it.",
  },
  {
    value: "json",
    label: "Plain JSON",
    description: "Everything, readable by any program. Contains tax file numbers.",
  },
  {
    value: "csv",
    label: "Plain CSV",
    description: "One row per employee, for a spreadsheet. Contains tax file numbers.",
  },
];

/** Exports one backup to a file the user picks; plain files need a confirmation. */
export function ExportModal({
  backup,
  onClose,
}: {
  backup: BackupSummary | null;
  onClose(): void;
}) {
  const [format, setFormat] = useState<BackupFormat>("encrypted");
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);

  // Every export starts encrypted and unconfirmed.
  useEffect(() => {
    setFormat("encrypted");
    setConfirmed(false);
    setError(null);
    setSavedTo(null);
  }, [backup?.id]);

  const plain = format !== "encrypted";
  const ready = !plain || confirmed;

  const run = async () => {
    if (!backup) return;
    setBusy(true);
    setError(null);
    try {
      const path = await exportBackup(
        backup.id,
        format,
        exportFileName(backup.fileName, format),
        plain && confirmed,
      );
      if (path !== null) setSavedTo(path);
    } catch (reason) {
      setError(toAppError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={backup !== null}
      onClose={onClose}
      centered
      size="md"
      title={<Text fw={600}>Export the backup of {backup && formatWhen(backup.createdAt)}</Text>}
      data-testid="export-modal"
    >
      {savedTo ? (
        <Stack gap="md">
          <Alert
            color="teal"
            variant="light"
            icon={<IconCircleCheck />}
            title="Exported"
            data-testid="export-done"
          >
            <Text size="sm" style={{ wordBreak: "break-all" }}>
              {savedTo}
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Radio.Group
            value={format}
            onChange={(value) => {
              setFormat(value as BackupFormat);
              setConfirmed(false);
            }}
            label="Format"
          >
            <Stack gap="xs" mt={6}>
              {FORMATS.map((option) => (
                <Radio
                  key={option.value}
                  value={option.value}
                  label={option.label}
                  description={option.description}
                  data-testid={`export-format-${option.value}`}
                />
              ))}
            </Stack>
          </Radio.Group>

          {plain && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertTriangle />}
              title="This file will contain tax file numbers"
              data-testid="export-warning"
            >
              <Stack gap="xs">
                <Text size="sm">
                  It will hold every employee's tax file number and bank account numbers in plain
                  text. Anyone who gets the file can read them. Keep it somewhere safe and delete it
                  when you are done.
                </Text>
                <Checkbox
                  checked={confirmed}
                  onChange={(event) => setConfirmed(event.currentTarget.checked)}
                  label="I understand: this file will contain tax file numbers and bank account numbers."
                  data-testid="export-confirm"
                />
              </Stack>
            </Alert>
          )}

          {error && (
            <Alert color="red" variant="light" data-testid="export-error" data-code={error.code}>
              {error.message}
            </Alert>
          )}

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button
              leftSection={<IconFileExport size={16} />}
              disabled={!ready}
              loading={busy}
              onClick={() => void run()}
              data-testid="export-save"
            >
              Choose file and export…
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Text } from "@mantine/core";
import { memo, useState } from "react";

import type { AppError, ImportCandidate } from "../../api";
import { toAppError, unlinkEmployee } from "../../api";

/** Confirms and removes one employee's link; the Worknice person stays. */
export const UnlinkModal = memo(function UnlinkModal({
  candidate,
  onClose,
  onUnlinked,
}: {
  candidate: ImportCandidate | null;
  onClose(): void;
  onUnlinked(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const unlink = async () => {
    if (!candidate) return;
    setBusy(true);
    try {
      await unlinkEmployee(candidate.empCode);
      setError(null);
      onUnlinked();
    } catch (reason) {
      setError(toAppError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={candidate !== null}
      onClose={close}
      title={<Text fw={600}>Unlink {candidate?.name}?</Text>}
      centered
      data-testid="unlink-modal"
    >
      <Text size="sm">
        Paybridge will stop keeping {candidate?.name} ({candidate?.empCode}) in step. The person
        stays in Worknice and in MicrOpay; importing them again links them back.
      </Text>
      {error && (
        <Alert color="red" variant="light" mt="sm" data-testid="unlink-error">
          {error.message}
        </Alert>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={close} disabled={busy}>
          Keep the link
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={() => void unlink()}
          data-testid="unlink-confirm"
        >
          Unlink
        </Button>
      </Group>
    </Modal>
  );
});

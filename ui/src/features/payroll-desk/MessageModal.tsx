import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";

/**
 * Which row a decision with payroll's words (Reject, Decline) is asking
 * about, and those words; `confirm` closes it once `submit` says it worked.
 */
export function useMessagePrompt<Row extends { id: number }>(
  submit: (id: number, message: string) => Promise<boolean>,
) {
  const [row, setRow] = useState<Row | null>(null);
  const [message, setMessage] = useState("");
  const close = () => {
    setRow(null);
    setMessage("");
  };
  const confirm = async () => {
    if (!row || message.trim() === "") return;
    if (await submit(row.id, message)) close();
  };
  return { row, open: setRow, message, setMessage, close, confirm };
}

/** What the modal needs of a `useMessagePrompt`. */
interface MessagePrompt {
  row: { id: number } | null;
  message: string;
  setMessage(message: string): void;
  close(): void;
  confirm(): Promise<void>;
}

interface MessageModalProps {
  prompt: MessagePrompt;
  /** e.g. "Reject request 7". */
  title: string;
  /** Why payroll's words matter, in a sentence. */
  explanation: string;
  label: string;
  confirmLabel: string;
  busyId: number | null;
  /** `desk-reject` gives `desk-reject-modal`, `desk-reject-reason`… */
  testIdPrefix: string;
  messageTestId: string;
}

/** Asks for payroll's words before a Reject or a Decline is sent. */
export function MessageModal({
  prompt,
  title,
  explanation,
  label,
  confirmLabel,
  busyId,
  testIdPrefix,
  messageTestId,
}: MessageModalProps) {
  const { row, message, setMessage, close, confirm } = prompt;
  return (
    <Modal opened={row !== null} onClose={close} title={title} data-testid={`${testIdPrefix}-modal`}>
      <Stack gap="sm">
        <Text size="sm">{explanation}</Text>
        <Textarea
          label={label}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={message}
          onChange={(event) => setMessage(event.currentTarget.value)}
          data-autofocus
          data-testid={messageTestId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={message.trim() === ""}
            loading={row !== null && busyId === row.id}
            onClick={() => void confirm()}
            data-testid={`${testIdPrefix}-confirm`}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

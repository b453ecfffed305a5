import { Group, Text } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";

interface SavedStatusProps {
  /** What was saved; `null` leaves the line empty. */
  message: string | null;
  testId: string;
}

/**
 * The line a screen reader announces after a save. It stays in the page
 * while empty so the announcement of the next save is not missed.
 */
export function SavedStatus({ message, testId }: SavedStatusProps) {
  return (
    <Text size="sm" role="status" data-testid={testId}>
      {message && (
        <Group gap={6} component="span">
          <IconCheck size={16} aria-hidden />
          {message}
        </Group>
      )}
    </Text>
  );
}

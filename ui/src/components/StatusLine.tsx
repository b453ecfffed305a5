import { Group, Loader, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconPlugOff } from "@tabler/icons-react";

import type { CardStatus } from "../features/connections/status";

const LOOK = {
  idle: { color: "gray", text: "dimmed", Icon: IconPlugOff },
  connected: { color: "teal", text: "var(--pb-color-text-success)", Icon: IconCircleCheck },
  failed: { color: "red", text: "var(--pb-color-text-danger)", Icon: IconAlertTriangle },
} as const;

interface StatusLineProps {
  status: CardStatus;
  rechecking: boolean;
  testId: string;
}

/** One line saying how a connection stands, coloured by outcome. */
export function StatusLine({ status, rechecking, testId }: StatusLineProps) {
  const { color, text, Icon } = LOOK[status.state];
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" role="status" aria-live="polite">
      <ThemeIcon variant="light" color={color} size="md" radius="xl">
        <Icon size={16} stroke={2} />
      </ThemeIcon>
      <Text
        size="sm"
        c={text}
        fw={status.state === "idle" ? 400 : 500}
        style={{ flex: 1, paddingTop: 3 }}
        data-testid={testId}
        data-state={status.state}
        data-code={status.state === "failed" ? status.code : undefined}
      >
        {status.text}
      </Text>
      {rechecking && (
        <Group gap={6} wrap="nowrap" pt={3} data-testid={`${testId}-rechecking`}>
          <Loader size={12} color="gray" />
          <Text size="xs" c="dimmed">
            Re-checking…
          </Text>
        </Group>
      )}
    </Group>
  );
}

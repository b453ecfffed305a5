import { Avatar, Badge, Button, Card, Divider, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

import type { CardAction } from "../features/connections/useConnectionCard";
import type { CardStatus } from "../features/connections/status";
import { StatusLine } from "./StatusLine";

interface ConnectionCardProps {
  /** Prefix of every data-testid inside the card, e.g. "micropay". */
  testId: string;
  title: string;
  description: string;
  monogram: string;
  accent: string;
  saved: boolean;
  status: CardStatus;
  rechecking: boolean;
  busy: CardAction | null;
  completed: number;
  onTest(): void;
  onSave(): void;
  onDisconnect(): void;
  children: ReactNode;
}

/** The frame both connection cards share: heading, fields, status, actions. */
export function ConnectionCard(props: ConnectionCardProps) {
  const { testId, busy } = props;
  const idle = busy === null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      shadow="xs"
      data-testid={`${testId}-card`}
      data-saved={props.saved}
      data-busy={busy ?? undefined}
      data-completed={props.completed}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <Group gap="sm" wrap="nowrap">
          <Avatar color={props.accent} radius="md" size={42}>
            {props.monogram}
          </Avatar>
          <div>
            <Title order={3} size="h4">
              {props.title}
            </Title>
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          </div>
        </Group>
        <Badge
          variant="light"
          color={props.saved ? "teal" : "gray"}
          style={{ flexShrink: 0 }}
          data-testid={`${testId}-saved-badge`}
        >
          {props.saved ? "Saved" : "Not saved"}
        </Badge>
      </Group>

      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (idle) props.onTest();
        }}
      >
        <Stack gap="sm">{props.children}</Stack>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </form>

      <Divider my="sm" />
      <StatusLine status={props.status} rechecking={props.rechecking} testId={`${testId}-status`} />

      <Group justify="space-between" mt="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            loading={busy === "test"}
            disabled={!idle && busy !== "test"}
            onClick={props.onTest}
            data-testid={`${testId}-test`}
          >
            Test connection
          </Button>
          <Button
            color={props.accent}
            loading={busy === "save"}
            disabled={!idle && busy !== "save"}
            onClick={props.onSave}
            data-testid={`${testId}-save`}
          >
            Save
          </Button>
        </Group>
        {props.saved && (
          <Button
            variant="subtle"
            color="red"
            px="sm"
            style={{ flexShrink: 0 }}
            loading={busy === "disconnect"}
            disabled={!idle && busy !== "disconnect"}
            onClick={props.onDisconnect}
            data-testid={`${testId}-disconnect`}
          >
            Disconnect
          </Button>
        )}
      </Group>
    </Card>
  );
}

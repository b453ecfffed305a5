import { Avatar, Badge, Button, Card, Divider, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

import type { ConnectionCardState } from "../features/connections/useConnectionCard";
import { StatusLine } from "./StatusLine";

/** What the frame reads of a card's state: none of it depends on the form. */
type CardFrameState = Pick<
  ConnectionCardState<unknown>,
  "saved" | "status" | "rechecking" | "busy" | "completed" | "test" | "save" | "disconnect"
>;

interface ConnectionCardProps {
  /** Prefix of every data-testid inside the card, e.g. "micropay". */
  testId: string;
  title: string;
  description: string;
  monogram: string;
  accent: string;
  state: CardFrameState;
  children: ReactNode;
}

/** The frame both connection cards share: heading, fields, status, actions. */
export function ConnectionCard(props: ConnectionCardProps) {
  const { testId, state } = props;
  const { busy } = state;
  const idle = busy === null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      shadow="xs"
      data-testid={`${testId}-card`}
      data-saved={state.saved}
      data-busy={busy ?? undefined}
      data-completed={state.completed}
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
          color={state.saved ? "teal" : "gray"}
          style={{ flexShrink: 0 }}
          data-testid={`${testId}-saved-badge`}
        >
          {state.saved ? "Saved" : "Not saved"}
        </Badge>
      </Group>

      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (idle) state.test();
        }}
      >
        <Stack gap="sm">{props.children}</Stack>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </form>

      <Divider my="sm" />
      <StatusLine status={state.status} rechecking={state.rechecking} testId={`${testId}-status`} />

      <Group justify="space-between" mt="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            loading={busy === "test"}
            disabled={!idle && busy !== "test"}
            onClick={state.test}
            data-testid={`${testId}-test`}
          >
            Test connection
          </Button>
          <Button
            color={props.accent}
            loading={busy === "save"}
            disabled={!idle && busy !== "save"}
            onClick={state.save}
            data-testid={`${testId}-save`}
          >
            Save
          </Button>
        </Group>
        {state.saved && (
          <Button
            variant="subtle"
            color="red"
            px="sm"
            style={{ flexShrink: 0 }}
            loading={busy === "disconnect"}
            disabled={!idle && busy !== "disconnect"}
            onClick={state.disconnect}
            data-testid={`${testId}-disconnect`}
          >
            Disconnect
          </Button>
        )}
      </Group>
    </Card>
  );
}

import { List, Paper, Stack, Text, Title } from "@mantine/core";

import type { SettingsChange } from "../../api";
import { changedWhen, describeChange } from "./text";

/** How many of the latest changes the screen shows. */
const SHOWN = 8;

/** The latest changes to directions, new-hire defaults and the schedule. */
export function SettingsHistoryList({ changes }: { changes: SettingsChange[] }) {
  const headingId = "settings-history-heading";
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          Recent changes to the sync settings
        </Title>
        {changes.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="settings-history-empty">
            None yet: every group has its default direction.
          </Text>
        ) : (
          <List size="sm" spacing={4} data-testid="settings-history">
            {changes.slice(0, SHOWN).map((change, index) => (
              <List.Item key={`${change.changedAt}-${index}`} data-testid="settings-history-entry">
                {describeChange(change)}{" "}
                <Text span size="sm" c="dimmed">
                  ({changedWhen(change)})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

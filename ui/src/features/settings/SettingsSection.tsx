import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface SettingsSectionProps {
  /** The heading's id; it labels the section (and may label a control in it). */
  headingId: string;
  title: string;
  description: ReactNode;
  testId: string;
  /** The section's state as `data-*` attributes, for the end-to-end tests. */
  state?: Record<`data-${string}`, string | boolean | undefined>;
  children: ReactNode;
}

/** A bordered section of the settings: heading, a line on what it does, then its controls. */
export function SettingsSection({
  headingId,
  title,
  description,
  testId,
  state,
  children,
}: SettingsSectionProps) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={headingId}
      data-testid={testId}
      {...state}
    >
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

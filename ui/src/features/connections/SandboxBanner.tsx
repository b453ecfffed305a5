import { Button, Group, Paper, Text, ThemeIcon, Title } from "@mantine/core";
import { IconFlask } from "@tabler/icons-react";

interface SandboxBannerProps {
  starting: boolean;
  onStart(): void;
}

/** The quickest way in: a demo MicrOpay and Worknice running on this computer. */
export function SandboxBanner({ starting, onStart }: SandboxBannerProps) {
  return (
    <Paper
      radius="md"
      p="md"
      withBorder
      style={{
        background:
          "linear-gradient(120deg, var(--pb-color-banner-from) 0%, var(--pb-color-banner-to) 100%)",
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group wrap="nowrap" gap="md">
          <ThemeIcon size={44} radius="md" variant="white" color="indigo">
            <IconFlask size={24} />
          </ThemeIcon>
          <div>
            <Title order={3} size="h5">
              No accounts handy?
            </Title>
            <Text size="sm" c="dimmed" maw={560}>
              Start a demo MicrOpay and Worknice on this computer with made-up employees,
              and fill in both forms. Nothing leaves your computer.
            </Text>
          </div>
        </Group>
        <Button
          size="md"
          variant="gradient"
          gradient={{ from: "indigo", to: "grape", deg: 120 }}
          leftSection={<IconFlask size={18} />}
          loading={starting}
          onClick={onStart}
          data-testid="sandbox-button"
          style={{ flexShrink: 0 }}
        >
          Try it with sandbox data
        </Button>
      </Group>
    </Paper>
  );
}

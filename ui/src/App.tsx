import { AppShell, Badge, Group, NavLink, Text, ThemeIcon } from "@mantine/core";
import {
  IconArrowsExchange,
  IconBeach,
  IconDatabaseExport,
  IconFileImport,
  IconPlugConnected,
  IconTransfer,
} from "@tabler/icons-react";

import { ConnectionsScreen } from "./features/connections/ConnectionsScreen";

const LATER_SCREENS = [
  { label: "Import", Icon: IconFileImport },
  { label: "Sync", Icon: IconArrowsExchange },
  { label: "Leave", Icon: IconBeach },
  { label: "Backups", Icon: IconDatabaseExport },
] as const;

export function App() {
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" gap="sm">
          <ThemeIcon
            size={34}
            radius="md"
            variant="gradient"
            gradient={{ from: "indigo", to: "grape", deg: 120 }}
          >
            <IconTransfer size={20} />
          </ThemeIcon>
          <Text fw={700} size="lg">
            Paybridge
          </Text>
          <Text size="sm" c="dimmed">
            Worknice ⇄ MicrOpay
          </Text>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" data-testid="nav">
        <NavLink
          active
          label="Connections"
          leftSection={<IconPlugConnected size={18} />}
          variant="light"
          data-testid="nav-connections"
        />
        {LATER_SCREENS.map(({ label, Icon }) => (
          <NavLink
            key={label}
            disabled
            label={label}
            leftSection={<Icon size={18} />}
            rightSection={
              <Badge size="xs" variant="default">
                Soon
              </Badge>
            }
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <ConnectionsScreen />
      </AppShell.Main>
    </AppShell>
  );
}

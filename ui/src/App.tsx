import { AppShell, Box, Group, NavLink, Text, ThemeIcon } from "@mantine/core";
import {
  IconArrowsExchange,
  IconArrowsLeftRight,
  IconBeach,
  IconDatabaseExport,
  IconFileImport,
  IconHistory,
  IconPlugConnected,
  IconSettings,
  IconTransfer,
  IconUserCheck,
} from "@tabler/icons-react";
import { type ComponentType, useEffect, useState } from "react";

import { getPayrollDeskStatus } from "./api";

import { AboutScreen } from "./features/about/AboutScreen";
import { BackupsScreen } from "./features/backups/BackupsScreen";
import { ConnectionsScreen } from "./features/connections/ConnectionsScreen";
import { DirectionsScreen } from "./features/directions/DirectionsScreen";
import { HistoryScreen } from "./features/history/HistoryScreen";
import { ImportScreen } from "./features/import/ImportScreen";
import { LeaveScreen } from "./features/leave/LeaveScreen";
import { PayrollDeskScreen } from "./features/payroll-desk/PayrollDeskScreen";
import { SyncScreen } from "./features/sync/SyncScreen";
import type { Screen } from "./navigation";

const SCREENS: { screen: Screen; label: string; Icon: ComponentType<{ size?: number }> }[] = [
  { screen: "connections", label: "Connections", Icon: IconPlugConnected },
  { screen: "import", label: "Import", Icon: IconFileImport },
  { screen: "directions", label: "Directions", Icon: IconArrowsLeftRight },
  { screen: "leave", label: "Leave", Icon: IconBeach },
  { screen: "sync", label: "Sync", Icon: IconArrowsExchange },
  { screen: "history", label: "Sync history", Icon: IconHistory },
  { screen: "backups", label: "Backups", Icon: IconDatabaseExport },
  // Shown only while MicrOpay is the built-in sandbox (see useSandboxMode).
  { screen: "payroll-desk", label: "Payroll desk", Icon: IconUserCheck },
  { screen: "about", label: "Settings and help", Icon: IconSettings },
];

/** How often the app asks whether MicrOpay is the built-in sandbox (a cheap local read). */
const SANDBOX_CHECK_MS = 3000;

/** True while the saved MicrOpay connection is the built-in sandbox. */
function useSandboxMode(current: Screen): boolean {
  const [sandbox, setSandbox] = useState(false);
  useEffect(() => {
    let stale = false;
    const check = () =>
      getPayrollDeskStatus()
        .then((status) => !stale && setSandbox(status.available))
        .catch(() => !stale && setSandbox(false));
    void check();
    // Connecting or disconnecting happens on another screen: keep asking.
    const timer = window.setInterval(() => void check(), SANDBOX_CHECK_MS);
    return () => {
      stale = true;
      window.clearInterval(timer);
    };
  }, [current]);
  return sandbox;
}

export function App() {
  const [current, setCurrent] = useState<Screen>("connections");
  const sandboxMode = useSandboxMode(current);
  // A screen stays mounted once opened, so an import keeps running and the
  // loaded employee list stays put while the user looks elsewhere.
  const [opened, setOpened] = useState<ReadonlySet<Screen>>(() => new Set(["connections"]));
  const open = (screen: Screen) => {
    setCurrent(screen);
    setOpened((previous) => (previous.has(screen) ? previous : new Set(previous).add(screen)));
  };

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

      <AppShell.Navbar p="sm" data-testid="nav" aria-label="Screens">
        {SCREENS.filter(({ screen }) => screen !== "payroll-desk" || sandboxMode).map(
          ({ screen, label, Icon }) => (
          <NavLink
            key={screen}
            // A button, not Mantine's default <a> without href, which the
            // keyboard cannot reach.
            component="button"
            active={current === screen}
            label={label}
            leftSection={<Icon size={18} />}
            variant="light"
            onClick={() => open(screen)}
            aria-current={current === screen ? "page" : undefined}
            data-testid={`nav-${screen}`}
          />
          ),
        )}
      </AppShell.Navbar>

      <AppShell.Main bg="var(--pb-color-page)">
        <Box display={current === "connections" ? undefined : "none"}>
          {opened.has("connections") && <ConnectionsScreen />}
        </Box>
        <Box display={current === "import" ? undefined : "none"}>
          {opened.has("import") && <ImportScreen active={current === "import"} onNavigate={open} />}
        </Box>
        <Box display={current === "directions" ? undefined : "none"}>
          {opened.has("directions") && <DirectionsScreen active={current === "directions"} />}
        </Box>
        <Box display={current === "leave" ? undefined : "none"}>
          {opened.has("leave") && <LeaveScreen active={current === "leave"} />}
        </Box>
        <Box display={current === "sync" ? undefined : "none"}>
          {opened.has("sync") && <SyncScreen />}
        </Box>
        <Box display={current === "history" ? undefined : "none"}>
          {opened.has("history") && <HistoryScreen active={current === "history"} />}
        </Box>
        <Box display={current === "backups" ? undefined : "none"}>
          {opened.has("backups") && (
            <BackupsScreen active={current === "backups"} onNavigate={open} />
          )}
        </Box>
        <Box display={current === "payroll-desk" && sandboxMode ? undefined : "none"}>
          {opened.has("payroll-desk") && sandboxMode && (
            <PayrollDeskScreen active={current === "payroll-desk"} />
          )}
        </Box>
        <Box display={current === "about" ? undefined : "none"}>
          {opened.has("about") && <AboutScreen active={current === "about"} />}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

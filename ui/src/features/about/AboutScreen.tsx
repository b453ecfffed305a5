import {
  Alert,
  Button,
  Code,
  Group,
  type MantineColorScheme,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMantineColorScheme,
} from "@mantine/core";
import { IconAlertCircle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type { AppError, Diagnostics } from "../../api";
import { getDiagnostics, toAppError } from "../../api";
import { KeepSyncingSection } from "../settings/KeepSyncingSection";
import { NewHireDefaultsSection } from "../settings/NewHireDefaultsSection";
import { SyncScheduleSection } from "../settings/SyncScheduleSection";
import { copyText } from "./clipboard";

const SCHEMES: { value: MantineColorScheme; label: string }[] = [
  { value: "auto", label: "Same as my computer" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

type CopyState = "idle" | "copied" | "failed";

interface AboutScreenProps {
  /** Shown now; the diagnostics are read again each time the screen opens. */
  active: boolean;
}

/** Appearance, and what support needs to know: version, folders, last errors. */
export function AboutScreen({ active }: AboutScreenProps) {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [copy, setCopy] = useState<CopyState>("idle");

  const refresh = useCallback(async () => {
    try {
      setDiagnostics(await getDiagnostics());
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    }
  }, []);

  useEffect(() => {
    if (active) void refresh();
  }, [active, refresh]);

  const copyDiagnostics = async () => {
    if (!diagnostics) return;
    setCopy((await copyText(diagnostics.report)) ? "copied" : "failed");
  };

  return (
    <Stack gap="md" maw={900} data-testid="about-screen" data-loaded={diagnostics !== null}>
      <div>
        <Title order={2}>Settings and help</Title>
        <Text c="dimmed" size="sm">
          How Paybridge looks and syncs, and what to send support when something goes wrong.
        </Text>
      </div>

      <NewHireDefaultsSection active={active} />
      <SyncScheduleSection active={active} />
      <KeepSyncingSection active={active} />

      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={3} size="h4" id="appearance-heading">
            Appearance
          </Title>
          <SegmentedControl
            aria-labelledby="appearance-heading"
            data-testid="color-scheme"
            value={colorScheme}
            onChange={(value) => setColorScheme(value as MantineColorScheme)}
            data={SCHEMES}
            w="fit-content"
          />
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <Title order={3} size="h4">
              About Paybridge
            </Title>
            <Button
              variant="default"
              leftSection={copy === "copied" ? <IconCheck size={16} /> : <IconCopy size={16} />}
              disabled={!diagnostics}
              onClick={() => void copyDiagnostics()}
              data-testid="copy-diagnostics"
            >
              Copy diagnostics
            </Button>
          </Group>
          <Text size="sm" role="status" data-testid="copy-status" data-state={copy}>
            {copy === "copied" && "Copied. Paste it into your email to support."}
            {copy === "failed" &&
              "Paybridge could not reach the clipboard. Select the text below and copy it."}
          </Text>

          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} title="Diagnostics unavailable">
              {problem.message}
            </Alert>
          )}

          {diagnostics && (
            <Table variant="vertical" layout="fixed" withTableBorder data-testid="about-facts">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={160}>Version</Table.Th>
                  <Table.Td data-testid="about-version">{diagnostics.appVersion}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Platform</Table.Th>
                  <Table.Td>{diagnostics.platform}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Data folder</Table.Th>
                  <Table.Td style={{ overflowWrap: "anywhere" }} data-testid="about-data-dir">
                    {diagnostics.dataDir}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Log folder</Table.Th>
                  <Table.Td style={{ overflowWrap: "anywhere" }} data-testid="about-log-dir">
                    {diagnostics.logDir}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          )}

          {diagnostics && (
            <div>
              <Title order={4} size="h5" mb={4}>
                Recent errors
              </Title>
              {diagnostics.recentErrors.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="about-no-errors">
                  None since Paybridge started.
                </Text>
              ) : (
                <Code block data-testid="about-errors" tabIndex={0} aria-label="Recent errors">
                  {diagnostics.recentErrors
                    .map((event) => `${event.at} ${event.level} ${event.message}`)
                    .join("\n")}
                </Code>
              )}
            </div>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

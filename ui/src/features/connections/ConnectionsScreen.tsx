import { Alert, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";

import type { AppError } from "../../api";
import { getConnections, startSandbox, toAppError } from "../../api";
import { micropayBackend, workniceBackend } from "./backends";
import { MicropayCard } from "./MicropayCard";
import { SandboxBanner } from "./SandboxBanner";
import { useConnectionCard } from "./useConnectionCard";
import { WorkniceCard } from "./WorkniceCard";

export function ConnectionsScreen() {
  const micropay = useConnectionCard(micropayBackend);
  const worknice = useConnectionCard(workniceBackend);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<{ title: string; error: AppError } | null>(null);
  const [sandboxStarting, setSandboxStarting] = useState(false);
  const { showSaved: showMicropay, fill: fillMicropay } = micropay;
  const { showSaved: showWorknice, fill: fillWorknice } = worknice;

  useEffect(() => {
    let live = true;
    getConnections()
      .then((saved) => {
        if (!live) return;
        showMicropay(saved.micropay);
        showWorknice(saved.worknice);
      })
      .catch(
        (reason: unknown) =>
          live &&
          setProblem({
            title: "Paybridge could not open your saved connections",
            error: toAppError(reason),
          }),
      )
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [showMicropay, showWorknice]);

  const trySandbox = useCallback(async () => {
    setSandboxStarting(true);
    try {
      const forms = await startSandbox();
      fillMicropay(forms.micropay);
      fillWorknice(forms.worknice);
      setProblem(null);
    } catch (reason) {
      setProblem({ title: "The sandbox could not start", error: toAppError(reason) });
    } finally {
      setSandboxStarting(false);
    }
  }, [fillMicropay, fillWorknice]);

  return (
    <Stack gap="md" maw={1180} data-testid="connections-screen" data-loaded={loaded}>
      <div>
        <Title order={2}>Connections</Title>
        <Text c="dimmed" size="sm">
          Passwords, API keys and tokens are kept in your computer's keyring, never in
          Paybridge's files.
        </Text>
      </div>

      {problem && (
        <Alert
          color="red"
          variant="light"
          radius="md"
          icon={<IconAlertCircle />}
          title={problem.title}
          withCloseButton
          onClose={() => setProblem(null)}
          data-testid="connections-problem"
          data-code={problem.error.code}
        >
          {problem.error.message}
        </Alert>
      )}

      <SandboxBanner starting={sandboxStarting} onStart={() => void trySandbox()} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <MicropayCard card={micropay} />
        <WorkniceCard card={worknice} />
      </SimpleGrid>
    </Stack>
  );
}

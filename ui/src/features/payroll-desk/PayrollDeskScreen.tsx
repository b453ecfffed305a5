import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconRefresh } from "@tabler/icons-react";
import { useCallback, useEffect, useRef, useState } from "react";

import type { AppError, DeskRequest } from "../../api";
import {
  acceptPayrollRequest,
  listPayrollRequests,
  rejectPayrollRequest,
  toAppError,
} from "../../api";
import { EditEmployeeForm } from "./EditEmployeeForm";
import { RequestsTable } from "./RequestsTable";

/** How often the list is read again while the screen is open. */
const POLL_MS = 3000;

interface PayrollDeskScreenProps {
  /** Shown now: the list is polled only then. */
  active: boolean;
}

/** Sandbox mode only: the trainer plays MicrOpay's payroll officer. */
export function PayrollDeskScreen({ active }: PayrollDeskScreenProps) {
  const [requests, setRequests] = useState<DeskRequest[] | null>(null);
  const [loads, setLoads] = useState(0);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);

  // Bumped by every decision: a list read that started before one is stale
  // and would show the decided request as still open.
  const decisions = useRef(0);

  const refresh = useCallback(async () => {
    const startedAfter = decisions.current;
    try {
      const listed = await listPayrollRequests();
      if (startedAfter !== decisions.current) return;
      setRequests(listed);
      setProblem(null);
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setLoads((count) => count + 1);
    }
  }, []);

  useEffect(() => {
    if (!active) return;
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [active, refresh]);

  const replace = (decided: DeskRequest) => {
    decisions.current += 1;
    setRequests((current) => current?.map((r) => (r.id === decided.id ? decided : r)) ?? null);
  };

  const accept = async (id: number) => {
    setBusyId(id);
    setProblem(null);
    try {
      replace(await acceptPayrollRequest(id));
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setBusyId(null);
    }
  };

  const reject = async (id: number, message: string) => {
    setBusyId(id);
    setProblem(null);
    try {
      replace(await rejectPayrollRequest(id, message));
      return true;
    } catch (reason) {
      setProblem(toAppError(reason));
      return false;
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Stack gap="md" maw={1180} data-testid="payroll-desk-screen" data-loads={loads}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Payroll desk</Title>
          <Text c="dimmed" size="sm" data-testid="desk-intro">
            Plays the payroll officer in MicrOpay: accept or reject Paybridge&rsquo;s change
            requests, or change an employee&rsquo;s details, as payroll would.
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => void refresh()}
          data-testid="desk-refresh"
        >
          Refresh
        </Button>
      </Group>

      {problem && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle />}
          title="Payroll could not do that"
          data-testid="desk-problem"
        >
          {problem.message}
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h4" mb="sm">
          Change requests
        </Title>
        {requests && (
          <RequestsTable
            requests={requests}
            busyId={busyId}
            onAccept={accept}
            onReject={reject}
          />
        )}
      </Paper>

      <Paper withBorder radius="md" p="md">
        <EditEmployeeForm />
      </Paper>
    </Stack>
  );
}

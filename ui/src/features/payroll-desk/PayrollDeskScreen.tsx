import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconRefresh } from "@tabler/icons-react";
import { useCallback, useEffect, useRef, useState } from "react";

import type { AppError, DeskLeaveApplication, DeskRequest } from "../../api";
import {
  acceptPayrollRequest,
  declinePayrollLeave,
  listPayrollLeave,
  listPayrollRequests,
  processPayrollLeave,
  rejectPayrollRequest,
  toAppError,
} from "../../api";
import { EditEmployeeForm } from "./EditEmployeeForm";
import { LeaveTable } from "./LeaveTable";
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
  const [leave, setLeave] = useState<DeskLeaveApplication[] | null>(null);
  const [loads, setLoads] = useState(0);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [busyLeaveId, setBusyLeaveId] = useState<number | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);

  // Bumped by every decision: a list read that started before one is stale
  // and would show the decided request or application as still open.
  const decisions = useRef(0);

  const refresh = useCallback(async () => {
    const startedAfter = decisions.current;
    // Both lists, each shown when read: one failing does not hide the other.
    const [listed, listedLeave] = await Promise.allSettled([
      listPayrollRequests(),
      listPayrollLeave(),
    ]);
    if (startedAfter === decisions.current) {
      if (listed.status === "fulfilled") setRequests(listed.value);
      if (listedLeave.status === "fulfilled") setLeave(listedLeave.value);
      const failed = [listed, listedLeave].find((read) => read.status === "rejected");
      setProblem(failed ? toAppError(failed.reason) : null);
    }
    setLoads((count) => count + 1);
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

  const replaceLeave = (decided: DeskLeaveApplication) => {
    decisions.current += 1;
    setLeave((current) => current?.map((a) => (a.id === decided.id ? decided : a)) ?? null);
  };

  const processLeave = async (id: number) => {
    setBusyLeaveId(id);
    setProblem(null);
    try {
      replaceLeave(await processPayrollLeave(id));
    } catch (reason) {
      setProblem(toAppError(reason));
    } finally {
      setBusyLeaveId(null);
    }
  };

  const declineLeave = async (id: number, message: string) => {
    setBusyLeaveId(id);
    setProblem(null);
    try {
      replaceLeave(await declinePayrollLeave(id, message));
      return true;
    } catch (reason) {
      setProblem(toAppError(reason));
      return false;
    } finally {
      setBusyLeaveId(null);
    }
  };

  return (
    <Stack gap="md" maw={1180} data-testid="payroll-desk-screen" data-loads={loads}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Payroll desk</Title>
          <Text c="dimmed" size="sm" data-testid="desk-intro">
            Plays the payroll officer in MicrOpay: accept or reject Paybridge&rsquo;s change
            requests, process or decline leave applications, or change an employee&rsquo;s
            details, as payroll would.
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
        <Title order={3} size="h4" mb="sm">
          Leave applications
        </Title>
        {leave && (
          <LeaveTable
            applications={leave}
            busyId={busyLeaveId}
            onProcess={processLeave}
            onDecline={declineLeave}
          />
        )}
      </Paper>

      <Paper withBorder radius="md" p="md">
        <EditEmployeeForm />
      </Paper>
    </Stack>
  );
}

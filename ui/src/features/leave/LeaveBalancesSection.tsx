import { Alert, Group, Loader, Paper, Table, Text } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useEffect, useState } from "react";

import type { AppError, LeaveBalancesReport } from "../../api";
import { getLeaveBalances, toAppError } from "../../api";
import { BALANCES_OFF_IN_APP, balancesAsOf, daysText, hoursText } from "./text";

type Loaded =
  | { state: "loading" }
  | { state: "loaded"; report: LeaveBalancesReport }
  | { state: "failed"; error: AppError };

/**
 * One employee's leave balances, read live from MicrOpay when the detail
 * opens (the engine keeps a read for 5 minutes). Says why when there are
 * none: the option is off, or this MicrOpay database has no balances.
 */
export function LeaveBalancesSection({ empCode }: { empCode: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  useEffect(() => {
    let live = true;
    setLoaded({ state: "loading" });
    getLeaveBalances(empCode)
      .then((report) => live && setLoaded({ state: "loaded", report }))
      .catch((reason: unknown) => live && setLoaded({ state: "failed", error: toAppError(reason) }));
    return () => {
      live = false;
    };
  }, [empCode]);

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="section"
      aria-label="Leave balances"
      data-testid="leave-balances"
      data-state={loaded.state === "loaded" ? loaded.report.state : loaded.state}
    >
      <Text fw={600} size="sm" mb={6}>
        Leave balances
      </Text>
      {loaded.state === "loading" && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Reading balances from MicrOpay…
          </Text>
        </Group>
      )}
      {loaded.state === "failed" && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="leave-balances-problem">
          {loaded.error.message}
        </Alert>
      )}
      {loaded.state === "loaded" && <Balances report={loaded.report} empCode={empCode} />}
    </Paper>
  );
}

function Balances({ report, empCode }: { report: LeaveBalancesReport; empCode: string }) {
  if (report.state === "off") {
    return (
      <Text size="sm" c="dimmed" data-testid="leave-balances-message">
        {BALANCES_OFF_IN_APP}
      </Text>
    );
  }
  if (report.state === "unavailable") {
    return (
      <Alert color="yellow" variant="light" icon={<IconAlertCircle />} data-testid="leave-balances-message">
        {report.message}. Everything else keeps working.
      </Alert>
    );
  }
  const held = report.held.find((entry) => entry.empCode === empCode);
  if (held) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="leave-balances-problem">
        {held.reason}
      </Alert>
    );
  }
  const employee = report.employees.find((entry) => entry.empCode === empCode);
  if (!employee || employee.balances.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="leave-balances-message">
        MicrOpay has no leave balances for this employee.
      </Text>
    );
  }
  return (
    <>
      <Table fz="sm" verticalSpacing={3} horizontalSpacing={4} data-testid="leave-balances-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Category</Table.Th>
            <Table.Th ta="right">Balance</Table.Th>
            <Table.Th ta="right" title="Less approved leave payroll has not processed yet">
              Projected
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {employee.balances.map((row) => (
            <Table.Tr key={row.code} data-testid="leave-balance-row" data-code={row.code}>
              <Table.Td>
                {row.name}
                {!row.visible && (
                  <Text size="xs" c="dimmed">
                    Hidden from employees
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                <span data-testid="leave-balance-hours">{hoursText(row.hours)}</span>
                {row.days !== null && (
                  <Text size="xs" c="dimmed">
                    {daysText(row.days)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                {hoursText(row.projectedHours)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={6} data-testid="leave-balances-as-of">
        {balancesAsOf(employee.asOf, employee.payrollAsAt)}
      </Text>
    </>
  );
}

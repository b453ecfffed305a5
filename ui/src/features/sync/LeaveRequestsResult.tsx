import { List, Stack, Text } from "@mantine/core";

import type { HeldLeaveRequest, SkippedPayrollLeave, SyncCounts } from "../../api";
import { leaveBalancesText, leaveFromPayrollText, leaveRequestsText } from "./leave";

/**
 * A run's leave steps: the approved requests it read, what it sent to
 * MicrOpay, each held one with why; leave entered in MicrOpay added to
 * Worknice; and the day's balances sent to Worknice. Nothing when neither step ran (the options were off).
 */
export function LeaveRequestsResult({
  counts: { leaveRequests: requests, leaveBalances: balances, leaveFromPayroll: fromPayroll },
  held,
  skipped = [],
  testId,
}: {
  counts: SyncCounts;
  held: HeldLeaveRequest[];
  /** Leave entered in MicrOpay not added to Worknice, each with why. */
  skipped?: SkippedPayrollLeave[];
  testId: string;
}) {
  if (!requests && !balances) return null;
  return (
    <Stack
      gap={4}
      mt="sm"
      data-testid={testId}
      data-transferred={requests?.transferred}
      data-held={requests?.held}
      data-needs-payroll={requests?.needsPayroll}
      data-balances-written={balances?.written}
    >
      <Text size="sm" fw={600}>
        Leave
      </Text>
      {balances && (
        <Text size="sm" data-testid={`${testId}-balances`}>
          {leaveBalancesText(balances)}
        </Text>
      )}
      {requests && (
        <Text size="sm" data-testid={`${testId}-text`}>
          {leaveRequestsText(requests)}
        </Text>
      )}
      {fromPayroll && (
        <Text size="sm" data-testid={`${testId}-from-payroll`}>
          {leaveFromPayrollText(fromPayroll)}
        </Text>
      )}
      {skipped.length > 0 && (
        <List size="sm" spacing={2}>
          {skipped.map((leave) => (
            <List.Item key={leave.micropayApplicationId} data-testid={`${testId}-skipped`}>
              {leave.empCode}: {leave.reason}
            </List.Item>
          ))}
        </List>
      )}
      {held.length > 0 && (
        <List size="sm" spacing={2}>
          {held.map((request) => (
            <List.Item key={request.workniceRequestId} data-testid={`${testId}-held`}>
              {request.empCode ?? "No Employee ID"}: {request.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

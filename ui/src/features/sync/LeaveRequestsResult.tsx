import { List, Stack, Text } from "@mantine/core";

import type { HeldLeaveRequest, LeaveTransferCounts } from "../../api";
import { leaveRequestsText } from "./leave";

/**
 * A run's leave step: the approved requests it read, what it sent to
 * MicrOpay, and each held one with why. Nothing when the requests option
 * was off (the run read none).
 */
export function LeaveRequestsResult({
  counts,
  held,
  testId,
}: {
  counts: LeaveTransferCounts | undefined;
  held: HeldLeaveRequest[];
  testId: string;
}) {
  if (!counts) return null;
  return (
    <Stack gap={4} mt="sm" data-testid={testId} data-transferred={counts.transferred} data-held={counts.held}>
      <Text size="sm" fw={600}>
        Leave requests
      </Text>
      <Text size="sm" data-testid={`${testId}-text`}>
        {leaveRequestsText(counts)}
      </Text>
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

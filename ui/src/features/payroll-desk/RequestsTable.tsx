import { Badge, Button, Group, Table, Text } from "@mantine/core";

import { MessageModal, useMessagePrompt } from "./MessageModal";
import type { DeskRequest } from "../../api";
import { STATUS_COLORS, STATUS_LABELS, describeChanges, isOpen, receivedLabel } from "./text";

interface RequestsTableProps {
  requests: DeskRequest[];
  /** The request being accepted or rejected, if any. */
  busyId: number | null;
  onAccept(id: number): Promise<void>;
  /** Resolves true when the request was rejected (the modal then closes). */
  onReject(id: number, message: string): Promise<boolean>;
}

/** Every change request payroll has, newest first, with Accept / Reject on open ones. */
export function RequestsTable({ requests, busyId, onAccept, onReject }: RequestsTableProps) {
  const rejecting = useMessagePrompt<DeskRequest>(onReject);

  if (requests.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="desk-no-requests">
        No change requests yet. They appear here as soon as Paybridge sends one to MicrOpay.
      </Text>
    );
  }

  return (
    <>
      <Table verticalSpacing="sm" data-testid="desk-requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>No.</Table.Th>
            <Table.Th w={190}>Employee</Table.Th>
            <Table.Th w={90}>Type</Table.Th>
            <Table.Th>What it changes</Table.Th>
            <Table.Th w={130}>Status</Table.Th>
            <Table.Th w={190}>Payroll</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((request) => (
            <Table.Tr
              key={request.id}
              data-testid={`desk-request-${request.id}`}
              data-status={request.status}
              data-emp-code={request.empCode}
            >
              <Table.Th scope="row" fw={500}>
                {request.id}
              </Table.Th>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {request.employeeName ?? request.empCode}
                </Text>
                <Text size="xs" c="dimmed">
                  {request.employeeName ? `${request.empCode} · ` : ""}
                  {receivedLabel(request.receivedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{request.changeType}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {describeChanges(request)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={STATUS_COLORS[request.status]}
                  data-testid={`desk-status-${request.id}`}
                >
                  {STATUS_LABELS[request.status]}
                </Badge>
              </Table.Td>
              <Table.Td>
                {isOpen(request) ? (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      loading={busyId === request.id}
                      disabled={busyId !== null && busyId !== request.id}
                      onClick={() => void onAccept(request.id)}
                      aria-label={`Accept request ${request.id}`}
                      data-testid={`desk-accept-${request.id}`}
                    >
                      Accept
                    </Button>
                    <Button
                      size="xs"
                      // Neutral: red text on a light red hover fails contrast.
                      variant="default"
                      disabled={busyId !== null}
                      onClick={() => rejecting.open(request)}
                      aria-label={`Reject request ${request.id}`}
                      data-testid={`desk-reject-${request.id}`}
                    >
                      Reject
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed" data-testid={`desk-message-${request.id}`}>
                    {request.message ?? ""}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <MessageModal
        prompt={rejecting}
        title={rejecting.row ? `Reject request ${rejecting.row.id}` : "Reject"}
        explanation="Paybridge shows payroll’s reason with the change it sent, so say what to fix."
        label="Payroll's reason"
        confirmLabel="Reject the change"
        busyId={busyId}
        testIdPrefix="desk-reject"
        messageTestId="desk-reject-reason"
      />
    </>
  );
}

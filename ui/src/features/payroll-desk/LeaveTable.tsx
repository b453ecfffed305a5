import { Badge, Button, Group, Table, Text } from "@mantine/core";

import { MessageModal, useMessagePrompt } from "./MessageModal";
import type { DeskLeaveApplication } from "../../api";
import {
  LEAVE_STATUS_COLORS,
  LEAVE_STATUS_LABELS,
  isLeaveOpen,
  leaveAmount,
  leaveDates,
} from "./leaveText";

interface LeaveTableProps {
  applications: DeskLeaveApplication[];
  /** The application being processed or declined, if any. */
  busyId: number | null;
  onProcess(id: number): Promise<void>;
  /** Resolves true when the application was declined (the modal then closes). */
  onDecline(id: number, message: string): Promise<boolean>;
}

/** Every leave application payroll has, newest first, with Process / Decline on received ones. */
export function LeaveTable({ applications, busyId, onProcess, onDecline }: LeaveTableProps) {
  const declining = useMessagePrompt<DeskLeaveApplication>(onDecline);

  if (applications.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="desk-no-leave">
        No leave applications yet. Leave approved in Worknice appears here once a sync sends it to
        MicrOpay.
      </Text>
    );
  }

  return (
    <>
      <Table verticalSpacing="sm" data-testid="desk-leave">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>No.</Table.Th>
            <Table.Th w={190}>Employee</Table.Th>
            <Table.Th>Leave</Table.Th>
            <Table.Th w={90}>Amount</Table.Th>
            <Table.Th w={130}>Status</Table.Th>
            <Table.Th w={190}>Payroll</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {applications.map((application) => (
            <Table.Tr
              key={application.id}
              data-testid={`desk-leave-${application.id}`}
              data-status={application.status}
              data-emp-code={application.empCode}
            >
              <Table.Th scope="row" fw={500}>
                {application.id}
              </Table.Th>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {application.employeeName ?? application.empCode}
                </Text>
                {application.employeeName && (
                  <Text size="xs" c="dimmed">
                    {application.empCode}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{application.category}</Text>
                <Text size="xs" c="dimmed">
                  {leaveDates(application)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{leaveAmount(application)}</Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={LEAVE_STATUS_COLORS[application.status]}
                  data-testid={`desk-leave-status-${application.id}`}
                >
                  {LEAVE_STATUS_LABELS[application.status]}
                </Badge>
              </Table.Td>
              <Table.Td>
                {isLeaveOpen(application) ? (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      loading={busyId === application.id}
                      disabled={busyId !== null && busyId !== application.id}
                      onClick={() => void onProcess(application.id)}
                      aria-label={`Process leave application ${application.id}`}
                      data-testid={`desk-process-${application.id}`}
                    >
                      Process
                    </Button>
                    <Button
                      size="xs"
                      // Neutral: red text on a light red hover fails contrast.
                      variant="default"
                      disabled={busyId !== null}
                      onClick={() => declining.open(application)}
                      aria-label={`Decline leave application ${application.id}`}
                      data-testid={`desk-decline-${application.id}`}
                    >
                      Decline
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed" data-testid={`desk-leave-message-${application.id}`}>
                    {application.message ?? ""}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <MessageModal
        prompt={declining}
        title={declining.row ? `Decline leave application ${declining.row.id}` : "Decline"}
        explanation="Paybridge shows payroll’s message on the leave request in Worknice (not for leave of a private category), so say why."
        label="Payroll's message"
        confirmLabel="Decline the leave"
        busyId={busyId}
        testIdPrefix="desk-decline"
        messageTestId="desk-decline-message"
      />
    </>
  );
}

import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from "@mantine/core";
import { useState } from "react";

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
  const [declining, setDeclining] = useState<DeskLeaveApplication | null>(null);
  const [message, setMessage] = useState("");

  const closeModal = () => {
    setDeclining(null);
    setMessage("");
  };
  const confirmDecline = async () => {
    if (!declining || message.trim() === "") return;
    if (await onDecline(declining.id, message)) closeModal();
  };

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
                      onClick={() => setDeclining(application)}
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

      <Modal
        opened={declining !== null}
        onClose={closeModal}
        title={declining ? `Decline leave application ${declining.id}` : "Decline"}
        data-testid="desk-decline-modal"
      >
        <Stack gap="sm">
          <Text size="sm">
            Paybridge shows payroll&rsquo;s message on the leave request in Worknice (not for leave
            of a private category), so say why.
          </Text>
          <Textarea
            label="Payroll's message"
            required
            autosize
            minRows={2}
            maxLength={500}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            data-autofocus
            data-testid="desk-decline-message"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={closeModal}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={message.trim() === ""}
              loading={declining !== null && busyId === declining.id}
              onClick={() => void confirmDecline()}
              data-testid="desk-decline-confirm"
            >
              Decline the leave
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

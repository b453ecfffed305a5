import { Badge, Button, Group, Paper, Table, Text, Title } from "@mantine/core";
import { useCallback, useState } from "react";

import type { NeedsPayrollEntry, NeedsPayrollReport } from "../../api";
import { getNeedsPayroll, markNeedsPayrollDone, toAppError } from "../../api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { SavedStatus } from "../../components/SavedStatus";
import { formatWhen } from "../../formatWhen";
import { useOpenLoad } from "../../useOpenLoad";
import { needsPayrollAction, needsPayrollDone, needsPayrollSummary } from "./text";

/**
 * Leave cancelled or changed in Worknice after Paybridge sent it: a payroll
 * officer does each in MicrOpay and marks it done here. Read from this
 * computer's records only, so it shows even when a side can't be reached.
 */
export function NeedsPayrollSection({ active }: { active: boolean }) {
  const [report, setReport] = useState<NeedsPayrollReport | null>(null);
  const [marking, setMarking] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = useCallback(async () => {
    setSaved(null);
    setReport(await getNeedsPayroll());
  }, []);
  const { loads, problem, setProblem } = useOpenLoad(active, load);

  const markDone = async (entry: NeedsPayrollEntry) => {
    setMarking(entry.id);
    setProblem(null);
    setSaved(null);
    try {
      setReport(await markNeedsPayrollDone(entry.id));
      setSaved(needsPayrollDone(entry));
    } catch (reason) {
      setProblem(toAppError(reason));
      // E.g. marked done meanwhile from the command line: show the list as it is.
      setReport(await getNeedsPayroll().catch(() => report));
    } finally {
      setMarking(null);
    }
  };

  const open = report?.open ?? [];
  const done = report?.recentlyDone ?? [];
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="needs-payroll-heading"
      data-testid="needs-payroll"
      data-loads={loads}
      data-open={open.length}
    >
      <Group gap="xs" mb="xs">
        <Title order={3} size="h4" id="needs-payroll-heading">
          Needs payroll
        </Title>
        {open.length > 0 && (
          <Badge color="red.9" variant="filled" data-testid="needs-payroll-count">
            {open.length} to do
          </Badge>
        )}
      </Group>
      <ProblemAlert problem={problem} title="Needs payroll" testId="needs-payroll-problem" />
      {report && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="needs-payroll-summary">
          {needsPayrollSummary(report)}
        </Text>
      )}
      {open.length > 0 && (
        <Table verticalSpacing="sm" layout="fixed" data-testid="needs-payroll-open">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Action</Table.Th>
              <Table.Th>What to do in MicrOpay</Table.Th>
              <Table.Th w={170}>Raised</Table.Th>
              <Table.Th w={130} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((entry) => (
              <Table.Tr key={entry.id} data-testid={`needs-payroll-item-${entry.id}`}>
                <Table.Td>
                  <Badge variant="outline" color={entry.action === "cancel" ? "red.9" : "blue.9"}>
                    {needsPayrollAction(entry)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid={`needs-payroll-what-${entry.id}`}>
                    {entry.whatToDo}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatWhen(entry.raisedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    loading={marking === entry.id}
                    disabled={marking !== null}
                    onClick={() => void markDone(entry)}
                    aria-label={`Mark done: leave application ${entry.micropayApplicationId}`}
                    data-testid={`needs-payroll-done-${entry.id}`}
                  >
                    Mark done
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {done.length > 0 && (
        <Text size="xs" c="dimmed" mt="sm" data-testid="needs-payroll-recent">
          Done in the last 30 days:{" "}
          {done
            .map((entry) => `application ${entry.micropayApplicationId} (${entry.empCode})`)
            .join(", ")}
          .
        </Text>
      )}
      <SavedStatus message={saved} testId="needs-payroll-saved" />
    </Paper>
  );
}

import {
  Alert,
  Badge,
  Drawer,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { memo, type ReactNode, useEffect, useState } from "react";

import type { AppError, EmployeePreview, ImportCandidate } from "../../api";
import { employeePreview, toAppError } from "../../api";
import { LeaveBalancesSection } from "../leave/LeaveBalancesSection";
import { LinkStateBadge } from "./LinkStateBadge";
import { linkNote } from "./model";

type Loaded =
  | { state: "loading" }
  | { state: "loaded"; preview: EmployeePreview }
  | { state: "failed"; error: AppError };

/** What importing one employee would send to Worknice, group by group. */
export const PreviewDrawer = memo(function PreviewDrawer({
  candidate,
  onClose,
}: {
  candidate: ImportCandidate | null;
  onClose(): void;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const empCode = candidate?.empCode ?? null;

  useEffect(() => {
    if (empCode === null) return;
    let live = true;
    setLoaded({ state: "loading" });
    employeePreview(empCode)
      .then((preview) => live && setLoaded({ state: "loaded", preview }))
      .catch(
        (reason: unknown) => live && setLoaded({ state: "failed", error: toAppError(reason) }),
      );
    return () => {
      live = false;
    };
  }, [empCode]);

  return (
    <Drawer
      opened={candidate !== null}
      onClose={onClose}
      position="right"
      size={460}
      title={
        candidate && (
          <Group gap="sm" wrap="nowrap">
            <Title order={3} size="h4">
              {candidate.name}
            </Title>
            <Text ff="monospace" c="dimmed" size="sm">
              {candidate.empCode}
            </Text>
          </Group>
        )
      }
      closeButtonProps={{ "aria-label": "Close the preview" }}
      data-testid="import-preview"
    >
      {loaded.state === "loading" && (
        <Group justify="center" py="xl" data-testid="import-preview-loading">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Reading this employee from MicrOpay…
          </Text>
        </Group>
      )}
      {loaded.state === "failed" && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} title="No preview">
          {loaded.error.message}
        </Alert>
      )}
      {loaded.state === "loaded" && <PreviewBody preview={loaded.preview} />}
    </Drawer>
  );
});

function PreviewBody({ preview }: { preview: EmployeePreview }) {
  const { personal, tax } = preview;
  const cantImport = preview.linkState.kind === "cantImport";
  return (
    <Stack gap="md" data-testid="import-preview-body" data-emp-code={preview.empCode}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <LinkStateBadge state={preview.linkState} size="md" />
        <Text size="sm" c={cantImport ? "var(--pb-color-text-danger)" : "dimmed"}>
          {linkNote(preview.linkState)}
        </Text>
      </Group>

      <Section title="Personal details">
        <Fields
          rows={[
            ["Title", personal.title],
            ["First name", personal.firstName],
            ["Middle name", personal.middleName],
            ["Preferred name", personal.preferredName],
            ["Surname", personal.lastName],
            ["Gender", personal.gender],
            ["Date of birth", personal.dateOfBirth],
            ["Start date", personal.startDate],
            ["Email", personal.email],
            ["Mobile", personal.mobilePhone],
            ["Address", personal.residentialAddress],
          ]}
        />
      </Section>

      <Section title="Bank accounts" count={preview.bankAccounts.length}>
        {preview.bankAccounts.length === 0 ? (
          <Empty>No bank accounts in MicrOpay.</Empty>
        ) : (
          preview.bankAccounts.map((account) => (
            <Fields
              key={account.order}
              testId="import-preview-bank"
              rows={[
                ["Account name", account.accountName],
                ["BSB", account.bsb],
                [
                  "Account number",
                  <Masked
                    key="n"
                    value={account.accountNumberMasked}
                    testId="import-preview-account"
                  />,
                ],
                [
                  "Pay",
                  account.balanceOfPay
                    ? "Balance of pay"
                    : account.fixedAmountCents === null
                      ? null
                      : `${dollars(account.fixedAmountCents)} each pay`,
                ],
              ]}
            />
          ))
        )}
      </Section>

      <Section title="Super funds" count={preview.superFunds.length}>
        {preview.superFunds.length === 0 ? (
          <Empty>No super funds in MicrOpay.</Empty>
        ) : (
          preview.superFunds.map((fund, index) => (
            <Fields
              key={`${fund.fundCode}-${index}`}
              rows={[
                ["Fund", fund.fundName || fund.fundCode],
                ["Member number", fund.membershipNumberMasked],
                ["Joined", fund.dateJoined],
              ]}
            />
          ))
        )}
      </Section>

      <Section title="Tax">
        {tax === null ? (
          <Empty>No tax details in MicrOpay.</Empty>
        ) : (
          <Fields
            rows={[
              [
                "Tax file number",
                <Masked key="t" value={tax.tfnMasked} testId="import-preview-tfn" />,
              ],
              ["Basis of payment", tax.basisOfPayment],
              ["Australian resident", yesNo(tax.australianResident)],
              ["Tax-free threshold", yesNo(tax.taxFreeThreshold)],
              ["HELP debt", yesNo(tax.helpDebt)],
              ["SFSS debt", yesNo(tax.sfssDebt)],
            ]}
          />
        )}
      </Section>

      <LeaveBalancesSection empCode={preview.empCode} />
    </Stack>
  );
}

function Section({
  title,
  count,
  children,
}: {
  title: string;
  count?: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap={6} mb={6}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {count !== undefined && count > 0 && (
          <Badge size="xs" variant="default" circle>
            {count}
          </Badge>
        )}
      </Group>
      <Stack gap="xs">{children}</Stack>
    </Paper>
  );
}

function Fields({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <Table fz="sm" verticalSpacing={3} horizontalSpacing={0} data-testid={testId}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label} style={{ borderBottom: 0 }}>
            <Table.Td w={150} c="dimmed" style={{ verticalAlign: "top" }}>
              {label}
            </Table.Td>
            <Table.Td>
              {value ?? (
                <Text span c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Masked({ value, testId }: { value: string; testId: string }) {
  return (
    <Text span ff="monospace" size="sm" data-testid={testId}>
      {value}
    </Text>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

const dollars = (cents: number) =>
  (cents / 100).toLocaleString("en-AU", { style: "currency", currency: "AUD" });

import { PasswordInput, SimpleGrid, TextInput } from "@mantine/core";

import type { MicropayForm } from "../../api";
import { ConnectionCard } from "../../components/ConnectionCard";
import { secretPlaceholder } from "./status";
import type { ConnectionCardState } from "./useConnectionCard";

export function MicropayCard({ card }: { card: ConnectionCardState<MicropayForm> }) {
  const { form, setField, saved } = card;
  const locked = card.busy !== null;
  return (
    <ConnectionCard
      testId="micropay"
      title="MicrOpay"
      description="Payroll, through the Access MicrOpay Web API."
      monogram="M"
      accent="indigo"
      state={card}
    >
      <TextInput
        label="API URL"
        placeholder="https://payroll.example.com.au/api"
        value={form.url}
        onChange={(event) => setField("url", event.currentTarget.value)}
        disabled={locked}
        autoComplete="off"
        spellCheck={false}
        data-testid="micropay-url"
      />
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <TextInput
          label="Username"
          value={form.username}
          onChange={(event) => setField("username", event.currentTarget.value)}
          disabled={locked}
          autoComplete="off"
          spellCheck={false}
          data-testid="micropay-username"
        />
        <PasswordInput
          label="Password"
          placeholder={secretPlaceholder(saved, "")}
          value={form.password}
          onChange={(event) => setField("password", event.currentTarget.value)}
          disabled={locked}
          autoComplete="off"
          data-testid="micropay-password"
        />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <PasswordInput
          label="API key"
          placeholder={secretPlaceholder(saved, "")}
          value={form.apiKey}
          onChange={(event) => setField("apiKey", event.currentTarget.value)}
          disabled={locked}
          autoComplete="off"
          data-testid="micropay-api-key"
        />
        <TextInput
          label="Payroll company"
          placeholder="Optional"
          value={form.payrollCompany}
          onChange={(event) => setField("payrollCompany", event.currentTarget.value)}
          disabled={locked}
          autoComplete="off"
          spellCheck={false}
          data-testid="micropay-payroll-company"
        />
      </SimpleGrid>
    </ConnectionCard>
  );
}

import { PasswordInput, TextInput } from "@mantine/core";

import type { WorkniceForm } from "../../api";
import { ConnectionCard } from "../../components/ConnectionCard";
import { secretPlaceholder } from "./status";
import type { ConnectionCardState } from "./useConnectionCard";

export function WorkniceCard({ card }: { card: ConnectionCardState<WorkniceForm> }) {
  const { form, setField, saved } = card;
  const locked = card.busy !== null;
  return (
    <ConnectionCard
      testId="worknice"
      title="Worknice"
      description="People and HR, through Worknice's API."
      monogram="W"
      accent="grape"
      state={card}
    >
      <TextInput
        label="Worknice URL"
        placeholder="https://yourcompany.worknice.com"
        value={form.url}
        onChange={(event) => setField("url", event.currentTarget.value)}
        disabled={locked}
        autoComplete="off"
        spellCheck={false}
        data-testid="worknice-url"
      />
      <PasswordInput
        label="API token"
        placeholder={secretPlaceholder(saved, "")}
        value={form.token}
        onChange={(event) => setField("token", event.currentTarget.value)}
        disabled={locked}
        autoComplete="off"
        data-testid="worknice-token"
      />
    </ConnectionCard>
  );
}

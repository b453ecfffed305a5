// How the Directions screen and the settings history word things.
import type { SettingsTrigger, SyncDirection } from "../../api";

export const DIRECTION_LABELS: Record<SyncDirection, string> = {
  "micropay-to-worknice": "MicrOpay → Worknice",
  "worknice-to-micropay": "Worknice → MicrOpay",
};

const TRIGGERS: Record<SettingsTrigger, string> = {
  app: "in the app",
  cli: "from the command line",
};

export function formatWhen(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return date.toLocaleString("en-AU", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
}

/** "Changed 2 Mar 2026, 10:15 am in the app", or "Default" when never changed. */
export function lastChange(changedAt: string | null, changedBy: SettingsTrigger | null): string {
  if (!changedAt) return "Default, never changed";
  return `Changed ${formatWhen(changedAt)}${changedBy ? ` ${TRIGGERS[changedBy]}` : ""}`;
}

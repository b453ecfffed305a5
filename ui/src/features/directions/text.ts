// How the Directions screen and the settings history word things.
import type { SettingsChange, SettingsTrigger, SyncDirection } from "../../api";
import { formatWhen } from "../../formatWhen";

export const DIRECTION_LABELS: Record<SyncDirection, string> = {
  "micropay-to-worknice": "MicrOpay → Worknice",
  "worknice-to-micropay": "Worknice → MicrOpay",
};

const TRIGGERS: Record<SettingsTrigger, string> = {
  app: "in the app",
  cli: "from the command line",
};

/** "Changed 2 Mar 2026, 10:15 am in the app", or "Default" when never changed. */
export function lastChange(changedAt: string | null, changedBy: SettingsTrigger | null): string {
  if (!changedAt) return "Default, never changed";
  return `Changed ${formatWhen(changedAt)}${changedBy ? ` ${TRIGGERS[changedBy]}` : ""}`;
}

const SETTING_NAMES: Record<string, string> = {
  "direction.personal": "Personal details",
  "direction.tax": "Tax details",
  "direction.bank": "Bank accounts",
  "direction.super": "Superannuation",
  "direction.leave-requests": "Leave requests",
  "direction.leave-balances": "Leave balances",
  "new-hire-defaults.location": "New-hire location",
  "new-hire-defaults.payroll-company": "New-hire payroll company",
  "new-hire-defaults.pay-frequency": "New-hire pay frequency",
  "new-hire-defaults.pay-point": "New-hire pay point",
  schedule: "Sync schedule",
  "leave.requests": "Leave requests and transfer to MicrOpay",
  "leave.balances-live": "Leave balances live from MicrOpay",
};

/** "leave.FDV.visible" -> "Leave category FDV visible to employees". */
function leaveCategorySetting(setting: string): string | null {
  const found = /^leave\.(.+)\.(visible|private)$/.exec(setting);
  if (!found) return null;
  const [, code, what] = found;
  return `Leave category ${code} ${what === "visible" ? "visible to employees" : "private"}`;
}

/**
 * A settings history entry as a sentence: "Tax details changed from
 * MicrOpay → Worknice to Worknice → MicrOpay".
 */
export function describeChange(change: SettingsChange): string {
  const name = SETTING_NAMES[change.setting] ?? leaveCategorySetting(change.setting) ?? change.setting;
  const value = (text: string | null) =>
    text === null ? "not set" : (DIRECTION_LABELS[text as SyncDirection] ?? text);
  return `${name} changed from ${value(change.from)} to ${value(change.to)}`;
}

/** "1 Dec 2026, 11:02 am in the app". */
export function changedWhen(change: SettingsChange): string {
  return `${formatWhen(change.changedAt)} ${TRIGGERS[change.changedBy]}`;
}

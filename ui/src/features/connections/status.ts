// What a connection card says under its fields, worked out from the
// engine's answers. Kept free of React so it can be unit-tested.
import type { AppError, ConnectionCheck, ErrorCode, SavedConnection } from "../../api";
import { toAppError } from "../../api";

export type CardStatus =
  | { state: "idle"; text: string }
  | { state: "connected"; text: string }
  | { state: "failed"; text: string; code: ErrorCode };

export const NOT_CONNECTED: CardStatus = { state: "idle", text: "Not connected yet." };
export const DISCONNECTED: CardStatus = {
  state: "idle",
  text: "Disconnected. The saved details were removed from this computer.",
};
export const SANDBOX_FILLED: CardStatus = {
  state: "idle",
  text: "Filled in with the sandbox's details. Test the connection or save it.",
};

export function statusFromCheck(check: ConnectionCheck): CardStatus {
  return { state: "connected", text: check.statusLine };
}

export function statusFromError(reason: unknown): CardStatus {
  const error: AppError = toAppError(reason);
  return { state: "failed", text: error.message, code: error.code };
}

export function statusFromSaved(saved: SavedConnection | null): CardStatus {
  if (saved === null) return NOT_CONNECTED;
  if (saved.lastError) return statusFromError(saved.lastError);
  return { state: "connected", text: saved.statusLine };
}

/** The placeholder of a secret field: blank means "keep" once one is saved. */
export function secretPlaceholder(saved: boolean, whenEmpty: string): string {
  return saved ? "Saved in your keyring — leave blank to keep" : whenEmpty;
}

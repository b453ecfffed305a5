import type { AppError, ErrorCode } from "./generated/bindings";

// A Record, so a code added to the engine is a type error here until listed.
const CODES: Record<ErrorCode, true> = {
  wrong_credentials: true,
  api_key_not_recognised: true,
  api_not_purchased: true,
  payroll_server_offline: true,
  token_rejected: true,
  unreachable: true,
  tls: true,
  malformed_response: true,
  rate_limited: true,
  insecure_url: true,
  validation: true,
  not_connected: true,
  confirmation_required: true,
  not_found: true,
  busy: true,
  conflict: true,
  vendor_server_error: true,
  vendor_rejected: true,
  keyring_unavailable: true,
  storage: true,
  internal: true,
};
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(CODES));

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === "string" &&
    KNOWN_CODES.has(candidate.code) &&
    typeof candidate.message === "string"
  );
}

/**
 * Turns whatever a command rejected with into the app's `{code, message}`.
 * Tauri itself rejects with a bare string when, for example, a command is
 * not permitted; those become `internal` so the UI has one shape to show.
 */
export function toAppError(reason: unknown): AppError {
  if (isAppError(reason)) return { code: reason.code, message: reason.message };
  if (typeof reason === "string" && reason.length > 0) {
    return { code: "internal", message: reason };
  }
  if (reason instanceof Error && reason.message.length > 0) {
    return { code: "internal", message: reason.message };
  }
  return { code: "internal", message: "Something went wrong inside Paybridge." };
}

import type { AppError, ErrorCode } from "./generated/bindings";

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "wrong_credentials",
  "api_key_not_recognised",
  "api_not_purchased",
  "payroll_server_offline",
  "token_rejected",
  "unreachable",
  "tls",
  "malformed_response",
  "rate_limited",
  "insecure_url",
  "validation",
  "not_connected",
  "keyring_unavailable",
  "storage",
  "internal",
]);

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

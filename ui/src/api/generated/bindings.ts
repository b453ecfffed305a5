// Generated from crates/engine/src/api.rs by crates/engine/src/bindings.rs. Do not edit.

export type ConnectionKind = "micropay" | "worknice";

export type MicropayForm = { url: string, username: string, password: string, apiKey: string, 
/**
 * Optional: when set, the connection test checks the payroll database has it.
 */
payrollCompany: string, };

export type WorkniceForm = { url: string, token: string, };

export type ConnectionCheck = { kind: ConnectionKind, 
/**
 * The payroll company or the Worknice organisation.
 */
organisation: string, employeeCount: number, 
/**
 * e.g. "Connected to Demo Pty Ltd — 250 employees".
 */
statusLine: string, };

export type SavedConnection = { kind: ConnectionKind, url: string, 
/**
 * MicrOpay only; empty for Worknice.
 */
username: string, payrollCompany: string, organisation: string, employeeCount: number, 
/**
 * RFC 3339, when the last test ran.
 */
lastCheckedAt: string, 
/**
 * Set when the last check failed.
 */
lastError: AppError | null, statusLine: string, };

export type Connections = { micropay: SavedConnection | null, worknice: SavedConnection | null, };

export type SandboxForms = { micropay: MicropayForm, worknice: WorkniceForm, };

export type ErrorCode = "wrong_credentials" | "api_key_not_recognised" | "api_not_purchased" | "payroll_server_offline" | "token_rejected" | "unreachable" | "tls" | "malformed_response" | "rate_limited" | "insecure_url" | "validation" | "not_connected" | "keyring_unavailable" | "storage" | "internal";

export type AppError = { code: ErrorCode, message: string, };

// Generated from crates/logging/src by crates/logging/src/diagnostics.rs. Do not edit.

export type RecentEvent = { 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * "WARN" or "ERROR".
 */
level: string, 
/**
 * The module that logged it, e.g. `paybridge_engine::sandbox`.
 */
target: string, 
/**
 * The message and its fields, as the log file has them.
 */
message: string, };

export type Diagnostics = { appVersion: string, 
/**
 * e.g. "linux x86_64".
 */
platform: string, dataDir: string, logDir: string, 
/**
 * Oldest first.
 */
recentErrors: Array<RecentEvent>, 
/**
 * All of the above as plain text, for "Copy diagnostics".
 */
report: string, };

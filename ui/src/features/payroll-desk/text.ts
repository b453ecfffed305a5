import type { DeskRequest, DeskRequestStatus } from "../../api";

export const STATUS_LABELS: Record<DeskRequestStatus, string> = {
  received: "Received",
  "picked-up": "Picked up",
  implemented: "Implemented",
  rejected: "Rejected",
};

export const STATUS_COLORS: Record<DeskRequestStatus, string> = {
  received: "blue",
  "picked-up": "yellow",
  implemented: "green",
  rejected: "red",
};

/** Payroll may still accept or reject it. */
export const isOpen = (request: DeskRequest): boolean =>
  request.status === "received" || request.status === "picked-up";

/** "First name → Rowan; Email → a@b.c", or what the request is when it sets no field. */
export function describeChanges(request: DeskRequest): string {
  if (request.changes.length === 0) {
    return request.changeType === "Delete" ? "Delete the employee" : "No fields";
  }
  return request.changes.map(({ field, value }) => `${field} → ${value}`).join("; ");
}

/** MicrOpay's local date-time ("2026-07-01T09:00:00") as this computer shows dates. */
export function receivedLabel(receivedAt: string): string {
  const date = new Date(receivedAt);
  return Number.isNaN(date.getTime()) ? receivedAt : date.toLocaleString();
}

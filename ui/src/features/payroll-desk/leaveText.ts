// How the Payroll desk words leave applications.
import type { DeskLeaveApplication, DeskLeaveStatus } from "../../api";
import { daysText, hoursText } from "../leave/text";

export const LEAVE_STATUS_LABELS: Record<DeskLeaveStatus, string> = {
  received: "Received",
  processed: "Processed",
  declined: "Declined",
  cancelled: "Cancelled",
};

export const LEAVE_STATUS_COLORS: Record<DeskLeaveStatus, string> = {
  received: "blue",
  processed: "green",
  declined: "red",
  cancelled: "gray",
};

/** Payroll may still process or decline it (a cancelled one is not leave taken). */
export const isLeaveOpen = (application: DeskLeaveApplication): boolean =>
  application.status === "received";

/** "7.5 h" when it gives hours, else its working days: "2 days", "0.5 days". */
export function leaveAmount(application: DeskLeaveApplication): string {
  if (application.hours !== null) return hoursText(application.hours);
  return daysText(application.days) ?? "";
}

const DAY = new Intl.DateTimeFormat("en-AU", { day: "numeric", month: "short", year: "numeric" });

/** An ISO date ("2027-03-02") as "2 Mar 2027"; anything else as sent. */
function dayLabel(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return DAY.format(new Date(year, month - 1, day));
}

/** "2 Mar 2027", or "2 Mar 2027 – 3 Mar 2027" for more than a day. */
export function leaveDates(application: DeskLeaveApplication): string {
  const { startDate, endDate } = application;
  return startDate === endDate
    ? dayLabel(startDate)
    : `${dayLabel(startDate)} \u2013 ${dayLabel(endDate)}`;
}

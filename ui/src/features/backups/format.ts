// How the Backups screen writes sizes, dates and file names.
import type { BackupFormat } from "../../api";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

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

const EXTENSIONS: Record<BackupFormat, string> = {
  encrypted: "pbbackup",
  json: "json",
  csv: "csv",
};

/** The save dialog's suggested name: the backup's own, with the format's extension. */
export function exportFileName(backupFileName: string, format: BackupFormat): string {
  const stem = backupFileName.replace(/\.[^.]+$/, "") || "paybridge-backup";
  return `${stem}.${EXTENSIONS[format]}`;
}

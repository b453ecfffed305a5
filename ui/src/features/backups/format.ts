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

// One wording of a time for every screen; the Backups screen takes it from here.
export { formatWhen } from "../../formatWhen";

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

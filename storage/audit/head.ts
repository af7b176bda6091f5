import type { Sqlite } from "./handle";

// Where the log ends now. The last row and AUTOINCREMENT's high-water mark can differ: a deleted
// tail leaves the mark above the last row, which is how the check sees it.

/** The row with the highest id (its id and hash), or undefined for an empty log. */
export function lastAuditRow(sqlite: Sqlite): { id: number; hash: string } | undefined {
  return sqlite.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as
    | { id: number; hash: string }
    | undefined;
}

/** The highest id `audit_events` ever handed out (sqlite_sequence), 0 before the first row. */
export function auditSeq(sqlite: Sqlite): number {
  const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as
    | { seq: number }
    | undefined;
  return seq?.seq ?? 0;
}

/** The id the next row gets: past both the last row and any deleted tail, as AUTOINCREMENT would. */
export function nextAuditId(sqlite: Sqlite, last: { id: number } | undefined): number {
  return Math.max(last?.id ?? 0, auditSeq(sqlite)) + 1;
}

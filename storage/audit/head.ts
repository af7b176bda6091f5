import { dialectOf } from "../db/sql-connection";
import type { Sqlite } from "./handle";

// Where the log ends now. The last row and AUTOINCREMENT's high-water mark can differ: a deleted
// tail leaves the mark above the last row, which is how the check sees it. SQLite keeps the mark
// in sqlite_sequence; PostgreSQL in audit_sequence, which migration 001 keeps the same way from a
// trigger, in the inserting transaction.

/** The row with the highest id (its id and hash), or undefined for an empty log. */
export function lastAuditRow(conn: Sqlite): { id: number; hash: string } | undefined {
  return conn.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as
    | { id: number; hash: string }
    | undefined;
}

/** The highest id `audit_events` ever handed out (sqlite_sequence, audit_sequence), 0 before the first row. */
export function auditSeq(conn: Sqlite): number {
  const table = dialectOf(conn) === "postgres" ? "audit_sequence" : "sqlite_sequence";
  const seq = conn.prepare(`SELECT seq FROM ${table} WHERE name = 'audit_events'`).get() as
    | { seq: number }
    | undefined;
  return seq?.seq ?? 0;
}

/** The id the next row gets: past both the last row and any deleted tail, as AUTOINCREMENT would. */
export function nextAuditId(conn: Sqlite, last: { id: number } | undefined): number {
  return Math.max(last?.id ?? 0, auditSeq(conn)) + 1;
}

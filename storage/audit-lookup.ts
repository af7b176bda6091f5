import type BetterSqlite3 from "better-sqlite3";

// Reads of the audit log by version, for the publisher and print access: who took a decision and
// when is recorded nowhere else. (The chain itself, appending and checking, is storage/audit.ts.)

export interface AuditEventInfo {
  at: string;
  userId: string | null;
  displayName: string | null;
}

/** The latest decision of `action` on a version, from the audit log. */
export function auditEventFor(
  sqlite: BetterSqlite3.Database,
  versionId: string,
  action: "APPROVE" | "PUBLISHED" | "REVOKE",
): AuditEventInfo | null {
  const r = sqlite
    .prepare(
      `SELECT e.at, e.actor_user_id, u.display_name FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_user_id
       WHERE e.version_id = ? AND e.action = ? ORDER BY e.id DESC LIMIT 1`,
    )
    .get(versionId, action) as
    | { at: string; actor_user_id: string | null; display_name: string | null }
    | undefined;
  return r ? { at: r.at, userId: r.actor_user_id, displayName: r.display_name } : null;
}

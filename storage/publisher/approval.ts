import type BetterSqlite3 from "better-sqlite3";

export interface ApprovalInfo {
  at: string;
  userId: string | null;
  displayName: string | null;
}

/** The latest decision of `action` on a version, from the audit log (the only place it is recorded). */
export function auditEventFor(
  sqlite: BetterSqlite3.Database,
  versionId: string,
  action: "APPROVE" | "PUBLISHED" | "REVOKE",
): ApprovalInfo | null {
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

/** The hash the machine recorded at APPROVE; the publisher may upload exactly this file and no other. */
export function approvedHashFromSnapshot(snapshotJson: string): string | null {
  try {
    const snap = JSON.parse(snapshotJson) as { context?: { approvedVersionHash?: unknown } };
    const h = snap.context?.approvedVersionHash;
    return typeof h === "string" ? h : null;
  } catch {
    return null;
  }
}

import { ACTION_LABELS_VI, type AuditAction } from "../../domain/decisions";
import type { Sqlite, SqliteHandle } from "./handle";

// Reads of single rows for people and for the publisher and print access: who took a decision and
// when is recorded nowhere else.

/** What a person needs to find a row: its id, action and the code of its asset. */
export interface AuditRowSummary {
  id: number;
  action: string;
  /** Vietnamese label of the action; the raw action when it has none. */
  actionLabel: string;
  assetId: string | null;
  assetCode: string | null;
  /** ISO UTC. */
  at: string;
}

/** The row a failed check names, or null when `id` is null or the row no longer exists (a deleted tail). */
export function describeAuditRow(handle: SqliteHandle, id: number | null): AuditRowSummary | null {
  if (id == null) return null;
  const r = handle.conn
    .prepare(
      `SELECT e.id, e.action, e.asset_id, e.at, a.code FROM audit_events e
       LEFT JOIN assets a ON a.id = e.asset_id WHERE e.id = ?`,
    )
    .get(id) as
    | { id: number; action: string; asset_id: string | null; at: string; code: string | null }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    action: r.action,
    actionLabel: ACTION_LABELS_VI[r.action as AuditAction] ?? r.action,
    assetId: r.asset_id,
    assetCode: r.code,
    at: r.at,
  };
}

/** One decision on a version as the log recorded it. */
export interface AuditEventInfo {
  /** ISO UTC. */
  at: string;
  userId: string | null;
  /** Null when the user was deleted or the actor was the system. */
  displayName: string | null;
  /** The role the actor acted in (`actor_role`). */
  role: string;
  reasonCode: string | null;
  reasonText: string | null;
}

/** The latest decision of `action` on a version, from the audit log; null when there is none. */
export function auditEventFor(
  conn: Sqlite,
  versionId: string,
  action: "APPROVE" | "PUBLISHED" | "REVOKE",
): AuditEventInfo | null {
  const r = conn
    .prepare(
      `SELECT e.at, e.actor_user_id, e.actor_role, e.reason_code, e.reason_text, u.display_name
       FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_user_id
       WHERE e.version_id = ? AND e.action = ? ORDER BY e.id DESC LIMIT 1`,
    )
    .get(versionId, action) as
    | {
        at: string;
        actor_user_id: string | null;
        actor_role: string;
        reason_code: string | null;
        reason_text: string | null;
        display_name: string | null;
      }
    | undefined;
  return r
    ? {
        at: r.at,
        userId: r.actor_user_id,
        displayName: r.display_name,
        role: r.actor_role,
        reasonCode: r.reason_code,
        reasonText: r.reason_text,
      }
    : null;
}

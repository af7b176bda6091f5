import type { DbHandle } from "../db/connection";

/**
 * Everyone who wrote a version (separation of duties, decision 011): its creator (for version 1
 * the asset's creator, who made it with the asset), and the actor of every CREATE or EDIT the
 * audit chain records for it. User ids, sorted, without duplicates; empty for an unknown version.
 */
export function versionAuthors(handle: DbHandle, versionId: string): string[] {
  const rows = handle.conn
    .prepare(
      `SELECT v.created_by AS user_id FROM asset_versions v WHERE v.id = @id
       UNION SELECT a.created_by FROM asset_versions v JOIN assets a ON a.id = v.asset_id
         WHERE v.id = @id AND v.n = 1
       UNION SELECT e.actor_user_id FROM audit_events e
         WHERE e.version_id = @id AND e.action IN ('CREATE', 'EDIT') AND e.actor_user_id IS NOT NULL`,
    )
    .all({ id: versionId }) as { user_id: string }[];
  return rows.map((r) => r.user_id).sort();
}

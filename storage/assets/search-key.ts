import { assetSearchKey } from "../../domain/search-fold";
import type { DbHandle } from "../db/connection";

/**
 * Recomputes assets.search_key from the asset's code, title and current version's text and
 * subtitle. Called in the same transaction as every write that changes one of them (creation, a
 * new version), so the list's search never sees a stale key. No-op for an unknown id.
 */
export function refreshSearchKey(handle: Pick<DbHandle, "conn">, assetId: string): void {
  const r = handle.conn
    .prepare(
      `SELECT a.code, a.title, v.text, v.subtitle FROM assets a
       LEFT JOIN asset_versions v ON v.id = a.current_version_id WHERE a.id = ?`,
    )
    .get(assetId) as
    | { code: string; title: string; text: string | null; subtitle: string | null }
    | undefined;
  if (!r) return;
  handle.conn
    .prepare("UPDATE assets SET search_key = ? WHERE id = ?")
    .run(assetSearchKey([r.code, r.title, r.text, r.subtitle]), assetId);
}

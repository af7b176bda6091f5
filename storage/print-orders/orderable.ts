import { foldVi } from "../../domain/search-fold";
import type { DbHandle } from "../db/connection";
import { knownFormat } from "../print-access/spec";

/** A published print asset the office may put on an order. */
export interface OrderableAsset {
  assetId: string;
  code: string;
  title: string;
  /** The slogan of the published version. */
  slogan: string;
  contentItem: { id: string; code: string; title: string } | null;
  versionId: string;
  versionN: number;
  formatId: string;
  formatLabel: string;
  /** The asset's own hint, else the format's. */
  materialHint: string;
  /** Copies the drafter suggested, or null. */
  quantity: number | null;
}

/**
 * Assets of the plan that are published now with their print PDF in the store (not withdrawn), in
 * a print format (screen formats are not printed), by content item then code. `contentItemId` and
 * `text` (words of code, title or slogan; marks and case ignored) narrow the list.
 */
export function listOrderableAssets(
  db: DbHandle,
  filter: { planId: string; contentItemId?: string; text?: string },
): OrderableAsset[] {
  const rows = db.conn
    .prepare(
      `SELECT a.id, a.code, a.title, a.format_id, a.material_hint, a.quantity, a.search_key,
         v.id AS version_id, v.n, v.text, ci.id AS item_id, ci.code AS item_code, ci.title AS item_title
       FROM assets a
       JOIN asset_versions v ON v.id = a.current_version_id
       JOIN published_objects o ON o.version_id = v.id AND o.kind = 'pdf' AND o.withdrawn_at IS NULL
       LEFT JOIN content_items ci ON ci.id = a.content_item_id
       WHERE a.state = 'published' AND a.plan_id = ? AND (? IS NULL OR a.content_item_id = ?)
       ORDER BY ci.sort_order, a.code`,
    )
    .all(filter.planId, filter.contentItemId ?? null, filter.contentItemId ?? null) as {
    id: string;
    code: string;
    title: string;
    format_id: string;
    material_hint: string | null;
    quantity: number | null;
    search_key: string;
    version_id: string;
    n: number;
    text: string;
    item_id: string | null;
    item_code: string | null;
    item_title: string | null;
  }[];
  const words = foldVi(filter.text ?? "")
    .split(" ")
    .filter(Boolean);
  const out: OrderableAsset[] = [];
  for (const r of rows) {
    const format = knownFormat(r.format_id);
    if (!format || format.kind === "screen") continue;
    const key = `${r.search_key} ${foldVi(r.code)}`;
    if (!words.every((w) => key.includes(w))) continue;
    out.push({
      assetId: r.id,
      code: r.code,
      title: r.title,
      slogan: r.text,
      contentItem: r.item_id ? { id: r.item_id, code: r.item_code ?? "", title: r.item_title ?? "" } : null,
      versionId: r.version_id,
      versionN: r.n,
      formatId: r.format_id,
      formatLabel: format.label,
      materialHint: r.material_hint ?? format.materialHint,
      quantity: r.quantity,
    });
  }
  return out;
}

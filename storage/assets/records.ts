import type { InferResult } from "kysely";
import type { Placement } from "../../domain/placements";
import type { AssetState } from "../../domain/states";
import type { DbHandle } from "../db/connection";
import { all, first } from "../db/sync";
import { parseStoredPreflight, type StoredPreflight } from "./preflight";

/** An asset row joined with its content item's code and its current version's hash, number and preflight. */
export interface AssetRecord {
  id: string;
  code: string;
  planId: string;
  contentItemId: string | null;
  contentItemCode: string | null;
  sloganId: string | null;
  templateId: string;
  formatId: string;
  title: string;
  createdBy: string;
  state: AssetState;
  snapshotJson: string;
  /** Machine id and version that wrote snapshotJson; null on rows written before migration 004 (= version 1). */
  machineId: string | null;
  machineVersion: number | null;
  rowVersion: number;
  currentVersionId: string | null;
  currentVersionHash: string | null;
  currentVersionN: number | null;
  /** Preflight report of the current version; null when none was stored. */
  currentPreflight: StoredPreflight | null;
  placement: Placement | null;
  quantity: number | null;
  materialHint: string | null;
  createdAt: string;
  updatedAt: string;
}

function assetQuery(handle: DbHandle) {
  return handle.db
    .selectFrom("assets as a")
    .leftJoin("asset_versions as v", "v.id", "a.current_version_id")
    .leftJoin("content_items as c", "c.id", "a.content_item_id")
    .select([
      "a.id",
      "a.code",
      "a.plan_id",
      "a.content_item_id",
      "c.code as content_item_code",
      "a.slogan_id",
      "a.template_id",
      "a.format_id",
      "a.title",
      "a.created_by",
      "a.state",
      "a.snapshot_json",
      "a.machine_id",
      "a.machine_version",
      "a.row_version",
      "a.current_version_id",
      "v.content_hash as current_version_hash",
      "v.n as current_version_n",
      "v.preflight_json as current_preflight_json",
      "a.placement",
      "a.quantity",
      "a.material_hint",
      "a.created_at",
      "a.updated_at",
    ]);
}

// Typed from the query itself, so a column added to the select cannot drift from the mapping.
type AssetRow = InferResult<ReturnType<typeof assetQuery>>[number];

function toAsset(r: AssetRow): AssetRecord {
  return {
    id: r.id,
    code: r.code,
    planId: r.plan_id,
    contentItemId: r.content_item_id,
    contentItemCode: r.content_item_code,
    sloganId: r.slogan_id,
    templateId: r.template_id,
    formatId: r.format_id,
    title: r.title,
    createdBy: r.created_by,
    state: r.state,
    snapshotJson: r.snapshot_json,
    machineId: r.machine_id,
    machineVersion: r.machine_version,
    rowVersion: r.row_version,
    currentVersionId: r.current_version_id,
    currentVersionHash: r.current_version_hash,
    currentVersionN: r.current_version_n,
    currentPreflight: parseStoredPreflight(r.current_preflight_json),
    placement: r.placement,
    quantity: r.quantity,
    materialHint: r.material_hint,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The asset with that id, or null. */
export function getAsset(handle: DbHandle, assetId: string): AssetRecord | null {
  const row = first(handle.conn, assetQuery(handle).where("a.id", "=", assetId));
  return row ? toAsset(row) : null;
}

/** The asset with that human code (e.g. CCHC-2026-1.12-0007), or null. */
export function getAssetByCode(handle: DbHandle, code: string): AssetRecord | null {
  const row = first(handle.conn, assetQuery(handle).where("a.code", "=", code));
  return row ? toAsset(row) : null;
}

/** Narrows listAssets; every field given must match. `limit` defaults to 500 rows. */
export interface AssetFilter {
  planId?: string;
  contentItemId?: string;
  states?: AssetState[];
  createdBy?: string;
  limit?: number;
}

/** Assets matching the filter, most recently updated first (then by code), at most `limit` (500). */
export function listAssets(handle: DbHandle, filter: AssetFilter = {}): AssetRecord[] {
  let q = assetQuery(handle);
  if (filter.planId) q = q.where("a.plan_id", "=", filter.planId);
  if (filter.contentItemId) q = q.where("a.content_item_id", "=", filter.contentItemId);
  if (filter.states?.length) q = q.where("a.state", "in", filter.states);
  if (filter.createdBy) q = q.where("a.created_by", "=", filter.createdBy);
  q = q
    .orderBy("a.updated_at", "desc")
    .orderBy("a.code")
    .limit(filter.limit ?? 500);
  return all(handle.conn, q).map(toAsset);
}

import { WorkflowError } from "../../domain/workflow-error";
import { type AssetRecord, getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";

/**
 * The asset as this transaction sees it. Errors: NOT_FOUND; CONFLICT (details {expected, actual,
 * state}) when `expectedRowVersion` is given and someone has acted since the page was rendered.
 */
export function loadAsset(handle: DbHandle, assetId: string, expectedRowVersion?: number): AssetRecord {
  const asset = getAsset(handle, assetId);
  if (!asset) throw new WorkflowError("NOT_FOUND", `asset ${assetId} not found`);
  if (expectedRowVersion !== undefined && expectedRowVersion !== asset.rowVersion) {
    throw new WorkflowError("CONFLICT", "row_version changed", {
      expected: expectedRowVersion,
      actual: asset.rowVersion,
      state: asset.state,
    });
  }
  return asset;
}

/** The asset's current version as `{ id, hash }` (hash = content_hash). Errors: NOT_FOUND when it has none. */
export function currentVersionOrThrow(asset: AssetRecord): { id: string; hash: string } {
  if (!asset.currentVersionId || !asset.currentVersionHash) {
    throw new WorkflowError("NOT_FOUND", "asset has no version");
  }
  return { id: asset.currentVersionId, hash: asset.currentVersionHash };
}

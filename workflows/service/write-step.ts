import { WorkflowError } from "../../domain/workflow-error";
import { type AssetRecord, refreshSearchKey } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { exec } from "../../storage/db/sync";
import type { Step } from "./step";

/**
 * Writes the step onto the asset row: state, snapshot, machine id/version, updated_at (`at`, ISO
 * 8601), row_version + 1 (returned), and the current version when an edit made a new one. The
 * caller owns the transaction. Errors: CONFLICT when the row moved under it.
 */
export function writeStep(
  handle: DbHandle,
  asset: AssetRecord,
  s: Step,
  at: string,
  currentVersionId?: string,
): number {
  const rowVersion = asset.rowVersion + 1;
  const res = exec(
    handle.conn,
    handle.db
      .updateTable("assets")
      .set({
        state: s.to,
        snapshot_json: s.snapshotJson,
        machine_id: s.machineId,
        machine_version: s.machineVersion,
        row_version: rowVersion,
        updated_at: at,
        ...(currentVersionId ? { current_version_id: currentVersionId } : {}),
      })
      .where("id", "=", asset.id)
      .where("row_version", "=", asset.rowVersion),
  );
  // Unreachable while every writer uses BEGIN IMMEDIATE; kept so a writer that does not still cannot double-apply.
  if (res.changes !== 1) throw new WorkflowError("CONFLICT", "row_version changed during the transaction");
  if (currentVersionId) refreshSearchKey(handle, asset.id);
  return rowVersion;
}

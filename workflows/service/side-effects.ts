import type { AssetEventType } from "../../domain/decisions";
import { noticeFor } from "../../domain/notices";
import type { AssetRecord } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { enqueueNotify, enqueuePublish, enqueueUnpublish } from "../../storage/outbox";
import type { Step } from "./step";

/**
 * What a decision sets off, written to the outbox in the decision's own transaction so it happens
 * exactly when the decision holds: APPROVE publishes the version, REVOKE unpublishes it (saying
 * whether it had been published), and a change of state notifies whoever domain/notices names.
 * Returns the outbox ids in that order.
 */
export function enqueueSideEffects(
  handle: DbHandle,
  asset: AssetRecord,
  s: Step,
  type: AssetEventType,
  auditId: number,
  versionId: string,
  versionHash: string,
  now: Date,
): number[] {
  const ids: number[] = [];
  const job = { assetId: asset.id, code: asset.code, versionId, versionHash };
  if (type === "APPROVE") ids.push(enqueuePublish(handle, job, now));
  if (type === "REVOKE") {
    ids.push(enqueueUnpublish(handle, { ...job, wasPublished: s.from === "published" }, now));
  }
  const notice = noticeFor(s.from, s.to);
  if (notice) {
    ids.push(
      enqueueNotify(
        handle,
        {
          assetId: asset.id,
          code: asset.code,
          title: asset.title,
          action: type,
          fromState: s.from,
          toState: s.to,
          auditId,
          notifyRoles: notice.roles,
          notifyUserIds: notice.creator ? [asset.createdBy] : [],
        },
        now,
      ),
    );
  }
  return ids;
}

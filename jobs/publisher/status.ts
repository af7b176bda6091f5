import { getAsset } from "../../storage/assets";
import { auditEventFor } from "../../storage/audit";
import type { DbHandle } from "../../storage/db/connection";
import {
  getOutboxJobByDedupeKey,
  type PublishPayload,
  publishDedupeKey,
  requeueDeadJob,
} from "../../storage/outbox";
import { listPublishedObjects, type PublishedObject } from "../../storage/published-objects";

// What an admin asks about one asset's trip to the object store, and the one thing they can do
// about it (`npm run cli -- publish status|retry CODE`).

export type PublishState =
  | "not_found"
  /** Not approved yet (draft, in review, returned, rejected …): nothing to publish. */
  | "not_approved"
  /** Approved; the upload is queued, running, or waiting for the object store to come back. */
  | "awaiting_upload"
  /** Approved, but the job gave up on a non-retryable error: an admin must look (retryPublish). */
  | "failed"
  | "published"
  /** Revoked: print shops can no longer get links; any uploaded copy is kept for the record. */
  | "withdrawn";

export const PUBLISH_STATE_LABELS_VI: Record<PublishState, string> = {
  not_found: "Không tìm thấy ấn phẩm",
  not_approved: "Chưa được phê duyệt: chưa có gì để phát hành",
  awaiting_upload: "Đã phê duyệt, đang chờ lưu file in lên kho lưu trữ",
  failed: "Lưu file in thất bại, cần quản trị viên xử lý",
  published: "Đã phát hành",
  withdrawn: "Đã thu hồi: đơn vị in không còn tải được",
};

export interface PublishStatus {
  state: PublishState;
  assetState: string | null;
  jobId: number | null;
  jobStatus: string | null;
  attempts: number;
  lastError: string | null;
  /** When the next upload attempt may start (pending: after backoff; claimed: when the lease runs out). */
  nextAttemptAt: string | null;
  publishedAt: string | null;
  objects: PublishedObject[];
}

export function publishStatus(db: DbHandle, assetId: string): PublishStatus {
  const asset = getAsset(db, assetId);
  const empty: PublishStatus = {
    state: "not_found",
    assetState: null,
    jobId: null,
    jobStatus: null,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    publishedAt: null,
    objects: [],
  };
  if (!asset) return empty;
  const versionId = asset.currentVersionId;
  const job = versionId ? getOutboxJobByDedupeKey<PublishPayload>(db, publishDedupeKey(versionId)) : null;
  const objects = versionId ? listPublishedObjects(db.conn, { versionId }) : [];
  const published = versionId ? auditEventFor(db.conn, versionId, "PUBLISHED") : null;
  let state: PublishState;
  if (asset.state === "published") state = "published";
  else if (asset.state === "revoked") state = "withdrawn";
  else if (asset.state === "approved") state = job?.status === "dead" ? "failed" : "awaiting_upload";
  else state = "not_approved";
  const nextAttemptAt =
    job?.status === "pending" ? job.availableAt : job?.status === "processing" ? job.lockedUntil : null;
  return {
    state,
    assetState: asset.state,
    jobId: job?.id ?? null,
    jobStatus: job?.status ?? null,
    attempts: job?.attempts ?? 0,
    lastError: job?.lastError ?? null,
    nextAttemptAt: state === "awaiting_upload" ? nextAttemptAt : null,
    publishedAt: published?.at ?? null,
    objects,
  };
}

/** Puts a publish job that gave up (dead) back in the queue, due now. False when there is none. */
export function retryPublish(db: DbHandle, assetId: string, now = new Date()): boolean {
  const asset = getAsset(db, assetId);
  if (asset?.state !== "approved" || !asset.currentVersionId) return false;
  return requeueDeadJob(db, publishDedupeKey(asset.currentVersionId), now);
}

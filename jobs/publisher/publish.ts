import { getAsset, getVersion, getVersionFile, sha256Hex } from "../../storage/assets";
import { auditEventFor } from "../../storage/audit";
import { immediate } from "../../storage/db/sync";
import { objectKey } from "../../storage/objects/index.server";
import { PRINT_SCALE_DENOMINATOR } from "../../templates/render/print-scale";
import type { OutboxJob, PublishPayload } from "../../storage/outbox";
import { planYear } from "../../storage/plan";
import { recordPublishedObject } from "../../storage/published-objects";
import { markPublished } from "../../workflows/service";
import { approvedVersionHash } from "../../workflows/snapshot";
import { completeOrLose, type PublisherContext, PublishError } from "./context";
import { ensureScaledFile } from "./scaled";
import { ensureBucket, type PublishedKind, type Uploaded, uploadOne } from "./upload";

// One publish_asset job: check that the job still stands for the approved bytes, upload them, then
// record the objects, apply PUBLISHED and complete the job in one transaction. See decision 060.

export type PublishOutcome = "published" | "skipped";

/** Uploaded in this order: the approved file, the 1:10 print file beside it (big formats), the PNG. */
export const PUBLISHED_KINDS: readonly PublishedKind[] = ["pdf", "pdf_scaled", "png"];

/** Closes a job without publishing, when there is nothing (left) to publish. */
function closeJob(ctx: PublisherContext, job: OutboxJob, why: string): PublishOutcome {
  completeOrLose(ctx, job, ctx.clock());
  ctx.log("info", `publish job ${job.id} closed without publishing: ${why}`);
  return "skipped";
}

export async function publishJob(
  ctx: PublisherContext,
  job: OutboxJob<PublishPayload>,
): Promise<PublishOutcome> {
  const { db } = ctx;
  const p = job.payload;
  const asset = getAsset(db, p.assetId);
  if (!asset) return closeJob(ctx, job, `asset ${p.assetId} not found`);
  if (asset.state === "revoked") return closeJob(ctx, job, "asset revoked before upload");
  if (asset.state !== "approved" && asset.state !== "published") {
    return closeJob(ctx, job, `asset is ${asset.state}`);
  }
  if (asset.currentVersionId !== p.versionId || asset.currentVersionHash !== p.versionHash) {
    return closeJob(ctx, job, "job is for a version that is no longer current");
  }
  const approvedHash = approvedVersionHash(asset, asset.id);
  if (approvedHash !== p.versionHash) {
    throw new PublishError("NOT_APPROVED", `approved hash ${approvedHash} ≠ job hash ${p.versionHash}`);
  }
  const version = getVersion(db, p.versionId);
  // The approved file: the print PDF, or for screen formats (social, LED) the PNG.
  const pdf = getVersionFile(db, p.versionId, "pdf");
  const png = getVersionFile(db, p.versionId, "png");
  const primary = pdf ?? png;
  const primaryKind = pdf ? "pdf" : "png";
  if (!version || !primary)
    throw new PublishError("INTEGRITY", `version ${p.versionId} has no file to publish`);
  // The bytes in SQLite must still be the bytes that were approved.
  if (sha256Hex(primary.bytes) !== version.contentHash || version.contentHash !== p.versionHash) {
    throw new PublishError(
      "INTEGRITY",
      `stored ${primaryKind} of ${asset.code} v${version.n} does not match its content hash`,
    );
  }
  const year = planYear(db, asset.planId);
  const approval = auditEventFor(db.conn, version.id, "APPROVE");
  if (year === null || !approval)
    throw new PublishError("INTEGRITY", `${asset.code}: plan or approval record missing`);

  // Stored with the version before anything is uploaded: what goes to the store is what SQLite keeps.
  const scaled = pdf ? await ensureScaledFile(ctx, asset, version) : null;
  const files: Record<PublishedKind, typeof pdf> = { pdf, pdf_scaled: scaled, png };

  const retainUntil =
    ctx.retentionDays > 0 ? new Date(Date.parse(approval.at) + ctx.retentionDays * 86_400_000) : undefined;
  const contentItem = asset.contentItemCode ?? "cd";
  const uploaded: Uploaded[] = [];
  for (const kind of PUBLISHED_KINDS) {
    const file = files[kind];
    if (!file) continue;
    const bytes = Buffer.from(file.bytes);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== file.sha256) {
      throw new PublishError(
        "INTEGRITY",
        `stored ${kind} of ${asset.code} v${version.n} does not match its sha-256`,
      );
    }
    const key = objectKey({
      year,
      contentItem,
      assetId: asset.id,
      version: version.n,
      format: asset.formatId,
      ext: kind === "png" ? "png" : "pdf",
      scale: kind === "pdf_scaled" ? PRINT_SCALE_DENOMINATOR : undefined,
    });
    // Values may be Vietnamese; the store encodes them (RFC 2047) for the ASCII-only headers.
    const metadata: Record<string, string> = {
      "asset-id": asset.id,
      "asset-code": asset.code,
      version: String(version.n),
      "file-kind": kind,
      format: asset.formatId,
      "content-item": contentItem,
      "approved-sha256": version.contentHash,
      "approved-by": approval.displayName ?? approval.userId ?? "",
      "approved-by-id": approval.userId ?? "",
      "approved-at": approval.at,
      "verify-code": version.verifyCode,
    };
    // The approved-sha256 above stays the true-size file's: the 1:10 file is bound through it.
    if (kind === "pdf_scaled") metadata["print-scale"] = `1:${PRINT_SCALE_DENOMINATOR}`;
    await ensureBucket(ctx);
    uploaded.push(
      await uploadOne(ctx.store, {
        kind,
        key,
        bytes,
        sha256,
        metadata,
        retainUntil,
        readBack: kind === primaryKind || kind === "pdf_scaled",
      }),
    );
  }
  const primaryKey = uploaded.find((u) => u.kind === primaryKind)!.key;
  const scaledKey = uploaded.find((u) => u.kind === "pdf_scaled")?.key;
  const stored = scaledKey
    ? `${primaryKey}; file tỷ lệ 1:${PRINT_SCALE_DENOMINATOR}: ${scaledKey}`
    : primaryKey;

  const now = ctx.clock();
  const at = now.toISOString();
  const published = immediate(db.conn, () => {
    // Re-read inside the write lock: a revoke or another worker may have acted during the upload.
    // (Only database work here, and the outcome returned: PostgreSQL may run the block again.)
    const fresh = getAsset(db, asset.id)!;
    const revoked = fresh.state === "revoked";
    for (const u of uploaded) {
      recordPublishedObject(db.conn, {
        versionId: version.id,
        kind: u.kind,
        assetId: asset.id,
        key: u.key,
        sha256: u.sha256,
        size: u.size,
        etag: u.etag,
        retainedUntil: u.retainedUntil,
        uploadedAt: at,
        withdrawnAt: revoked ? at : null,
        withdrawnReason: revoked ? "revoked during upload" : null,
      });
    }
    const approvedNow = fresh.state === "approved" && fresh.currentVersionHash === p.versionHash;
    if (approvedNow) {
      markPublished(db, {
        assetId: asset.id,
        versionHash: p.versionHash,
        comment: `Đã lưu file in: ${stored}`,
        now,
      });
    }
    // The fence: a worker whose lease expired (and whose job someone else now holds) rolls back
    // everything above, so "published" is applied by exactly one of them.
    completeOrLose(ctx, job, now);
    return approvedNow || fresh.state === "published";
  });
  const reused = uploaded.filter((u) => u.reused).length;
  ctx.log(
    "info",
    `${asset.code} v${version.n}: ${published ? "published" : "stored (revoked meanwhile)"} → ${stored}` +
      (reused ? ` (${reused} file(s) already in the store)` : ""),
  );
  return published ? "published" : "skipped";
}

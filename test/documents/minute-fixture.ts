import { createHash } from "node:crypto";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { applyAssetEvent, createAsset, createVersion } from "../../workflows/service";
import { fakePdf, USERS } from "../support/db";
import { designPng, solidPng } from "./pdf-tools";

// An asset with a history worth a minute: version 1 returned by the office with a reason,
// version 2 (with its 1:10 companion file) submitted, forwarded and approved. Real PNGs, so the
// minute has a picture; the print PDFs are the test suite's stand-ins.

export const RETURN_REASON = { code: "diacritics" as const, text: "Thiếu dấu ở chữ “tiện lợi”" };
export const EDIT_COMMENT = "Đã sửa dấu theo ý kiến Phòng Văn hóa - Xã hội";
export const V2_TEXT = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";

function decide(handle: DbHandle, assetId: string, type: string, userId: string, extra: object = {}) {
  applyAssetEvent(handle, {
    assetId,
    versionHash: getAsset(handle, assetId)!.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId }, ...extra },
  });
}

export interface MinuteAsset {
  assetId: string;
  code: string;
  v1: string;
  v2: string;
  /** SHA-256 of version 2's print PDF (what the approval bound to) and of its 1:10 file. */
  pdfSha: string;
  scaledSha: string;
}

/** The asset described above, on the 1.2 × 10 m banner of content item 1.12. */
export async function returnedThenApproved(handle: DbHandle, label: string): Promise<MinuteAsset> {
  const png = await solidPng(1000, 120, [190, 20, 30]);
  const created = createAsset(handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "traditional",
    formatId: "bang-ron-1.2x10",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tien loi",
    files: { pdf: fakePdf(`${label}-v1`), png },
  });
  decide(handle, created.assetId, "SUBMIT", USERS.drafter);
  decide(handle, created.assetId, "RETURN", USERS.office, { reason: RETURN_REASON });
  const pdf = fakePdf(`${label}-v2`);
  const v2 = createVersion(handle, {
    assetId: created.assetId,
    actor: { userId: USERS.drafter },
    baseVersionHash: getAsset(handle, created.assetId)!.currentVersionHash!,
    text: V2_TEXT,
    subtitle: "Ủy ban nhân dân xã Lạc Phượng",
    files: { pdf, png: await designPng("co-dong-truyen-thong", "bang-ron-1.2x10", V2_TEXT) },
    comment: EDIT_COMMENT,
  });
  // The 1:10 companion the approval makes for formats over 5.08 m (issue 13 §2).
  const scaled = Buffer.from(fakePdf(`${label}-v2-scaled`));
  const scaledSha = createHash("sha256").update(scaled).digest("hex");
  handle.conn
    .prepare(
      "INSERT INTO version_files (version_id, kind, bytes, sha256, size) VALUES (?, 'pdf_scaled', ?, ?, ?)",
    )
    .run(v2.versionId, scaled, scaledSha, scaled.length);
  decide(handle, created.assetId, "SUBMIT", USERS.drafter);
  decide(handle, created.assetId, "FORWARD", USERS.office);
  decide(handle, created.assetId, "APPROVE", USERS.approver);
  return {
    assetId: created.assetId,
    code: created.code,
    v1: created.versionId,
    v2: v2.versionId,
    pdfSha: createHash("sha256").update(pdf).digest("hex"),
    scaledSha,
  };
}

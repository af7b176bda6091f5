import { getAsset } from "../../storage/assets";
import { type DbHandle, openDatabase } from "../../storage/db/connection";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { fakeFiles, USERS } from "./db";

export type Decision = "SUBMIT" | "FORWARD" | "APPROVE" | "REVOKE";

/** Applies `type` to the asset's current version as `user` (REVOKE with a plan reason). */
export function decide(handle: DbHandle, assetId: string, type: Decision, user: string) {
  const asset = getAsset(handle, assetId)!;
  return applyAssetEvent(handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: {
      type,
      actor: { userId: user },
      ...(type === "REVOKE" ? { reason: { code: "off_plan" as const, text: "Sai mục kế hoạch" } } : {}),
    },
  });
}

/** A new asset of the seeded plan, submitted, forwarded and approved: its publish job is queued. */
export function approvedAsset(
  handle: DbHandle,
  label: string,
  over: { formatId?: string; contentItemId?: string | null; screen?: boolean } = {},
) {
  const all = fakeFiles(label);
  // Screen formats have no print PDF: the PNG is the approved file.
  const files: Partial<typeof all> = over.screen ? { png: all.png } : all;
  const created = createAsset(handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: over.contentItemId === undefined ? "cchc-2026:1.12" : over.contentItemId,
    templateId: "traditional",
    formatId: over.formatId ?? "bang-ron-1x7",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    placement: "road",
    quantity: 4,
    files,
  });
  decide(handle, created.assetId, "SUBMIT", USERS.drafter);
  decide(handle, created.assetId, "FORWARD", USERS.office);
  decide(handle, created.assetId, "APPROVE", USERS.approver);
  return { ...created, files };
}

/**
 * An approved asset written straight into a running (or stopped) server's database file, as the
 * e2e tests seed one: co-dong-truyen-thong on bang-ron-1x7, submitted, forwarded and approved.
 */
export function approvedAssetInDbFile(file: string, label: string) {
  const handle = openDatabase(file);
  try {
    const created = createAsset(handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "co-dong-truyen-thong",
      formatId: "bang-ron-1x7",
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: fakeFiles(label),
    });
    const { content_hash: versionHash } = handle.conn
      .prepare("SELECT content_hash FROM asset_versions WHERE id = ?")
      .get(created.versionId) as { content_hash: string };
    for (const [type, userId] of [
      ["SUBMIT", USERS.drafter],
      ["FORWARD", USERS.office],
      ["APPROVE", USERS.approver],
    ] as const) {
      applyAssetEvent(handle, { assetId: created.assetId, versionHash, event: { type, actor: { userId } } });
    }
    return created;
  } finally {
    handle.close();
  }
}

import { createHash } from "node:crypto";
import { findVersionByVerifyCode, getAssetByCode, getVersion, listVersions } from "../../storage/assets";
import { exportApprovalRecord } from "../../storage/audit";
import type { DbHandle } from "../../storage/db";
import { first } from "../../storage/db/sync";
import { getFormat } from "../../templates/formats";

export type Verdict =
  | "published"
  | "approved"
  | "revoked"
  | "rejected"
  | "superseded"
  | "pending"
  | "unknown";

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Accepts the 8-character verify code or the `ASSET-CODE-vN` reference printed on the slug line. */
export function lookup(handle: DbHandle, raw: string) {
  const code = raw.trim();
  const byCode = code.length <= 12 ? findVersionByVerifyCode(handle, code) : null;
  if (byCode) return byCode;
  const m = /^(.+)-v(\d{1,4})$/i.exec(code);
  if (!m) return null;
  const asset = getAssetByCode(handle, m[1].toUpperCase());
  if (!asset) return null;
  const version = listVersions(handle, asset.id).find((v) => v.n === Number(m[2]));
  return version ? { asset, version } : null;
}

export function verifyReport(handle: DbHandle, raw: string) {
  const found = lookup(handle, raw);
  if (!found) return null;
  const { asset, version } = found;
  const isCurrent = asset.currentVersionId === version.id;
  const record = exportApprovalRecord(handle, asset.id);
  const rows = (record?.rows ?? []).filter((r) => r.versionHash === version.contentHash);
  const approval = rows.filter((r) => r.action === "APPROVE").pop() ?? null;
  const published = rows.filter((r) => r.action === "PUBLISHED").pop() ?? null;
  const revoke = rows.filter((r) => r.action === "REVOKE").pop() ?? null;
  let verdict: Verdict;
  if (!isCurrent) verdict = "superseded";
  else if (asset.state === "published") verdict = "published";
  else if (asset.state === "approved") verdict = "approved";
  else if (asset.state === "revoked") verdict = "revoked";
  else if (asset.state === "rejected") verdict = "rejected";
  else verdict = "pending";
  let formatLabel = asset.formatId;
  try {
    formatLabel = getFormat(asset.formatId).label;
  } catch {
    // keep the id
  }
  const latest = asset.currentVersionId ? getVersion(handle, asset.currentVersionId) : null;
  return {
    verdict,
    asset: { code: asset.code, title: asset.title, formatLabel, itemCode: asset.contentItemCode },
    version: { n: version.n, text: version.text, hash: version.contentHash, verifyCode: version.verifyCode },
    latestN: latest?.n ?? null,
    approval: approval ? { who: approval.who, role: approval.roleLabel, at: approval.at } : null,
    publishedAt: published?.at ?? null,
    revoke: revoke
      ? { who: revoke.who, at: revoke.at, reason: revoke.reasonLabel, text: revoke.reasonText }
      : null,
  };
}

/** Which stored version (if any) has exactly this print-file hash. */
export function findByHash(handle: DbHandle, hash: string) {
  const row = first(
    handle.sqlite,
    handle.db
      .selectFrom("asset_versions as v")
      .innerJoin("assets as a", "a.id", "v.asset_id")
      .select(["a.code", "v.n", "v.verify_code"])
      .where("v.content_hash", "=", hash),
  );
  return row ?? null;
}

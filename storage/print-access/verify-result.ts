import { REASON_LABELS_VI, type ReasonCode } from "../../domain/reasons";
import { type ActorRole, ROLE_LABELS_VI } from "../../domain/roles";
import { type AssetState, STATE_LABELS_VI } from "../../domain/states";
import { slugVerifyCode } from "../assets";
import { auditEventFor } from "../audit";
import type { DbHandle } from "../db/connection";
import type { Found } from "./resolve-code";
import { knownFormat } from "./spec";

export type VerifyStatus = "published" | "approved" | "revoked" | "pending" | "unknown";

/** What the verify pages show about a version. Times are ISO UTC; hashes SHA-256 hex. */
export interface VerifyResult {
  status: VerifyStatus;
  /** The asset's workflow state, for a more precise message than `status`. */
  assetState: string | null;
  /** The code belongs to an older version that was replaced before approval. */
  superseded: boolean;
  messageVi: string;
  assetCode: string | null;
  title: string | null;
  format: string | null;
  formatId: string | null;
  contentItemCode: string | null;
  version: number | null;
  /** The asset's current version number (differs from `version` when superseded). */
  currentVersion: number | null;
  /** The slogan as rendered in this version. */
  text: string | null;
  /** The 8-character code printed on this version's slug line and linked by its QR code. */
  printedCode: string | null;
  /** The code stored with the version (asset page, print library); the verify page accepts both. */
  verifyCode: string | null;
  contentHash: string | null;
  approvedBy: string | null;
  approvedRole: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  revokeText: string | null;
}

function verifyMessage(status: VerifyStatus, state: string, superseded: boolean): string {
  if (superseded) return "Phiên bản này đã được thay thế trước khi phê duyệt; không được dùng để in.";
  switch (status) {
    case "published":
      return "Ấn phẩm đã được phê duyệt và phát hành; file in hợp lệ.";
    case "approved":
      return "Ấn phẩm đã được phê duyệt, đang chờ phát hành tới đơn vị in.";
    case "revoked":
      return "Ấn phẩm đã bị thu hồi; không được sử dụng hoặc in tiếp.";
    default:
      return `Ấn phẩm chưa được phê duyệt (${STATE_LABELS_VI[state as AssetState] ?? state}); không được dùng để in.`;
  }
}

/** The full answer about a found version, for every audience; callers filter it with `visible`. */
export function resultFor(db: DbHandle, { asset, version }: Found): VerifyResult {
  // Approval is terminal except for revoke, so a version that is not current was never approved.
  const superseded = asset.currentVersionId !== version.id;
  let status: VerifyStatus = "pending";
  if (!superseded) {
    if (asset.state === "published") status = "published";
    else if (asset.state === "approved") status = "approved";
    else if (asset.state === "revoked") status = "revoked";
  }
  const approval = superseded ? null : auditEventFor(db.conn, version.id, "APPROVE");
  const published = superseded ? null : auditEventFor(db.conn, version.id, "PUBLISHED");
  const revoke = status === "revoked" ? auditEventFor(db.conn, version.id, "REVOKE") : null;
  return {
    status,
    assetState: asset.state,
    superseded,
    messageVi: verifyMessage(status, asset.state, superseded),
    assetCode: asset.code,
    title: asset.title,
    format: knownFormat(asset.formatId)?.label ?? asset.formatId,
    formatId: asset.formatId,
    contentItemCode: asset.contentItemCode,
    version: version.n,
    currentVersion: asset.currentVersionN,
    text: version.text,
    printedCode: slugVerifyCode(asset.code, version.n),
    verifyCode: version.verifyCode,
    contentHash: version.contentHash,
    approvedBy: approval?.displayName ?? null,
    approvedRole: approval ? (ROLE_LABELS_VI[approval.role as ActorRole] ?? approval.role) : null,
    approvedAt: approval?.at ?? null,
    publishedAt: published?.at ?? null,
    revokedAt: revoke?.at ?? null,
    revokedBy: revoke?.displayName ?? null,
    revokeReason: revoke?.reasonCode
      ? (REASON_LABELS_VI[revoke.reasonCode as ReasonCode] ?? revoke.reasonCode)
      : null,
    revokeText: revoke?.reasonText ?? null,
  };
}

/** The answer for a code that does not exist, and for one the audience may not know about. */
export const UNKNOWN: VerifyResult = {
  status: "unknown",
  assetState: null,
  superseded: false,
  messageVi: "Không tìm thấy mã xác thực này. File hoặc bản in có thể không phải do UBND xã phát hành.",
  assetCode: null,
  title: null,
  format: null,
  formatId: null,
  contentItemCode: null,
  version: null,
  currentVersion: null,
  text: null,
  printedCode: null,
  verifyCode: null,
  contentHash: null,
  approvedBy: null,
  approvedRole: null,
  approvedAt: null,
  publishedAt: null,
  revokedAt: null,
  revokedBy: null,
  revokeReason: null,
  revokeText: null,
};

import { type Format, getFormat } from "../templates/formats";
import { STATE_LABELS_VI } from "../workflows/labels";
import type { AssetState } from "../workflows/asset-machine";
import { appendAudit } from "./audit";
import {
  type AssetRecord,
  COMMENT_MAX,
  confirmPrint,
  findVersionByVerifyCode,
  getAsset,
  getAssetByCode,
  getVersion,
  listVersions,
  logDownload,
  normalizeVerifyCode,
  sha256Hex,
  slugVerifyCode,
  type VersionRecord,
} from "./assets";
import type { DbHandle } from "./db/connection";
import type { Placement, Role } from "./db/schema";
import { immediate } from "./db/sync";
import type { ObjectStore } from "./objects/types";
import { auditEventFor } from "./audit";
import {
  getPublishedObject,
  type PublishedObject,
  type PublishedObjectRow,
  toPublishedObject,
} from "./published-objects";
import { cleanNote } from "./text";
import { getUserRoles } from "./users";
import { isWorkflowError } from "../workflows/errors";
import { REASON_LABELS_VI, type ReasonCode } from "../workflows/reasons";
import { type ActorRole, ROLE_LABELS_VI } from "../workflows/roles";

// What print shops (and the public verify page) may see and fetch. Every permission is decided
// here from the database, whatever the caller passes: the roles argument can only narrow them.

export type PrintAccessErrorCode = "FORBIDDEN" | "NOT_PUBLISHED" | "REVOKED" | "NOT_FOUND" | "INVALID_INPUT";

const MESSAGES_VI: Record<PrintAccessErrorCode, string> = {
  FORBIDDEN:
    "Bạn không có quyền tải hoặc xác nhận file in. Chỉ đơn vị in ấn được cấp quyền mới thực hiện được.",
  NOT_PUBLISHED: "Ấn phẩm chưa được phát hành nên chưa thể tải file in.",
  REVOKED: "Ấn phẩm đã bị thu hồi; không được tải hay in file này nữa.",
  NOT_FOUND: "Không tìm thấy ấn phẩm hoặc file in.",
  INVALID_INPUT: "Dữ liệu gửi lên không hợp lệ.",
};

export class PrintAccessError extends Error {
  readonly code: PrintAccessErrorCode;
  readonly messageVi: string;

  constructor(code: PrintAccessErrorCode, message?: string, messageVi?: string) {
    super(message ?? code);
    this.name = "PrintAccessError";
    this.code = code;
    this.messageVi = messageVi ?? MESSAGES_VI[code];
  }
}

export function isPrintAccessError(e: unknown): e is PrintAccessError {
  return e instanceof PrintAccessError;
}

export const PLACEMENT_LABELS_VI: Record<Placement, string> = {
  road: "Trục đường chính",
  office: "Trụ sở cơ quan, đơn vị",
  village_hall: "Nhà văn hóa thôn",
  crowded_place: "Khu vực đông dân cư",
  online: "Trên mạng (Fanpage, YouTube, Zalo OA)",
};

const PRINT_ROLES: readonly Role[] = ["printer", "admin"];

/** Roles the user really holds (active account), narrowed to those the session claims. */
function effectiveRoles(db: DbHandle, userId: string, claimed?: readonly Role[]): Role[] {
  const user = db.sqlite.prepare("SELECT active FROM users WHERE id = ?").get(userId) as
    | { active: number }
    | undefined;
  if (user?.active !== 1) return [];
  const held = getUserRoles(db, userId);
  return claimed ? held.filter((r) => claimed.includes(r)) : held;
}

function requirePrintRole(db: DbHandle, userId: string, claimed?: readonly Role[]): void {
  if (!effectiveRoles(db, userId, claimed).some((r) => PRINT_ROLES.includes(r))) {
    throw new PrintAccessError("FORBIDDEN", `user ${userId} is not a printer`);
  }
}

/** The asset's current print file, if print shops may have it; otherwise the reason as an error. */
function printableObject(db: DbHandle, asset: AssetRecord | null, kind: "pdf" | "png"): PublishedObject {
  if (!asset?.currentVersionId) throw new PrintAccessError("NOT_FOUND", "asset not found");
  if (asset.state === "revoked") throw new PrintAccessError("REVOKED", `${asset.code} is revoked`);
  if (asset.state !== "published")
    throw new PrintAccessError("NOT_PUBLISHED", `${asset.code} is ${asset.state}`);
  const obj = getPublishedObject(db.sqlite, asset.currentVersionId, kind);
  if (!obj) throw new PrintAccessError("NOT_FOUND", `${asset.code} has no published ${kind}`);
  if (obj.withdrawnAt) throw new PrintAccessError("REVOKED", `${asset.code} ${kind} withdrawn`);
  return obj;
}

export interface PrintSpec {
  formatId: string;
  formatLabel: string;
  formatKind: Format["kind"] | null;
  /** Physical formats only; null for screen formats and unknown ids. */
  trimWidthMm: number | null;
  trimHeightMm: number | null;
  bleedMm: number | null;
  safeMarginMm: number | null;
  /** Fabric lost to hems and pole pockets (banners). */
  hemMm: number | null;
  /** Screen formats only. */
  widthPx: number | null;
  heightPx: number | null;
  /** The asset's own hint wins over the format's default. */
  materialHint: string | null;
  quantity: number | null;
  placement: Placement | null;
  placementLabel: string | null;
}

function specFor(asset: AssetRecord): PrintSpec {
  let format: Format | null = null;
  try {
    format = getFormat(asset.formatId);
  } catch {
    // A format removed from the catalogue after approval: the files are still valid, show the id.
  }
  const print = format && format.kind !== "screen" ? format : null;
  const screen = format?.kind === "screen" ? format : null;
  return {
    formatId: asset.formatId,
    formatLabel: format?.label ?? asset.formatId,
    formatKind: format?.kind ?? null,
    trimWidthMm: print?.trimWidthMm ?? null,
    trimHeightMm: print?.trimHeightMm ?? null,
    bleedMm: print?.bleedMm ?? null,
    safeMarginMm: print?.safeMarginMm ?? null,
    hemMm: print?.hemMm ?? null,
    widthPx: screen?.widthPx ?? null,
    heightPx: screen?.heightPx ?? null,
    materialHint: asset.materialHint ?? print?.materialHint ?? null,
    quantity: asset.quantity,
    placement: asset.placement,
    placementLabel: asset.placement ? PLACEMENT_LABELS_VI[asset.placement] : null,
  };
}

export interface PublishedForPrinter {
  assetId: string;
  code: string;
  title: string;
  contentItem: { code: string; title: string } | null;
  version: { id: string; n: number; contentHash: string; verifyCode: string };
  spec: PrintSpec;
  files: { kind: "pdf" | "png"; size: number; sha256: string }[];
  approvedAt: string | null;
  approvedBy: string | null;
  publishedAt: string;
  lastConfirmation: { status: "printed" | "delivered"; at: string } | null;
}

/** Published assets whose print file has not been withdrawn, newest first. */
export function listPublishedForPrinter(db: DbHandle): PublishedForPrinter[] {
  const rows = db.sqlite
    .prepare(
      `SELECT a.id AS asset_id, v.id AS version_id, v.n, v.content_hash, v.verify_code, ci.title AS item_title,
         o.uploaded_at
       FROM assets a
       JOIN asset_versions v ON v.id = a.current_version_id
       JOIN published_objects o ON o.version_id = v.id AND o.kind = 'pdf' AND o.withdrawn_at IS NULL
       LEFT JOIN content_items ci ON ci.id = a.content_item_id
       WHERE a.state = 'published'
       ORDER BY o.uploaded_at DESC, a.code`,
    )
    .all() as {
    asset_id: string;
    version_id: string;
    n: number;
    content_hash: string;
    verify_code: string;
    item_title: string | null;
    uploaded_at: string;
  }[];
  const filesStmt = db.sqlite.prepare(
    `SELECT kind, size, sha256 FROM published_objects
     WHERE version_id = ? AND kind IN ('pdf','png') AND withdrawn_at IS NULL ORDER BY kind`,
  );
  const confirmStmt = db.sqlite.prepare(
    "SELECT status, at FROM print_confirmations WHERE asset_id = ? AND version_id = ? ORDER BY at DESC, id LIMIT 1",
  );
  return rows.map((r) => {
    const asset = getAsset(db, r.asset_id)!;
    const approval = auditEventFor(db.sqlite, r.version_id, "APPROVE");
    const published = auditEventFor(db.sqlite, r.version_id, "PUBLISHED");
    const confirmation = confirmStmt.get(r.asset_id, r.version_id) as
      | { status: "printed" | "delivered"; at: string }
      | undefined;
    return {
      assetId: asset.id,
      code: asset.code,
      title: asset.title,
      contentItem:
        asset.contentItemCode && r.item_title ? { code: asset.contentItemCode, title: r.item_title } : null,
      version: { id: r.version_id, n: r.n, contentHash: r.content_hash, verifyCode: r.verify_code },
      spec: specFor(asset),
      files: filesStmt.all(r.version_id) as PublishedForPrinter["files"],
      approvedAt: approval?.at ?? null,
      approvedBy: approval?.displayName ?? null,
      publishedAt: published?.at ?? r.uploaded_at,
      lastConfirmation: confirmation ?? null,
    };
  });
}

export interface IssueDownloadLinkInput {
  db: DbHandle;
  store: ObjectStore;
  assetId: string;
  userId: string;
  /** From the session; only narrows what the database says the user holds. */
  roles: readonly Role[];
  kind: "pdf" | "png";
  /** Default 300 s: long enough to start a download, short enough that a forwarded link dies. */
  expiresSeconds?: number;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

export interface DownloadLink {
  url: string;
  expiresAt: string;
  downloadId: string;
  key: string;
  sha256: string;
}

export async function issueDownloadLink(input: IssueDownloadLinkInput): Promise<DownloadLink> {
  const { db } = input;
  if (input.kind !== "pdf" && input.kind !== "png") throw new PrintAccessError("INVALID_INPUT", "kind");
  const expiresSeconds = Math.floor(input.expiresSeconds ?? 300);
  if (!(expiresSeconds >= 1 && expiresSeconds <= 3600)) {
    throw new PrintAccessError("INVALID_INPUT", "expiresSeconds must be 1…3600");
  }
  requirePrintRole(db, input.userId, input.roles);
  const asset = getAsset(db, input.assetId);
  const obj = printableObject(db, asset, input.kind);
  const url = await input.store.presignGet(obj.key, {
    expiresSeconds,
    downloadName: `${asset!.code}-v${asset!.currentVersionN}-${asset!.formatId}.${input.kind}`,
  });
  const now = input.now ?? new Date();
  // Signing is async, so a revoke may have landed meanwhile: check again under the write lock, and
  // only hand out a link that is also in the log.
  const downloadId = immediate(db.sqlite, () => {
    const fresh = printableObject(db, getAsset(db, input.assetId), input.kind);
    return logDownload(db, {
      assetId: fresh.assetId,
      versionId: fresh.versionId,
      userId: input.userId,
      fileKind: input.kind,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      now,
    });
  });
  return {
    url,
    expiresAt: new Date(now.getTime() + expiresSeconds * 1000).toISOString(),
    downloadId,
    key: obj.key,
    sha256: obj.sha256,
  };
}

/**
 * When a download link is followed (the folder store's `/files/<token>`): the link was minted while
 * the file was printable, but a revoke since then must stop it at once, not when the link expires.
 * Throws REVOKED (withdrawn or revoked), NOT_PUBLISHED or NOT_FOUND; returns the published object.
 */
export function assertStillDownloadable(db: DbHandle, objectKey: string): PublishedObject {
  const row = db.sqlite.prepare("SELECT * FROM published_objects WHERE object_key = ?").get(objectKey) as
    | PublishedObjectRow
    | undefined;
  if (!row) throw new PrintAccessError("NOT_FOUND", `no published object ${objectKey}`);
  const obj = toPublishedObject(row);
  const asset = getAsset(db, obj.assetId);
  if (!asset) throw new PrintAccessError("NOT_FOUND", `asset ${obj.assetId} not found`);
  if (obj.withdrawnAt || asset.state === "revoked") {
    throw new PrintAccessError("REVOKED", `${asset.code} is revoked`);
  }
  if (asset.state !== "published")
    throw new PrintAccessError("NOT_PUBLISHED", `${asset.code} is ${asset.state}`);
  return obj;
}

export interface ConfirmPrintedInput {
  db: DbHandle;
  assetId: string;
  userId: string;
  /** From the session, as for issueDownloadLink; omitted = whatever the database says. */
  roles?: readonly Role[];
  status: "printed" | "delivered";
  quantity?: number | null;
  note?: string | null;
  now?: Date;
}

export interface PrintConfirmation {
  id: string;
  assetId: string;
  versionId: string;
  status: "printed" | "delivered";
  at: string;
  auditId: number;
}

/** Audit actions of the print shop; they do not change the asset's state (from = to = published). */
export const PRINT_AUDIT_ACTIONS = { printed: "PRINTED", delivered: "DELIVERED" } as const;

export function confirmPrinted(input: ConfirmPrintedInput): PrintConfirmation {
  const { db } = input;
  if (input.status !== "printed" && input.status !== "delivered") {
    throw new PrintAccessError("INVALID_INPUT", "status must be printed or delivered");
  }
  if (input.quantity != null && !(Number.isInteger(input.quantity) && input.quantity > 0)) {
    throw new PrintAccessError("INVALID_INPUT", "quantity must be a positive integer");
  }
  let note: string | null = null;
  try {
    note = input.note ? cleanNote(input.note, "Ghi chú", COMMENT_MAX) || null : null;
  } catch (e) {
    // The cleaner's message names the character and where it stands; the print shop sees it.
    if (isWorkflowError(e)) throw new PrintAccessError("INVALID_INPUT", e.message, e.messageVi);
    throw e;
  }
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(db.sqlite, () => {
    requirePrintRole(db, input.userId, input.roles);
    const asset = getAsset(db, input.assetId);
    const obj = printableObject(db, asset, "pdf");
    const id = confirmPrint(db, {
      assetId: obj.assetId,
      versionId: obj.versionId,
      userId: input.userId,
      status: input.status,
      quantity: input.quantity ?? null,
      note,
      now,
    });
    const what = input.status === "printed" ? "đã in" : "đã giao";
    const qty = input.quantity != null ? ` ${input.quantity} bản` : "";
    const audit = appendAudit(db, {
      assetId: obj.assetId,
      versionId: obj.versionId,
      actorUserId: input.userId,
      actorRole: "printer",
      action: PRINT_AUDIT_ACTIONS[input.status],
      // Same state on both sides: the audit chain check compares an asset's state with its last event.
      fromState: "published",
      toState: "published",
      comment: `Đơn vị in xác nhận ${what}${qty}${note ? `. Ghi chú: ${note}` : ""}`,
      versionHash: asset!.currentVersionHash,
      at,
    });
    return {
      id,
      assetId: obj.assetId,
      versionId: obj.versionId,
      status: input.status,
      at,
      auditId: audit.id,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Verify: what a code on a slug line (or typed on /verify) stands for. The one implementation the
// verify pages use. Anyone may ask, and asset codes are sequential, so what an answer reveals
// depends on who asks (see VerifyAudience).

export type VerifyStatus = "published" | "approved" | "revoked" | "pending" | "unknown";

/**
 * Who is asking, decided by the server from the session.
 * - `public`: a signed-out visitor, a citizen, a print shop. Learns only about versions that are
 *   published or revoked; any other code (draft, in review, returned, rejected, approved but not
 *   yet published, replaced) reads exactly like a code that does not exist.
 * - `staff`: a signed-in drafter, reviewer, approver or admin: every state.
 */
export type VerifyAudience = "public" | "staff";

const STAFF_ROLES: readonly Role[] = ["drafter", "office", "approver", "admin"];

/** The audience for the roles of the signed-in user (none: signed out). Print shops are public. */
export function verifyAudienceFor(roles: readonly Role[] | null | undefined): VerifyAudience {
  return roles?.some((r) => STAFF_ROLES.includes(r)) ? "staff" : "public";
}

const PUBLIC_STATUSES: readonly VerifyStatus[] = ["published", "revoked"];

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

const VERIFY_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

// Printed code → version id, per connection, extended with the versions written since the last miss.
const printedCodes = new WeakMap<DbHandle, { lastRowid: number; ids: Map<string, string> }>();

function versionIdByPrintedCode(db: DbHandle, code: string): string | null {
  let cache = printedCodes.get(db);
  if (!cache) {
    cache = { lastRowid: 0, ids: new Map() };
    printedCodes.set(db, cache);
  }
  if (!cache.ids.has(code)) {
    const rows = db.sqlite
      .prepare(
        `SELECT v.rowid AS rid, v.id, v.n, a.code FROM asset_versions v JOIN assets a ON a.id = v.asset_id
         WHERE v.rowid > ? ORDER BY v.rowid`,
      )
      .all(cache.lastRowid) as { rid: number; id: string; n: number; code: string }[];
    for (const r of rows) {
      const printed = slugVerifyCode(r.code, r.n);
      if (!cache.ids.has(printed)) cache.ids.set(printed, r.id);
      cache.lastRowid = r.rid;
    }
  }
  return cache.ids.get(code) ?? null;
}

type Found = { asset: AssetRecord; version: VersionRecord };

/**
 * What a typed or scanned code names: `ASSET-CODE-vN` (the QR of files printed before the slug
 * carried a code), the asset code alone (its current version: the only one that can ever have
 * been approved), or an 8-character code, stored or printed, typed loosely (case, O/0, I/L/1, dashes).
 */
function resolveCode(db: DbHandle, raw: string): Found | null {
  if (typeof raw !== "string") return null;
  const input = raw.normalize("NFC").trim();
  if (!input || input.length > 80) return null;
  const ref = /^(.+)-v(\d{1,4})$/i.exec(input);
  if (ref) {
    const asset = getAssetByCode(db, ref[1]!.toUpperCase());
    const version = asset ? listVersions(db, asset.id).find((v) => v.n === Number(ref[2])) : undefined;
    if (asset && version) return { asset, version };
  }
  const asset = getAssetByCode(db, input.toUpperCase());
  if (asset?.currentVersionId) {
    const version = getVersion(db, asset.currentVersionId);
    if (version) return { asset, version };
  }
  const code = normalizeVerifyCode(input);
  if (!VERIFY_CODE_RE.test(code)) return null;
  const stored = findVersionByVerifyCode(db, code);
  if (stored) return stored;
  const versionId = versionIdByPrintedCode(db, code);
  const version = versionId ? getVersion(db, versionId) : null;
  const owner = version ? getAsset(db, version.assetId) : null;
  return version && owner ? { asset: owner, version } : null;
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

/** The latest `action` on a version in the audit log: when, who, as what, and why. */
function lastEvent(db: DbHandle, versionId: string, action: "APPROVE" | "PUBLISHED" | "REVOKE") {
  return (
    (db.sqlite
      .prepare(
        `SELECT e.at, e.actor_role, e.reason_code, e.reason_text, u.display_name FROM audit_events e
         LEFT JOIN users u ON u.id = e.actor_user_id
         WHERE e.version_id = ? AND e.action = ? ORDER BY e.id DESC LIMIT 1`,
      )
      .get(versionId, action) as
      | {
          at: string;
          actor_role: string;
          reason_code: string | null;
          reason_text: string | null;
          display_name: string | null;
        }
      | undefined) ?? null
  );
}

function resultFor(db: DbHandle, { asset, version }: Found): VerifyResult {
  // Approval is terminal except for revoke, so a version that is not current was never approved.
  const superseded = asset.currentVersionId !== version.id;
  let status: VerifyStatus = "pending";
  if (!superseded) {
    if (asset.state === "published") status = "published";
    else if (asset.state === "approved") status = "approved";
    else if (asset.state === "revoked") status = "revoked";
  }
  let formatLabel = asset.formatId;
  try {
    formatLabel = getFormat(asset.formatId).label;
  } catch {
    // Unknown id (removed from the catalogue): show it as is.
  }
  const approval = superseded ? null : lastEvent(db, version.id, "APPROVE");
  const published = superseded ? null : lastEvent(db, version.id, "PUBLISHED");
  const revoke = status === "revoked" ? lastEvent(db, version.id, "REVOKE") : null;
  return {
    status,
    assetState: asset.state,
    superseded,
    messageVi: verifyMessage(status, asset.state, superseded),
    assetCode: asset.code,
    title: asset.title,
    format: formatLabel,
    formatId: asset.formatId,
    contentItemCode: asset.contentItemCode,
    version: version.n,
    currentVersion: asset.currentVersionN,
    text: version.text,
    printedCode: slugVerifyCode(asset.code, version.n),
    verifyCode: version.verifyCode,
    contentHash: version.contentHash,
    approvedBy: approval?.display_name ?? null,
    approvedRole: approval ? (ROLE_LABELS_VI[approval.actor_role as ActorRole] ?? approval.actor_role) : null,
    approvedAt: approval?.at ?? null,
    publishedAt: published?.at ?? null,
    revokedAt: revoke?.at ?? null,
    revokedBy: revoke?.display_name ?? null,
    revokeReason: revoke?.reason_code
      ? (REASON_LABELS_VI[revoke.reason_code as ReasonCode] ?? revoke.reason_code)
      : null,
    revokeText: revoke?.reason_text ?? null,
  };
}

const UNKNOWN: VerifyResult = {
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

function visible(result: VerifyResult, audience: VerifyAudience): boolean {
  return audience === "staff" || PUBLIC_STATUSES.includes(result.status);
}

/**
 * What a code stands for, as `audience` may know it: anything it may not see is `UNKNOWN`, the very
 * answer a code that does not exist gets. Accepts the 8-character code (printed on the slug line or
 * stored with the version), `ASSET-CODE-vN`, or the asset code alone (its current version). The
 * default audience is staff, for callers that have already checked who asks; the public verify
 * page passes the audience it decided from the session.
 */
export function verifyByCode(db: DbHandle, code: string, audience: VerifyAudience = "staff"): VerifyResult {
  const found = resolveCode(db, code);
  if (!found) return UNKNOWN;
  const result = resultFor(db, found);
  return visible(result, audience) ? result : UNKNOWN;
}

export interface VerifyFileResult {
  /** The bytes are exactly the version's print PDF (or its PNG). */
  identical: boolean;
  sha256: string;
  matchedKind: "pdf" | "png" | null;
  status: VerifyStatus;
}

/** Compares a file's SHA-256 with the files of the version `code` stands for, as `audience` may know it. */
export function verifyHash(
  db: DbHandle,
  code: string,
  sha256: string,
  audience: VerifyAudience = "staff",
): VerifyFileResult {
  const found = resolveCode(db, code);
  const result = found ? resultFor(db, found) : UNKNOWN;
  if (!found || !visible(result, audience)) {
    return { identical: false, sha256, matchedKind: null, status: "unknown" };
  }
  const hit = found.version.files.find((f) => (f.kind === "pdf" || f.kind === "png") && f.sha256 === sha256);
  const matchedKind: VerifyFileResult["matchedKind"] = hit ? (hit.kind as "pdf" | "png") : null;
  return { identical: matchedKind !== null, sha256, matchedKind, status: result.status };
}

/** Compares uploaded bytes with the file the code stands for; `status` says whether that file may be used. */
export function verifyFile(
  db: DbHandle,
  code: string,
  bytes: Uint8Array,
  audience: VerifyAudience = "staff",
): VerifyFileResult {
  return verifyHash(db, code, sha256Hex(bytes), audience);
}

/**
 * The version whose file (print PDF, or PNG of a screen format) has exactly this SHA-256, as
 * `audience` may know it; published first when several versions share the bytes (screen formats
 * carry no slug line, so two assets of the same slogan can).
 */
export function verifyByFileHash(
  db: DbHandle,
  sha256: string,
  audience: VerifyAudience = "staff",
): VerifyResult | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const ids = db.sqlite
    .prepare("SELECT id FROM asset_versions WHERE content_hash = ? ORDER BY created_at DESC")
    .all(sha256) as { id: string }[];
  const results: VerifyResult[] = [];
  for (const { id } of ids) {
    const version = getVersion(db, id);
    const asset = version ? getAsset(db, version.assetId) : null;
    if (version && asset) results.push(resultFor(db, { asset, version }));
  }
  const seen = results.filter((r) => visible(r, audience));
  return seen.find((r) => r.status === "published") ?? seen[0] ?? null;
}

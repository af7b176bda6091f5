import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { STATE_LABELS_VI } from "../../domain/states";
import type { ApprovalMinuteData, MinuteFile, MinuteHistoryRow } from "../../templates/documents/minute-data";
import { renderApprovalMinutePdf } from "../../templates/documents/minute";
import { SigningError } from "../../templates/documents/errors";
import { signPdf } from "../../templates/documents/sign";
import { placeFromIssuer } from "../../templates/documents/vn-text";
import { type AssetRecord, getAsset, getAssetByCode, getVersion, getVersionFile } from "../assets";
import type { VersionRecord } from "../assets/versions";
import { auditEventFor, exportApprovalRecord } from "../audit";
import type { DbHandle } from "../db/connection";
import type { FileKind } from "../db/schema";
import { getContentItem } from "../plan";
import { specFor } from "../print-access/spec";
import { getUser, getUserByUsername } from "../users";
import { MinuteError } from "./errors";

// The approval minute's data (issue 13 §4) from the database: the asset, the approved version and
// its files, the content item, the commune that issues it, and the asset's decision history from
// the audit log with each person's title and unit. storage reads, templates/documents draws.

/** Audit actions that are not decisions on the asset: the print shop's and the installers' records. */
const NOT_DECISIONS = new Set(["PRINTED", "DELIVERED", "INSTALLED", "REMOVED"]);
const THUMBNAIL_PX = 900;

const FILE_LABELS_VI: Partial<Record<FileKind, string>> = {
  pdf: "File in PDF (kích thước thật)",
  pdf_scaled: "File in PDF tỉ lệ 1:10",
  png: "Ảnh PNG",
};

export interface MinuteOptions {
  /** The version to write the minute for, by id or by number (1, 2, …); default the version approved last. */
  versionId?: string;
  versionN?: number;
  /** Origin of the public verify page (PUBLIC_ORIGIN, or the file origin): the QR code's address. */
  verifyOrigin: string;
  /** Whether the PDF will be signed (its footnote says so); default false. */
  digitallySigned?: boolean;
  /** The minute's own date; default now. */
  now?: Date;
}

function findAsset(handle: DbHandle, assetIdOrCode: string): AssetRecord {
  const key = assetIdOrCode.trim();
  const asset = getAssetByCode(handle, key) ?? getAsset(handle, key);
  if (!asset) throw new MinuteError("ASSET_NOT_FOUND", `no asset "${key}"`);
  return asset;
}

function approvedVersion(handle: DbHandle, asset: AssetRecord, opts: MinuteOptions): VersionRecord {
  let id = opts.versionId;
  if (id === undefined && opts.versionN !== undefined) {
    const row = handle.conn
      .prepare("SELECT id FROM asset_versions WHERE asset_id = ? AND n = ?")
      .get(asset.id, opts.versionN) as { id: string } | undefined;
    if (!row) throw new MinuteError("VERSION_NOT_FOUND", `${asset.code} has no version ${opts.versionN}`);
    id = row.id;
  }
  if (id === undefined) {
    const last = handle.conn
      .prepare(
        "SELECT version_id FROM audit_events WHERE asset_id = ? AND action = 'APPROVE' AND version_id IS NOT NULL ORDER BY id DESC LIMIT 1",
      )
      .get(asset.id) as { version_id: string } | undefined;
    if (!last) throw new MinuteError("NOT_APPROVED", `${asset.code} has no approved version`);
    id = last.version_id;
  }
  const version = getVersion(handle, id);
  if (!version || version.assetId !== asset.id) {
    throw new MinuteError("VERSION_NOT_FOUND", `${asset.code} has no version ${id}`);
  }
  return version;
}

/** The approved file first (the one decisions bound to), then the 1:10 companion if there is one. */
function minuteFiles(version: VersionRecord): MinuteFile[] {
  const byKind = new Map(version.files.map((f) => [f.kind, f]));
  const primary = byKind.has("pdf") ? "pdf" : "png";
  const kinds: FileKind[] = [primary, ...(byKind.has("pdf_scaled") ? (["pdf_scaled"] as const) : [])];
  return kinds.flatMap((kind) => {
    const f = byKind.get(kind);
    return f ? [{ label: FILE_LABELS_VI[kind] ?? kind, sha256: f.sha256 }] : [];
  });
}

/** A PNG of the version at most THUMBNAIL_PX on its long side; null when it has none sharp can read. */
async function thumbnail(handle: DbHandle, versionId: string): Promise<Uint8Array | null> {
  const png = getVersionFile(handle, versionId, "png");
  if (!png) return null;
  try {
    const out = await sharp(png.bytes)
      .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer();
    return new Uint8Array(out);
  } catch {
    return null;
  }
}

function formatSize(asset: AssetRecord): string {
  const s = specFor(asset);
  if (s.trimWidthMm != null && s.trimHeightMm != null) return `${s.trimWidthMm} × ${s.trimHeightMm} mm`;
  if (s.widthPx != null && s.heightPx != null) return `${s.widthPx} × ${s.heightPx} px`;
  return s.formatId;
}

function reasonLine(r: {
  reasonLabel: string | null;
  reasonText: string | null;
  comment: string | null;
}): string {
  const reason = [r.reasonLabel, r.reasonText].filter(Boolean).join(" – ");
  return [reason, r.comment ? `Ý kiến: ${r.comment}` : ""].filter(Boolean).join("; ");
}

/** Every decision on the asset up to version `n` (events about later versions are left out), oldest first. */
function history(handle: DbHandle, assetId: string, n: number): MinuteHistoryRow[] {
  const record = exportApprovalRecord(handle, assetId);
  const people = new Map<string, { title: string | null; unit: string | null }>();
  const person = (username: string | null) => {
    if (!username) return { title: null, unit: null };
    let p = people.get(username);
    if (!p) {
      const u = getUserByUsername(handle, username);
      p = { title: u?.jobTitle ?? null, unit: u?.unitName ?? null };
      people.set(username, p);
    }
    return p;
  };
  return (record?.rows ?? [])
    .filter((r) => !NOT_DECISIONS.has(r.action) && (r.versionN == null || r.versionN <= n))
    .map((r) => ({
      at: r.at,
      name: r.who,
      ...person(r.username),
      roleLabel: r.roleLabel,
      actionLabel: r.actionLabel,
      versionN: r.versionN,
      reason: reasonLine(r),
    }));
}

function issuerOf(handle: DbHandle, planId: string): string {
  const row = handle.conn
    .prepare("SELECT u.name FROM plans p JOIN units u ON u.id = p.issuing_unit_id WHERE p.id = ?")
    .get(planId) as { name: string } | undefined;
  return row?.name ?? "";
}

/**
 * What the approval minute of an asset's approved version prints. `assetIdOrCode` is the asset's
 * code (CCHC-2026-1.12-0001) or id. Errors (MinuteError): ASSET_NOT_FOUND, VERSION_NOT_FOUND (the
 * version is not the asset's), NOT_APPROVED (the version, or with no version given the asset, was
 * never approved). A version approved and later revoked still has its minute; the history and
 * the state say what happened since.
 */
export async function approvalMinuteData(
  handle: DbHandle,
  assetIdOrCode: string,
  opts: MinuteOptions,
): Promise<ApprovalMinuteData> {
  const asset = findAsset(handle, assetIdOrCode);
  const version = approvedVersion(handle, asset, opts);
  const approval = auditEventFor(handle.conn, version.id, "APPROVE");
  if (!approval) {
    throw new MinuteError("NOT_APPROVED", `${asset.code} version ${version.n} was never approved`);
  }
  const approver = approval.userId ? getUser(handle, approval.userId) : null;
  const item = asset.contentItemId ? getContentItem(handle, asset.contentItemId) : null;
  const issuer = issuerOf(handle, asset.planId);
  return {
    issuer,
    place: placeFromIssuer(issuer),
    assetCode: asset.code,
    assetTitle: asset.title,
    versionN: version.n,
    contentItem: item ? { code: item.code, title: item.title } : null,
    slogan: version.text,
    subtitle: version.subtitle,
    formats: [{ label: specFor(asset).formatLabel, size: formatSize(asset) }],
    thumbnailPng: await thumbnail(handle, version.id),
    files: minuteFiles(version),
    verifyCode: version.verifyCode,
    verifyUrl: `${opts.verifyOrigin.replace(/\/+$/, "")}/verify/${version.verifyCode}`,
    approvedAt: approval.at,
    approver: approver ? { name: approver.displayName, title: approver.jobTitle } : null,
    stateLabel: STATE_LABELS_VI[asset.state] ?? asset.state,
    history: history(handle, asset.id, version.n),
    generatedAt: (opts.now ?? new Date()).toISOString(),
    digitallySigned: opts.digitallySigned ?? false,
  };
}

/** Where the signing key is (SIGNING_P12_PATH, SIGNING_P12_PASSWORD). */
export interface MinuteSigning {
  p12Path: string;
  password: string;
}

export interface ApprovalMinutePdf {
  pdf: Uint8Array;
  data: ApprovalMinuteData;
  signed: boolean;
  /** "Phieu-duyet-CCHC-2026-1.12-0001-v2.pdf": ASCII, for Content-Disposition and the CLI. */
  fileName: string;
}

async function readP12(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new SigningError(
      "SIGNING_P12_INVALID",
      `cannot read SIGNING_P12_PATH (${path}): ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}

/**
 * The approval minute as PDF bytes, signed (PAdES B-B) when `signing` is given. Errors: those of
 * approvalMinuteData, and SigningError SIGNING_P12_INVALID (the key file cannot be read or opened)
 * or SIGNING_FAILED.
 */
export async function approvalMinutePdf(
  handle: DbHandle,
  assetIdOrCode: string,
  opts: MinuteOptions & { signing?: MinuteSigning | null },
): Promise<ApprovalMinutePdf> {
  const signing = opts.signing ?? null;
  // The key is read first: a broken key refuses before anything is drawn.
  const p12 = signing ? await readP12(signing.p12Path) : null;
  const data = await approvalMinuteData(handle, assetIdOrCode, {
    ...opts,
    digitallySigned: Boolean(signing),
  });
  let pdf = await renderApprovalMinutePdf(data);
  if (signing && p12) {
    pdf = await signPdf(pdf, p12, signing.password, {
      reason: `Phê duyệt ấn phẩm ${data.assetCode}, phiên bản ${data.versionN}`,
      name: data.issuer,
      location: data.place ?? data.issuer,
      contactInfo: data.verifyUrl,
      signingTime: opts.now,
    });
  }
  return {
    pdf,
    data,
    signed: Boolean(signing),
    fileName: `Phieu-duyet-${data.assetCode}-v${data.versionN}.pdf`,
  };
}

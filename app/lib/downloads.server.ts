import type { Role } from "../../domain/roles";
import type { AssetState } from "../../domain/states";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import {
  type AssetRecord,
  getAsset,
  getVersion,
  getVersionFile,
  listAssets,
  logDownload,
} from "../../storage/assets";
import { auditEventFor } from "../../storage/audit";
import type { DbHandle } from "../../storage/db/connection";
import type { FileKind } from "../../storage/db/schema";
import { fileNameForKind } from "../../storage/objects/keys";
import { getContentItem } from "../../storage/plan";
import { getFormat } from "../../templates/formats";
import type { User } from "../../storage/users";
import { db } from "./db.server";
import { clientIp, forbidden, notFound } from "./http.server";
import { formatDateTimeVi } from "./format";

// Staff downloads of approved work (decision 081): one version's PNG (or print PDFs), or a content
// item's approved and published files as one ZIP with a manifest. Printers keep their own logged path (print
// library, published files only); this one is for the people who made and approved the files.

/** Who may download approved files here: those who write, review and approve them. */
export const STAFF_DOWNLOAD_ROLES: readonly Role[] = ["drafter", "office", "approver"];
const DOWNLOADABLE: readonly AssetState[] = ["approved", "published"];

/** An ASCII file name: letters, digits, dot, hyphen, underscore; anything else becomes "-". */
export function asciiFileName(base: string, ext: string): string {
  const safe = base
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "")
    .slice(0, 120);
  return `${safe || "tep"}.${ext}`;
}

function attachment(name: string): string {
  return `attachment; filename="${name}"`;
}

function formatLabel(formatId: string): string {
  try {
    return getFormat(formatId).label;
  } catch {
    return formatId;
  }
}

/**
 * A version's file name, ASCII: asset code, version number, format id, and the scale for the 1:10
 * print file (`…_ti-le-1-10.pdf`).
 */
function versionFileName(asset: AssetRecord, versionN: number, kind: StaffFileKind): string {
  const [base, ext] = splitExt(fileNameForKind(`${asset.code}-v${versionN}-${asset.formatId}`, kind));
  return asciiFileName(base, ext);
}

function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf(".");
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/** The files staff may take one by one: the PNG, the print PDF, the 1:10 print PDF. */
export const STAFF_FILE_KINDS = ["png", "pdf", "pdf_scaled"] as const satisfies readonly FileKind[];
export type StaffFileKind = (typeof STAFF_FILE_KINDS)[number];

const CONTENT_TYPES: Record<StaffFileKind, string> = {
  png: "image/png",
  pdf: "application/pdf",
  pdf_scaled: "application/pdf",
};

const MISSING_VI: Record<StaffFileKind, string> = {
  png: "Phiên bản này không có ảnh PNG.",
  pdf: "Phiên bản này không có file in PDF.",
  pdf_scaled: "Phiên bản này không có file in tỷ lệ 1:10 (chỉ khổ lớn hơn 5,08 m mới có).",
};

function refuseUnlessStaff(user: User): void {
  if (!STAFF_DOWNLOAD_ROLES.some((r) => user.roles.includes(r))) {
    forbidden("Chỉ cán bộ soạn thảo, Phòng Văn hóa - Xã hội và lãnh đạo phê duyệt được tải file ở đây.");
  }
}

/**
 * GET /download/<versionId>[?file=pdf|pdf_scaled]: the version's PNG (default), print PDF or 1:10
 * print PDF as an attachment, logged with its kind. Only the current version of an approved or
 * published asset: 403 for other roles (printers use the print library) and for a version not
 * approved, 404 for an unknown version or one without a file of that kind.
 */
export function versionFileResponse(
  request: Request,
  user: User,
  versionId: string,
  kind: StaffFileKind = "png",
): Response {
  refuseUnlessStaff(user);
  const handle = db();
  const version = getVersion(handle, versionId);
  const asset = version ? getAsset(handle, version.assetId) : null;
  if (!version || !asset) notFound("Không tìm thấy phiên bản này.");
  if (!DOWNLOADABLE.includes(asset.state) || asset.currentVersionId !== version.id) {
    forbidden("Chỉ tải được file của phiên bản đã được phê duyệt.");
  }
  const file = getVersionFile(handle, version.id, kind);
  if (!file) notFound(MISSING_VI[kind]);
  logDownload(handle, {
    assetId: asset.id,
    versionId: version.id,
    userId: user.id,
    fileKind: kind,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[kind],
      "Content-Length": String(file.size),
      "Content-Disposition": attachment(versionFileName(asset, version.n, kind)),
      "Cache-Control": "private, no-store",
    },
  });
}

/** One line of a content item's ZIP manifest. */
export interface ManifestEntry {
  code: string;
  slogan: string;
  /** Vietnamese format label, and its catalogue id. */
  format: string;
  formatId: string;
  fileName: string;
  /** SHA-256 (hex) of the file as stored in the ZIP. */
  sha256: string;
  /** Display name of the approver from the audit log; null when the log has no approval. */
  approvedBy: string | null;
  /** ISO UTC. */
  approvedAt: string | null;
  versionId: string;
  kind: StaffFileKind;
}

/**
 * The files of a content item's approved and published assets: the print PDF for print formats
 * (and its 1:10 PDF beside it where the version has one), the PNG for screen formats (the
 * version's primary file), each with what the manifest says.
 */
export function itemManifest(handle: DbHandle, itemId: string): ManifestEntry[] {
  const assets = listAssets(handle, { contentItemId: itemId, states: [...DOWNLOADABLE] });
  const entries: ManifestEntry[] = [];
  for (const asset of [...assets].sort((a, b) => a.code.localeCompare(b.code))) {
    const version = asset.currentVersionId ? getVersion(handle, asset.currentVersionId) : null;
    if (!version) continue;
    const primary =
      version.files.find((f) => f.kind === "pdf") ?? version.files.find((f) => f.kind === "png");
    if (!primary || primary.kind === "svg") continue;
    const scaled = version.files.find((f) => f.kind === "pdf_scaled");
    const approval = auditEventFor(handle.conn, version.id, "APPROVE");
    for (const file of scaled ? [primary, scaled] : [primary]) {
      const kind = file.kind as StaffFileKind;
      entries.push({
        code: asset.code,
        slogan: version.text,
        format: formatLabel(asset.formatId),
        formatId: asset.formatId,
        fileName: versionFileName(asset, version.n, kind),
        sha256: file.sha256,
        approvedBy: approval?.displayName ?? null,
        approvedAt: approval?.at ?? null,
        versionId: version.id,
        kind,
      });
    }
  }
  return entries;
}

// Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula: such cells get a leading
// apostrophe, which Excel shows as plain text.
function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The manifest as CSV: UTF-8 with a BOM (so Excel reads Vietnamese), CRLF lines, a Vietnamese header. */
export function manifestCsv(entries: readonly ManifestEntry[]): string {
  const head = [
    "Mã ấn phẩm",
    "Khẩu hiệu",
    "Khổ",
    "Tên file",
    "SHA-256",
    "Người phê duyệt",
    "Thời điểm phê duyệt",
  ];
  const rows = entries.map((e) => [
    e.code,
    e.slogan,
    e.format,
    e.fileName,
    e.sha256,
    e.approvedBy ?? "",
    e.approvedAt ? formatDateTimeVi(e.approvedAt) : "",
  ]);
  return `\uFEFF${[head, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/**
 * GET /download/item/<itemId>: a ZIP of the item's approved and published files with
 * `manifest.csv` and `manifest.json`, streamed one file at a time (each file is read from the
 * database only when the client is ready for more). Every file is logged as a download.
 * 403 for roles other than staff, 404 for an unknown item or one with nothing approved yet.
 */
export function itemZipResponse(request: Request, user: User, itemId: string): Response {
  refuseUnlessStaff(user);
  const handle = db();
  const item = getContentItem(handle, itemId);
  if (!item) notFound("Không tìm thấy nội dung tuyên truyền.");
  const entries = itemManifest(handle, item.id);
  if (entries.length === 0) notFound("Mục này chưa có ấn phẩm nào đã được phê duyệt.");
  const ip = clientIp(request);
  const userAgent = request.headers.get("user-agent");
  for (const e of entries) {
    const asset = getVersion(handle, e.versionId)?.assetId ?? "";
    logDownload(handle, {
      assetId: asset,
      versionId: e.versionId,
      userId: user.id,
      fileKind: e.kind,
      ip,
      userAgent,
    });
  }
  const json = `${JSON.stringify(
    {
      item: { id: item.id, code: item.code, title: item.title },
      files: entries.map(({ versionId: _, kind: __, ...e }) => e),
    },
    null,
    2,
  )}\n`;
  const body = zipStream(entries, [
    ["manifest.csv", manifestCsv(entries)],
    ["manifest.json", json],
  ]);
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment(asciiFileName(`an-pham-da-duyet-muc-${item.code}`, "zip")),
      "Cache-Control": "private, no-store",
    },
  });
}

function zipStream(entries: readonly ManifestEntry[], texts: [string, string][]): ReadableStream<Uint8Array> {
  let zip: Zip;
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    pull() {
      if (next < entries.length) {
        const e = entries[next++];
        const file = getVersionFile(db(), e.versionId, e.kind);
        if (!file) throw new Error(`file ${e.kind} of version ${e.versionId} vanished while zipping`);
        // PDFs and PNGs are compressed already: stored as they are, so their bytes (and hash) are the originals.
        const entry = new ZipPassThrough(e.fileName);
        zip.add(entry);
        entry.push(new Uint8Array(file.bytes), true);
        return;
      }
      for (const [name, text] of texts) {
        const entry = new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        entry.push(new TextEncoder().encode(text), true);
      }
      zip.end();
    },
  });
}

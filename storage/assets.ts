import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { DbHandle } from "./db/connection";
import type { FileKind, Placement } from "./db/schema";
import { all, exec, first, immediate } from "./db/sync";
import { cleanNote } from "./text";
import { WorkflowError } from "../workflows/errors";

export const COMMENT_MAX = 2000;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

// Crockford base32: no I, L, O, U, so a code read aloud or off paper is not misread.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The verify code printed on a version's slug line: 40 bits of SHA-256 over the asset code and
 * version number, in Crockford base 32. Both are printed in the same file, so the code is known
 * before the file is rendered and stays the same for the version's bytes; it tells nobody more
 * than the `ASSET-CODE-vN` reference the page also accepts.
 */
export function slugVerifyCode(assetCode: string, versionN: number): string {
  const digest = sha256Hex(`co-dong/verify-code/v1\n${assetCode}\n${versionN}`);
  const bits = BigInt(`0x${digest.slice(0, 10)}`);
  let out = "";
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** 8 characters = 40 random bits: the fallback when a derived code is already taken. */
export function newVerifyCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

export function normalizeVerifyCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** A print format's version is its print PDF; a screen format's (social, LED) is its PNG. */
export interface RenderedFiles {
  pdf?: Uint8Array;
  png?: Uint8Array;
  svg?: Uint8Array | string;
}

/** The file a version is: decisions bind to its hash and the publisher delivers it. */
export function primaryFile(files: RenderedFiles): { kind: "pdf" | "png"; bytes: Uint8Array } | null {
  if (files.pdf) return { kind: "pdf", bytes: files.pdf };
  if (files.png) return { kind: "png", bytes: files.png };
  return null;
}

/** One finding of a render's preflight as a version keeps it; codes are open-ended. */
export interface StoredPreflightIssue {
  code: string;
  messageVi: string;
}

/** The preflight report of the render a version was made from (asset_versions.preflight_json). */
export interface StoredPreflight {
  ok: boolean;
  errors: StoredPreflightIssue[];
  warnings: StoredPreflightIssue[];
}

/** Keeps code and message of each issue (details are the renderer's business), as stored JSON. */
export function toStoredPreflight(report: {
  errors: readonly { code: string; messageVi: string }[];
  warnings: readonly { code: string; messageVi: string }[];
}): StoredPreflight {
  const pick = (i: { code: string; messageVi: string }) => ({
    code: String(i.code),
    messageVi: String(i.messageVi),
  });
  const errors = report.errors.map(pick);
  return { ok: errors.length === 0, errors, warnings: report.warnings.map(pick) };
}

/** The stored report, or null for versions made before it was kept (or a value that is not one). */
export function parseStoredPreflight(json: string | null | undefined): StoredPreflight | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<StoredPreflight> | null;
    if (!v || !Array.isArray(v.errors) || !Array.isArray(v.warnings)) return null;
    return toStoredPreflight({ errors: v.errors, warnings: v.warnings });
  } catch {
    return null;
  }
}

export interface AssetRecord {
  id: string;
  code: string;
  planId: string;
  contentItemId: string | null;
  contentItemCode: string | null;
  sloganId: string | null;
  templateId: string;
  formatId: string;
  title: string;
  createdBy: string;
  state: string;
  snapshotJson: string;
  /** Machine id and version that wrote snapshotJson; null on rows written before migration 004 (= version 1). */
  machineId: string | null;
  machineVersion: number | null;
  rowVersion: number;
  currentVersionId: string | null;
  currentVersionHash: string | null;
  currentVersionN: number | null;
  /** Preflight report of the current version; null when none was stored. */
  currentPreflight: StoredPreflight | null;
  placement: Placement | null;
  quantity: number | null;
  materialHint: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRecord {
  id: string;
  assetId: string;
  n: number;
  text: string;
  subtitle: string | null;
  options: Record<string, unknown>;
  contentHash: string;
  verifyCode: string;
  createdBy: string;
  createdAt: string;
  files: { kind: FileKind; sha256: string; size: number }[];
  /** Preflight report of the render this version was made from; null for older versions. */
  preflight: StoredPreflight | null;
}

function assetQuery(handle: DbHandle) {
  return handle.db
    .selectFrom("assets as a")
    .leftJoin("asset_versions as v", "v.id", "a.current_version_id")
    .leftJoin("content_items as c", "c.id", "a.content_item_id")
    .select([
      "a.id",
      "a.code",
      "a.plan_id",
      "a.content_item_id",
      "c.code as content_item_code",
      "a.slogan_id",
      "a.template_id",
      "a.format_id",
      "a.title",
      "a.created_by",
      "a.state",
      "a.snapshot_json",
      "a.machine_id",
      "a.machine_version",
      "a.row_version",
      "a.current_version_id",
      "v.content_hash as current_version_hash",
      "v.n as current_version_n",
      "v.preflight_json as current_preflight_json",
      "a.placement",
      "a.quantity",
      "a.material_hint",
      "a.created_at",
      "a.updated_at",
    ]);
}

function toAsset(r: {
  id: string;
  code: string;
  plan_id: string;
  content_item_id: string | null;
  content_item_code: string | null;
  slogan_id: string | null;
  template_id: string;
  format_id: string;
  title: string;
  created_by: string;
  state: string;
  snapshot_json: string;
  machine_id: string | null;
  machine_version: number | null;
  row_version: number;
  current_version_id: string | null;
  current_version_hash: string | null;
  current_version_n: number | null;
  current_preflight_json: string | null;
  placement: Placement | null;
  quantity: number | null;
  material_hint: string | null;
  created_at: string;
  updated_at: string;
}): AssetRecord {
  return {
    id: r.id,
    code: r.code,
    planId: r.plan_id,
    contentItemId: r.content_item_id,
    contentItemCode: r.content_item_code,
    sloganId: r.slogan_id,
    templateId: r.template_id,
    formatId: r.format_id,
    title: r.title,
    createdBy: r.created_by,
    state: r.state,
    snapshotJson: r.snapshot_json,
    machineId: r.machine_id,
    machineVersion: r.machine_version,
    rowVersion: r.row_version,
    currentVersionId: r.current_version_id,
    currentVersionHash: r.current_version_hash,
    currentVersionN: r.current_version_n,
    currentPreflight: parseStoredPreflight(r.current_preflight_json),
    placement: r.placement,
    quantity: r.quantity,
    materialHint: r.material_hint,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getAsset(handle: DbHandle, assetId: string): AssetRecord | null {
  const row = first(handle.sqlite, assetQuery(handle).where("a.id", "=", assetId));
  return row ? toAsset(row) : null;
}

export function getAssetByCode(handle: DbHandle, code: string): AssetRecord | null {
  const row = first(handle.sqlite, assetQuery(handle).where("a.code", "=", code));
  return row ? toAsset(row) : null;
}

export interface AssetFilter {
  planId?: string;
  contentItemId?: string;
  states?: string[];
  createdBy?: string;
  limit?: number;
}

export function listAssets(handle: DbHandle, filter: AssetFilter = {}): AssetRecord[] {
  let q = assetQuery(handle);
  if (filter.planId) q = q.where("a.plan_id", "=", filter.planId);
  if (filter.contentItemId) q = q.where("a.content_item_id", "=", filter.contentItemId);
  if (filter.states?.length) q = q.where("a.state", "in", filter.states);
  if (filter.createdBy) q = q.where("a.created_by", "=", filter.createdBy);
  q = q
    .orderBy("a.updated_at", "desc")
    .orderBy("a.code")
    .limit(filter.limit ?? 500);
  return all(handle.sqlite, q).map(toAsset);
}

/** Next human code for the plan and content item: CCHC-2026-1.12-0007 ("CD" for the theme). */
export function nextAssetCode(handle: DbHandle, planCode: string, contentItemCode: string | null): string {
  const prefix = `${planCode}-${contentItemCode ?? "CD"}-`;
  const row = handle.sqlite
    .prepare("SELECT max(CAST(substr(code, ?) AS INTEGER)) AS n FROM assets WHERE code LIKE ? || '%'")
    .get(prefix.length + 1, prefix) as { n: number | null };
  return `${prefix}${String((row.n ?? 0) + 1).padStart(4, "0")}`;
}

export interface InsertVersionInput {
  assetId: string;
  text: string;
  subtitle?: string | null;
  options?: Record<string, unknown>;
  files: RenderedFiles;
  /** The render's preflight report; omitted (stored NULL) when the files did not come with one. */
  preflight?: StoredPreflight | null;
  createdBy: string;
  at: string;
}

/** Writes a version and its files; the caller owns the transaction. */
export function insertVersion(handle: DbHandle, input: InsertVersionInput): VersionRecord {
  const { sqlite } = handle;
  const primary = primaryFile(input.files);
  if (!primary) throw new Error("insertVersion: a version needs a PDF or a PNG");
  const contentHash = sha256Hex(primary.bytes);
  const prev = sqlite
    .prepare("SELECT max(n) AS n FROM asset_versions WHERE asset_id = ?")
    .get(input.assetId) as {
    n: number | null;
  };
  const id = randomUUID();
  const n = (prev.n ?? 0) + 1;
  // The code printed on the slug is the one stored, so the asset page, the print library and the
  // file all show one code; a random one only in the (40-bit) case of a collision.
  const asset = sqlite.prepare("SELECT code FROM assets WHERE id = ?").get(input.assetId) as
    | { code: string }
    | undefined;
  let verifyCode = asset ? slugVerifyCode(asset.code, n) : newVerifyCode();
  while (sqlite.prepare("SELECT 1 FROM asset_versions WHERE verify_code = ?").get(verifyCode)) {
    verifyCode = newVerifyCode();
  }
  const options = input.options ?? {};
  const preflight = input.preflight ? toStoredPreflight(input.preflight) : null;
  exec(
    sqlite,
    handle.db.insertInto("asset_versions").values({
      id,
      asset_id: input.assetId,
      n,
      text: input.text,
      subtitle: input.subtitle ?? null,
      options_json: JSON.stringify(options),
      content_hash: contentHash,
      verify_code: verifyCode,
      created_by: input.createdBy,
      created_at: input.at,
      preflight_json: preflight ? JSON.stringify(preflight) : null,
    }),
  );
  const files: VersionRecord["files"] = [];
  for (const kind of ["pdf", "png", "svg"] as const) {
    const data = input.files[kind];
    if (data === undefined) continue;
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
    const sha256 = sha256Hex(bytes);
    exec(
      sqlite,
      handle.db
        .insertInto("version_files")
        .values({ version_id: id, kind, bytes, sha256, size: bytes.length }),
    );
    files.push({ kind, sha256, size: bytes.length });
  }
  return {
    id,
    assetId: input.assetId,
    n,
    text: input.text,
    subtitle: input.subtitle ?? null,
    options,
    contentHash,
    verifyCode,
    createdBy: input.createdBy,
    createdAt: input.at,
    files,
    preflight,
  };
}

function versionFromRow(
  handle: DbHandle,
  r: {
    id: string;
    asset_id: string;
    n: number;
    text: string;
    subtitle: string | null;
    options_json: string;
    content_hash: string;
    verify_code: string;
    created_by: string;
    created_at: string;
    preflight_json: string | null;
  },
): VersionRecord {
  const files = all(
    handle.sqlite,
    handle.db
      .selectFrom("version_files")
      .select(["kind", "sha256", "size"])
      .where("version_id", "=", r.id)
      .orderBy("kind"),
  );
  return {
    id: r.id,
    assetId: r.asset_id,
    n: r.n,
    text: r.text,
    subtitle: r.subtitle,
    options: JSON.parse(r.options_json) as Record<string, unknown>,
    contentHash: r.content_hash,
    verifyCode: r.verify_code,
    createdBy: r.created_by,
    createdAt: r.created_at,
    files,
    preflight: parseStoredPreflight(r.preflight_json),
  };
}

export function getVersion(handle: DbHandle, versionId: string): VersionRecord | null {
  const r = first(
    handle.sqlite,
    handle.db.selectFrom("asset_versions").selectAll().where("id", "=", versionId),
  );
  return r ? versionFromRow(handle, r) : null;
}

export function listVersions(handle: DbHandle, assetId: string): VersionRecord[] {
  return all(
    handle.sqlite,
    handle.db.selectFrom("asset_versions").selectAll().where("asset_id", "=", assetId).orderBy("n"),
  ).map((r) => versionFromRow(handle, r));
}

/**
 * Everyone who wrote a version (separation of duties, decision 011): its creator (for version 1
 * the asset's creator, who made it with the asset), and the actor of every CREATE or EDIT the
 * audit chain records for it. Sorted, without duplicates; empty for an unknown version.
 */
export function versionAuthors(handle: DbHandle, versionId: string): string[] {
  const rows = handle.sqlite
    .prepare(
      `SELECT v.created_by AS user_id FROM asset_versions v WHERE v.id = @id
       UNION SELECT a.created_by FROM asset_versions v JOIN assets a ON a.id = v.asset_id
         WHERE v.id = @id AND v.n = 1
       UNION SELECT e.actor_user_id FROM audit_events e
         WHERE e.version_id = @id AND e.action IN ('CREATE', 'EDIT') AND e.actor_user_id IS NOT NULL`,
    )
    .all({ id: versionId }) as { user_id: string }[];
  return rows.map((r) => r.user_id).sort();
}

export function findVersionByVerifyCode(
  handle: DbHandle,
  code: string,
): { asset: AssetRecord; version: VersionRecord } | null {
  const r = first(
    handle.sqlite,
    handle.db.selectFrom("asset_versions").selectAll().where("verify_code", "=", normalizeVerifyCode(code)),
  );
  if (!r) return null;
  const asset = getAsset(handle, r.asset_id);
  return asset ? { asset, version: versionFromRow(handle, r) } : null;
}

export function getVersionFile(
  handle: DbHandle,
  versionId: string,
  kind: FileKind,
): { kind: FileKind; bytes: Buffer; sha256: string; size: number } | null {
  const r = first(
    handle.sqlite,
    handle.db
      .selectFrom("version_files")
      .select(["kind", "bytes", "sha256", "size"])
      .where("version_id", "=", versionId)
      .where("kind", "=", kind),
  );
  return r ?? null;
}

export interface CommentInput {
  assetId: string;
  versionId?: string | null;
  authorId: string;
  body: string;
  /** Pin on the preview, as fractions of its width and height. */
  pin?: { x: number; y: number } | null;
  now?: Date;
}

export interface CommentRecord {
  id: string;
  assetId: string;
  versionId: string | null;
  authorId: string;
  authorName: string | null;
  body: string;
  pin: { x: number; y: number } | null;
  createdAt: string;
}

export function addComment(handle: DbHandle, input: CommentInput): CommentRecord {
  const body = cleanNote(input.body, "Ý kiến", COMMENT_MAX, "COMMENT_TOO_LONG");
  if (body.length === 0)
    throw new WorkflowError("INVALID_INPUT", "empty comment", {}, "Ý kiến không được để trống.");
  const pin = input.pin ?? null;
  if (pin && !(pin.x >= 0 && pin.x <= 1 && pin.y >= 0 && pin.y <= 1)) {
    throw new WorkflowError("INVALID_INPUT", "pin must be fractions between 0 and 1");
  }
  const id = randomUUID();
  const createdAt = (input.now ?? new Date()).toISOString();
  immediate(handle.sqlite, () => {
    if (!getAsset(handle, input.assetId)) throw new WorkflowError("NOT_FOUND", "asset not found");
    if (input.versionId) {
      const v = getVersion(handle, input.versionId);
      if (!v || v.assetId !== input.assetId) throw new WorkflowError("NOT_FOUND", "version not found");
    }
    exec(
      handle.sqlite,
      handle.db.insertInto("comments").values({
        id,
        asset_id: input.assetId,
        version_id: input.versionId ?? null,
        author_id: input.authorId,
        body,
        pin_x: pin?.x ?? null,
        pin_y: pin?.y ?? null,
        created_at: createdAt,
      }),
    );
  });
  return listComments(handle, input.assetId).find((c) => c.id === id)!;
}

export function listComments(handle: DbHandle, assetId: string): CommentRecord[] {
  return all(
    handle.sqlite,
    handle.db
      .selectFrom("comments as c")
      .leftJoin("users as u", "u.id", "c.author_id")
      .select([
        "c.id",
        "c.asset_id",
        "c.version_id",
        "c.author_id",
        "u.display_name",
        "c.body",
        "c.pin_x",
        "c.pin_y",
        "c.created_at",
      ])
      .where("c.asset_id", "=", assetId)
      .orderBy("c.created_at")
      .orderBy("c.id"),
  ).map((r) => ({
    id: r.id,
    assetId: r.asset_id,
    versionId: r.version_id,
    authorId: r.author_id,
    authorName: r.display_name,
    body: r.body,
    pin: r.pin_x != null && r.pin_y != null ? { x: r.pin_x, y: r.pin_y } : null,
    createdAt: r.created_at,
  }));
}

export function logDownload(
  handle: DbHandle,
  input: {
    assetId: string;
    versionId: string;
    userId: string;
    fileKind: FileKind;
    ip?: string | null;
    userAgent?: string | null;
    now?: Date;
  },
): string {
  const id = randomUUID();
  exec(
    handle.sqlite,
    handle.db.insertInto("downloads").values({
      id,
      asset_id: input.assetId,
      version_id: input.versionId,
      user_id: input.userId,
      file_kind: input.fileKind,
      at: (input.now ?? new Date()).toISOString(),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    }),
  );
  return id;
}

export function confirmPrint(
  handle: DbHandle,
  input: {
    assetId: string;
    versionId: string;
    userId: string;
    status: "printed" | "delivered";
    quantity?: number | null;
    note?: string | null;
    now?: Date;
  },
): string {
  const id = randomUUID();
  exec(
    handle.sqlite,
    handle.db.insertInto("print_confirmations").values({
      id,
      asset_id: input.assetId,
      version_id: input.versionId,
      user_id: input.userId,
      status: input.status,
      quantity: input.quantity ?? null,
      note: input.note ? cleanNote(input.note, "Ghi chú", COMMENT_MAX) || null : null,
      at: (input.now ?? new Date()).toISOString(),
    }),
  );
  return id;
}

export function listDownloads(handle: DbHandle, assetId: string) {
  return all(
    handle.sqlite,
    handle.db
      .selectFrom("downloads as d")
      .leftJoin("users as u", "u.id", "d.user_id")
      .select(["d.id", "d.version_id", "d.user_id", "u.display_name", "d.file_kind", "d.at"])
      .where("d.asset_id", "=", assetId)
      .orderBy("d.at"),
  );
}

export function listPrintConfirmations(handle: DbHandle, assetId: string) {
  return all(
    handle.sqlite,
    handle.db
      .selectFrom("print_confirmations as p")
      .leftJoin("users as u", "u.id", "p.user_id")
      .select([
        "p.id",
        "p.version_id",
        "p.user_id",
        "u.display_name",
        "p.status",
        "p.quantity",
        "p.note",
        "p.at",
      ])
      .where("p.asset_id", "=", assetId)
      .orderBy("p.at"),
  );
}

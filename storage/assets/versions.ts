import { randomUUID } from "node:crypto";
import type { DbHandle } from "../db/connection";
import type { AssetVersionsTable } from "../db/schema";
import { all, exec, first } from "../db/sync";
import { newVerifyCode, normalizeVerifyCode, slugVerifyCode } from "./codes";
import {
  insertVersionFiles,
  listVersionFiles,
  primaryFile,
  type RenderedFiles,
  type VersionFileInfo,
} from "./files";
import { sha256Hex } from "./hash";
import { parseStoredPreflight, type StoredPreflight, toStoredPreflight } from "./preflight";
import { type AssetRecord, getAsset } from "./records";

/** One version of an asset: its text, render options, files and the hash decisions bind to. */
export interface VersionRecord {
  id: string;
  assetId: string;
  /** 1 for the version made with the asset, then one more per edit. */
  n: number;
  text: string;
  subtitle: string | null;
  options: Record<string, unknown>;
  /** SHA-256 (hex) of the primary file (primaryFile): what decisions bind to. */
  contentHash: string;
  verifyCode: string;
  createdBy: string;
  createdAt: string;
  files: VersionFileInfo[];
  /** Preflight report of the render this version was made from; null for older versions. */
  preflight: StoredPreflight | null;
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
  /** ISO 8601 timestamp stored as created_at. */
  at: string;
}

/**
 * Writes the asset's next version (n = highest + 1) and its files; the caller owns the transaction.
 * Throws a plain Error (a programming mistake, not a user's) when the files hold neither PDF nor PNG.
 */
export function insertVersion(handle: DbHandle, input: InsertVersionInput): VersionRecord {
  const { conn } = handle;
  const primary = primaryFile(input.files);
  if (!primary) throw new Error("insertVersion: a version needs a PDF or a PNG");
  const contentHash = sha256Hex(primary.bytes);
  const prev = conn
    .prepare("SELECT max(n) AS n FROM asset_versions WHERE asset_id = ?")
    .get(input.assetId) as {
    n: number | null;
  };
  const id = randomUUID();
  const n = (prev.n ?? 0) + 1;
  // The code printed on the slug is the one stored, so the asset page, the print library and the
  // file all show one code; a random one only in the (40-bit) case of a collision.
  const asset = conn.prepare("SELECT code FROM assets WHERE id = ?").get(input.assetId) as
    | { code: string }
    | undefined;
  let verifyCode = asset ? slugVerifyCode(asset.code, n) : newVerifyCode();
  while (conn.prepare("SELECT 1 FROM asset_versions WHERE verify_code = ?").get(verifyCode)) {
    verifyCode = newVerifyCode();
  }
  const options = input.options ?? {};
  const preflight = input.preflight ? toStoredPreflight(input.preflight) : null;
  exec(
    conn,
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
  const files = insertVersionFiles(handle, id, input.files);
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

function versionFromRow(handle: DbHandle, r: AssetVersionsTable): VersionRecord {
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
    files: listVersionFiles(handle, r.id),
    preflight: parseStoredPreflight(r.preflight_json),
  };
}

/** The version with that id, its files listed without bytes; null when there is none. */
export function getVersion(handle: DbHandle, versionId: string): VersionRecord | null {
  const r = first(
    handle.conn,
    handle.db.selectFrom("asset_versions").selectAll().where("id", "=", versionId),
  );
  return r ? versionFromRow(handle, r) : null;
}

/** Every version of the asset, oldest (n = 1) first; empty for an unknown asset. */
export function listVersions(handle: DbHandle, assetId: string): VersionRecord[] {
  return all(
    handle.conn,
    handle.db.selectFrom("asset_versions").selectAll().where("asset_id", "=", assetId).orderBy("n"),
  ).map((r) => versionFromRow(handle, r));
}

/**
 * The version a verify code names (as typed: normalizeVerifyCode is applied) and its asset, or
 * null when no version carries that code.
 */
export function findVersionByVerifyCode(
  handle: DbHandle,
  code: string,
): { asset: AssetRecord; version: VersionRecord } | null {
  const r = first(
    handle.conn,
    handle.db.selectFrom("asset_versions").selectAll().where("verify_code", "=", normalizeVerifyCode(code)),
  );
  if (!r) return null;
  const asset = getAsset(handle, r.asset_id);
  return asset ? { asset, version: versionFromRow(handle, r) } : null;
}

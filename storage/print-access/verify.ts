import { getAsset, getVersion, sha256Hex } from "../assets";
import type { DbHandle } from "../db/connection";
import type { PrintFileKind } from "./access";
import { resolveCode } from "./resolve-code";
import { type VerifyAudience, visible } from "./verify-audience";
import { resultFor, UNKNOWN, type VerifyResult, type VerifyStatus } from "./verify-result";

// What a code on a slug line (or typed on /verify), or a file's bytes, stand for: the one
// implementation the verify pages use.

/**
 * What a code stands for, as `audience` may know it: anything it may not see is `UNKNOWN`, the very
 * answer a code that does not exist gets. Accepts the 8-character code (printed on the slug line or
 * stored with the version), `ASSET-CODE-vN`, or the asset code alone (its current version). The
 * default audience is staff, for callers that have already checked who asks; the public verify
 * page passes the audience it decided from the session. Never throws for a bad code.
 */
export function verifyByCode(db: DbHandle, code: string, audience: VerifyAudience = "staff"): VerifyResult {
  const found = resolveCode(db, code);
  if (!found) return UNKNOWN;
  const result = resultFor(db, found);
  return visible(result, audience) ? result : UNKNOWN;
}

export interface VerifyFileResult {
  /** The bytes are exactly one of the version's print files: its PDF, its 1:10 PDF, or its PNG. */
  identical: boolean;
  /** SHA-256 hex of the file checked. */
  sha256: string;
  /** Which file they are: `pdf` (true size), `pdf_scaled` (1:10), `png`; null when none. */
  matchedKind: PrintFileKind | null;
  status: VerifyStatus;
}

const CHECKED: readonly string[] = ["pdf", "pdf_scaled", "png"] satisfies PrintFileKind[];

/**
 * Compares a file's SHA-256 (lowercase hex) with the files of the version `code` stands for (the
 * true-size PDF, the 1:10 PDF, the PNG), as `audience` may know it; a code it may not see answers
 * `unknown`, not identical.
 */
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
  const hit = found.version.files.find((f) => CHECKED.includes(f.kind) && f.sha256 === sha256);
  const matchedKind = hit ? (hit.kind as PrintFileKind) : null;
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
 * The version whose file (print PDF, its published 1:10 print PDF, or PNG of a screen format) has
 * exactly this SHA-256 (64 lowercase hex characters, else null), as `audience` may know it; published
 * first when several versions share the bytes (screen formats carry no slug line, so two assets of
 * the same slogan can). Null when no visible version matches.
 */
export function verifyByFileHash(
  db: DbHandle,
  sha256: string,
  audience: VerifyAudience = "staff",
): VerifyResult | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  // A 1:10 file is found through the published objects: those rows are small, while reaching a
  // version_files hash means reading past the file's bytes in every row. The verify page by code
  // (verifyHash) still knows the 1:10 file of a version not published yet.
  const ids = db.conn
    .prepare(
      `SELECT id FROM asset_versions WHERE content_hash = ?
         OR id IN (SELECT version_id FROM published_objects WHERE kind = 'pdf_scaled' AND sha256 = ?)
       ORDER BY created_at DESC, id`,
    )
    .all(sha256, sha256) as { id: string }[];
  const results: VerifyResult[] = [];
  for (const { id } of ids) {
    const version = getVersion(db, id);
    const asset = version ? getAsset(db, version.assetId) : null;
    if (version && asset) results.push(resultFor(db, { asset, version }));
  }
  const seen = results.filter((r) => visible(r, audience));
  return seen.find((r) => r.status === "published") ?? seen[0] ?? null;
}

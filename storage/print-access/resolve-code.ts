import {
  type AssetRecord,
  findVersionByVerifyCode,
  getAsset,
  getAssetByCode,
  getVersion,
  listVersions,
  normalizeVerifyCode,
  slugVerifyCode,
  type VersionRecord,
} from "../assets";
import type { DbHandle } from "../db/connection";

/** A version a code names, with its asset. */
export type Found = { asset: AssetRecord; version: VersionRecord };

const VERIFY_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

// Printed code → version id, per connection. Versions are never deleted, so an unchanged count
// means no version was written since the last scan (on this node or another): a miss then costs
// one count, and only a new version rebuilds the map. (No rowid to scan from: PostgreSQL has none,
// and an id written by another node may commit out of order.)
const printedCodes = new WeakMap<DbHandle, { count: number; ids: Map<string, string> }>();

function versionIdByPrintedCode(db: DbHandle, code: string): string | null {
  let cache = printedCodes.get(db);
  if (!cache) {
    cache = { count: -1, ids: new Map() };
    printedCodes.set(db, cache);
  }
  if (!cache.ids.has(code)) {
    const count = db.conn.prepare("SELECT count(*) FROM asset_versions").pluck().get() as number;
    if (count !== cache.count) {
      const rows = db.conn
        .prepare(
          `SELECT v.id, v.n, a.code FROM asset_versions v JOIN assets a ON a.id = v.asset_id
           ORDER BY v.created_at, v.id`,
        )
        .all() as { id: string; n: number; code: string }[];
      const ids = new Map<string, string>();
      for (const r of rows) {
        const printed = slugVerifyCode(r.code, r.n);
        if (!ids.has(printed)) ids.set(printed, r.id);
      }
      cache.ids = ids;
      cache.count = rows.length;
    }
  }
  return cache.ids.get(code) ?? null;
}

/**
 * What a typed or scanned code names: `ASSET-CODE-vN` (the QR of files printed before the slug
 * carried a code), the asset code alone (its current version: the only one that can ever have
 * been approved), or an 8-character code, stored or printed, typed loosely (case, O/0, I/L/1, dashes).
 * Null for anything else, including a non-string or input longer than 80 characters.
 */
export function resolveCode(db: DbHandle, raw: string): Found | null {
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

import { randomBytes } from "node:crypto";
import type { DbHandle } from "../db/connection";
import { sha256Hex } from "./hash";

// Crockford base32: no I, L, O, U, so a code read aloud or off paper is not misread.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The low 40 bits as 8 Crockford base-32 characters, most significant first. */
function crockford40(bits: bigint): string {
  let out = "";
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/**
 * The verify code printed on a version's slug line: 40 bits of SHA-256 over the asset code and
 * version number, in Crockford base 32 (8 characters). Both are printed in the same file, so the
 * code is known before the file is rendered and stays the same for the version's bytes; it tells
 * nobody more than the `ASSET-CODE-vN` reference the page also accepts.
 */
export function slugVerifyCode(assetCode: string, versionN: number): string {
  const digest = sha256Hex(`co-dong/verify-code/v1\n${assetCode}\n${versionN}`);
  return crockford40(BigInt(`0x${digest.slice(0, 10)}`));
}

/** 8 characters = 40 random bits: the fallback when a derived code is already taken. */
export function newVerifyCode(): string {
  let bits = 0n;
  for (const b of randomBytes(5)) bits = (bits << 8n) | BigInt(b);
  return crockford40(bits);
}

/**
 * A verify code as typed or read off paper, in its stored form: upper case, spaces and dashes
 * dropped, and the letters Crockford leaves out read as the digits they look like (O → 0, I/L → 1).
 */
export function normalizeVerifyCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/**
 * Next human code for the plan and content item: `${planCode}-${contentItemCode ?? "CD"}-NNNN`,
 * e.g. CCHC-2026-1.12-0007 ("CD" for the theme), one past the highest number already used under
 * that prefix. The caller's transaction keeps two writers from taking the same number.
 */
export function nextAssetCode(handle: DbHandle, planCode: string, contentItemCode: string | null): string {
  const prefix = `${planCode}-${contentItemCode ?? "CD"}-`;
  // The numbers are read here, not cast in SQL: PostgreSQL's CAST refuses a code whose tail is not
  // a number (another item's code such as "P-1-2-0001" under "P-1-") where SQLite reads its digits.
  const tails = handle.conn
    .prepare("SELECT substr(code, ?) FROM assets WHERE substr(code, 1, ?) = ?")
    .pluck()
    .all(prefix.length + 1, prefix.length, prefix) as string[];
  const highest = tails.reduce((n, tail) => (/^\d+$/.test(tail) ? Math.max(n, Number(tail)) : n), 0);
  return `${prefix}${String(highest + 1).padStart(4, "0")}`;
}

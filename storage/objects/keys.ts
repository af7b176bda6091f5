import { PRINT_SCALE_DENOMINATOR } from "../../templates/render/print-scale";
import type { FileKind } from "../db/schema";
import { ObjectStoreError } from "./errors";

/**
 * Object keys are ASCII slugs so that print-shop tools, URLs, shells and every S3 server agree on
 * them byte for byte; Vietnamese titles must pass through `slugSegment` before they get here.
 */
const SEGMENT_RE = /^[a-z0-9._-]+$/;
const MAX_KEY_BYTES = 1024; // S3 limit

/**
 * Vietnamese → ASCII slug: NFC first so precomposed and combining input give the same result,
 * then NFD to split off the marks. đ/Đ are letters of their own (not d + mark), so map them by hand.
 */
export function slugSegment(input: string): string {
  return input
    .normalize("NFC")
    .replace(/[đĐ]/g, "d")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}

/** Throws BAD_KEY unless `segment` is already a valid slug (no silent rewriting of ids). */
export function assertSegment(segment: string, what = "segment"): void {
  if (segment.length === 0) throw new ObjectStoreError("BAD_KEY", `empty ${what}`);
  if (segment === "." || segment === ".." || !SEGMENT_RE.test(segment)) {
    throw new ObjectStoreError("BAD_KEY", `invalid ${what} ${JSON.stringify(segment)}: allowed [a-z0-9._-]`);
  }
}

/** Validates a whole key; both stores call this on every operation. */
export function assertKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) throw new ObjectStoreError("BAD_KEY", "empty key");
  if (key.startsWith("/")) throw new ObjectStoreError("BAD_KEY", `key must not start with "/": ${key}`);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new ObjectStoreError("BAD_KEY", "key too long");
  for (const segment of key.split("/")) assertSegment(segment, "key segment");
}

/** A list prefix is a key prefix: "" or whole segments, optionally ending in "/". */
export function assertPrefix(prefix: string): void {
  if (prefix === "") return;
  assertKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
}

export interface ObjectKeyParts {
  year: number | string;
  /** Content item code from the plan, e.g. "1.12". */
  contentItem: string;
  assetId: string;
  version: number;
  /** Format code, e.g. "banner-1x7m" or a Vietnamese label that slugs to one. */
  format: string;
  ext: string;
  /** Denominator of a scaled print file (10 for 1:10): the name then says so. Absent or 1: true size. */
  scale?: number;
}

/** "ti-le-1-10": how a file name says a print file is drawn at 1:`denominator` (ASCII "tỷ lệ"). */
export function scaleNameSuffix(denominator: number): string {
  return `ti-le-1-${denominator}`;
}

/**
 * A stored file's name from its base: `{base}.pdf`, `{base}_ti-le-1-10.pdf` (the 1:10 print file),
 * `{base}.png`, `{base}.svg`. The same ending as its object key, for download names.
 */
export function fileNameForKind(base: string, kind: FileKind): string {
  if (kind === "pdf_scaled") return `${base}_${scaleNameSuffix(PRINT_SCALE_DENOMINATOR)}.pdf`;
  return `${base}.${kind}`;
}

/**
 * `{year}/{contentItem}/{assetId}/v{n}/{format}.{ext}`, or `…/{format}_ti-le-1-10.{ext}` for a 1:10
 * file. Free-text parts (content item, format) are slugged; the parts that are identifiers must
 * already be clean, and the result is re-validated. Throws ObjectStoreError BAD_KEY.
 */
export function objectKey(parts: ObjectKeyParts): string {
  const year = String(parts.year);
  if (!/^\d{4}$/.test(year)) throw new ObjectStoreError("BAD_KEY", `invalid year ${JSON.stringify(year)}`);
  if (!Number.isInteger(parts.version) || parts.version < 1) {
    throw new ObjectStoreError("BAD_KEY", `invalid version ${parts.version}`);
  }
  for (const [name, raw] of Object.entries({
    contentItem: parts.contentItem,
    assetId: parts.assetId,
    format: parts.format,
    ext: parts.ext,
  })) {
    // Slugging would quietly turn "../x" into "x"; a path in an id is a bug or an attack, so refuse it.
    if (/[/\\]/.test(raw) || raw.trim() === "." || raw.trim() === "..") {
      throw new ObjectStoreError("BAD_KEY", `invalid ${name} ${JSON.stringify(raw)}`);
    }
  }
  const contentItem = slugSegment(parts.contentItem);
  const assetId = slugSegment(parts.assetId);
  const format = slugSegment(parts.format);
  const ext = slugSegment(parts.ext.replace(/^\./, ""));
  assertSegment(contentItem, "contentItem");
  assertSegment(assetId, "assetId");
  assertSegment(format, "format");
  if (!/^[a-z0-9]+$/.test(ext))
    throw new ObjectStoreError("BAD_KEY", `invalid ext ${JSON.stringify(parts.ext)}`);
  const scale = parts.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new ObjectStoreError("BAD_KEY", `invalid scale ${scale}`);
  const name = scale > 1 ? `${format}_${scaleNameSuffix(scale)}` : format;
  const key = `${year}/${contentItem}/${assetId}/v${parts.version}/${name}.${ext}`;
  assertKey(key);
  return key;
}

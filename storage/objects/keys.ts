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
}

/**
 * `{year}/{contentItem}/{assetId}/v{n}/{format}.{ext}`. Free-text parts (content item, format) are
 * slugged; the parts that are identifiers must already be clean, and the result is re-validated.
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
  const key = `${year}/${contentItem}/${assetId}/v${parts.version}/${format}.${ext}`;
  assertKey(key);
  return key;
}

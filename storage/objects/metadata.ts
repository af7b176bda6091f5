import { ObjectStoreError } from "./errors";

/**
 * User metadata travels as HTTP headers (x-amz-meta-*), which are ASCII only. Non-ASCII values
 * (approver names, titles) are stored as RFC 2047 encoded words `=?UTF-8?B?<base64>?=`: it is what
 * AWS S3 itself documents for non-ASCII metadata, so other S3 tools show the same convention.
 * Plain printable ASCII is stored as is, so operators can read it in any S3 console.
 * See docs/decisions/021-object-metadata-encoding.md.
 */

const KEY_RE = /^[a-z0-9][a-z0-9-]*$/;
const ENCODED_WORD_RE = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/;
const WHOLE_ENCODED_RE = /^=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=(?:\s+=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)*$/;
/** Keys the store writes itself; callers cannot set them. */
export const RESERVED_METADATA_KEYS = new Set(["sha256"]);
/** S3 caps user metadata at 2 KB of headers; stay inside it with room for our own keys. */
const MAX_METADATA_BYTES = 1800;

function isPlainAscii(value: string): boolean {
  // Printable ASCII without leading/trailing blanks (HTTP trims those) and not itself an encoded word.
  return /^[\x20-\x7e]*$/.test(value) && value.trim() === value && !ENCODED_WORD_RE.test(value);
}

export function encodeMetadataValue(value: string): string {
  const nfc = value.normalize("NFC");
  if (isPlainAscii(nfc)) return nfc;
  return `=?UTF-8?B?${Buffer.from(nfc, "utf8").toString("base64")}?=`;
}

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "_") bytes.push(0x20);
    else if (ch === "=" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0));
  }
  return Buffer.from(bytes);
}

/** Decodes one or more RFC 2047 encoded words (B or Q); anything else is returned unchanged. */
export function decodeMetadataValue(value: string): string {
  if (!WHOLE_ENCODED_RE.test(value)) return value;
  const words = value.split(/\s+/);
  const chunks: Buffer[] = [];
  for (const word of words) {
    const m = ENCODED_WORD_RE.exec(word);
    if (!m) return value;
    const [, charset, enc, text] = m;
    if (!/^utf-8$/i.test(charset) && !/^us-ascii$/i.test(charset)) return value;
    chunks.push(enc.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQ(text));
  }
  // Adjacent encoded words join without the whitespace between them (RFC 2047 §6.2).
  return Buffer.concat(chunks).toString("utf8");
}

/** Validates caller metadata and returns the header-safe form (keys lowercased). */
export function encodeMetadata(metadata: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [rawKey, value] of Object.entries(metadata)) {
    const key = rawKey.toLowerCase();
    if (!KEY_RE.test(key))
      throw new ObjectStoreError("BAD_METADATA", `invalid metadata key ${JSON.stringify(rawKey)}`);
    if (RESERVED_METADATA_KEYS.has(key)) {
      throw new ObjectStoreError("BAD_METADATA", `metadata key ${JSON.stringify(rawKey)} is reserved`);
    }
    if (key in out)
      throw new ObjectStoreError("BAD_METADATA", `duplicate metadata key ${JSON.stringify(key)}`);
    if (typeof value !== "string") {
      throw new ObjectStoreError("BAD_METADATA", `metadata ${JSON.stringify(key)} must be a string`);
    }
    out[key] = encodeMetadataValue(value);
    bytes += key.length + out[key].length;
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new ObjectStoreError("BAD_METADATA", `metadata too large (${bytes} > ${MAX_METADATA_BYTES} bytes)`);
  }
  return out;
}

export function decodeMetadata(encoded: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(encoded)) out[key.toLowerCase()] = decodeMetadataValue(value);
  return out;
}

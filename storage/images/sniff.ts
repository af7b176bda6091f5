// What an uploaded file really is, read from its first bytes: a file's name and the type the
// browser claims are whatever the sender chose (a PHP script named .jpg), the magic numbers are not.
// Shared by installation photos (decision 033) and the media library (decision 036).

export type SniffedImage = "jpeg" | "png" | "webp" | "heif";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// ISO-BMFF brands of HEIF stills and sequences (HEVC-coded or generic); AVIF's "avif"/"avis"
// are left out on purpose: they are refused as an unknown type, not with the iPhone advice.
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"]);

const ascii = (b: Uint8Array, from: number, to: number) =>
  Buffer.from(b.subarray(from, to)).toString("latin1");

/** Whether an ISO-BMFF `ftyp` box opens the file with a HEIF brand (major or compatible). */
function isHeif(b: Uint8Array): boolean {
  if (b.length < 16 || ascii(b, 4, 8) !== "ftyp") return false;
  const boxSize = Buffer.from(b.subarray(0, 4)).readUInt32BE(0);
  const end = Math.min(b.length, Math.max(boxSize, 16));
  if (HEIF_BRANDS.has(ascii(b, 8, 12))) return true;
  for (let i = 16; i + 4 <= end; i += 4) if (HEIF_BRANDS.has(ascii(b, i, i + 4))) return true;
  return false;
}

/**
 * What `bytes` are by their signature: JPEG (FF D8 FF), PNG (the 8-byte signature), WebP
 * ("RIFF" … "WEBP"), HEIF/HEIC (an ISO-BMFF `ftyp` box with a HEIF brand), or null for anything else.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return "png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (isHeif(bytes)) return "heif";
  return null;
}

/** How far into a file the SVG root must start: prolog, comments and a DOCTYPE fit in this easily. */
const SVG_HEAD_BYTES = 8 * 1024;
// Everything XML allows before the root element: the XML declaration, processing instructions,
// comments, a DOCTYPE (with or without an internal subset), and white space.
const PROLOG_ITEM = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)/i;

/**
 * Whether `bytes` are XML text (UTF-8, a BOM allowed) whose root element is `<svg>`: after the
 * prolog (declaration, comments, DOCTYPE) the first element is `svg`, unprefixed. Only the first
 * 8 KiB are read; this says what the file claims to be, the SVG reader then checks all of it.
 */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  let text = Buffer.from(bytes.subarray(0, SVG_HEAD_BYTES)).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (;;) {
    const m = PROLOG_ITEM.exec(text);
    if (!m) break;
    text = text.slice(m[0].length);
  }
  return /^<svg[\s/>]/.test(text);
}

import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { DomainError } from "../../domain/errors";
import { type SniffedImage, sniffImage } from "./sniff";

// The raster half of every image intake (installation photos, decision 033; the media library,
// decision 036): the type read from the bytes, size and pixel count bounded before a pixel is
// decoded, then decoded and written anew. Re-encoding is what strips the EXIF (serial numbers,
// owner, a position nobody chose to share), any payload appended after the image, and any
// malformed structure aimed at the next program that opens the file. Each caller turns the
// refusals below into its own family's codes (PHOTO_TYPE, MEDIA_TYPE…), which share the suffixes.

/** A raster type the intake decodes (HEIF is recognised only to be refused with advice). */
export type RasterType = Exclude<SniffedImage, "heif">;

export type ImageRefusalCode = "TOO_LARGE" | "HEIC" | "TYPE" | "UNREADABLE" | "TOO_MANY_PIXELS";

/** How to send a JPEG instead of an iPhone's HEIC: the one wording every upload form shows. */
export const HEIC_HOW_TO_VI =
  "Ảnh ở định dạng HEIC/HEIF (mặc định của iPhone) chưa được nhận. Hãy gửi ảnh JPEG: trên iPhone vào Cài đặt › Camera › Định dạng › chọn “Tương thích nhất”, hoặc chia sẻ ảnh dưới dạng JPEG rồi gửi lại.";

const MESSAGES_VI: Record<ImageRefusalCode, string> = {
  TOO_LARGE: "Tệp ảnh quá lớn.",
  HEIC: HEIC_HOW_TO_VI,
  TYPE: "Tệp gửi lên không phải ảnh JPEG, PNG hoặc WebP.",
  UNREADABLE: "Không đọc được ảnh (tệp bị hỏng hoặc chưa tải lên hết).",
  TOO_MANY_PIXELS: "Ảnh có quá nhiều điểm ảnh.",
};

/**
 * A refusal of the shared intake, before the caller names it in its own family. `details` carries
 * the numbers a message may quote: `bytes`/`maxBytes`, `width`/`height`/`maxPixels` (header pixels).
 */
export class ImageIntakeError extends DomainError {
  readonly code: ImageRefusalCode;

  constructor(code: ImageRefusalCode, message: string, details: Record<string, number | string> = {}) {
    super(MESSAGES_VI[code], message, details);
    this.name = "ImageIntakeError";
    this.code = code;
  }
}

/** Whether `e` is a refusal of the shared intake (not yet named in a caller's family). */
export function isImageIntakeError(e: unknown): e is ImageIntakeError {
  return e instanceof ImageIntakeError;
}

/** Hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface RasterLimits {
  /** Bytes of the upload. */
  maxBytes: number;
  /** Width × height by the header. */
  maxPixels: number;
}

export interface RasterHeader {
  type: RasterType;
  /** sharp's reading of the header (EXIF block, orientation…); no pixel decoded. */
  meta: Metadata;
  /** Pixels as stored, before the EXIF orientation turns them. */
  width: number;
  height: number;
}

// sharp's own format names for what sniffImage accepts: the decoder must agree with the signature.
const SHARP_FORMAT: Record<RasterType, string> = { jpeg: "jpeg", png: "png", webp: "webp" };

function unreadable(cause: unknown): ImageIntakeError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ImageIntakeError("UNREADABLE", `image cannot be decoded: ${why}`);
}

/**
 * Checks an upload without decoding its pixels. Refuses, in this order, with ImageIntakeError:
 * TOO_LARGE (over `maxBytes`), HEIC (HEIF/HEIC), TYPE (not JPEG, PNG or WebP by its signature),
 * UNREADABLE (header damaged, or the decoder disagrees with the signature), TOO_MANY_PIXELS
 * (width × height over `maxPixels` by the header).
 */
export async function readRasterHeader(bytes: Buffer, limits: RasterLimits): Promise<RasterHeader> {
  if (bytes.length > limits.maxBytes) {
    throw new ImageIntakeError("TOO_LARGE", `image of ${bytes.length} bytes > ${limits.maxBytes}`, {
      bytes: bytes.length,
      maxBytes: limits.maxBytes,
    });
  }
  const sniffed = sniffImage(bytes);
  if (sniffed === "heif") throw new ImageIntakeError("HEIC", "HEIF/HEIC image");
  if (sniffed === null) throw new ImageIntakeError("TYPE", "not a JPEG, PNG or WebP by its signature");
  let meta: Metadata;
  try {
    // Reads the header only, so no pixel limit yet (sharp would refuse with a message that cannot
    // be told from damage): the pixel count is checked below, before a single pixel is decoded.
    meta = await sharp(bytes, { limitInputPixels: false, failOn: "error" }).metadata();
  } catch (e) {
    throw unreadable(e);
  }
  if (meta.format !== SHARP_FORMAT[sniffed]) throw unreadable(`signature ${sniffed}, decoder ${meta.format}`);
  if (!meta.width || !meta.height) throw unreadable("no dimensions");
  if (meta.width * meta.height > limits.maxPixels) {
    throw new ImageIntakeError(
      "TOO_MANY_PIXELS",
      `image of ${meta.width} × ${meta.height} px > ${limits.maxPixels} px`,
      { width: meta.width, height: meta.height, maxPixels: limits.maxPixels },
    );
  }
  return { type: sniffed, meta, width: meta.width, height: meta.height };
}

export type EncodeTarget =
  /**
   * Opaque JPEG: transparent areas laid on white; `quality` 1–100. `mozjpeg` (default true) saves
   * about a tenth of the bytes but takes ten times as long: fine at phone-proof sizes, not for a
   * 24 MP print source (20 s of one core for a noisy photo).
   */
  | { format: "jpeg"; quality: number; mozjpeg?: boolean }
  /** PNG keeping its alpha channel (logos). */
  | { format: "png" };

export interface EncodeOptions {
  /** The decoder's pixel limit (the header was checked against the same number). */
  maxPixels: number;
  /** Longest edge of the result, pixels; smaller images are never enlarged. */
  maxEdgePx: number;
  target: EncodeTarget;
}

export interface EncodedImage {
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Pixels of the result, upright. */
  width: number;
  height: number;
}

/**
 * Decodes `bytes` and writes them anew: turned upright by the EXIF orientation, sRGB, shrunk to
 * `maxEdgePx` on the long edge, no metadata at all (no EXIF, XMP, IPTC or ICC profile), as JPEG
 * or PNG. Throws ImageIntakeError UNREADABLE when the pixels do not decode.
 */
export async function reencodeRaster(bytes: Buffer, opts: EncodeOptions): Promise<EncodedImage> {
  let out: { data: Buffer; info: OutputInfo };
  try {
    let pipeline = sharp(bytes, { limitInputPixels: opts.maxPixels, failOn: "error" })
      .rotate()
      .resize({ width: opts.maxEdgePx, height: opts.maxEdgePx, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb");
    pipeline =
      opts.target.format === "jpeg"
        ? pipeline
            .flatten({ background: "#ffffff" })
            .jpeg({ quality: opts.target.quality, mozjpeg: opts.target.mozjpeg ?? true })
        : pipeline.png({ compressionLevel: 9 });
    out = await pipeline.toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw unreadable(e);
  }
  return {
    bytes: out.data,
    sha256: sha256Hex(out.data),
    size: out.data.length,
    width: out.info.width,
    height: out.info.height,
  };
}

/**
 * A smaller copy of a stored (already re-encoded) image for lists and pickers: at most `width`
 * pixels wide, or with `maxEdgePx` at most that on its long edge; never enlarged. JPEG (quality
 * 72) or PNG keeping alpha. Throws ImageIntakeError UNREADABLE when the bytes do not decode.
 */
export async function imageThumbnail(
  bytes: Buffer,
  opts: { maxPixels: number; format: "jpeg" | "png" } & ({ width: number } | { maxEdgePx: number }),
): Promise<Buffer> {
  const box =
    "width" in opts
      ? { width: opts.width }
      : { width: opts.maxEdgePx, height: opts.maxEdgePx, fit: "inside" as const };
  try {
    const resized = sharp(bytes, { limitInputPixels: opts.maxPixels }).resize({
      ...box,
      withoutEnlargement: true,
    });
    return await (opts.format === "jpeg"
      ? resized.jpeg({ quality: 72, mozjpeg: true })
      : resized.png({ compressionLevel: 9 })
    ).toBuffer();
  } catch (e) {
    throw unreadable(e);
  }
}

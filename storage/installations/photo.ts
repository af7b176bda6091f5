import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { InstallationError } from "./errors";
import { type PhotoFacts, photoFacts } from "./exif";
import { PHOTO_JPEG_QUALITY, PHOTO_MAX_BYTES, PHOTO_MAX_EDGE_PX, PHOTO_MAX_PIXELS } from "./limits";
import { type SniffedImage, sniffImage } from "./sniff";

// A phone photo made fit to keep (decision 033): its type read from the bytes, its size and pixel
// count bounded before decoding, its capture time (and, when asked, position) read, then decoded
// and written anew as a plain JPEG. Re-encoding is what strips the EXIF (serial numbers, owner,
// position the user did not choose to share), any payload appended after the image, and any
// malformed structure aimed at the next program that opens the file.

export interface PreparedPhoto extends PhotoFacts {
  /** The re-encoded JPEG, no metadata at all. */
  bytes: Buffer;
  /** Hex sha-256 of `bytes`. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Pixels of the stored JPEG, after orientation was applied. */
  width: number;
  height: number;
  contentType: "image/jpeg";
  /** What the upload was, by its bytes. */
  sourceType: Exclude<SniffedImage, "heif">;
}

// sharp's own format names for what sniffImage accepts: the decoder must agree with the signature.
const SHARP_FORMAT: Record<PreparedPhoto["sourceType"], string> = { jpeg: "jpeg", png: "png", webp: "webp" };

function unreadable(cause: unknown): InstallationError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new InstallationError("PHOTO_UNREADABLE", `photo cannot be decoded: ${why}`);
}

/**
 * Checks and re-encodes one uploaded photo. Refuses, in this order, with InstallationError:
 * PHOTO_TOO_LARGE (over PHOTO_MAX_BYTES bytes), PHOTO_HEIC (HEIF/HEIC, with how to send JPEG),
 * PHOTO_TYPE (not JPEG, PNG or WebP by its signature), PHOTO_UNREADABLE (header or pixels
 * damaged), PHOTO_TOO_MANY_PIXELS (over PHOTO_MAX_PIXELS by the header, before decoding).
 * The result is a JPEG turned upright by its EXIF orientation, at most PHOTO_MAX_EDGE_PX on its
 * long edge, transparent areas on white, no metadata; `capturedAt` from DateTimeOriginal, and
 * `lat`/`lng` only when `opts.keepLocation`.
 */
export async function preparePhoto(bytes: Buffer, opts: { keepLocation: boolean }): Promise<PreparedPhoto> {
  if (bytes.length > PHOTO_MAX_BYTES) {
    throw new InstallationError("PHOTO_TOO_LARGE", `photo of ${bytes.length} bytes > ${PHOTO_MAX_BYTES}`);
  }
  const sniffed = sniffImage(bytes);
  if (sniffed === "heif") throw new InstallationError("PHOTO_HEIC", "HEIF/HEIC photo");
  if (sniffed === null) throw new InstallationError("PHOTO_TYPE", "not a JPEG, PNG or WebP by its signature");
  const options = { limitInputPixels: PHOTO_MAX_PIXELS, failOn: "error" as const };
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
  if (meta.width * meta.height > PHOTO_MAX_PIXELS) {
    throw new InstallationError(
      "PHOTO_TOO_MANY_PIXELS",
      `photo of ${meta.width} × ${meta.height} px > ${PHOTO_MAX_PIXELS} px`,
    );
  }
  const facts = photoFacts(meta.exif, opts.keepLocation);
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await sharp(bytes, options)
      .rotate()
      .resize({
        width: PHOTO_MAX_EDGE_PX,
        height: PHOTO_MAX_EDGE_PX,
        fit: "inside",
        withoutEnlargement: true,
      })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: PHOTO_JPEG_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw unreadable(e);
  }
  return {
    ...facts,
    bytes: out.data,
    sha256: createHash("sha256").update(out.data).digest("hex"),
    size: out.data.length,
    width: out.info.width,
    height: out.info.height,
    contentType: "image/jpeg",
    sourceType: sniffed,
  };
}

/**
 * A smaller JPEG of a stored photo, `width` pixels wide (never wider than the photo), for lists
 * and thumbnails. Throws InstallationError PHOTO_UNREADABLE when the stored bytes do not decode.
 */
export async function photoThumbnail(jpeg: Buffer, width: number): Promise<Buffer> {
  try {
    return await sharp(jpeg, { limitInputPixels: PHOTO_MAX_PIXELS })
      .resize({ width, withoutEnlargement: true })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer();
  } catch (e) {
    throw unreadable(e);
  }
}

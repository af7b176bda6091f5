import {
  imageThumbnail,
  isImageIntakeError,
  type RasterType,
  readRasterHeader,
  reencodeRaster,
} from "../images";
import { InstallationError } from "./errors";
import { type PhotoFacts, photoFacts } from "./exif";
import { PHOTO_JPEG_QUALITY, PHOTO_MAX_BYTES, PHOTO_MAX_EDGE_PX, PHOTO_MAX_PIXELS } from "./limits";

// A phone photo made fit to keep (decision 033) through the shared image intake (storage/images):
// type by its bytes, size and pixel count bounded before decoding, capture time (and, when asked,
// position) read from the EXIF, then re-encoded as a plain JPEG without any metadata.

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
  sourceType: RasterType;
}

/** The intake's refusals under the installation family's names (PHOTO_ + the same suffix). */
async function named<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isImageIntakeError(e)) throw new InstallationError(`PHOTO_${e.code}`, e.message);
    throw e;
  }
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
export function preparePhoto(bytes: Buffer, opts: { keepLocation: boolean }): Promise<PreparedPhoto> {
  return named(async () => {
    const header = await readRasterHeader(bytes, { maxBytes: PHOTO_MAX_BYTES, maxPixels: PHOTO_MAX_PIXELS });
    const facts = photoFacts(header.meta.exif, opts.keepLocation);
    const out = await reencodeRaster(bytes, {
      maxPixels: PHOTO_MAX_PIXELS,
      maxEdgePx: PHOTO_MAX_EDGE_PX,
      target: { format: "jpeg", quality: PHOTO_JPEG_QUALITY },
    });
    return { ...facts, ...out, contentType: "image/jpeg" as const, sourceType: header.type };
  });
}

/**
 * A smaller JPEG of a stored photo, `width` pixels wide (never wider than the photo), for lists
 * and thumbnails. Throws InstallationError PHOTO_UNREADABLE when the stored bytes do not decode.
 */
export function photoThumbnail(jpeg: Buffer, width: number): Promise<Buffer> {
  return named(() => imageThumbnail(jpeg, { maxPixels: PHOTO_MAX_PIXELS, format: "jpeg", width }));
}

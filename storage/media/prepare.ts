import type { FocalPoint } from "../../templates/photo/types";
import { isImageIntakeError, looksLikeSvg, readRasterHeader, reencodeRaster, sha256Hex } from "../images";
import { groupVi, MediaError } from "./errors";
import { autoFocus } from "./focus";
import type { MediaExt } from "./keys";
import {
  LOGO_MIN_EDGE_PX,
  MEDIA_JPEG_QUALITY,
  MEDIA_MAX_BYTES,
  MEDIA_MAX_PIXELS,
  MEDIA_PHOTO_MAX_EDGE_PX,
} from "./limits";
import { cleanSvg } from "./svg";

/** A photo for a design's photo slot, or a logo (the brand kit's, an event's). */
export type MediaKind = "photo" | "logo";
export type MediaContentType = "image/jpeg" | "image/png" | "image/svg+xml";
export type MediaSourceType = "jpeg" | "png" | "webp" | "svg";

/** One upload made fit to keep, before it is stored. */
export interface PreparedMedia {
  /** What was asked, except that an SVG is always a logo. */
  kind: MediaKind;
  /** The bytes to store: a JPEG (photos), a PNG with alpha or a sanitised SVG (logos). */
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`: the object key and the row's identity. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Pixels, upright; an SVG's size in CSS px. */
  width: number;
  height: number;
  contentType: MediaContentType;
  sourceType: MediaSourceType;
  ext: MediaExt;
  /** smartcrop's guess for a photo; the centre for a logo. */
  focus: FocalPoint;
  /** An SVG's elements and attributes dropped as editor metadata (0 for rasters). */
  dropped: number;
}

const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };
const MB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(".", ",");

/** The shared intake's refusal named in the media family, with the numbers of the case. */
function mediaRefusal(e: unknown): unknown {
  if (!isImageIntakeError(e)) return e;
  const d = e.details as Record<string, number>;
  switch (e.code) {
    case "TOO_LARGE":
      return new MediaError(
        "MEDIA_TOO_LARGE",
        e.message,
        `Tệp quá lớn (${MB(d.bytes!)} MB; ảnh tối đa ${Math.round(MEDIA_MAX_BYTES / 1024 / 1024)} MB).`,
        d,
      );
    case "TOO_MANY_PIXELS":
      return new MediaError(
        "MEDIA_TOO_MANY_PIXELS",
        e.message,
        `Ảnh ${groupVi(d.width!)} × ${groupVi(d.height!)} điểm ảnh (${Math.round((d.width! * d.height!) / 1e6)} megapixel) vượt mức tối đa ${Math.round(MEDIA_MAX_PIXELS / 1e6)} megapixel. Hãy thu nhỏ ảnh (cạnh dài ${groupVi(MEDIA_PHOTO_MAX_EDGE_PX)} điểm ảnh là đủ để in) rồi gửi lại.`,
        d,
      );
    default:
      return new MediaError(`MEDIA_${e.code}`, e.message, undefined, d);
  }
}

/**
 * Checks and re-encodes one upload for the library. The type comes from the bytes: an SVG (XML
 * whose root is <svg>) is always a logo and goes through cleanSvg; a raster is read by its header
 * first (MEDIA_MAX_BYTES, MEDIA_MAX_PIXELS), then decoded upright without metadata: a photo as an
 * sRGB JPEG (quality MEDIA_JPEG_QUALITY, long edge ≤ MEDIA_PHOTO_MAX_EDGE_PX, transparency on
 * white) with smartcrop's focal point; a logo as a PNG keeping its alpha. Throws MediaError
 * MEDIA_TOO_LARGE, MEDIA_HEIC (with how to send JPEG), MEDIA_TYPE (not JPEG/PNG/WebP/SVG by the
 * bytes; a logo that is not SVG or PNG), MEDIA_UNREADABLE, MEDIA_TOO_MANY_PIXELS (both sizes in the
 * message), MEDIA_LOGO_TOO_SMALL (a PNG logo under LOGO_MIN_EDGE_PX on its long side, both numbers
 * in the message), MEDIA_SVG_UNSAFE (see cleanSvg).
 */
export async function prepareMedia(bytes: Buffer, kind: MediaKind): Promise<PreparedMedia> {
  if (looksLikeSvg(bytes)) {
    const svg = await cleanSvg(bytes);
    return {
      kind: "logo",
      bytes: svg.bytes,
      sha256: sha256Hex(svg.bytes),
      size: svg.bytes.length,
      width: svg.width,
      height: svg.height,
      contentType: "image/svg+xml",
      sourceType: "svg",
      ext: "svg",
      focus: CENTRE,
      dropped: svg.dropped,
    };
  }
  try {
    const header = await readRasterHeader(bytes, { maxBytes: MEDIA_MAX_BYTES, maxPixels: MEDIA_MAX_PIXELS });
    if (kind === "logo") {
      if (header.type !== "png") {
        throw new MediaError(
          "MEDIA_TYPE",
          `logo of type ${header.type}`,
          "Logo phải là tệp SVG hoặc PNG (nền trong suốt). Ảnh JPEG hoặc WebP hãy tải lên dưới dạng ảnh.",
        );
      }
      const long = Math.max(header.width, header.height);
      if (long < LOGO_MIN_EDGE_PX) {
        throw new MediaError(
          "MEDIA_LOGO_TOO_SMALL",
          `PNG logo of ${header.width} × ${header.height} px < ${LOGO_MIN_EDGE_PX} px`,
          `Logo PNG chỉ có ${long} điểm ảnh ở cạnh dài; cần ít nhất ${LOGO_MIN_EDGE_PX} điểm ảnh để in rõ. Hãy gửi logo SVG hoặc PNG lớn hơn.`,
          { width: header.width, height: header.height, minEdge: LOGO_MIN_EDGE_PX },
        );
      }
    }
    const out = await reencodeRaster(bytes, {
      maxPixels: MEDIA_MAX_PIXELS,
      maxEdgePx: MEDIA_PHOTO_MAX_EDGE_PX,
      target:
        kind === "photo"
          ? { format: "jpeg", quality: MEDIA_JPEG_QUALITY, mozjpeg: false }
          : { format: "png" },
    });
    return {
      kind,
      ...out,
      contentType: kind === "photo" ? "image/jpeg" : "image/png",
      sourceType: header.type,
      ext: kind === "photo" ? "jpg" : "png",
      focus: kind === "photo" ? await autoFocus(out.bytes) : CENTRE,
      dropped: 0,
    };
  } catch (e) {
    throw mediaRefusal(e);
  }
}

// Fitting a stored photo to one slot of one format, on the main thread before a render job is
// queued: sharp decodes, crops around the focal point and sizes the crop for what the format needs,
// and only the small prepared JPEG (and a pixel sample for the contrast checks) reaches the render
// threads. See docs/decisions/037-photos-in-print.md.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import { getTemplate, supports } from "../catalog";
import { contextFor } from "../context";
import { RenderError } from "../errors";
import { type Canvas, type Format, canvasFor, getFormat } from "../formats";
import { requiredDpi } from "../preflight";
import type { Box, RenderInput } from "../types";
import { cropAround } from "./crop";
import type { FittedPhoto, FocalPoint, PhotoSource, PixelSample } from "./types";

/** Long side of the pixel sample the contrast checks read, in pixels (fewer when the crop is smaller). */
export const SAMPLE_MAX_PX = 160;
/** JPEG quality of a fitted photo (mozjpeg tables, baseline): no visible loss at print viewing distances. */
export const FIT_JPEG_QUALITY = 85;
const MM_PER_INCH = 25.4;
/**
 * The canvas's long side a live preview is drawn at (templates/render/png.server PREVIEW_MAX_PX,
 * not imported: that module loads resvg, which the server's main thread never needs).
 */
export const PREVIEW_PHOTO_MAX_PX = 1600;

export interface FitOptions {
  /**
   * Previews: the longest side, in pixels, the whole canvas is drawn at; the photo is then sized
   * for that instead of for print. The crop, the effective resolution and the sample are the same
   * as for the files, so a preview's preflight says what the files' will.
   */
  maxPx?: number;
}

type Pixels = Omit<FittedPhoto, "slot" | "focus">;

// Keyed by photo, focus, slot size and output size: typing in the editor re-renders the same
// photo in the same slot, which must not decode it again. Bounded by bytes held.
const fitted = new LRUCache<string, Pixels>({
  maxSize: 96 * 1024 * 1024,
  sizeCalculation: (p) => p.dataUri.length + p.sample.rgb.length + 256,
});
const inFlight = new Map<string, Promise<Pixels>>();
const hashes = new WeakMap<Uint8Array, string>();

function photoKey(source: PhotoSource): string {
  if (source.sha256) return source.sha256;
  let h = hashes.get(source.bytes);
  if (!h) {
    h = createHash("sha256").update(source.bytes).digest("hex");
    hashes.set(source.bytes, h);
  }
  return h;
}

function unreadable(cause: unknown): RenderError {
  return new RenderError("PHOTO_UNREADABLE", "Không đọc được ảnh: tệp hỏng hoặc không phải ảnh.", {
    cause: cause instanceof Error ? cause.message : String(cause),
  });
}

/** Pixels per inch the slot needs on this format, and the slot's printed width in inches; null for screens. */
function printNeed(slot: Box, format: Format, canvas: Canvas): { ppi: number; inches: number } | null {
  if (format.kind === "screen") return null;
  return { ppi: requiredDpi(format), inches: slot.width / canvas.unitsPerMm / MM_PER_INCH };
}

/**
 * `source` cropped around its focal point (cropAround) to `slot`'s proportions and sized for
 * `format`: print formats get requiredDpi(format) at the slot's printed size (canvas units → mm
 * through canvas.unitsPerMm), screens the slot's pixel size; a crop with fewer pixels than that is
 * kept as it is, never enlarged. With `opts.maxPx` (previews) it is sized for the canvas drawn at
 * that many pixels instead. Output: baseline sRGB JPEG (mozjpeg tables, quality 85, no metadata) as a data: URI,
 * effectivePpi = crop pixels across / slot inches (print; null for screens), requiredPpi, and an
 * RGB sample of the crop of at most SAMPLE_MAX_PX on its long side. Results are cached (LRU) by
 * photo, focus and sizes. Throws RenderError PHOTO_UNREADABLE when sharp cannot decode the bytes.
 */
export async function fitPhoto(
  source: PhotoSource,
  slot: Box,
  format: Format,
  canvas: Canvas,
  opts: FitOptions = {},
): Promise<FittedPhoto> {
  if (!(slot.width > 0 && slot.height > 0)) {
    // A design bug (an empty slot for some format), not the photo's fault.
    throw new Error(`photo slot ${slot.width}×${slot.height} has no area`);
  }
  const focus: FocalPoint = source.focus ?? { x: 0.5, y: 0.5 };
  const need = printNeed(slot, format, canvas);
  // What the output may hold across the slot: the format's need, or the preview's canvas share.
  let across = need ? Math.ceil(need.inches * need.ppi) : Math.ceil(slot.width);
  if (opts.maxPx)
    across = Math.min(across, Math.ceil((slot.width * opts.maxPx) / Math.max(canvas.width, canvas.height)));
  const key = [
    photoKey(source),
    focus.x,
    focus.y,
    slot.width,
    slot.height,
    across,
    need?.ppi ?? 0,
    need?.inches ?? 0,
  ].join("|");
  let pixels = fitted.get(key);
  if (!pixels) {
    let pending = inFlight.get(key);
    if (!pending) {
      pending = fitPixels(source.bytes, focus, slot, Math.max(1, across), need).finally(() =>
        inFlight.delete(key),
      );
      inFlight.set(key, pending);
    }
    pixels = await pending;
    fitted.set(key, pixels);
  }
  return { ...pixels, focus, slot };
}

async function fitPixels(
  bytes: Uint8Array,
  focus: FocalPoint,
  slot: Box,
  across: number,
  need: { ppi: number; inches: number } | null,
): Promise<Pixels> {
  let size: { width: number; height: number };
  try {
    const meta = await sharp(bytes, { failOn: "error" }).metadata();
    size = meta.autoOrient ?? { width: meta.width, height: meta.height };
    if (!size.width || !size.height) throw new Error("no dimensions");
  } catch (e) {
    throw unreadable(e);
  }
  const aspect = slot.width / slot.height;
  const crop = cropAround(size, focus, aspect);
  const base = () =>
    sharp(bytes, { failOn: "error" })
      .autoOrient()
      .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height });
  const widthPx = Math.min(crop.width, across);
  const heightPx = widthPx === crop.width ? crop.height : Math.max(1, Math.round(widthPx / aspect));
  const sampleLong = Math.min(SAMPLE_MAX_PX, Math.max(crop.width, crop.height));
  const sw = aspect >= 1 ? sampleLong : Math.max(1, Math.round(sampleLong * aspect));
  const sh = aspect >= 1 ? Math.max(1, Math.round(sampleLong / aspect)) : sampleLong;
  try {
    const [jpeg, raw] = await Promise.all([
      base()
        .resize(widthPx, heightPx, { fit: "fill" })
        .toColourspace("srgb")
        // mozjpeg's encoder settings but baseline, not its progressive scans (`mozjpeg: true`
        // forces them): PostScript Level 2 RIPs, still found in print shops, cannot decode those.
        .jpeg({
          quality: FIT_JPEG_QUALITY,
          trellisQuantisation: true,
          overshootDeringing: true,
          quantisationTable: 3,
          progressive: false,
        })
        .toBuffer(),
      base()
        .resize(sw, sh, { fit: "fill" })
        .removeAlpha()
        .toColourspace("srgb")
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ]);
    const sample: PixelSample = { width: sw, height: sh, rgb: toRgb(raw.data, raw.info.channels) };
    return {
      dataUri: `data:image/jpeg;base64,${jpeg.toString("base64")}`,
      widthPx,
      heightPx,
      source: size,
      crop,
      effectivePpi: need ? Math.round((crop.width / need.inches) * 10) / 10 : null,
      requiredPpi: need ? need.ppi : null,
      sample,
    };
  } catch (e) {
    throw unreadable(e);
  }
}

/** Raw pixels of 1–4 channels as RGB triples (a grey photo's channel repeated). */
function toRgb(data: Buffer, channels: number): Uint8Array {
  if (channels === 3) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  const n = data.length / channels;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 3 + c] = data[i * channels + (channels >= 3 ? c : 0)];
  }
  return out;
}

/**
 * `input` ready for a render thread: when it carries a photo and the design has a photo slot, the
 * slot is computed (template.photo.box of the input's context) and the photo fitted to it
 * (fitPhoto, with `opts`), and a copy is returned with `photoFit` set and `photo` removed, so only
 * the prepared JPEG crosses to the thread. Unchanged without a photo, or for a format the design
 * does not support (the render then refuses it). Throws RenderError PHOTO_NOT_TAKEN for a photo
 * given to a design without a slot, PHOTO_UNREADABLE (fitPhoto), UNKNOWN_TEMPLATE, UNKNOWN_FORMAT,
 * INVALID_OPTIONS.
 */
export async function fitPhotoInput(
  templateId: string,
  formatId: string,
  input: RenderInput,
  opts: FitOptions = {},
): Promise<RenderInput> {
  if (!input.photo) return input;
  const template = getTemplate(templateId);
  const format = getFormat(formatId);
  if (!template.photo) {
    throw new RenderError("PHOTO_NOT_TAKEN", `Mẫu "${template.name}" không có chỗ đặt ảnh.`, {
      template: template.id,
    });
  }
  if (!supports(template, format)) return input;
  const slot = template.photo.box(contextFor(template, format, input, input.brand));
  const { photo, ...rest } = input;
  return { ...rest, photoFit: await fitPhoto(photo, slot, format, canvasFor(format), opts) };
}

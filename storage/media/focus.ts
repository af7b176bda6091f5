import sharp from "sharp";
import smartcrop from "smartcrop";
import type { FocalPoint } from "../../templates/photo/types";
import { MEDIA_MAX_PIXELS } from "./limits";

// The default focal point of a new photo (decision 036): smartcrop's best square crop of a small
// copy, its centre taken as the subject. smartcrop is pure JavaScript (edges, skin tones,
// saturation, rule of thirds); smartcrop-sharp would pin an old sharp, so its image operations are
// given here over sharp's raw pixels. A photo it cannot read gets the centre-weighted guess.

/** Where the subject of a photo most often is when nothing better is known: centred, a little high. */
export const FALLBACK_FOCUS: FocalPoint = { x: 0.5, y: 0.45 };

/** The copy smartcrop analyses, pixels on its long edge (smartcrop itself works at 256). */
const ANALYSIS_EDGE_PX = 256;
/**
 * Smallest square tried, as a share of the short side: full-height squares alone would only ever
 * move the point along the long side; smaller ones let it find the subject in both directions.
 */
const MIN_SQUARE_SCALE = 0.6;

interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Nearest-neighbour resampling of RGBA pixels (smartcrop asks only when given more than 256 px). */
function resample(image: RawImage, width: number, height: number): RawImage {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y * image.height) / h));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(image.width - 1, Math.floor((x * image.width) / w));
      data.set(
        image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4),
        (y * w + x) * 4,
      );
    }
  }
  return { width: w, height: h, data };
}

type SmartcropInternals = typeof smartcrop & {
  ImgData: new (width: number, height: number, data: Uint8Array) => unknown;
};

const imageOperations = {
  open: (image: RawImage) => Promise.resolve(image),
  resample: (image: RawImage, width: number, height: number) =>
    Promise.resolve(resample(image, width, height)),
  getData: (image: RawImage) =>
    Promise.resolve(new (smartcrop as SmartcropInternals).ImgData(image.width, image.height, image.data)),
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The focal point smartcrop finds in a stored photo (upright JPEG or PNG bytes), as fractions 0–1
 * of its width and height rounded to 4 decimals; FALLBACK_FOCUS when the bytes do not decode or
 * the analysis fails. Never throws.
 */
export async function autoFocus(bytes: Buffer): Promise<FocalPoint> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MEDIA_MAX_PIXELS })
      .resize({ width: ANALYSIS_EDGE_PX, height: ANALYSIS_EDGE_PX, fit: "inside" })
      .removeAlpha()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image: RawImage = { width: info.width, height: info.height, data };
    const result = await smartcrop.crop(
      image as unknown as CanvasImageSource,
      {
        width: 1,
        height: 1,
        minScale: MIN_SQUARE_SCALE,
        imageOperations,
      } as Parameters<typeof smartcrop.crop>[1],
    );
    const c = result.topCrop;
    const x = (c.x + c.width / 2) / info.width;
    const y = (c.y + c.height / 2) / info.height;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return FALLBACK_FOCUS;
    return { x: round4(clamp01(x)), y: round4(clamp01(y)) };
  } catch {
    return FALLBACK_FOCUS;
  }
}

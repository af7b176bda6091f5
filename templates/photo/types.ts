// The shapes a photo goes through on its way into a design: as stored (PhotoSource), then cropped
// around its focal point and sized for one slot of one format (FittedPhoto), plus the scrims a
// design lays over it so text on it stays readable.
import type { Box } from "../box";

/** A point of the photo as fractions of its width and height (0–1, from the top left). */
export interface FocalPoint {
  x: number;
  y: number;
}

/** A stored photo (upright, no metadata: the media library's JPEG) and the point that must stay in view. */
export interface PhotoSource {
  bytes: Uint8Array;
  /** Where the subject is; the centre when absent. */
  focus?: FocalPoint;
  /** Hex SHA-256 of `bytes`, when known (the media library's key): caches and versions name it. */
  sha256?: string;
}

/** RGB pixels of the crop, downsampled: what contrast checks read instead of decoding the photo again. */
export interface PixelSample {
  width: number;
  height: number;
  /** width × height × 3 bytes, row by row. */
  rgb: Uint8Array;
}

/** A photo cropped around its focal point to a slot's aspect and sized for the format. */
export interface FittedPhoto {
  /** data: URI of the JPEG as drawn (satori embeds it; the PDF keeps it as DCTDecode). */
  dataUri: string;
  /** Pixels of that JPEG. */
  widthPx: number;
  heightPx: number;
  /** The stored photo's size and the crop taken from it, in its pixels. */
  source: { width: number; height: number };
  crop: Box;
  focus: FocalPoint;
  /** The slot it was fitted to, canvas units. */
  slot: Box;
  /**
   * Print formats: pixels per inch of the crop at the printed size (before any downsampling) and
   * what the format needs (decision 003). Screen formats: null for both.
   */
  effectivePpi: number | null;
  requiredPpi: number | null;
  sample: PixelSample;
}

/** A flat colour laid over part of the photo under text, `alpha` 0–1. */
export interface Scrim {
  box: Box;
  color: string;
  alpha: number;
}

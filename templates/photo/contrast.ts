// Text over a photo stays readable on the photo's own pixels: the scrim a design lays under its
// text is the faintest that lifts every sampled pixel there to the contrast the text needs, and
// preflight measures the same pixels with the same compositing. Pure functions over the crop's
// PixelSample (fitPhoto made it), so neither needs the photo decoded again.
import { contrastRatio, parseHex, relativeLuminance } from "../color";
import type { Box } from "../types";
import type { FittedPhoto, Scrim } from "./types";

/** WCAG AA for normal text: what text over a photo must keep on every pixel under it. */
export const PHOTO_TEXT_MIN_CONTRAST = 4.5;

/** Scrim alphas are whole multiples of this, so a design's SVG and its preflight agree exactly. */
export const SCRIM_ALPHA_STEP = 0.05;

const STEPS = Math.round(1 / SCRIM_ALPHA_STEP);

const hex2 = (v: number) => v.toString(16).padStart(2, "0");

// Relative luminance of each 8-bit sRGB level; a grey's luminance is its channel's (the weights sum to 1).
const LEVEL_LUMINANCE = Float64Array.from({ length: 256 }, (_, v) =>
  relativeLuminance(`#${hex2(v).repeat(3)}`),
);
const WEIGHTS = [0.2126, 0.7152, 0.0722] as const;

interface Cell {
  /** Index of the pixel in the sample. */
  i: number;
  /** Its centre on the canvas. */
  x: number;
  y: number;
}

/**
 * The sample's pixels under `box` (canvas units): those whose cell centre lies inside it; when the
 * box overlaps the slot but holds no centre (smaller than a cell), the cell nearest its middle.
 * The sample covers exactly the crop, which fills exactly `photo.slot`.
 */
function cellsUnder(photo: FittedPhoto, box: Box): Cell[] {
  const { slot, sample } = photo;
  const cw = slot.width / sample.width;
  const ch = slot.height / sample.height;
  const x0 = Math.max(box.x, slot.x);
  const y0 = Math.max(box.y, slot.y);
  const x1 = Math.min(box.x + box.width, slot.x + slot.width);
  const y1 = Math.min(box.y + box.height, slot.y + slot.height);
  if (x1 <= x0 || y1 <= y0) return [];
  const first = (v0: number, origin: number, c: number) => Math.max(0, Math.ceil((v0 - origin) / c - 0.5));
  const last = (v1: number, origin: number, c: number, n: number) =>
    Math.min(n - 1, Math.floor((v1 - origin) / c - 0.5));
  const out: Cell[] = [];
  const cx0 = first(x0, slot.x, cw);
  const cx1 = last(x1, slot.x, cw, sample.width);
  const cy0 = first(y0, slot.y, ch);
  const cy1 = last(y1, slot.y, ch, sample.height);
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      out.push({ i: cy * sample.width + cx, x: slot.x + (cx + 0.5) * cw, y: slot.y + (cy + 0.5) * ch });
    }
  }
  if (out.length === 0) {
    const cx = Math.min(sample.width - 1, Math.max(0, Math.floor(((x0 + x1) / 2 - slot.x) / cw)));
    const cy = Math.min(sample.height - 1, Math.max(0, Math.floor(((y0 + y1) / 2 - slot.y) / ch)));
    out.push({ i: cy * sample.width + cx, x: slot.x + (cx + 0.5) * cw, y: slot.y + (cy + 0.5) * ch });
  }
  return out;
}

function inBox(x: number, y: number, b: Box): boolean {
  // A scrim drawn over exactly the text's box must cover every cell the text's box selected.
  const e = 1e-6 * (Math.abs(b.x) + Math.abs(b.y) + b.width + b.height + 1);
  return x >= b.x - e && x <= b.x + b.width + e && y >= b.y - e && y <= b.y + b.height + e;
}

/** Luminance of an RGB pixel after laying `layers` ([r,g,b], alpha) over it in order, as 8-bit output. */
function compositedLuminance(
  rgb: Uint8Array,
  at: number,
  layers: [number, number, number, number][],
): number {
  let lum = 0;
  for (let c = 0; c < 3; c++) {
    let v = rgb[at + c];
    for (const l of layers) v = v * (1 - l[3]) + l[c] * l[3];
    lum += WEIGHTS[c] * LEVEL_LUMINANCE[Math.min(255, Math.max(0, Math.round(v)))];
  }
  return lum;
}

const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The faintest scrim (a flat colour over `box`, canvas units, laid over the photo under a piece of
 * text) with which EVERY sampled pixel under `box` has a WCAG contrast of at least `minRatio`
 * (default 4.5) with `textColor` ("#rrggbb"). Its alpha is the least multiple of 0.05 that does it,
 * at least `floorAlpha` (default 0), 0 when the photo passes on its own, 1 when nothing less does
 * (a full scrim is then a plain ground; whether that passes is preflight's to say). The colour is
 * `opts.color`, else black under light text and white under dark text. The box is returned as given.
 */
export function scrimFor(
  photo: FittedPhoto,
  box: Box,
  textColor: string,
  opts: { color?: string; minRatio?: number; floorAlpha?: number } = {},
): Scrim {
  const color =
    opts.color ??
    (contrastRatio(textColor, "#000000") >= contrastRatio(textColor, "#ffffff") ? "#000000" : "#ffffff");
  const need = opts.minRatio ?? PHOTO_TEXT_MIN_CONTRAST;
  const textLum = relativeLuminance(textColor);
  const layer = parseHex(color);
  const rgb = photo.sample.rgb;
  const cells = cellsUnder(photo, box);
  const floor = Math.min(STEPS, Math.max(0, Math.ceil((opts.floorAlpha ?? 0) / SCRIM_ALPHA_STEP - 1e-9)));
  for (let k = floor; k <= STEPS; k++) {
    const alpha = k / STEPS;
    const layers: [number, number, number, number][] = alpha > 0 ? [[...layer, alpha]] : [];
    if (cells.every((c) => ratio(compositedLuminance(rgb, c.i * 3, layers), textLum) >= need)) {
      return { box, color, alpha };
    }
  }
  return { box, color, alpha: 1 };
}

/**
 * The least WCAG contrast between `textColor` and the sampled photo pixels under `box` (canvas
 * units), after compositing, in order, every scrim whose box holds the pixel's centre; and that
 * pixel's centre on the canvas. Infinity and null when `box` does not overlap the photo's slot.
 */
export function contrastOnPhoto(
  photo: FittedPhoto,
  box: Box,
  textColor: string,
  scrims: Scrim[],
): { minRatio: number; worstPixel: { x: number; y: number } | null } {
  const textLum = relativeLuminance(textColor);
  const layers = scrims.map((s) => ({
    box: s.box,
    layer: [...parseHex(s.color), s.alpha] as [number, number, number, number],
  }));
  let minRatio = Number.POSITIVE_INFINITY;
  let worstPixel: { x: number; y: number } | null = null;
  for (const c of cellsUnder(photo, box)) {
    const over = layers.filter((l) => inBox(c.x, c.y, l.box)).map((l) => l.layer);
    const r = ratio(compositedLuminance(photo.sample.rgb, c.i * 3, over), textLum);
    if (r < minRatio) {
      minRatio = r;
      worstPixel = { x: c.x, y: c.y };
    }
  }
  return { minRatio, worstPixel };
}

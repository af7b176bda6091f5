// Where a slot's crop is taken from a photo: the largest rectangle of the slot's proportions, slid
// so the subject (the focal point) sits as near its centre as the photo's edges allow.
import type { Box } from "../types";
import type { FocalPoint } from "./types";

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5);

/**
 * The largest crop of `aspect` (width / height, > 0) inside a photo of `source` pixels, in whole
 * source pixels, placed so the focal point (fractions 0–1, clamped) is as near its centre as the
 * edges allow. The focal point always lies inside the returned box (edges included); the box is at
 * least 1 × 1 px and never leaves the photo. Pure.
 */
export function cropAround(
  source: { width: number; height: number },
  focus: FocalPoint,
  aspect: number,
): Box {
  const W = Math.max(1, Math.round(source.width));
  const H = Math.max(1, Math.round(source.height));
  const a = Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
  let width: number;
  let height: number;
  if (W / H > a) {
    height = H;
    width = Math.min(W, Math.max(1, Math.round(H * a)));
  } else {
    width = W;
    height = Math.min(H, Math.max(1, Math.round(W / a)));
  }
  // Rounding the centred start moves the focal point by at most half a pixel from the centre, so it
  // stays inside; clamping to the photo only pushes it further from the edge it was cut at.
  const place = (f: number, size: number, full: number) =>
    Math.min(full - size, Math.max(0, Math.round(clamp01(f) * full - size / 2)));
  return { x: place(focus.x, width, W), y: place(focus.y, height, H), width, height };
}

/** Whether the focal point (fractions of `source`) lies inside `crop` (source pixels), edges included. */
export function focusInside(
  source: { width: number; height: number },
  focus: FocalPoint,
  crop: Box,
): boolean {
  const fx = clamp01(focus.x) * source.width;
  const fy = clamp01(focus.y) * source.height;
  const eps = 1e-9;
  return (
    fx >= crop.x - eps &&
    fx <= crop.x + crop.width + eps &&
    fy >= crop.y - eps &&
    fy <= crop.y + crop.height + eps
  );
}

/**
 * Where the focal point lands on the canvas once the crop fills `slot` (canvas units): for checks
 * that the subject is inside the slot and clear of what is drawn over it.
 */
export function focusOnCanvas(
  source: { width: number; height: number },
  focus: FocalPoint,
  crop: Box,
  slot: Box,
): { x: number; y: number } {
  const fx = clamp01(focus.x) * source.width;
  const fy = clamp01(focus.y) * source.height;
  return {
    x: slot.x + ((fx - crop.x) / crop.width) * slot.width,
    y: slot.y + ((fy - crop.y) / crop.height) * slot.height,
  };
}

import { Resvg } from "@resvg/resvg-js";
import { rasterize, rasterizeReusingFixed } from "./fixed-tiles";
import { encodePng } from "./png-encode";
import type { RenderedSvg } from "./svg.server";

export const PREVIEW_MAX_PX = 1600;
export const FULL_MAX_PX = 6000;

/**
 * Above this many pixels (print proofs, ~4 MP) resvg encodes the PNG itself, straight from its
 * pixmap: our encoder needs the pixels copied out to JavaScript and again into its row buffer,
 * ~32 MB more per A0 proof, for ~10 ms saved on a file nobody waits for (decision 009). Previews and
 * screen images (≤ 2.1 MP) keep the faster path.
 */
const LARGE_PX = 3_000_000;

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Text is already paths, so resvg needs no fonts: system fonts stay off (no font scan, and a
 * missing glyph can never be silently substituted by whatever the machine has). Images up to
 * LARGE_PX reuse the pixels of the design's fixed lines (decision 014).
 */
export async function svgToPng(
  r: Pick<RenderedSvg, "svg" | "base" | "fixedKey" | "canvas" | "format">,
  maxPx = PREVIEW_MAX_PX,
): Promise<RenderedPng> {
  const { width, height } = r.canvas;
  // Screens render at their true pixel size; print previews are capped.
  const target = r.format.kind === "screen" ? Math.min(maxPx, Math.max(width, height)) : maxPx;
  const scale = target / Math.max(width, height);
  const fitTo =
    width >= height
      ? { mode: "width" as const, value: Math.round(width * scale) }
      : { mode: "height" as const, value: Math.round(height * scale) };
  const opts = { fitTo, font: { loadSystemFonts: false }, shapeRendering: 2, textRendering: 2 } as const;
  if (width * height * scale * scale > LARGE_PX) {
    const img = new Resvg(r.svg, opts).render();
    return { png: img.asPng(), width: img.width, height: img.height };
  }
  const img = r.fixedKey
    ? rasterizeReusingFixed(r.svg, r.base, `${r.fixedKey} ${fitTo.mode} ${fitTo.value}`, opts)
    : rasterize(r.svg, opts);
  return { png: await encodePng(img.pixels, img.width, img.height), width: img.width, height: img.height };
}

// The fixed text layers' pixels, kept per thread. After decision 013's SVG cache, rasterising
// those small lines (many edges, ~95 glyphs on a 1200×630) was still ~2 ms of every PNG. Their
// pixels only change when what lies under or over them changes, so the image is rasterised without
// them and their bands are pasted back, once the band proves untouched (decision 014).
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { LRUCache } from "lru-cache";

export interface Raster {
  pixels: Buffer;
  width: number;
  height: number;
  /** The fixed lines came from the cache rather than being rasterised in this call. */
  reused?: boolean;
}

/** Rows y0..y1 (exclusive) × columns x0..x1 of an RGBA image, as rows of (x1 − x0) × 4 bytes. */
interface Band extends Rect {
  /** The band as the full render draws it: background, the fixed lines, overlays. */
  drawn: Buffer;
  /** The band without the fixed lines: what a render without them must show there to reuse `drawn`. */
  under: Buffer;
}

interface Tiles {
  width: number;
  height: number;
  bands: Band[];
}

/** AA coverage of a path never reaches further than this from where full and base differ. */
const MARGIN_PX = 2;

const tiles = new LRUCache<string, Tiles>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (t) => t.bands.reduce((n, b) => n + b.drawn.length + b.under.length, 0) || 1,
});

export function rasterize(svg: string, opts: ResvgRenderOptions): Raster {
  const img = new Resvg(svg, opts).render();
  return { pixels: img.pixels, width: img.width, height: img.height };
}

function crop(px: Buffer, width: number, b: Rect): Buffer {
  const rowBytes = (b.x1 - b.x0) * 4;
  const out = Buffer.allocUnsafe(rowBytes * (b.y1 - b.y0));
  for (let y = b.y0; y < b.y1; y++) {
    px.copy(out, (y - b.y0) * rowBytes, (y * width + b.x0) * 4, (y * width + b.x1) * 4);
  }
  return out;
}

type Rect = { y0: number; y1: number; x0: number; x1: number };

/** Columns where row `o` of the two renders differs, as runs closer than MARGIN_PX joined. */
function rowRuns(a: Buffer, b: Buffer, o: number, width: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let x = 0; x < width; x++) {
    if (a.readUInt32LE(o + x * 4) === b.readUInt32LE(o + x * 4)) continue;
    const last = runs[runs.length - 1];
    if (last && x - last[1] <= 2 * MARGIN_PX) last[1] = x + 1;
    else runs.push([x, x + 1]);
  }
  return runs;
}

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Rectangles around where the two renders differ (each fixed line, apart from lines sharing its
 * rows), widened by MARGIN_PX and merged until none overlap, so pasting order does not matter.
 */
function bandsBetween(full: Raster, base: Raster): Band[] {
  const { width, height } = full;
  const rowBytes = width * 4;
  let rects: Rect[] = [];
  let open: Rect[] = [];
  for (let y = 0; y < height; y++) {
    const o = y * rowBytes;
    if (full.pixels.compare(base.pixels, o, o + rowBytes, o, o + rowBytes) === 0) {
      open = [];
      continue;
    }
    const next: Rect[] = [];
    for (const [x0, x1] of rowRuns(full.pixels, base.pixels, o, width)) {
      const r = open.find((r) => x0 < r.x1 + 2 * MARGIN_PX && r.x0 < x1 + 2 * MARGIN_PX);
      if (r) {
        r.y1 = y + 1;
        r.x0 = Math.min(r.x0, x0);
        r.x1 = Math.max(r.x1, x1);
        if (!next.includes(r)) next.push(r);
      } else {
        const fresh = { y0: y, y1: y + 1, x0, x1 };
        rects.push(fresh);
        next.push(fresh);
      }
    }
    open = next;
  }
  rects = rects.map((r) => ({
    y0: Math.max(0, r.y0 - MARGIN_PX),
    y1: Math.min(height, r.y1 + MARGIN_PX),
    x0: Math.max(0, r.x0 - MARGIN_PX),
    x1: Math.min(width, r.x1 + MARGIN_PX),
  }));
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < rects.length && !merged; i++) {
      for (let j = i + 1; j < rects.length && !merged; j++) {
        if (!overlaps(rects[i], rects[j])) continue;
        const [a, b] = [rects[i], rects[j]];
        rects[i] = {
          y0: Math.min(a.y0, b.y0),
          y1: Math.max(a.y1, b.y1),
          x0: Math.min(a.x0, b.x0),
          x1: Math.max(a.x1, b.x1),
        };
        rects.splice(j, 1);
        merged = true;
      }
    }
  }
  return rects.map((r) => ({ ...r, drawn: crop(full.pixels, width, r), under: crop(base.pixels, width, r) }));
}

function bandUntouched(px: Buffer, width: number, b: Band): boolean {
  const rowBytes = (b.x1 - b.x0) * 4;
  for (let y = b.y0; y < b.y1; y++) {
    const o = (y * width + b.x0) * 4;
    const c = (y - b.y0) * rowBytes;
    if (px.compare(b.under, c, c + rowBytes, o, o + rowBytes) !== 0) return false;
  }
  return true;
}

function paste(px: Buffer, width: number, b: Band): void {
  const rowBytes = (b.x1 - b.x0) * 4;
  for (let y = b.y0; y < b.y1; y++)
    b.drawn.copy(px, (y * width + b.x0) * 4, (y - b.y0) * rowBytes, (y - b.y0 + 1) * rowBytes);
}

/**
 * `full` rasterised, the same pixels as `rasterize(full, opts)`. `base` is `full` without its fixed
 * layers, and `key` names the fixed layers, what is drawn over them and the raster size: the first
 * render under a key draws both and keeps the bands where they differ; later ones draw only `base`
 * and paste those bands, unless something in this render reached into one, which draws `full`.
 */
export function rasterizeReusingFixed(
  full: string,
  base: string,
  key: string,
  opts: ResvgRenderOptions,
): Raster {
  const cached = tiles.get(key);
  if (!cached) {
    const drawn = rasterize(full, opts);
    const without = rasterize(base, opts);
    if (drawn.width === without.width && drawn.height === without.height) {
      tiles.set(key, { width: drawn.width, height: drawn.height, bands: bandsBetween(drawn, without) });
    }
    return drawn;
  }
  const r = rasterize(base, opts);
  const fits =
    r.width === cached.width &&
    r.height === cached.height &&
    cached.bands.every((b) => bandUntouched(r.pixels, r.width, b));
  if (!fits) return rasterize(full, opts);
  for (const b of cached.bands) paste(r.pixels, r.width, b);
  return { ...r, reused: true };
}

// The design's own lines (issuer, the year's theme, captions) are the same in every render of a
// template × format, and were most of the glyphs satori set for a 1200×630 image. Each is drawn
// once per thread, alone on a canvas of the same size, so its paths carry the coordinates they
// would have had in the full tree, and the SVG is reused (decision 013).
import { LRUCache } from "lru-cache";
import satori from "satori";
import { getSatoriFonts } from "../../fonts/registry.server";
import { DESIGN_FONTS } from "../catalog";
import type { Canvas } from "../formats";
import type { FixedLayer } from "../types";

/** A few fixed lines per template × format; ~10–40 kB of SVG each. */
const drawnLayers = new LRUCache<string, string>({ max: 128 });

async function drawAlone(layer: FixedLayer, position: number, canvas: Canvas): Promise<string> {
  const svg = await satori(
    <div style={{ display: "flex", position: "relative", width: canvas.width, height: canvas.height }}>
      {layer.element}
    </div>,
    { width: canvas.width, height: canvas.height, fonts: getSatoriFonts(DESIGN_FONTS) },
  );
  // satori numbers its masks by tree position: rename them so they cannot collide with the main
  // tree's, or with another fixed layer's, once they share one document. The prefix is the layer's
  // place in its design, so the same render gives the same bytes in every thread.
  const prefix = `fx${position}_`;
  return svg
    .replace(/^<svg[^>]*>/, "")
    .replace(/<\/svg>\s*$/, "")
    .replaceAll('id="satori_', `id="${prefix}satori_`)
    .replaceAll("url(#satori_", `url(#${prefix}satori_`);
}

/** The SVG of a design's fixed layers in order, drawn or taken from this thread's cache. */
export async function fixedLayersSvg(layers: FixedLayer[], canvas: Canvas): Promise<string> {
  let out = "";
  for (const [position, layer] of layers.entries()) {
    const key = `${canvas.width}×${canvas.height} ${position} ${layer.key}`;
    let svg = drawnLayers.get(key);
    if (svg === undefined) {
      svg = await drawAlone(layer, position, canvas);
      drawnLayers.set(key, svg);
    }
    out += svg;
  }
  return out;
}

import { renderAsync } from "@resvg/resvg-js";
import { RenderError } from "../errors";

// Lists show a small picture of each version. The stored PNG proof is what was approved, so the
// thumbnail is made from it (not re-rendered from the template, which may have changed since),
// scaled by resvg on libuv's thread pool (renderAsync) so a large banner never blocks the server.

/** Width and height (px) from a PNG's IHDR chunk. Throws RenderError INVALID_OPTIONS for non-PNG bytes. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) {
    throw new RenderError("INVALID_OPTIONS", "Tệp ảnh không phải PNG hợp lệ.");
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * A PNG at most `maxPx` wide and tall (aspect kept; never enlarged), made from `png`. Units: px.
 * Throws RenderError INVALID_OPTIONS when `png` is not a PNG.
 */
export async function pngThumbnail(png: Uint8Array, maxPx = 320): Promise<Uint8Array> {
  const { width, height } = pngSize(png);
  const scale = Math.min(1, maxPx / Math.max(width, height));
  const href = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="${href}"/></svg>`;
  const out = await renderAsync(svg, {
    // Fit the long side, so it comes out exactly maxPx whatever the rounding of the short one.
    fitTo:
      width >= height
        ? { mode: "width", value: Math.max(1, Math.round(width * scale)) }
        : { mode: "height", value: Math.max(1, Math.round(height * scale)) },
    font: { loadSystemFonts: false },
  });
  return new Uint8Array(out.asPng());
}

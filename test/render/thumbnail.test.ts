import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { isRenderError } from "../../templates/errors";
import { pngSize, pngThumbnail } from "../../templates/render/thumbnail.server";

// A 10 m banner's proof is thousands of pixels wide; its list thumbnail is 320 px and keeps the
// shape and the colours of the proof it was made from.
function png(width: number, height: number): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#c8102e"/><rect width="${width / 2}" height="${height}" fill="#ffd700"/></svg>`;
  return new Uint8Array(new Resvg(svg).render().asPng());
}

describe("pngThumbnail", () => {
  it("scales a wide banner to 320 px wide, keeping its aspect and colours", async () => {
    const thumb = await pngThumbnail(png(4000, 400));
    expect(pngSize(thumb)).toEqual({ width: 320, height: 32 });
    // Decode by drawing it again through resvg and reading two pixels: gold left, red right.
    const again = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="320" height="32"><image width="320" height="32" xlink:href="data:image/png;base64,${Buffer.from(thumb).toString("base64")}"/></svg>`,
    ).render();
    const px = (x: number, y: number) => [...again.pixels.subarray((y * 320 + x) * 4, (y * 320 + x) * 4 + 3)];
    expect(px(40, 16)).toEqual([0xff, 0xd7, 0x00]);
    expect(px(280, 16)).toEqual([0xc8, 0x10, 0x2e]);
  });

  it("bounds a tall flag by its height and never enlarges a small image", async () => {
    expect(pngSize(await pngThumbnail(png(800, 2500)))).toEqual({ width: 102, height: 320 });
    expect(pngSize(await pngThumbnail(png(200, 100)))).toEqual({ width: 200, height: 100 });
  });

  it("refuses bytes that are not a PNG", async () => {
    const e = await pngThumbnail(new TextEncoder().encode("%PDF-1.7")).catch((x: unknown) => x);
    expect(isRenderError(e) && e.code).toBe("INVALID_OPTIONS");
  });
});

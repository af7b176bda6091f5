import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../templates/render/png-encode";
import { renderSvg, svgToPng } from "../../templates/render/index.server";

/** Decodes a PNG by letting resvg draw it as an image, so a broken encoder cannot pass. */
function decode(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString("base64")}"/></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels as Buffer;
}

describe("PNG encoder", () => {
  it("round-trips a real render pixel for pixel", async () => {
    const r = await renderSvg("co-dong-truyen-thong", "fb-link-1200x630", { text: "Đường dây nóng ổn định" });
    const img = new Resvg(r.svg, { font: { loadSystemFonts: false } }).render();
    const png = encodePng(img.pixels, img.width, img.height);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png[25]).toBe(6); // colour type RGBA
    expect(decode(png, img.width, img.height).equals(img.pixels as Buffer)).toBe(true);
  });

  it("keeps alpha when a pixel is not opaque", () => {
    const px = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255]);
    const png = encodePng(px, 2, 2);
    const back = decode(png, 2, 2);
    expect([...back.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(back[7]).toBe(128);
  });

  it("is what the preview path returns, at the format's true pixel size", async () => {
    const r = await renderSvg("chinh-quyen-so", "square-1080", { text: "Chính quyền số" });
    const out = svgToPng(r, 10_000);
    expect([out.width, out.height]).toEqual([1080, 1080]);
    expect(out.png.readUInt32BE(16)).toBe(1080);
  });
});

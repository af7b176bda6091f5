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
    const png = await encodePng(img.pixels, img.width, img.height);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png[25]).toBe(6); // colour type RGBA
    expect(decode(png, img.width, img.height).equals(img.pixels as Buffer)).toBe(true);
  });

  it("keeps alpha when a pixel is not opaque", async () => {
    const px = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255]);
    const png = await encodePng(px, 2, 2);
    const back = decode(png, 2, 2);
    expect([...back.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(back[7]).toBe(128);
  });

  it("shares its row buffer between images without mixing them up", async () => {
    const big = new Uint8Array(64 * 64 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256));
    const small = new Uint8Array([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]);
    const first = await encodePng(big, 64, 64);
    const second = await encodePng(small, 2, 2);
    const third = await encodePng(big, 64, 64);
    expect(decode(second, 2, 2).equals(Buffer.from(small))).toBe(true);
    expect(decode(first, 64, 64).equals(Buffer.from(big))).toBe(true);
    expect(third.equals(first)).toBe(true);
  });

  it("keeps images apart when one is encoded while another waits on the threadpool", async () => {
    // 600×600 RGBA is over the split threshold, so each encode awaits its threadpool half.
    const a = new Uint8Array(600 * 600 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) % 251));
    const b = new Uint8Array(600 * 600 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 5) % 241));
    const [pa, pb] = await Promise.all([encodePng(a, 600, 600), encodePng(b, 600, 600)]);
    expect(decode(pa, 600, 600).equals(Buffer.from(a))).toBe(true);
    expect(decode(pb, 600, 600).equals(Buffer.from(b))).toBe(true);
  });

  it("leaves print proofs over 3 MP to resvg's encoder, with the same pixels", async () => {
    const r = await renderSvg("hanh-chinh-hien-dai", "a0", { text: "Một cửa, một lần, đúng hẹn" });
    const out = await svgToPng(r, 2400);
    expect(out.height).toBe(2400);
    expect(out.width * out.height).toBeGreaterThan(3_000_000);
    const direct = new Resvg(r.svg, {
      fitTo: { mode: "height", value: 2400 },
      font: { loadSystemFonts: false },
      shapeRendering: 2,
      textRendering: 2,
    }).render();
    expect(decode(out.png, out.width, out.height).equals(direct.pixels as Buffer)).toBe(true);
  });

  it("is what the preview path returns, at the format's true pixel size", async () => {
    const r = await renderSvg("chinh-quyen-so", "square-1080", { text: "Chính quyền số" });
    const out = await svgToPng(r, 10_000);
    expect([out.width, out.height]).toEqual([1080, 1080]);
    expect(out.png.readUInt32BE(16)).toBe(1080);
  });
});

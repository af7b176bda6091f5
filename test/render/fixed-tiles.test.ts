import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { supports, TEMPLATES } from "../../templates/catalog";
import { FORMATS } from "../../templates/formats";
import { rasterize, rasterizeReusingFixed } from "../../templates/render/fixed-tiles";
import { renderSvg, svgToPng } from "../../templates/render/index.server";
import { withTestPhoto } from "../support/photo-designs-input";

const OPTS = {
  fitTo: { mode: "width", value: 900 },
  font: { loadSystemFonts: false },
  shapeRendering: 2,
} as const;

const cases = TEMPLATES.flatMap((t) =>
  FORMATS.filter((f) => supports(t, f)).map((f) => [t.id, f.id] as const),
);

describe("fixed lines' pixels reused", () => {
  it.each(cases)("%s × %s: pasted from the cache, pixel for pixel the full raster", async (t, f) => {
    const a = await renderSvg(t, f, await withTestPhoto(t, f, { text: "Một cửa, một lần, đúng hẹn" }));
    const key = `${a.fixedKey} test`;
    expect(a.fixedKey).toBeDefined();
    rasterizeReusingFixed(a.svg, a.base, key, OPTS);
    const b = await renderSvg(
      t,
      f,
      await withTestPhoto(t, f, { text: "Chuyển đổi số toàn diện — Ưu tiên Ổn định Ữ Ặ Ẫ" }),
    );
    expect(b.fixedKey).toBe(a.fixedKey);
    const reused = rasterizeReusingFixed(b.svg, b.base, key, OPTS);
    expect(reused.reused).toBe(true);
    expect(reused.pixels.equals(rasterize(b.svg, OPTS).pixels)).toBe(true);
  });

  const svg = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="#a50f15"/>${body}</svg>`;
  const fixedLine = `<path d="M20 10 L180 12 L178 30 L22 28 Z" fill="#ffe34d"/>`;
  const small = { fitTo: { mode: "width", value: 200 }, font: { loadSystemFonts: false } } as const;

  it("draws everything when this render reaches into a fixed line's band", () => {
    const far = `<circle cx="100" cy="80" r="8" fill="#fff"/>`;
    rasterizeReusingFixed(svg(far + fixedLine), svg(far), "synthetic", small);
    const near = `<circle cx="100" cy="33" r="8" fill="#fff"/>`; // overlaps the line's band
    const out = rasterizeReusingFixed(svg(near + fixedLine), svg(near), "synthetic", small);
    expect(out.reused).toBeFalsy();
    expect(out.pixels.equals(rasterize(svg(near + fixedLine), small).pixels)).toBe(true);
    // Something that stays out of the band keeps the cache in use.
    const other = `<circle cx="40" cy="75" r="10" fill="#0f0"/>`;
    const again = rasterizeReusingFixed(svg(other + fixedLine), svg(other), "synthetic", small);
    expect(again.reused).toBe(true);
    expect(again.pixels.equals(rasterize(svg(other + fixedLine), small).pixels)).toBe(true);
  });

  it("is what svgToPng returns for a screen format", async () => {
    const decode = (png: Buffer, w: number, h: number) =>
      new Resvg(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><image width="${w}" height="${h}" href="data:image/png;base64,${png.toString("base64")}"/></svg>`,
        { font: { loadSystemFonts: false } },
      ).render().pixels as Buffer;
    await svgToPng(await renderSvg("hanh-chinh-hien-dai", "fb-link-1200x630", { text: "Một cửa" }), 10_000);
    const r = await renderSvg("hanh-chinh-hien-dai", "fb-link-1200x630", { text: "Dịch vụ công trực tuyến" });
    const png = await svgToPng(r, 10_000);
    const full = rasterize(r.svg, {
      fitTo: { mode: "width", value: 1200 },
      font: { loadSystemFonts: false },
      shapeRendering: 2,
      textRendering: 2,
    });
    expect(decode(png.png, png.width, png.height).equals(full.pixels)).toBe(true);
  });
});

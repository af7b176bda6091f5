import { Resvg } from "@resvg/resvg-js";
import { cloneElement, type ReactElement } from "react";
import satori from "satori";
import { describe, expect, it } from "vitest";
import { getSatoriFonts } from "../../fonts/registry.server";
import { DESIGN_FONTS, supports, TEMPLATES } from "../../templates/catalog";
import { FORMATS } from "../../templates/formats";
import { type RenderedSvg, renderSvg } from "../../templates/render/index.server";
import { overlaysSvg } from "../../templates/render/svg.server";
import { withTestPhoto } from "../support/photo-designs-input";

const cases = TEMPLATES.flatMap((t) =>
  FORMATS.filter((f) => supports(t, f)).map((f) => [t.id, f.id] as const),
);

/** The whole design in one satori tree, fixed lines back where they stood: what renderSvg drew before. */
async function inOneTree(r: RenderedSvg): Promise<string> {
  const ground = r.design.element as ReactElement<{ layers: ReactElement[] }>;
  const layers = [...ground.props.layers];
  r.design.fixed.forEach((f, k) => {
    layers.splice(f.index + k, 0, f.element);
  });
  const drawn = await satori(cloneElement(ground, { layers }), {
    width: r.canvas.width,
    height: r.canvas.height,
    fonts: getSatoriFonts(DESIGN_FONTS),
  });
  return drawn.replace(/<\/svg>\s*$/, () => `${overlaysSvg(r.design.overlays)}</svg>`);
}

const pixels = (svg: string) =>
  new Resvg(svg, {
    fitTo: { mode: "width", value: 800 },
    font: { loadSystemFonts: false },
    shapeRendering: 2,
  }).render().pixels as Buffer;

describe("fixed text layers", () => {
  it.each(cases)(
    "%s × %s: drawn from the cache, the image is pixel for pixel the one-tree render",
    async (t, f) => {
      const first = await renderSvg(
        t,
        f,
        await withTestPhoto(t, f, { text: "Một cửa, một lần, đúng hẹn — Ưu tiên Ổn định" }),
      );
      expect(first.design.fixed.length).toBeGreaterThan(0);
      // The second render of another slogan takes the fixed lines from the cache.
      const r = await renderSvg(
        t,
        f,
        await withTestPhoto(t, f, { text: "Chuyển đổi số toàn diện vì nhân dân phục vụ" }),
      );
      expect(pixels(r.svg).equals(pixels(await inOneTree(r)))).toBe(true);
    },
  );

  it("draws a typed subtitle with the slogan, not from the cache", async () => {
    const r = await renderSvg("co-dong-truyen-thong", "fb-link-1200x630", {
      text: "Một cửa",
      subtitle: "Dòng phụ do người soạn gõ",
    });
    expect(r.design.texts.some((x) => x.label === "Dòng phụ")).toBe(true);
    expect(r.design.fixed.map((f) => JSON.parse(f.key).label)).toEqual(["Dòng cơ quan"]);
  });

  it("keeps mask ids unique when cached lines join the main tree", async () => {
    const r = await renderSvg("hanh-chinh-hien-dai", "fb-link-1200x630", { text: "Một cửa" });
    const ids = [...r.svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

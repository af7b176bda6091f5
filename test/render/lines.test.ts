import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { supports, TEMPLATES } from "../../templates/catalog";
import { FORMATS } from "../../templates/formats";
import { checkRendered, renderSvg } from "../../templates/render/index.server";
import { drawnLinesByPlacement, textPaths } from "../../templates/preflight";
import type { Box } from "../../templates/types";
import { withTestPhoto } from "../support/photo-designs-input";

// Slogans dense in stacked marks above (Ổ Ẩ Ễ Ữ Ẫ) and dots below (Ạ Ậ Ặ Ụ Ự Ị Ọ Ộ Ợ), the pairs
// that touched before: the dot of ĐOẠN over the hook of ĐỔI, MẠNH over CÁCH.
const DENSE = [
  "Lạc Phượng đoàn kết, đổi mới, phát triển bền vững",
  "Đẩy mạnh cải cách hành chính",
  "Ựa ộ ợ ị ặ ậ ụ ự ọ ạ ổ ẩ ễ ữ ẫ ỗ ẳ ỡ ở",
  "Tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
];
const MIN_CLEARANCE = 0.02;
const cases = TEMPLATES.flatMap((t) =>
  FORMATS.filter((f) => supports(t, f)).map((f) => [t.id, f.id] as const),
);

/** Each `<path>` inside a `<g>` group of satori's SVG, in document order (as `textPaths` reads them). */
function pathElements(svg: string): string[] {
  const out: string[] = [];
  for (const g of svg.matchAll(/<g>([\s\S]*?)<\/g>/g)) {
    for (const p of g[1].matchAll(/<path[^>]*\/>/g)) out.push(p[0]);
  }
  return out;
}

/**
 * Rows of ink of one drawn line, rasterised alone at `scale` px per canvas unit over `region`:
 * [first, last] row with any coverage, in canvas units.
 */
function inkRows(path: string, region: Box, scale: number): [number, number] | null {
  const w = Math.max(1, Math.round(region.width * scale));
  const h = Math.max(1, Math.round(region.height * scale));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${region.x} ${region.y} ${region.width} ${region.height}">${path.replace(/fill="[^"]*"/, 'fill="#000"')}</svg>`;
  const img = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const px = img.pixels;
  let first = -1;
  let last = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (px[(y * img.width + x) * 4 + 3] > 0) {
        if (first < 0) first = y;
        last = y;
        break;
      }
    }
  }
  if (first < 0) return null;
  return [region.y + first / scale, region.y + (last + 1) / scale];
}

describe("drawn lines are the planned lines, and marks of adjacent lines never touch", () => {
  let checked = 0;
  let smallest = Number.POSITIVE_INFINITY;
  it.each(cases)("%s × %s", async (templateId, formatId) => {
    for (const text of DENSE) {
      let r: Awaited<ReturnType<typeof renderSvg>>;
      try {
        r = await renderSvg(templateId, formatId, await withTestPhoto(templateId, formatId, { text }));
      } catch (e) {
        // A format too small for a long slogan refuses it loudly; that is the fitter's contract.
        expect((e as { code?: string }).code).toBe("TEXT_DOES_NOT_FIT");
        continue;
      }
      const texts = r.design.texts;
      const paths = textPaths(r.svg);
      const elements = pathElements(r.svg);
      expect(elements).toHaveLength(paths.length);
      const drawn = drawnLinesByPlacement(texts, paths);
      // Every drawn text path belongs to a placement, and each placement drew its planned lines.
      expect(drawn.flat()).toHaveLength(paths.length);
      for (const [i, t] of texts.entries()) expect(drawn[i], t.label).toHaveLength(t.lines.length);
      for (const [i, t] of texts.entries()) {
        if (t.lines.length < 2) continue;
        // Rasterise each line alone, so that neighbouring ink cannot hide inside it, at 200 px per
        // em over its own bounds and half an em around them: a pixel row is 0.5 % of the size.
        const scale = 200 / t.fontSize;
        const rows = drawn[i].map((box) => {
          const el = elements[paths.findIndex((p) => p.box === box)];
          const m = t.fontSize / 2;
          const region = { x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m };
          const ink = inkRows(el, region, scale);
          expect(ink).not.toBeNull();
          return ink as [number, number];
        });
        for (let l = 0; l + 1 < rows.length; l++) {
          const gap = (rows[l + 1][0] - rows[l][1]) / t.fontSize;
          smallest = Math.min(smallest, gap);
          checked++;
          expect(
            gap,
            `${t.label} lines ${l + 1}/${l + 2}: ${t.lines[l]} / ${t.lines[l + 1]}`,
          ).toBeGreaterThanOrEqual(MIN_CLEARANCE);
        }
      }
      const report = checkRendered(r);
      expect(report.errors.map((e) => e.code)).toEqual([]);
    }
  });
  it("checked line pairs across every template × format", () => {
    // The figure goes into the closing note.
    console.log(
      `line pairs checked: ${checked}, smallest clearance ${(smallest * 100).toFixed(2)} % of the font size`,
    );
    expect(checked).toBeGreaterThan(100);
  });
});

import { describe, expect, it } from "vitest";
import { contrastRatio } from "../../templates/color";
import { preflight, textInkBounds } from "../../templates/preflight";
import { renderSvg } from "../../templates/render/svg.server";

const SLOGAN = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";

async function base(template = "co-dong-truyen-thong", format = "bang-ron-1.2x10") {
  const r = await renderSvg(template, format, { text: SLOGAN });
  return { r, input: { format: r.format, canvas: r.canvas, texts: r.design.texts, svg: r.svg } };
}
const codes = (rep: ReturnType<typeof preflight>) => ({
  errors: rep.errors.map((e) => e.code),
  warnings: rep.warnings.map((e) => e.code),
});

describe("preflight", () => {
  it("passes a catalogue design as rendered", async () => {
    const { input } = await base();
    expect(preflight(input)).toMatchObject({ ok: true, errors: [] });
  });

  it("reports a glyph the font lacks", async () => {
    const { input } = await base();
    const texts = input.texts.map((t) => (t.role === "primary" ? { ...t, text: `${t.text} 中` } : t));
    const rep = preflight({ ...input, texts });
    expect(codes(rep).errors).toContain("GLYPH_MISSING");
    expect(rep.errors[0].messageVi).toContain("中");
  });

  it("checks capital height against the viewing distance", async () => {
    const { input } = await base();
    const texts = input.texts.map((t) =>
      t.role === "primary" ? { ...t, capHeight: input.canvas.minCapHeight * 0.8 } : t,
    );
    const rep = preflight({ ...input, texts });
    expect(codes(rep).errors).toEqual(["LETTER_TOO_SMALL"]);
    expect(rep.errors[0].messageVi).toMatch(/45 m/);
  });

  it("refuses contrast below 4.5:1 on the slogan", async () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
    const { input } = await base();
    const texts = input.texts.map((t) => (t.role === "primary" ? { ...t, color: "#e0463f" } : t));
    expect(codes(preflight({ ...input, texts })).errors).toEqual(["LOW_CONTRAST"]);
  });

  it("finds ink past the trim in the drawn SVG itself", async () => {
    const { input } = await base();
    const far = input.canvas.width + 50;
    const svg = input.svg.replace(
      "</svg>",
      `<g><path fill="#fff" d="M${far} 10L${far + 20} 10L${far + 20} 30Z"/></g></svg>`,
    );
    expect(textInkBounds(svg)!.x + textInkBounds(svg)!.width).toBeCloseTo(far + 20, 1);
    expect(codes(preflight({ ...input, svg })).errors).toContain("OUTSIDE_TRIM");
  });

  it("warns when text sits in the hem and grommet margin", async () => {
    const { input } = await base();
    const s = input.canvas.safe;
    const svg = input.svg.replace(
      "</svg>",
      `<g><path fill="#fff" d="M${s.x + 10} ${s.y - 8}L${s.x + 30} ${s.y - 8}L${s.x + 30} ${s.y + 5}Z"/></g></svg>`,
    );
    expect(codes(preflight({ ...input, svg })).warnings).toContain("OUTSIDE_SAFE_AREA");
  });

  it("wants 150 dpi for posters' raster elements", async () => {
    const { input } = await base("ap-phich-trang-trong", "a2");
    expect(preflight({ ...input, rasters: [{ effectiveDpi: 300 }] }).ok).toBe(true);
    expect(codes(preflight({ ...input, rasters: [{ effectiveDpi: 96 }] })).errors).toEqual([
      "LOW_RESOLUTION",
    ]);
  });
});

describe("preflight on what was drawn", () => {
  // Two drawn lines of a 100-unit font, 1 unit apart (1 %), inside one placement's box.
  const line = (y0: number, y1: number) =>
    `<g><path fill="#000" d="M10 ${y0}L390 ${y0}Q400 ${(y0 + y1) / 2} 390 ${y1}L10 ${y1}Z"/></g>`;
  async function synthetic(svgBody: string, planned: number, overlays = [] as { d: string; fill: string }[]) {
    const { input } = await base("hanh-chinh-hien-dai", "square-1080");
    const placement = {
      ...input.texts[0],
      role: "primary" as const,
      label: "Khẩu hiệu",
      text: "ĐOẠN\nĐỔI",
      lines: Array.from({ length: planned }, (_, i) => `DÒNG ${i + 1}`),
      fontSize: 100,
      capHeight: input.canvas.minCapHeight * 2,
      color: "#000000",
      background: "#ffffff",
      box: { x: 0, y: 0, width: 400, height: 300 },
    };
    const svg = `<svg width="1080" height="1080" viewBox="0 0 1080 1080" xmlns="http://www.w3.org/2000/svg">${svgBody}</svg>`;
    return preflight({ ...input, texts: [placement], svg, overlays });
  }

  it("refuses lines whose ink comes within 2 % of the size of each other (MARK_COLLISION)", async () => {
    const tight = await synthetic(line(20, 120) + line(121, 220), 2);
    expect(codes(tight).errors).toEqual(["MARK_COLLISION"]);
    expect(tight.errors[0].messageVi).toContain("dòng 1 và dòng 2");
    const clear = await synthetic(line(20, 120) + line(123, 220), 2);
    expect(codes(clear).errors).toEqual([]);
  });

  it("measures the ink of curves, not their control points", async () => {
    // The curve's control point pokes 10 units below its ink: only the ink counts.
    const curve = `<g><path fill="#000" d="M10 100Q200 140 390 100L390 20L10 20Z"/></g>`;
    const rep = await synthetic(curve + line(125, 220), 2);
    expect(codes(rep).errors).toEqual([]);
  });

  it("refuses a drawing with other lines than the plan (LINES_NOT_AS_PLANNED)", async () => {
    const rep = await synthetic(line(20, 90) + line(100, 170) + line(180, 250), 2);
    expect(codes(rep).errors).toEqual(["LINES_NOT_AS_PLANNED"]);
    expect(rep.errors[0].details).toMatchObject({ planned: 2, drawn: 3 });
  });

  it("refuses text touching a rule of the design (TEXT_TOUCHES_DECOR)", async () => {
    const rule = { d: "M0 221 H400 V225 H0 Z", fill: "#b3121b" };
    const rep = await synthetic(line(20, 120) + line(124, 220), 2, [rule]);
    expect(codes(rep).errors).toEqual(["TEXT_TOUCHES_DECOR"]);
    const away = { d: "M0 240 H400 V244 H0 Z", fill: "#b3121b" };
    expect(codes(await synthetic(line(20, 120) + line(124, 220), 2, [away])).errors).toEqual([]);
  });
});

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

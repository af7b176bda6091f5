import { describe, expect, it } from "vitest";
import { DEFAULT_BRAND } from "../../templates/brand";
import { declaresFont, formatsFor, getTemplate } from "../../templates/catalog";
import { shapeOf } from "../../templates/designs/parts";
import { isRenderError } from "../../templates/errors";
import { canvasFor, type Format } from "../../templates/formats";
import { drawnLinesByPlacement, textPaths } from "../../templates/preflight";
import { checkRendered, renderSvg } from "../../templates/render/index.server";
import type { RenderInput, Template, TemplateOptions } from "../../templates/types";
import { rejection } from "../support/errors";

// Issue 14 §4: the four text-on-colour designs offer palette variants within the brand palette,
// alignment where they allow it and a choice of their fonts; a choice they do not offer is refused.

const DESIGNS = ["co-dong-truyen-thong", "hanh-chinh-hien-dai", "chinh-quyen-so", "ap-phich-trang-trong"].map(
  getTemplate,
);
const PLAIN = "Cải cách hành chính – vì Nhân dân phục vụ";
const MARKED = "Xây dựng *chính quyền số*, phục vụ Nhân dân";

/** One format of each shape the design lays out: every layout path, a handful of renders. */
function oneOfEachShape(t: Template): Format[] {
  const seen = new Map<string, Format>();
  for (const f of formatsFor(t)) {
    const shape = `${f.kind}:${shapeOf(canvasFor(f))}`;
    if (!seen.has(shape)) seen.set(shape, f);
  }
  return [...seen.values()];
}

/**
 * Preflight errors of a render: preflight itself joins the paths of a line drawn as runs
 * (joinRunBoxes) and checks the emphasis colour's contrast.
 */
async function errorsOf(t: Template, f: Format, input: RenderInput): Promise<string[]> {
  const r = await renderSvg(t.id, f.id, input);
  return checkRendered(r).errors.map((e) => `${e.code}: ${e.messageVi}`);
}

describe("palette variants", () => {
  it.each(DESIGNS.map((t) => [t.id, t] as const))("%s offers at least two, all on the same roles", (_, t) => {
    expect(t.controls.palettes.length).toBeGreaterThanOrEqual(2);
    const roles = Object.keys(t.controls.palettes[0].colors).sort();
    expect(roles).toContain("emphasis");
    for (const p of t.controls.palettes) {
      expect(Object.keys(p.colors).sort(), p.id).toEqual(roles);
      expect(p.name).toMatch(/\p{L}/u);
    }
    expect(new Set(t.controls.palettes.map((p) => p.id)).size).toBe(t.controls.palettes.length);
  });

  it.each(DESIGNS.flatMap((t) => t.controls.palettes.map((p) => [`${t.id} ${p.id}`, t, p.id] as const)))(
    "%s passes preflight in every format, plain and with emphasis",
    async (_, t, palette) => {
      const problems: string[] = [];
      for (const f of formatsFor(t)) {
        for (const e of await errorsOf(t, f, { text: PLAIN, options: { palette } }))
          problems.push(`${f.id} ${e}`);
      }
      for (const f of oneOfEachShape(t)) {
        for (const e of await errorsOf(t, f, { text: MARKED, options: { palette } }))
          problems.push(`${f.id} * ${e}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it("paints with the chosen variant's brand colours", async () => {
    const t = getTemplate("co-dong-truyen-thong");
    for (const p of t.controls.palettes) {
      const r = await renderSvg(t.id, "fb-link-1200x630", { text: MARKED, options: { palette: p.id } });
      const slogan = r.design.texts.find((x) => x.role === "primary")!;
      expect(slogan.background).toBe(DEFAULT_BRAND.palette[p.colors.ground].rgb);
      expect(slogan.color).toBe(DEFAULT_BRAND.palette[p.colors.ink].rgb);
      expect(slogan.emphasisColor).toBe(DEFAULT_BRAND.palette[p.colors.emphasis].rgb);
      expect(r.svg).toContain(`fill="${DEFAULT_BRAND.palette[p.colors.ground].rgb}"`);
    }
  });
});

describe("font choices", () => {
  it.each(DESIGNS.map((t) => [t.id, t] as const))("%s offers two of its own fonts", (_, t) => {
    const fonts = t.controls.fonts ?? [];
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) expect(declaresFont(t, f.family, f.weight), f.id).toBe(true);
  });

  it.each(DESIGNS.flatMap((t) => (t.controls.fonts ?? []).map((f) => [`${t.id} ${f.id}`, t, f.id] as const)))(
    "%s sets the slogan in that font and passes preflight",
    async (_, t, font) => {
      const choice = t.controls.fonts!.find((f) => f.id === font)!;
      const problems: string[] = [];
      for (const f of oneOfEachShape(t)) {
        const r = await renderSvg(t.id, f.id, { text: MARKED, options: { font } });
        const slogan = r.design.texts.find((x) => x.role === "primary")!;
        expect([slogan.family, slogan.weight]).toEqual([choice.family, choice.weight]);
        for (const e of await errorsOf(t, f, { text: PLAIN, options: { font } }))
          problems.push(`${f.id} ${e}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it("without a choice the design picks per format: condensed on road banners, wide on screens", async () => {
    const slogan = async (format: string) =>
      (await renderSvg("co-dong-truyen-thong", format, { text: PLAIN })).design.texts.find(
        (x) => x.role === "primary",
      )!;
    expect((await slogan("bang-ron-1x7")).family).toBe("Oswald");
    expect((await slogan("square-1080")).family).toBe("Be Vietnam Pro");
  });
});

describe("alignment", () => {
  it("is offered where the design allows it, not on the traditional banner", () => {
    expect(getTemplate("co-dong-truyen-thong").controls.aligns ?? ["center"]).toEqual(["center"]);
    for (const id of ["hanh-chinh-hien-dai", "chinh-quyen-so"]) {
      expect(getTemplate(id).controls.aligns).toEqual(["center", "left"]);
    }
  });

  it.each([
    ["hanh-chinh-hien-dai", "fb-link-1200x630"],
    ["chinh-quyen-so", "fb-link-1200x630"],
    ["chinh-quyen-so", "bang-ron-1x7"],
  ])("%s on %s sets the slogan flush left or centred as chosen", async (id, format) => {
    const t = getTemplate(id);
    const lines = async (align: TemplateOptions["align"]) => {
      const r = await renderSvg(id, format, { text: PLAIN, options: { align } });
      expect(await errorsOf(t, r.format, { text: PLAIN, options: { align } })).toEqual([]);
      const i = r.design.texts.findIndex((x) => x.role === "primary");
      const box = r.design.texts[i].box;
      return { box, drawn: drawnLinesByPlacement(r.design.texts, textPaths(r.svg))[i] };
    };
    const left = await lines("left");
    const lefts = left.drawn.map((l) => l.x - left.box.x);
    // Flush left: every line starts at the box's edge (within a glyph's side bearing).
    for (const d of lefts) expect(d).toBeLessThan(left.box.width * 0.02);
    const centre = await lines("center");
    for (const l of centre.drawn) {
      const mid = l.x + l.width / 2 - (centre.box.x + centre.box.width / 2);
      expect(Math.abs(mid)).toBeLessThan(centre.box.width * 0.01);
    }
  });
});

describe("choices a design does not offer", () => {
  it.each([
    ["palette", { palette: "tim-hong" }, "tim-hong"],
    ["font", { font: "comic-sans" }, "comic-sans"],
    ["alignment", { align: "left" as const }, "left"],
  ])("an unknown %s is refused with INVALID_OPTIONS", async (_, options, named) => {
    const e = await rejection(
      () => renderSvg("co-dong-truyen-thong", "bang-ron-1x7", { text: PLAIN, options }),
      isRenderError,
    );
    expect(e.code).toBe("INVALID_OPTIONS");
    expect(e.messageVi).toContain(named);
  });

  it("another design's palette is refused too", async () => {
    const e = await rejection(
      () => renderSvg("chinh-quyen-so", "square-1080", { text: PLAIN, options: { palette: "do-vang" } }),
      isRenderError,
    );
    expect(e.code).toBe("INVALID_OPTIONS");
  });
});

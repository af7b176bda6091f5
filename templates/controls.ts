// The designer's choices a design allows (palette variant, alignment, slogan font), checked
// against what the design declares and resolved against the brand kit's colours.
import type { Brand } from "./brand";
import { RenderError } from "./errors";
import type { FontChoice, Template, TemplateOptions, TextAlign } from "./types";

export interface ResolvedControls {
  /** Design role → "#rrggbb" from the brand, for the chosen palette variant. */
  colors: Record<string, string>;
  paletteId: string;
  align: TextAlign;
  font?: FontChoice;
}

/**
 * The chosen (or default: the design's first) palette variant, alignment and font. Throws
 * RenderError INVALID_OPTIONS naming the choice when the design does not offer it, so a stale
 * form or a hand-written request cannot reach a combination the design was not made for.
 */
export function resolveControls(t: Template, o: TemplateOptions, brand: Brand): ResolvedControls {
  const c = t.controls;
  const variant = o.palette ? c.palettes.find((p) => p.id === o.palette) : c.palettes[0];
  if (!variant) {
    throw new RenderError("INVALID_OPTIONS", `Mẫu "${t.name}" không có phối màu "${o.palette}".`, {
      palette: o.palette,
      offered: c.palettes.map((p) => p.id),
    });
  }
  const aligns = c.aligns ?? ["center"];
  if (o.align && !aligns.includes(o.align)) {
    throw new RenderError("INVALID_OPTIONS", `Mẫu "${t.name}" không cho căn lề "${o.align}".`, {
      align: o.align,
      offered: aligns,
    });
  }
  const font = o.font ? c.fonts?.find((f) => f.id === o.font) : c.fonts?.[0];
  if (o.font && !font) {
    throw new RenderError("INVALID_OPTIONS", `Mẫu "${t.name}" không có phông chữ "${o.font}".`, {
      font: o.font,
      offered: (c.fonts ?? []).map((f) => f.id),
    });
  }
  const colors = Object.fromEntries(
    Object.entries(variant.colors).map(([role, key]) => [role, brand.palette[key].rgb]),
  );
  return { colors, paletteId: variant.id, align: o.align ?? aligns[0], font };
}

import { digital } from "./designs/digital";
import { modern } from "./designs/modern";
import { photoBackdrop } from "./designs/photo-backdrop";
import { photoHonour } from "./designs/photo-honour";
import { photoSocial } from "./designs/photo-social";
import { poster } from "./designs/poster";
import { traditional } from "./designs/traditional";
import { RenderError } from "./errors";
import { canvasFor, FORMATS, type Format } from "./formats";
import { shapeOf } from "./designs/parts";
import type { FontRef, Template } from "./types";

export const TEMPLATES: readonly Template[] = [
  traditional,
  modern,
  digital,
  poster,
  // Designs with a photo slot (decision 038).
  photoSocial,
  photoHonour,
  photoBackdrop,
];

/**
 * The fonts (family and weight) any design sets text in. Only these go to satori, which parses
 * every font it is given in full (~2 MB of RSS per file, per render thread); the registry's other
 * fonts are there for coverage and future designs.
 */
export const DESIGN_FONTS: readonly FontRef[] = [
  ...new Set(
    TEMPLATES.flatMap((t) => Object.entries(t.fonts).flatMap(([f, ws]) => ws.map((w) => `${f}|${w}`))),
  ),
]
  .sort()
  .map((k) => {
    const [family, weight] = k.split("|");
    return { family, weight: Number(weight) };
  });

export function declaresFont(t: Template, family: string, weight: number): boolean {
  return t.fonts[family]?.includes(weight) ?? false;
}

export function getTemplate(id: string): Template {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new RenderError("UNKNOWN_TEMPLATE", `Không có mẫu thiết kế "${id}".`, { id });
  return t;
}

/** Whether a design has a layout for this format: its kind, and its proportions where it limits them. */
export function supports(t: Template, f: Format): boolean {
  if (!t.kinds.includes(f.kind)) return false;
  return !t.shapes || t.shapes.includes(shapeOf(canvasFor(f)));
}

/** The formats to offer for a design, in catalogue order: exactly those it supports. */
export function formatsFor(t: Template): Format[] {
  return FORMATS.filter((f) => supports(t, f));
}

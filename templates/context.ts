import { type Brand, DEFAULT_BRAND } from "./brand";
import { resolveControls } from "./controls";
import { canvasFor, type Format } from "./formats";
import { shapeOf } from "./designs/parts";
import type { FittedPhoto } from "./photo/types";
import type { Template, TemplateContext, TemplateOptions } from "./types";

/**
 * Everything a design lays out from: the format's canvas and shape, the (cleaned) text, options
 * resolved against the design's controls and the brand (DEFAULT_BRAND when absent), and the photo
 * fitted to its slot. Throws RenderError INVALID_OPTIONS for a choice the design does not offer.
 */
export function contextFor(
  template: Template,
  format: Format,
  input: { text: string; subtitle?: string; options?: TemplateOptions },
  brand: Brand = DEFAULT_BRAND,
  photo?: FittedPhoto,
): TemplateContext {
  const options = input.options ?? {};
  const controls = resolveControls(template, options, brand);
  const canvas = canvasFor(format);
  return {
    format,
    canvas,
    shape: shapeOf(canvas),
    text: input.text,
    subtitle: input.subtitle,
    options,
    brand,
    colors: controls.colors,
    align: controls.align,
    font: controls.font,
    photo,
  };
}

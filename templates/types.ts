import type { ReactElement } from "react";
import type { Box } from "./box";
import type { Brand, BrandColorKey } from "./brand";
import type { Canvas, Format, FormatKind } from "./formats";
import type { FittedPhoto, PhotoSource, Scrim } from "./photo/types";

export type { Box } from "./box";

/** Overall proportion of the trim: each design lays out every format of a shape by its own rules. */
export type Shape = "wide" | "landscape" | "square" | "portrait" | "tall";

export interface TemplateOptions {
  /** Replaces the issuing-body line. */
  issuer?: string;
  /** URL behind the QR code (online public services by default). */
  qrUrl?: string;
  hotline?: string;
  /** Poster bullet lines (3–5). */
  bullets?: string[];
  footer?: string;
  /** Id of one of the design's palette variants (`controls.palettes`); its first when absent. */
  palette?: string;
  /** Alignment of the slogan, where the design allows a choice (`controls.aligns`). */
  align?: TextAlign;
  /** Id of one of the design's font choices (`controls.fonts`); its first when absent. */
  font?: string;
}

export type TextAlign = "center" | "left";

export interface RenderInput {
  /** The slogan; `*…*` marks a run set in the design's emphasis colour. */
  text: string;
  subtitle?: string;
  options?: TemplateOptions;
  /** The brand kit to draw with; DEFAULT_BRAND when absent (CLI, benchmarks, tests). */
  brand?: Brand;
  /** The photo for a design with a photo slot, as stored (the render crops it for the format). */
  photo?: PhotoSource;
  /**
   * The photo already cropped and sized for this template × format (templates/photo). Set by the
   * caller that prepares renders off the render threads; a render never decodes `photo` itself.
   */
  photoFit?: FittedPhoto;
}

/** Where a design put a piece of text and how: the facts preflight checks. */
export interface TextPlacement {
  role: "primary" | "secondary";
  label: string;
  text: string;
  /** The lines as drawn, one SVG path each. */
  lines: string[];
  /** Baseline-to-baseline distance, canvas units. */
  lineHeight: number;
  family: string;
  weight: number;
  fontSize: number;
  capHeight: number;
  box: Box;
  color: string;
  background: string;
  /**
   * Set when part of the text is emphasised (`*…*`): each line as the runs it is drawn in, one
   * SVG path per run, in order (see `joinRunBoxes`), with the colour of the emphasised runs, whose
   * contrast against `background` counts like `color`'s.
   */
  runs?: { text: string; emphasis: boolean }[][];
  emphasisColor?: string;
}

/** A vector shape the design draws with exact coordinates (stars, QR codes, rules). */
export interface Overlay {
  d: string;
  fill: string;
  /** Offset in canvas units, for shapes drawn at their own origin (QR codes). */
  at?: { x: number; y: number };
}

/**
 * A text layer whose paths follow from its spec alone (the design's own lines: issuer, theme,
 * captions), so each render thread draws it once and reuses the SVG. It is drawn over the design's
 * other layers and under its overlays; `index` is where it stood among the layers.
 */
export interface FixedLayer {
  key: string;
  element: ReactElement;
  index: number;
}

export interface Design {
  element: ReactElement;
  overlays: Overlay[];
  texts: TextPlacement[];
  fixed: FixedLayer[];
  /** Designs with a photo slot: where the photo went and the scrims laid over it (for preflight). */
  photo?: { slot: Box; scrims: Scrim[] };
}

/** A colour scheme a design offers: each of its colour roles filled from a brand colour. */
export interface PaletteVariant {
  id: string;
  /** Vietnamese name for the picker ("Đỏ – vàng"). */
  name: string;
  /** Design role ("ground", "ink", "emphasis", …) → brand colour slot. */
  colors: Record<string, BrandColorKey>;
}

/** One font a design lets the designer choose for its slogan. */
export interface FontChoice {
  id: string;
  name: string;
  family: string;
  weight: number;
}

/** What a design lets the designer change; the editor shows exactly these. The first of each is the default. */
export interface DesignControls {
  palettes: PaletteVariant[];
  aligns?: TextAlign[];
  fonts?: FontChoice[];
}

export interface TemplateContext {
  format: Format;
  canvas: Canvas;
  shape: Shape;
  text: string;
  subtitle?: string;
  options: TemplateOptions;
  brand: Brand;
  /** The chosen palette variant resolved: design role → "#rrggbb". */
  colors: Record<string, string>;
  /** The slogan's alignment (the chosen one, else the design's first). */
  align: TextAlign;
  /** The chosen slogan font, when the design offers a choice. */
  font?: FontChoice;
  /** The photo cropped for this slot, for designs with one. */
  photo?: FittedPhoto;
}

/** A photo slot: where the photo goes on this format, computed before the photo is cropped for it. */
export interface PhotoSlot {
  /** Vietnamese label ("Ảnh chính"). */
  label: string;
  /** The slot on the canvas (canvas units); it depends on the format and layout only, never on the photo. */
  box(ctx: Omit<TemplateContext, "photo">): Box;
  /** A design that cannot be drawn without its photo refuses to render one without (PHOTO_REQUIRED). */
  required: boolean;
}

export interface FontRef {
  family: string;
  weight: number;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  kinds: FormatKind[];
  /** Proportions the design has a layout for; all when absent. */
  shapes?: Shape[];
  /** Content items the design was made for; empty means any. */
  contentItems: string[];
  controls: DesignControls;
  /** Set for designs that carry a photo. */
  photo?: PhotoSlot;
  /** Every font (family → weights) its text is set in: satori is given these fonts and no others. */
  fonts: Record<string, number[]>;
  design(ctx: TemplateContext): Design;
}

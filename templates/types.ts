import type { ReactElement } from "react";
import type { Canvas, Format, FormatKind } from "./formats";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

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
}

export interface RenderInput {
  text: string;
  subtitle?: string;
  options?: TemplateOptions;
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
}

export interface SwatchDef {
  rgb: string;
  cmyk: [number, number, number, number];
}

export interface TemplateContext {
  format: Format;
  canvas: Canvas;
  shape: Shape;
  text: string;
  subtitle?: string;
  options: TemplateOptions;
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
  palette: SwatchDef[];
  /** Every font (family → weights) its text is set in: satori is given these fonts and no others. */
  fonts: Record<string, number[]>;
  design(ctx: TemplateContext): Design;
}

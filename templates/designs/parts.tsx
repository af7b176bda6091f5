import { LRUCache } from "lru-cache";
import { Fragment, type ReactElement } from "react";
import { getOpentypeFont } from "../../fonts/registry.server";
import type { Canvas } from "../formats";
import { type FittedText, fitText } from "../text/fit";
import { capHeightEm, lineMetrics } from "../text/measure";
import { type EmphasisText, parseEmphasis, type TextRun, upperEmphasis } from "../text/emphasis";
import type {
  Box,
  FixedLayer,
  FontRef,
  Overlay,
  Shape,
  TemplateContext,
  TextAlign,
  TextPlacement,
} from "../types";

export function unitOf(c: Canvas, screen: boolean) {
  return screen ? { perUnit: 1, name: "px" } : { perUnit: c.unitsPerMm, name: "mm" };
}

export function shapeOf(c: Canvas): Shape {
  const r = c.trim.width / c.trim.height;
  if (r >= 3) return "wide";
  if (r >= 1.25) return "landscape";
  if (r >= 0.85) return "square";
  if (r >= 0.5) return "portrait";
  return "tall";
}

/**
 * The slogan's font: the designer's choice (`options.font`, resolved into `ctx.font`) when one was
 * made, else the design's own pick for this format (`byShape`), which may differ per shape.
 */
export function sloganFont(ctx: TemplateContext, byShape: FontRef): FontRef {
  return ctx.options.font && ctx.font ? { family: ctx.font.family, weight: ctx.font.weight } : byShape;
}

/** The slogan's alignment: the designer's choice when one was made, else the design's pick for this format. */
export function sloganAlign(ctx: TemplateContext, byShape: TextAlign): TextAlign {
  return ctx.options.align ? ctx.align : byShape;
}

export function inset(b: Box, dx: number, dy = dx): Box {
  return { x: b.x + dx, y: b.y + dy, width: b.width - 2 * dx, height: b.height - 2 * dy };
}

export interface TextBlockSpec {
  role: TextPlacement["role"];
  label: string;
  text: string;
  box: Box;
  family: string;
  weight: number;
  color: string;
  /**
   * Colour of the runs the slogan marks `*…*`. The text of a primary block that is not fixed is
   * always read for markers (they are never drawn); without this colour its runs keep `color`.
   */
  emphasisColor?: string;
  background: string;
  maxLines: number;
  /** Smallest capital height (canvas units) this text may be set at. */
  minCapHeight: number;
  maxFontSize?: number;
  lineHeight?: number;
  uppercase?: boolean;
  letterSpacingEm?: number;
  align?: "center" | "left";
  unit?: { perUnit: number; name: string };
  vAlign?: "center" | "top" | "bottom";
  /**
   * The text is the design's own or comes from the asset's options, never from what is typed for
   * this render: its fit and its SVG are computed once per thread (see FixedLayer).
   */
  fixed?: boolean;
}

/** Fits of fixed lines, by spec: a few per template × format in use. */
const fixedFits = new LRUCache<string, FittedText>({ max: 256 });

export interface TextBlock {
  element: ReactElement;
  placement: TextPlacement;
  /** What the fitter set: sizes, lines, their runs and measured widths (canvas units). */
  fitted: FittedText;
  /** Set for fixed text: the spec as a key, the same for every render that draws the same line. */
  fixedKey?: string;
}

/**
 * Fits text into its box and sets each fitted line as its own no-wrap row, so satori draws exactly
 * the lines the fitter chose and can never re-wrap or clip them.
 */
export function textBlock(spec: TextBlockSpec): TextBlock {
  // Only the slogan takes emphasis: the design's own lines never carry markers.
  const marked: EmphasisText =
    spec.role === "primary" && !spec.fixed
      ? parseEmphasis(spec.text, spec.label)
      : { text: spec.text, spans: [] };
  const { text, spans } = spec.uppercase ? upperEmphasis(marked) : marked;
  const font = getOpentypeFont(spec.family, spec.weight);
  const lineHeight = spec.lineHeight ?? 1.28;
  const fixedKey = spec.fixed ? JSON.stringify(spec) : undefined;
  const fitNow = () =>
    fitText({
      text,
      font,
      width: spec.box.width,
      height: spec.box.height,
      maxLines: spec.maxLines,
      lineHeight,
      minFontSize: spec.minCapHeight / capHeightEm(font),
      maxFontSize: spec.maxFontSize ?? Number.POSITIVE_INFINITY,
      letterSpacingEm: spec.letterSpacingEm,
      emphasis: spans.length ? spans : undefined,
      label: spec.label,
      unit: spec.unit,
    });
  let fitted = fixedKey ? fixedFits.get(fixedKey) : undefined;
  if (!fitted) {
    fitted = fitNow();
    if (fixedKey) fixedFits.set(fixedKey, fitted);
  }
  const emphasised = fitted.runs?.some((l) => l.some((r) => r.emphasis)) ?? false;
  const runColor = (r: TextRun) => (r.emphasis ? (spec.emphasisColor ?? spec.color) : spec.color);
  const align = spec.align ?? "center";
  const v = spec.vAlign ?? "center";
  // The block is placed by its ink, not by its line boxes: the top of the first line's marks and
  // the bottom of the last line's dots are what must sit inside the box. satori puts a line's
  // baseline half the leading plus the ascender below the top of its line box.
  // Yoga rounds every box to whole canvas units: a pitch (whole from the fitter) and a top that
  // are whole already keep each baseline exactly where the clearance was computed.
  const { ascEm, descEm } = lineMetrics(font);
  const pitch = fitted.lineHeight;
  const baseline = (pitch - (ascEm + descEm) * fitted.fontSize) / 2 + ascEm * fitted.fontSize;
  const slack = spec.box.height - 2 * fitted.margin - fitted.blockHeight;
  const inkTop = spec.box.y + fitted.margin + (v === "center" ? slack / 2 : v === "top" ? 0 : slack);
  const top = Math.round(inkTop + fitted.ink[0].top - baseline);
  const element = (
    <div
      style={{
        position: "absolute",
        left: spec.box.x,
        top,
        width: spec.box.width,
        height: pitch * fitted.lines.length,
        display: "flex",
        flexDirection: "column",
        alignItems: align === "center" ? "center" : "flex-start",
      }}
    >
      {fitted.lines.map((line, i) => {
        const runs = fitted.runs?.[i];
        const whole = !runs || runs.length === 1;
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
            key={i}
            style={{
              display: "flex",
              // A line of several runs keeps the spaces at their edges: satori drops them under nowrap.
              whiteSpace: whole ? "nowrap" : "pre",
              flexShrink: 0,
              height: pitch,
              fontFamily: spec.family,
              fontWeight: spec.weight,
              fontSize: fitted.fontSize,
              lineHeight: `${pitch}px`,
              letterSpacing: spec.letterSpacingEm ? spec.letterSpacingEm * fitted.fontSize : undefined,
              color: runs?.length === 1 ? runColor(runs[0]) : spec.color,
            }}
          >
            {whole
              ? line
              : runs.map((r, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
                  <span key={k} style={{ color: runColor(r) }}>
                    {r.text}
                  </span>
                ))}
          </div>
        );
      })}
    </div>
  );
  return {
    element,
    fixedKey,
    fitted,
    placement: {
      role: spec.role,
      label: spec.label,
      text,
      lines: fitted.lines,
      lineHeight: pitch,
      family: spec.family,
      weight: spec.weight,
      fontSize: fitted.fontSize,
      capHeight: fitted.capHeight,
      box: spec.box,
      color: spec.color,
      background: spec.background,
      ...(emphasised ? { runs: fitted.runs, emphasisColor: spec.emphasisColor ?? spec.color } : {}),
    },
  };
}

const f = (n: number) => Number(n.toFixed(2));

/** A five-pointed star (the flag's star) as a path centred on (cx, cy). */
export function starPath(cx: number, cy: number, r: number): string {
  const inner = r * 0.382;
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? r : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${f(cx + rad * Math.cos(a))} ${f(cy + rad * Math.sin(a))}`);
  }
  return `M${pts.join(" L")} Z`;
}

export function rectPath(b: Box): string {
  return `M${f(b.x)} ${f(b.y)} H${f(b.x + b.width)} V${f(b.y + b.height)} H${f(b.x)} Z`;
}

/** Absolutely positioned plain rectangle (bands, panels). */
export function Rect({ box, color, radius }: { box: Box; color: string; radius?: number }) {
  return (
    <div
      style={{
        position: "absolute",
        left: box.x,
        top: box.y,
        width: box.width,
        height: box.height,
        background: color,
        borderRadius: radius,
        display: "flex",
      }}
    />
  );
}

/** Full-bleed canvas root. */
export function Ground({
  canvas,
  background,
  layers,
}: {
  canvas: Canvas;
  background: string;
  layers: ReactElement[];
}) {
  return (
    <div
      style={{
        display: "flex",
        position: "relative",
        width: canvas.width,
        height: canvas.height,
        background,
      }}
    >
      {layers.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: layers never reorder
        <Fragment key={i}>{c}</Fragment>
      ))}
    </div>
  );
}

/**
 * What every design collects while it lays out: layers for satori, fixed text layers, vector
 * overlays, and text facts for preflight.
 */
export function designKit(ctx: TemplateContext) {
  const overlays: Overlay[] = [];
  const texts: TextPlacement[] = [];
  const layers: ReactElement[] = [];
  const fixed: FixedLayer[] = [];
  const add = (b: TextBlock) => {
    if (b.fixedKey) fixed.push({ key: b.fixedKey, element: b.element, index: layers.length });
    else layers.push(b.element);
    texts.push(b.placement);
  };
  return { overlays, texts, layers, fixed, add, unit: unitOf(ctx.canvas, ctx.format.kind === "screen") };
}

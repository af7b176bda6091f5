// Pieces the photo designs share: the fitted photo in its slot, the brand's logo at its own
// aspect, logo + issuer lockups, and scrims (flat colour laid over the photo under text) whose
// alpha comes from the photo's own pixels (templates/photo/contrast), so text over a photo keeps
// 4.5:1 on every pixel under it.
import type { ReactElement } from "react";
import { getOpentypeFont } from "../../fonts/registry.server";
import type { BrandLogo } from "../brand";
import { issuerOf } from "../brand";
import { scrimFor } from "../photo/contrast";
import type { FocalPoint, Scrim } from "../photo/types";
import { forDrawing } from "../text/clean";
import { measureEm } from "../text/measure";
import type { Box, TemplateContext } from "../types";
import { Rect, type TextBlock, type TextBlockSpec, textBlock } from "./parts";

/**
 * The photo drawn into `slot` (canvas units). The fitted photo has the slot's aspect already, so it
 * is drawn at the slot's size; a design laid out without a photo (font and coverage scans call
 * `design` directly; renderSvg refuses a required slot without one) shows a flat `placeholder`.
 */
export function PhotoLayer({
  ctx,
  slot,
  placeholder,
}: {
  ctx: TemplateContext;
  slot: Box;
  placeholder: string;
}): ReactElement {
  if (!ctx.photo) return <Rect box={slot} color={placeholder} />;
  return (
    <img
      src={ctx.photo.dataUri}
      width={slot.width}
      height={slot.height}
      alt=""
      style={{ position: "absolute", left: slot.x, top: slot.y, width: slot.width, height: slot.height }}
    />
  );
}

/**
 * The focal point as a fraction of the slot (0–1 from its top left), where the crop put it; null
 * without a photo. Layouts use it to keep bands off the subject.
 */
export function focusInSlot(ctx: TemplateContext): FocalPoint | null {
  const p = ctx.photo;
  if (!p) return null;
  return {
    x: (p.focus.x * p.source.width - p.crop.x) / p.crop.width,
    y: (p.focus.y * p.source.height - p.crop.y) / p.crop.height,
  };
}

/** The logo's drawn size inside `maxWidth` × `maxHeight` at its own aspect; null when the brand has none. */
export function logoSize(
  logo: BrandLogo | undefined,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } | null {
  if (!logo || logo.width <= 0 || logo.height <= 0) return null;
  const k = Math.min(maxWidth / logo.width, maxHeight / logo.height);
  return { width: logo.width * k, height: logo.height * k };
}

/** The brand's logo (SVG or PNG data: URI) drawn at `box`, which has the logo's aspect (see logoSize). */
export function LogoImage({ logo, box }: { logo: BrandLogo; box: Box }): ReactElement {
  return (
    <img
      src={logo.dataUri}
      width={box.width}
      height={box.height}
      alt=""
      style={{ position: "absolute", left: box.x, top: box.y, width: box.width, height: box.height }}
    />
  );
}

/**
 * The issuing body as a design prints it: the asset's own issuer line when set (issuerOf), else
 * every line of the brand kit's issuer (the body above, then the body itself), one per row.
 */
export function issuerText(ctx: TemplateContext): string {
  return ctx.options.issuer ? issuerOf(ctx.brand, ctx.options.issuer) : ctx.brand.issuerLines.join("\n");
}

/** Widest drawn line of a fitted block, canvas units. */
function inkWidth(b: TextBlock, spec: TextBlockSpec): number {
  const font = getOpentypeFont(spec.family, spec.weight);
  const em = (l: string) => measureEm(font, forDrawing(l), spec.letterSpacingEm ?? 0);
  return Math.max(...b.placement.lines.map((l) => em(l) * b.placement.fontSize));
}

/**
 * A text block whose box is shrunk to the width its lines take (so a chip or a centred lockup can
 * be drawn around it, and preflight checks only what lies under the text). `spec.box` is the most
 * room it may take; the result keeps its left edge, or its centre when `spec.align` is "center".
 */
export function snugTextBlock(spec: TextBlockSpec): TextBlock {
  const trial = textBlock(spec);
  // A hair of slack: the refit must find the same lines at the same size.
  const w = Math.min(spec.box.width, inkWidth(trial, spec) * 1.02 + 1);
  const x = spec.align === "center" ? spec.box.x + (spec.box.width - w) / 2 : spec.box.x;
  const snug = textBlock({ ...spec, box: { ...spec.box, x, width: w } });
  return snug.placement.fontSize === trial.placement.fontSize ? snug : trial;
}

/**
 * The least box height (canvas units) at which `spec` still sets the same lines at the same size
 * as in `spec.box`: lets a design stack blocks by what they take, not by the room they were given.
 */
export function snugHeight(spec: TextBlockSpec): number {
  const full = textBlock(spec).placement;
  // Lines' pitch plus what stacked marks and dots reach beyond it, and the fitter's clear margin.
  const h = Math.min(spec.box.height, full.lines.length * full.lineHeight + full.fontSize * 0.5);
  const tight = textBlock({ ...spec, box: { ...spec.box, height: h } }).placement;
  return tight.fontSize === full.fontSize && tight.lines.length === full.lines.length ? h : spec.box.height;
}

export interface Lockup {
  /** The logo's box, when the brand has a logo. */
  logo: Box | null;
  text: TextBlock;
  /** Logo and text together, canvas units. */
  bounds: Box;
}

/**
 * Logo and a text block side by side in `box`: the logo as tall as `logoHeight` (at most the box's
 * height), the text to its right in the rest, the pair left-aligned or centred in the box as
 * `spec.align` says. Without a logo the text takes the whole box. `spec.box` is ignored.
 */
export function lockup(
  ctx: TemplateContext,
  box: Box,
  logoHeight: number,
  spec: Omit<TextBlockSpec, "box">,
): Lockup {
  const size = logoSize(ctx.brand.logo, box.width * 0.3, Math.min(logoHeight, box.height));
  const gap = size ? size.height * 0.22 : 0;
  const textRoom = {
    ...box,
    x: box.x + (size ? size.width + gap : 0),
    width: box.width - (size ? size.width + gap : 0),
  };
  const first = snugTextBlock({ ...spec, box: textRoom, align: "left" });
  const textW = first.placement.box.width;
  const total = (size ? size.width + gap : 0) + textW;
  const left = spec.align === "center" ? box.x + (box.width - total) / 2 : box.x;
  const text =
    left === box.x
      ? first
      : textBlock({
          ...spec,
          align: "left",
          box: { ...first.placement.box, x: left + (size ? size.width + gap : 0) },
        });
  const logo = size
    ? { x: left, y: box.y + (box.height - size.height) / 2, width: size.width, height: size.height }
    : null;
  return { logo, text, bounds: { x: left, y: box.y, width: total, height: box.height } };
}

/**
 * One scrim over `band` (canvas units), the colour `color`, with the least alpha at which every
 * text colour listed keeps 4.5:1 on every photo pixel under its box (scrimFor on the fitted photo),
 * and never less than `floorAlpha` (the band must read as a band). Without a photo (layout scans)
 * the band is drawn at `fallbackAlpha`.
 */
export function scrimOver(
  ctx: TemplateContext,
  band: Box,
  color: string,
  texts: { box: Box; colors: string[] }[],
  floorAlpha: number,
  fallbackAlpha = 0.7,
): Scrim {
  const photo = ctx.photo;
  if (!photo) return { box: band, color, alpha: fallbackAlpha };
  let alpha = floorAlpha;
  for (const t of texts) {
    for (const c of t.colors) alpha = Math.max(alpha, scrimFor(photo, t.box, c, { color }).alpha);
  }
  return { box: band, color, alpha: Math.min(1, alpha) };
}

/** A scrim as satori draws it: a flat rectangle at the scrim's alpha (PDF: a fill with /ca). */
export function ScrimLayer({ scrim, radius }: { scrim: Scrim; radius?: number }): ReactElement {
  const b = scrim.box;
  return (
    <div
      style={{
        position: "absolute",
        left: b.x,
        top: b.y,
        width: b.width,
        height: b.height,
        background: scrim.color,
        opacity: scrim.alpha,
        borderRadius: radius,
        display: "flex",
      }}
    />
  );
}

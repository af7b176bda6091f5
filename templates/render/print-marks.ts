// Crop marks and the slug line, drawn in the slug area outside the bleed. Everything is computed in
// millimetres from the page's lower-left corner and converted to PDF user units at the end, so the
// same code serves an A3 poster (1 unit = 1 pt), a 10 m banner (UserUnit 2) and its 1:10 file
// (1 unit = 10 pt of the printed banner): marks, slug and QR scale with the page.
import type opentype from "opentype.js";
import { getOpentypeFont } from "../../fonts/registry.server";
import { REGISTRATION_STROKE } from "./cmyk";
import { scaleNoteVi } from "./print-scale";
import { qrMatrix, qrPdfOps, QR_QUIET_ZONE } from "./qr";

export interface SlugInfo {
  assetCode: string;
  formatLabel: string;
  /** The version's number or name ("2"); the slug line writes "Phiên bản 2". */
  version?: string;
  date: string;
  approval?: string;
  verifyCode?: string;
  verifyUrl?: string;
  /**
   * Denominator of a scaled print file (10 for 1:10); absent or 1 for the true-size file. The slug
   * then opens with the scale, so whoever opens the file knows to enlarge it.
   */
  scale?: number;
}

export interface MarksGeometry {
  trimWidthMm: number;
  trimHeightMm: number;
  bleedMm: number;
  slugMm: number;
}

/**
 * How much bigger marks and slug text get on large formats: 1 up to A0, 2 from about 4.8 m.
 * Square root, because a banner is read from further away but not proportionally further.
 */
export function markScale(trimWidthMm: number, trimHeightMm: number): number {
  const s = Math.sqrt(Math.max(trimWidthMm, trimHeightMm) / 1189);
  return Math.min(2, Math.max(1, s));
}

/** 12 mm on posters, up to 24 mm on banners so the marks and the QR code stay usable. */
export function defaultSlugMm(trimWidthMm: number, trimHeightMm: number): number {
  return Math.round(12 * markScale(trimWidthMm, trimHeightMm) * 10) / 10;
}

export const MIN_SLUG_MM = 5;

export interface MarkMetrics {
  /** Distance from the bleed edge to where each mark starts. */
  offsetMm: number;
  lengthMm: number;
  lineWidthPt: number;
  /** Target cap height of the slug text. */
  capHeightMm: number;
}

export function markMetrics(g: MarksGeometry): MarkMetrics {
  const s = markScale(g.trimWidthMm, g.trimHeightMm);
  // Never touch the bleed: start 3 mm (scaled) beyond it, end 1 mm short of the page edge.
  const offsetMm = Math.min(3 * s, g.slugMm * 0.3);
  const lengthMm = Math.max(1, Math.min(8 * s, g.slugMm - offsetMm - 1));
  return {
    offsetMm,
    lengthMm,
    lineWidthPt: 0.25 * s * s,
    capHeightMm: Math.max(2.5, 0.3 * g.slugMm),
  };
}

const f = (v: number) => {
  const r = Math.round(v * 10000) / 10000;
  return r === 0 ? "0" : String(r);
};
// Glyph scales are tiny (font units → user units: ~0.0014 on a 1:10 file), where four decimals
// would be up to a 4 % size error: six significant digits instead. PDF numbers take no exponent, and
// String() writes none from 1e-6 up (glyph scales stay above 1e-5 even at 1:100).
const sig = (v: number) => String(Number(v.toPrecision(6)));

// Roboto Condensed: narrow (long slugs fit A3) with full Vietnamese coverage; Be Vietnam Pro as a
// fallback for any character it lacks.
let fonts: opentype.Font[] | null = null;
function slugFonts(): opentype.Font[] {
  if (!fonts) fonts = [getOpentypeFont("Roboto Condensed", 400), getOpentypeFont("Be Vietnam Pro", 500)];
  return fonts;
}

function capRatio(font: opentype.Font): number {
  const os2 = (font.tables as { os2?: { sCapHeight?: number } }).os2;
  return (os2?.sCapHeight || font.unitsPerEm * 0.7) / font.unitsPerEm;
}

interface Shaped {
  glyph: opentype.Glyph;
  font: opentype.Font;
}

function shape(text: string): Shaped[] {
  const [primary, ...rest] = slugFonts();
  const out: Shaped[] = [];
  for (const ch of text.normalize("NFC")) {
    let font = primary;
    let glyph = primary.charToGlyph(ch);
    if (glyph.index === 0 && !/\s/.test(ch)) {
      for (const alt of rest) {
        const g = alt.charToGlyph(ch);
        if (g.index !== 0) {
          font = alt;
          glyph = g;
          break;
        }
      }
    }
    out.push({ glyph, font });
  }
  return out;
}

/** Width in mm of shaped text whose primary font has the given cap height. */
function textWidthMm(shaped: Shaped[], capMm: number): number {
  const size = capMm / capRatio(slugFonts()[0]);
  let w = 0;
  for (const s of shaped) w += ((s.glyph.advanceWidth ?? 0) * size) / s.font.unitsPerEm;
  return w;
}

/** Defines a reusable form XObject (content, BBox) and returns its resource name. */
export type GlyphFormDefiner = (ops: string, bbox: [number, number, number, number]) => string;

interface GlyphOutline {
  ops: string;
  bbox: [number, number, number, number];
}

const outlines = new WeakMap<opentype.Font, Map<number, GlyphOutline | null>>();
const r1 = (v: number) => {
  const r = Math.round(v * 10) / 10;
  return r === 0 ? "0" : String(r);
};

/**
 * A glyph's outline in font units, y up: near-integer coordinates compress far better than page
 * coordinates, and each glyph is converted once per process. Per-glyph getPath (not font.getPath
 * on the string): opentype.js 2 throws on this family's ccmp lookup when shaping whole strings.
 */
function glyphOutline(font: opentype.Font, glyph: opentype.Glyph): GlyphOutline | null {
  let perFont = outlines.get(font);
  if (!perFont) {
    perFont = new Map();
    outlines.set(font, perFont);
  }
  const hit = perFont.get(glyph.index);
  if (hit !== undefined) return hit;
  const path = glyph.getPath(0, 0, font.unitsPerEm);
  const ops: string[] = [];
  let cx = 0;
  let cy = 0;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  // opentype.js paths are y-down; PDF is y-up.
  const pt = (x: number, y: number) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, -y);
    maxY = Math.max(maxY, -y);
    return `${r1(x)} ${r1(-y)}`;
  };
  for (const c of path.commands) {
    switch (c.type) {
      case "M":
        ops.push(`${pt(c.x, c.y)} m`);
        cx = c.x;
        cy = c.y;
        break;
      case "L":
        ops.push(`${pt(c.x, c.y)} l`);
        cx = c.x;
        cy = c.y;
        break;
      case "C":
        ops.push(`${pt(c.x1, c.y1)} ${pt(c.x2, c.y2)} ${pt(c.x, c.y)} c`);
        cx = c.x;
        cy = c.y;
        break;
      case "Q": {
        const x1 = cx + (2 / 3) * (c.x1 - cx);
        const y1 = cy + (2 / 3) * (c.y1 - cy);
        const x2 = c.x + (2 / 3) * (c.x1 - c.x);
        const y2 = c.y + (2 / 3) * (c.y1 - c.y);
        ops.push(`${pt(x1, y1)} ${pt(x2, y2)} ${pt(c.x, c.y)} c`);
        cx = c.x;
        cy = c.y;
        break;
      }
      case "Z":
        ops.push("h");
        break;
    }
  }
  const out = ops.length
    ? { ops: `${ops.join("\n")}\nf`, bbox: [minX, minY, maxX, maxY] as GlyphOutline["bbox"] }
    : null;
  perFont.set(glyph.index, out);
  return out;
}

/**
 * Slug text as filled glyph outlines (no font resources). With a definer, each distinct glyph is
 * one form XObject drawn by reference; without, outlines are inlined.
 */
function textOps(
  shaped: Shaped[],
  xMm: number,
  baselineMm: number,
  capMm: number,
  k: number,
  define?: GlyphFormDefiner,
  names?: Map<string, string>,
): string {
  const size = capMm / capRatio(slugFonts()[0]);
  const ops: string[] = [];
  let x = xMm;
  for (const s of shaped) {
    const o = glyphOutline(s.font, s.glyph);
    if (o) {
      const scale = (size / s.font.unitsPerEm) * k;
      const cm = `q ${sig(scale)} 0 0 ${sig(scale)} ${f(x * k)} ${f(baselineMm * k)} cm`;
      if (define && names) {
        const key = `${s.font.names.fullName?.en ?? ""}#${s.glyph.index}`;
        let name = names.get(key);
        if (!name) {
          name = define(o.ops, o.bbox);
          names.set(key, name);
        }
        ops.push(`${cm} /${name} Do Q`);
      } else {
        ops.push(cm, o.ops, "Q");
      }
    }
    x += ((s.glyph.advanceWidth ?? 0) * size) / s.font.unitsPerEm;
  }
  return ops.join("\n");
}

/**
 * The slug line's pieces in print order: `main` (scale note of a scaled file, asset code, format,
 * version, date) and `tail` (approval note, verify code), which moves to the head strip when the
 * whole line does not fit the foot.
 */
export function slugSegments(slug: SlugInfo): { main: string[]; tail: string[] } {
  const clean = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
  const main = [clean(slug.assetCode), clean(slug.formatLabel)];
  // First, where the eye starts: a 1:10 file printed at 100 % is a banner a tenth of its size.
  if (slug.scale && slug.scale > 1) main.unshift(scaleNoteVi(slug.scale));
  // `version` is the version's name ("2"); a caller that already wrote "Phiên bản 2" keeps one label.
  if (slug.version) main.push(`Phiên bản ${clean(slug.version).replace(/^phiên bản\s*/iu, "")}`);
  main.push(`Ngày ${clean(slug.date)}`);
  const tail: string[] = [];
  if (slug.approval) tail.push(clean(slug.approval));
  // Same words as the verify page's field, which the approval note tells the printer to check.
  if (slug.verifyCode) tail.push(`Mã xác minh ${clean(slug.verifyCode)}`);
  return { main: main.filter(Boolean), tail: tail.filter(Boolean) };
}

const SEP = "  ·  ";

export interface MarksResult {
  ops: string;
  /** Lines actually printed, for tests and the preflight report. */
  lines: string[];
  capHeightMm: number;
  qr: { xMm: number; yMm: number; sideMm: number } | null;
}

/**
 * Operators for crop marks, slug text and the verify QR code, in page user units where `k` is user
 * units per millimetre. The page's lower-left corner is the origin.
 */
export function printMarksOps(
  g: MarksGeometry,
  slug: SlugInfo,
  k: number,
  defineGlyph?: GlyphFormDefiner,
): MarksResult {
  const m = markMetrics(g);
  const { slugMm: S, bleedMm: B } = g;
  const left = S + B;
  const bottom = S + B;
  const right = left + g.trimWidthMm;
  const top = bottom + g.trimHeightMm;
  const ops: string[] = ["q", REGISTRATION_STROKE, `${f(m.lineWidthPt * (25.4 / 72) * k)} w`, "0 J"];
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    ops.push(`${f(x1 * k)} ${f(y1 * k)} m ${f(x2 * k)} ${f(y2 * k)} l`);
  const o = B + m.offsetMm;
  const L = m.lengthMm;
  for (const x of [left, right]) {
    line(x, bottom - o, x, bottom - o - L);
    line(x, top + o, x, top + o + L);
  }
  for (const y of [bottom, top]) {
    line(left - o, y, left - o - L, y);
    line(right + o, y, right + o + L, y);
  }
  ops.push("S", "Q");

  // Slug text in 100 % K rather than registration: small type on four plates blurs with any
  // misregistration.
  const { main, tail } = slugSegments(slug);
  const gap = Math.max(3, m.offsetMm);
  const textX = left + gap;
  let qr: MarksResult["qr"] = null;
  let textRight = right - gap;
  const qrOps: string[] = [];
  if (slug.verifyUrl) {
    // Box including the quiet zone fills the strip height; the quiet zone keeps the bleed
    // artwork above it from touching the symbol.
    const box = S - 0.5;
    const n = qrMatrix(slug.verifyUrl).size;
    const side = (box * n) / (n + 2 * QR_QUIET_ZONE);
    const inset = (box * QR_QUIET_ZONE) / (n + 2 * QR_QUIET_ZONE);
    const boxX = right - gap - box;
    const boxY = 0.25;
    qr = { xMm: boxX + inset, yMm: boxY + inset, sideMm: side };
    qrOps.push(qrPdfOps(slug.verifyUrl, (boxX + inset) * k, (boxY + inset) * k, side * k, "0 0 0 1 k"));
    textRight = boxX - gap;
  }
  const avail = textRight - textX;
  const topAvail = right - gap - textX;
  let cap = m.capHeightMm;
  const minCap = Math.min(cap, 1.5);
  const all = [...main, ...tail].join(SEP);
  const placed: Array<{ text: string; y: "bottom" | "top" }> = [];
  if (textWidthMm(shape(all), cap) <= avail || tail.length === 0) {
    placed.push({ text: all, y: "bottom" });
  } else {
    // Too long for one strip: asset facts at the foot, approval and verify code at the head.
    placed.push({ text: main.join(SEP), y: "bottom" }, { text: tail.join(SEP), y: "top" });
  }
  // Shrink (never clip) until every line fits its strip.
  for (const p of placed) {
    const w = textWidthMm(shape(p.text), cap);
    const room = p.y === "bottom" ? avail : topAvail;
    if (w > room) cap = Math.max(minCap, (cap * room) / w);
  }
  for (const p of placed) {
    const w = textWidthMm(shape(p.text), cap);
    const room = p.y === "bottom" ? avail : topAvail;
    if (w > room) cap = (cap * room) / w;
  }
  // Vietnamese stacked marks reach ~1.3 cap heights; dot-below ~0.25 below the baseline.
  const baseInStrip = S / 2 - 0.55 * cap;
  const textOpsAll: string[] = ["0 0 0 1 k"];
  const names = new Map<string, string>();
  for (const p of placed) {
    const baseline = (p.y === "bottom" ? 0 : top + B) + baseInStrip;
    textOpsAll.push(textOps(shape(p.text), textX, baseline, cap, k, defineGlyph, names));
  }
  return {
    ops: [...ops, "q", ...textOpsAll, ...qrOps, "Q"].join("\n"),
    lines: placed.map((p) => p.text),
    capHeightMm: cap,
    qr,
  };
}

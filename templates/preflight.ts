import { getOpentypeFont } from "../fonts/registry.server";
import type { Canvas, Format } from "./formats";
import { contrastRatio } from "./color";
import { type TextNoticeCode, forDrawing } from "./text/clean";
import { missingGlyphs } from "./text/measure";
import { parsePathData } from "./render/svg-pdf";
import { contrastOnPhoto } from "./photo/contrast";
import { joinRunBoxes } from "./text/emphasis";
import { focusInside, focusOnCanvas } from "./photo/crop";
import type { FittedPhoto, Scrim } from "./photo/types";
import type { Box, Overlay, TextPlacement } from "./types";

export type PreflightCode =
  | "GLYPH_MISSING"
  | "LETTER_TOO_SMALL"
  | "LOW_CONTRAST"
  | "OUTSIDE_TRIM"
  | "OUTSIDE_SAFE_AREA"
  | "LOW_RESOLUTION"
  | "LINES_NOT_AS_PLANNED"
  | "MARK_COLLISION"
  | "TEXT_TOUCHES_DECOR"
  /** The photo's crop lost its focal point (a guard: cropAround never does), or the trim cuts it. */
  | "PHOTO_FOCUS_CUT"
  | TextNoticeCode;

export interface PreflightIssue {
  code: PreflightCode;
  messageVi: string;
  details?: Record<string, unknown>;
}

export interface PreflightReport {
  ok: boolean;
  errors: PreflightIssue[];
  warnings: PreflightIssue[];
  /** Designs with a photo: the facts of its fit, for the version page. */
  photo?: PhotoFacts;
}

/** What a photo became in a render: for showing, not for checking again. */
export interface PhotoFacts {
  /** The stored photo's pixels and the crop taken from it (source pixels). */
  source: { width: number; height: number };
  crop: Box;
  /** Print: pixels per inch of the crop at the printed size, and what the format needs; null on screens. */
  effectivePpi: number | null;
  requiredPpi: number | null;
  /** Print: the slot's printed size in mm; null on screens. */
  printedMm: { width: number; height: number } | null;
  /** Screens: how much the crop is enlarged to fill the slot (1 = not at all); null in print. */
  upscale: number | null;
}

export interface RasterUse {
  label?: string;
  effectiveDpi: number;
  /** The embedded image's pixels, when known (a raster of the photo's size is the photo itself). */
  widthPx?: number;
  heightPx?: number;
}

/** The photo of a design with a photo slot, as fitted, and the scrims the design laid over it. */
export interface PreflightPhoto {
  fit: FittedPhoto;
  scrims: Scrim[];
}

export interface PreflightInput {
  format: Format;
  canvas: Canvas;
  texts: TextPlacement[];
  /** The design's vector shapes (rules, stars, QR codes): no text may touch them. */
  overlays?: Overlay[];
  svg: string;
  rasters?: RasterUse[];
  photo?: PreflightPhoto;
}

export const MIN_CONTRAST = 4.5;
/** A screen photo enlarged more than this to fill its slot looks soft: a warning. */
export const MAX_SCREEN_UPSCALE = 1.5;

/** Raster resolution a format needs at its viewing distance: posters are read up close. */
export function requiredDpi(format: Format): number {
  if (format.kind === "screen") return 0;
  if (format.kind === "poster") return 150;
  return Math.max(30, Math.round(150 / Math.max(1, format.viewingDistanceM / 3)));
}

/** One run of text satori drew: a path of glyph outlines inside a `<g>` group. */
export interface DrawnTextPath {
  /** Bounds of the ink (curve extrema, not control points), canvas units. */
  box: Box;
  fill: string;
}

/**
 * The glyph outlines satori drew (its text runs are the paths inside <g> groups, one per drawn
 * line), so checks are made on what will print, not on what the layout intended. A hand scanner,
 * not a regex: it runs on every live preview, over SVGs of a few hundred kilobytes.
 */
export function textPaths(svg: string): DrawnTextPath[] {
  const out: DrawnTextPath[] = [];
  let from = 0;
  for (;;) {
    const g = svg.indexOf("<g>", from);
    if (g < 0) break;
    const gEnd = svg.indexOf("</g>", g);
    if (gEnd < 0) break;
    let p = svg.indexOf("<path", g);
    while (p >= 0 && p < gEnd) {
      const tagEnd = svg.indexOf(">", p);
      const fillAt = svg.indexOf(' fill="', p);
      const fill = fillAt >= 0 && fillAt < tagEnd ? svg.slice(fillAt + 7, svg.indexOf('"', fillAt + 7)) : "";
      const dAt = svg.indexOf(' d="', p);
      if (dAt < 0 || dAt > tagEnd) {
        p = svg.indexOf("<path", tagEnd);
        continue;
      }
      const box = pathDataBounds(svg, dAt + 4, svg.indexOf('"', dAt + 4));
      if (box) out.push({ box, fill });
      p = svg.indexOf("<path", tagEnd);
    }
    from = gEnd + 4;
  }
  return out;
}

/**
 * Exact bounds of satori's glyph path data between `i` and `end`: absolute M, L, Q, C and Z, the
 * commands satori writes; a quadratic or cubic segment adds its extrema, not its control points,
 * so the box is the ink's own. Any other command ends the scan (the box then covers what came before).
 */
function pathDataBounds(svg: string, i: number, end: number): Box | null {
  const b = {
    minX: Number.POSITIVE_INFINITY,
    minY: Number.POSITIVE_INFINITY,
    maxX: -Infinity,
    maxY: -Infinity,
  };
  const add = (x: number, y: number) => {
    if (x < b.minX) b.minX = x;
    if (x > b.maxX) b.maxX = x;
    if (y < b.minY) b.minY = y;
    if (y > b.maxY) b.maxY = y;
  };
  const nums: number[] = [];
  let cmd = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const flush = () => {
    const arity = cmd === 77 || cmd === 76 ? 2 : cmd === 81 ? 4 : cmd === 67 ? 6 : 0;
    if (!arity) return;
    for (let k = 0; k + arity <= nums.length; k += arity) {
      const a = nums.slice(k, k + arity);
      if (cmd === 81) {
        quadExtrema(cx, a[0], a[2], (t, v) => add(v, bezier2(cy, a[1], a[3], t)));
        quadExtrema(cy, a[1], a[3], (t, v) => add(bezier2(cx, a[0], a[2], t), v));
      } else if (cmd === 67) {
        cubicExtrema(cx, a[0], a[2], a[4], (t) =>
          add(bezier3(cx, a[0], a[2], a[4], t), bezier3(cy, a[1], a[3], a[5], t)),
        );
        cubicExtrema(cy, a[1], a[3], a[5], (t) =>
          add(bezier3(cx, a[0], a[2], a[4], t), bezier3(cy, a[1], a[3], a[5], t)),
        );
      }
      cx = a[arity - 2];
      cy = a[arity - 1];
      add(cx, cy);
      if (cmd === 77 && k === 0) {
        sx = cx;
        sy = cy;
      }
    }
    nums.length = 0;
  };
  while (i < end) {
    const c = svg.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
      // Parsed in place: slicing a string per number dominated the check on large posters.
      let j = i;
      let neg = false;
      if (c === 45) {
        neg = true;
        j++;
      }
      let v = 0;
      let d = svg.charCodeAt(j);
      while (d >= 48 && d <= 57) {
        v = v * 10 + (d - 48);
        d = svg.charCodeAt(++j);
      }
      if (d === 46) {
        let scale = 0.1;
        d = svg.charCodeAt(++j);
        while (d >= 48 && d <= 57) {
          v += (d - 48) * scale;
          scale /= 10;
          d = svg.charCodeAt(++j);
        }
      }
      if (d === 101 || d === 69) {
        let k = j + 1;
        let eneg = false;
        if (svg.charCodeAt(k) === 45 || svg.charCodeAt(k) === 43) eneg = svg.charCodeAt(k++) === 45;
        let e = 0;
        while (svg.charCodeAt(k) >= 48 && svg.charCodeAt(k) <= 57) e = e * 10 + (svg.charCodeAt(k++) - 48);
        v *= 10 ** (eneg ? -e : e);
        j = k;
      }
      nums.push(neg ? -v : v);
      i = j > i ? j : i + 1;
    } else if (c >= 65 && c <= 90 && c !== 69) {
      flush();
      cmd = c;
      if (c === 90) {
        cx = sx;
        cy = sy;
      }
      i++;
    } else if (c >= 97 && c <= 122 && c !== 101) {
      // satori writes absolute commands only: a relative one is not a glyph of ours
      break;
    } else i++;
  }
  flush();
  if (!Number.isFinite(b.minX)) return null;
  return { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY };
}

const bezier2 = (p0: number, p1: number, p2: number, t: number) =>
  (1 - t) * (1 - t) * p0 + 2 * (1 - t) * t * p1 + t * t * p2;
const bezier3 = (p0: number, p1: number, p2: number, p3: number, t: number) =>
  (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t * t * p2 + t ** 3 * p3;

/** Where a quadratic Bézier's coordinate turns (0 < t < 1): calls `at(t, value)`. */
function quadExtrema(p0: number, p1: number, p2: number, at: (t: number, v: number) => void) {
  const den = p0 - 2 * p1 + p2;
  if (den === 0) return;
  const t = (p0 - p1) / den;
  if (t > 0 && t < 1) at(t, bezier2(p0, p1, p2, t));
}

/** Where a cubic Bézier's coordinate turns (0 < t < 1): calls `at(t)`. */
function cubicExtrema(p0: number, p1: number, p2: number, p3: number, at: (t: number) => void) {
  const a = -p0 + 3 * p1 - 3 * p2 + p3;
  const b = 2 * (p0 - 2 * p1 + p2);
  const c = p1 - p0;
  if (Math.abs(a) < 1e-12) {
    if (b !== 0) {
      const t = -c / b;
      if (t > 0 && t < 1) at(t);
    }
    return;
  }
  const disc = b * b - 4 * a * c;
  if (disc < 0) return;
  for (const t of [(-b + Math.sqrt(disc)) / (2 * a), (-b - Math.sqrt(disc)) / (2 * a)])
    if (t > 0 && t < 1) at(t);
}

/** Union of the drawn text's bounds, or null when the SVG has no text. */
export function textInkBounds(svg: string): Box | null {
  const paths = textPaths(svg);
  if (!paths.length) return null;
  return union(paths.map((p) => p.box));
}

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const r = Math.max(...boxes.map((b) => b.x + b.width));
  const b = Math.max(...boxes.map((q) => q.y + q.height));
  return { x, y, width: r - x, height: b - y };
}

/** Bounds of a design's vector overlay (any path data, offset by `at`). */
export function overlayBounds(o: Overlay): Box | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const pt = (x: number, y: number) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  parsePathData(o.d, {
    moveTo: pt,
    lineTo: pt,
    curveTo: (x1, y1, x2, y2, x, y) => {
      pt(x1, y1);
      pt(x2, y2);
      pt(x, y);
    },
    close() {},
  });
  if (!Number.isFinite(minX)) return null;
  const dx = o.at?.x ?? 0;
  const dy = o.at?.y ?? 0;
  return { x: minX + dx, y: minY + dy, width: maxX - minX, height: maxY - minY };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The drawn lines of each text placement: the text paths whose centre lies in its box (the
 * smallest such box when boxes nest), top to bottom.
 */
export function drawnLinesByPlacement(texts: TextPlacement[], paths: DrawnTextPath[]): Box[][] {
  const byText: Box[][] = texts.map(() => []);
  for (const p of paths) {
    const cx = p.box.x + p.box.width / 2;
    const cy = p.box.y + p.box.height / 2;
    let owner = -1;
    texts.forEach((t, i) => {
      const b = t.box;
      if (cx < b.x || cx > b.x + b.width || cy < b.y || cy > b.y + b.height) return;
      if (owner < 0 || b.width * b.height < texts[owner].box.width * texts[owner].box.height) owner = i;
    });
    if (owner >= 0) byText[owner].push(p.box);
  }
  // Emphasised lines are drawn one path per run: joined while the boxes are still in drawing order.
  texts.forEach((t, i) => {
    if (t.runs)
      byText[i] = joinRunBoxes(
        byText[i],
        t.runs.map((l) => l.length),
      );
  });
  for (const lines of byText) lines.sort((a, b) => a.y - b.y);
  return byText;
}

/** Least gap between the ink of adjacent lines that preflight accepts, as a fraction of the font size. */
export const MIN_LINE_CLEARANCE_EM = 0.02;

function inside(inner: Box, outer: Box, tol: number): boolean {
  return (
    inner.x >= outer.x - tol &&
    inner.y >= outer.y - tol &&
    inner.x + inner.width <= outer.x + outer.width + tol &&
    inner.y + inner.height <= outer.y + outer.height + tol
  );
}

/** Everything a reviewer would otherwise catch on the printed sheet, checked before submission. */
export function preflight(input: PreflightInput): PreflightReport {
  const { format, canvas, texts, svg } = input;
  const errors: PreflightIssue[] = [];
  const warnings: PreflightIssue[] = [];
  const print = format.kind !== "screen";
  const unit = print ? "mm" : "px";
  const toUnit = (v: number) => v / canvas.unitsPerMm;
  for (const t of texts) {
    const font = getOpentypeFont(t.family, t.weight);
    // What is drawn: the joins (U+2060 has no glyph in our fonts) did their work in line breaking.
    const missing = missingGlyphs(font, forDrawing(t.text));
    if (missing.length) {
      errors.push({
        code: "GLYPH_MISSING",
        messageVi: `${t.label}: phông ${t.family} không có ký tự ${missing.map((c) => `“${c}”`).join(", ")}.`,
        details: { label: t.label, missing },
      });
    }
    const cap = toUnit(t.capHeight);
    const min = toUnit(canvas.minCapHeight);
    if (t.role === "primary" && cap < min - 1e-6) {
      errors.push({
        code: "LETTER_TOO_SMALL",
        messageVi: `${t.label}: chữ in hoa cao ${cap.toFixed(1)} ${unit}, cần ít nhất ${min.toFixed(1)} ${unit}${print ? ` để đọc từ ${(format as { viewingDistanceM: number }).viewingDistanceM} m` : ""}.`,
        details: { label: t.label, capHeight: cap, min },
      });
    } else if (t.role === "secondary" && cap < min * 0.3) {
      warnings.push({
        code: "LETTER_TOO_SMALL",
        messageVi: `${t.label}: chữ khá nhỏ (${cap.toFixed(1)} ${unit}), khó đọc từ xa.`,
        details: { label: t.label, capHeight: cap, min },
      });
    }
    // Text wholly over the photo is checked on the photo's pixels (checkPhoto), not its declared ground.
    const inks = t.emphasisColor
      ? [
          { label: t.label, color: t.color },
          { label: `${t.label} (phần nhấn mạnh)`, color: t.emphasisColor },
        ]
      : [{ label: t.label, color: t.color }];
    for (const ink of inks) {
      const ratio = onPhoto(t.box, input.photo)
        ? Number.POSITIVE_INFINITY
        : contrastRatio(ink.color, t.background);
      if (ratio < MIN_CONTRAST) {
        (t.role === "primary" ? errors : warnings).push({
          code: "LOW_CONTRAST",
          messageVi: `${ink.label}: độ tương phản màu chữ/nền ${ratio.toFixed(2)}:1, cần tối thiểu ${MIN_CONTRAST}:1.`,
          details: { label: ink.label, ratio, color: ink.color, background: t.background },
        });
      }
    }
    if (!inside(t.box, canvas.safe, 0.5)) {
      warnings.push({
        code: "OUTSIDE_SAFE_AREA",
        messageVi: `${t.label} nằm ngoài vùng an toàn (lề, viền may, khoen).`,
        details: { label: t.label, box: t.box, safe: canvas.safe },
      });
    }
  }
  const paths = textPaths(svg);
  const drawn = drawnLinesByPlacement(texts, paths);
  checkDrawnLines(texts, drawn, errors);
  checkDecor(texts, input.overlays ?? [], drawn, errors);
  const ink = paths.length ? union(paths.map((p) => p.box)) : null;
  if (ink) {
    if (!inside(ink, canvas.trim, 0.5)) {
      errors.push({
        code: "OUTSIDE_TRIM",
        messageVi: "Chữ vượt ra ngoài mép xén: sẽ bị cắt mất khi in.",
        details: { ink, trim: canvas.trim },
      });
    } else if (!inside(ink, canvas.safe, Math.max(0.5, canvas.unitsPerMm))) {
      warnings.push({
        code: "OUTSIDE_SAFE_AREA",
        messageVi: "Một phần chữ nằm ngoài vùng an toàn, sát mép hoặc đè lên viền may, khoen.",
        details: { ink, safe: canvas.safe },
      });
    }
  }
  const need = requiredDpi(format);
  const fit = input.photo?.fit;
  let photo: PhotoFacts | undefined;
  if (input.photo) photo = checkPhoto(input, drawn, errors, warnings);
  for (const r of input.rasters ?? []) {
    // The photo's own embedding: checked above on the crop's pixels, with both numbers in ppi.
    if (fit && r.widthPx === fit.widthPx && r.heightPx === fit.heightPx) continue;
    if (need && r.effectiveDpi < need) {
      errors.push({
        code: "LOW_RESOLUTION",
        messageVi:
          `Ảnh ${r.label ?? ""} chỉ đạt ${Math.round(r.effectiveDpi)} dpi ở kích thước in, cần ${need} dpi.`.replace(
            "  ",
            " ",
          ),
        details: { effectiveDpi: r.effectiveDpi, required: need },
      });
    }
  }
  return { ok: errors.length === 0, errors, warnings, ...(photo ? { photo } : {}) };
}

/** Whether a text box lies wholly on the photo's slot (so its declared background is not what is under it). */
function onPhoto(box: Box, photo: PreflightPhoto | undefined): boolean {
  return !!photo && inside(box, photo.fit.slot, 0.5);
}

const vi1 = (v: number) => v.toFixed(1).replace(".", ",");

/**
 * The photo of a design with a photo slot: its resolution at the printed size (LOW_RESOLUTION,
 * an error under what the format needs) or its enlargement on a screen (a warning above
 * MAX_SCREEN_UPSCALE), its focal point kept (PHOTO_FOCUS_CUT), and every text over it readable on
 * the photo's own pixels under the drawn lines with the design's scrims (LOW_CONTRAST: an error
 * for the primary text, a warning otherwise). Returns the fit's facts for the report.
 */
function checkPhoto(
  input: PreflightInput,
  drawn: Box[][],
  errors: PreflightIssue[],
  warnings: PreflightIssue[],
): PhotoFacts {
  const { fit, scrims } = input.photo!;
  const { canvas } = input;
  const print = input.format.kind !== "screen";
  const facts: PhotoFacts = {
    source: fit.source,
    crop: fit.crop,
    effectivePpi: fit.effectivePpi,
    requiredPpi: fit.requiredPpi,
    printedMm: print
      ? {
          width: Math.round((fit.slot.width / canvas.unitsPerMm) * 10) / 10,
          height: Math.round((fit.slot.height / canvas.unitsPerMm) * 10) / 10,
        }
      : null,
    upscale: print ? null : Math.round((fit.slot.width / fit.crop.width) * 100) / 100,
  };
  if (fit.effectivePpi !== null && fit.requiredPpi !== null && fit.effectivePpi < fit.requiredPpi) {
    const have = Math.floor(fit.effectivePpi);
    errors.push({
      code: "LOW_RESOLUTION",
      messageVi: `Ảnh chỉ đạt ${have} ppi ở kích thước in, khổ này cần ít nhất ${fit.requiredPpi} ppi — chọn ảnh lớn hơn hoặc thu nhỏ ô ảnh.`,
      details: { effectivePpi: fit.effectivePpi, requiredPpi: fit.requiredPpi, crop: fit.crop },
    });
  }
  if (facts.upscale !== null && facts.upscale > MAX_SCREEN_UPSCALE) {
    warnings.push({
      code: "LOW_RESOLUTION",
      messageVi: `Ảnh phải phóng to ${vi1(facts.upscale)} lần để lấp ô ảnh (phần ảnh dùng rộng ${fit.crop.width} px, ô ảnh rộng ${Math.round(fit.slot.width)} px): có thể bị mờ — chọn ảnh lớn hơn.`,
      details: { upscale: facts.upscale, cropWidthPx: fit.crop.width, slotWidthPx: fit.slot.width },
    });
  }
  const at = focusOnCanvas(fit.source, fit.focus, fit.crop, fit.slot);
  const slotHolds = inside({ ...at, width: 0, height: 0 }, fit.slot, 1e-6);
  if (!focusInside(fit.source, fit.focus, fit.crop) || !slotHolds) {
    errors.push({
      code: "PHOTO_FOCUS_CUT",
      messageVi: "Phần ảnh được cắt không còn chứa điểm chính của ảnh.",
      details: { focus: fit.focus, crop: fit.crop, at },
    });
  } else if (!inside({ ...at, width: 0, height: 0 }, canvas.trim, 0)) {
    warnings.push({
      code: "PHOTO_FOCUS_CUT",
      messageVi: "Điểm chính của ảnh nằm ngoài mép xén: sẽ bị cắt khi xén thành phẩm — chọn lại điểm chính.",
      details: { focus: fit.focus, at, trim: canvas.trim },
    });
  }
  input.texts.forEach((t, i) => {
    if (!overlaps(t.box, fit.slot)) return;
    let worst: { minRatio: number; worstPixel: { x: number; y: number } | null } = {
      minRatio: Number.POSITIVE_INFINITY,
      worstPixel: null,
    };
    // The ink of each drawn line is what must be read; the placement's box when none was matched.
    // Every ink of the text (the emphasis colour too) must read on every drawn line.
    for (const box of drawn[i].length ? drawn[i] : [t.box]) {
      for (const ink of t.emphasisColor ? [t.color, t.emphasisColor] : [t.color]) {
        const r = contrastOnPhoto(fit, box, ink, scrims);
        if (r.minRatio < worst.minRatio) worst = r;
      }
    }
    if (worst.minRatio < MIN_CONTRAST) {
      (t.role === "primary" ? errors : warnings).push({
        code: "LOW_CONTRAST",
        messageVi: `${t.label}: trên ảnh, độ tương phản giữa chữ và ảnh chỉ ${worst.minRatio.toFixed(2)}:1 ở chỗ kém nhất, cần tối thiểu ${MIN_CONTRAST}:1 — cần lớp phủ đậm hơn hoặc đổi điểm chính.`,
        details: {
          label: t.label,
          ratio: worst.minRatio,
          at: worst.worstPixel,
          color: t.color,
          onPhoto: true,
        },
      });
    }
  });
  return facts;
}

/**
 * Drawn lines are planned lines, and their ink keeps clear: each placement must have exactly as
 * many drawn paths as the fitter set lines (LINES_NOT_AS_PLANNED), and adjacent lines must leave
 * MIN_LINE_CLEARANCE_EM of the font size between the ink of one and the next (MARK_COLLISION).
 */
function checkDrawnLines(texts: TextPlacement[], drawn: Box[][], errors: PreflightIssue[]) {
  texts.forEach((t, i) => {
    const lines = drawn[i];
    if (lines.length !== t.lines.length) {
      errors.push({
        code: "LINES_NOT_AS_PLANNED",
        messageVi: `${t.label}: bản vẽ có ${lines.length} dòng, khác với ${t.lines.length} dòng đã dàn trang.`,
        details: { label: t.label, planned: t.lines.length, drawn: lines.length },
      });
      return;
    }
    for (let l = 0; l + 1 < lines.length; l++) {
      const gap = lines[l + 1].y - (lines[l].y + lines[l].height);
      if (gap < MIN_LINE_CLEARANCE_EM * t.fontSize) {
        errors.push({
          code: "MARK_COLLISION",
          messageVi: `${t.label}: dấu của dòng ${l + 1} và dòng ${l + 2} chạm nhau hoặc quá sát (cách ${((100 * gap) / t.fontSize).toFixed(1)}% cỡ chữ, cần ≥ ${MIN_LINE_CLEARANCE_EM * 100}%).`,
          details: { label: t.label, line: l + 1, gap, fontSize: t.fontSize },
        });
      }
    }
  });
}

/** Text whose ink overlaps a rule, star or QR code of the design (TEXT_TOUCHES_DECOR). */
function checkDecor(texts: TextPlacement[], overlays: Overlay[], drawn: Box[][], errors: PreflightIssue[]) {
  const decor = overlays.map(overlayBounds).filter((b): b is Box => b !== null);
  texts.forEach((t, i) => {
    // Touching includes coming closer than the clearance lines keep from each other.
    const c = MIN_LINE_CLEARANCE_EM * t.fontSize;
    const hit = drawn[i].findIndex((l) =>
      decor.some((d) =>
        overlaps({ x: l.x - c, y: l.y - c, width: l.width + 2 * c, height: l.height + 2 * c }, d),
      ),
    );
    if (hit >= 0) {
      errors.push({
        code: "TEXT_TOUCHES_DECOR",
        messageVi: `${t.label}: dòng ${hit + 1} chạm vào đường kẻ hoặc hình trang trí của mẫu.`,
        details: { label: t.label, line: hit + 1 },
      });
    }
  });
}

import { getOpentypeFont } from "../fonts/registry.server";
import type { Canvas, Format } from "./formats";
import { contrastRatio } from "./color";
import { missingGlyphs } from "./text/measure";
import type { Box, TextPlacement } from "./types";

export type PreflightCode =
  | "GLYPH_MISSING"
  | "LETTER_TOO_SMALL"
  | "LOW_CONTRAST"
  | "OUTSIDE_TRIM"
  | "OUTSIDE_SAFE_AREA"
  | "LOW_RESOLUTION";

export interface PreflightIssue {
  code: PreflightCode;
  messageVi: string;
  details?: Record<string, unknown>;
}

export interface PreflightReport {
  ok: boolean;
  errors: PreflightIssue[];
  warnings: PreflightIssue[];
}

export interface RasterUse {
  label?: string;
  effectiveDpi: number;
}

export interface PreflightInput {
  format: Format;
  canvas: Canvas;
  texts: TextPlacement[];
  svg: string;
  rasters?: RasterUse[];
}

export const MIN_CONTRAST = 4.5;

/** Raster resolution a format needs at its viewing distance: posters are read up close. */
export function requiredDpi(format: Format): number {
  if (format.kind === "screen") return 0;
  if (format.kind === "poster") return 150;
  return Math.max(30, Math.round(150 / Math.max(1, format.viewingDistanceM / 3)));
}

/**
 * Bounds of the glyph outlines satori drew (its text runs are the paths inside <g> groups), so the
 * check is made on what will print, not on what the layout intended. A hand scanner, not a regex:
 * it runs on every live preview, over SVGs of a few hundred kilobytes.
 */
export function textInkBounds(svg: string): Box | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let from = 0;
  for (;;) {
    const g = svg.indexOf("<g>", from);
    if (g < 0) break;
    const gEnd = svg.indexOf("</g>", g);
    if (gEnd < 0) break;
    let p = svg.indexOf(' d="', g);
    while (p >= 0 && p < gEnd) {
      const end = svg.indexOf('"', p + 4);
      let i = p + 4;
      let n = 0;
      let x = 0;
      while (i < end) {
        const c = svg.charCodeAt(i);
        // satori writes glyph outlines with absolute commands only; skip any relative path
        if (c >= 97 && c <= 122 && c !== 101) break;
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
            while (svg.charCodeAt(k) >= 48 && svg.charCodeAt(k) <= 57)
              e = e * 10 + (svg.charCodeAt(k++) - 48);
            v *= 10 ** (eneg ? -e : e);
            j = k;
          }
          if (neg) v = -v;
          if (n % 2 === 0) x = v;
          else {
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (v < minY) minY = v;
            if (v > maxY) maxY = v;
          }
          n++;
          i = j > i ? j : i + 1;
        } else i++;
      }
      p = svg.indexOf(' d="', end);
    }
    from = gEnd + 4;
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

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
    const missing = missingGlyphs(font, t.text);
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
    const ratio = contrastRatio(t.color, t.background);
    if (ratio < MIN_CONTRAST) {
      (t.role === "primary" ? errors : warnings).push({
        code: "LOW_CONTRAST",
        messageVi: `${t.label}: độ tương phản màu chữ/nền ${ratio.toFixed(2)}:1, cần tối thiểu ${MIN_CONTRAST}:1.`,
        details: { label: t.label, ratio, color: t.color, background: t.background },
      });
    }
    if (!inside(t.box, canvas.safe, 0.5)) {
      warnings.push({
        code: "OUTSIDE_SAFE_AREA",
        messageVi: `${t.label} nằm ngoài vùng an toàn (lề, viền may, khoen).`,
        details: { label: t.label, box: t.box, safe: canvas.safe },
      });
    }
  }
  const ink = textInkBounds(svg);
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
  for (const r of input.rasters ?? []) {
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
  return { ok: errors.length === 0, errors, warnings };
}

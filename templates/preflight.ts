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

const NUM = /-?\d*\.?\d+(?:e[-+]?\d+)?/gi;

/**
 * Bounds of the glyph outlines satori drew (its text runs are the paths inside <g> groups), so the
 * check is made on what will print, not on what the layout intended.
 */
export function textInkBounds(svg: string): Box | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const g of svg.matchAll(/<g>(.*?)<\/g>/gs)) {
    for (const p of g[1].matchAll(/\sd="([^"]+)"/g)) {
      const d = p[1];
      // satori writes glyph outlines with absolute commands only
      if (/[a-y]/.test(d.replace(/e[-+]?\d/gi, ""))) continue;
      const nums = d.match(NUM)?.map(Number) ?? [];
      for (let i = 0; i + 1 < nums.length; i += 2) {
        const x = nums[i];
        const y = nums[i + 1];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
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

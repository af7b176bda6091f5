// Affine matrices for the SVG→PDF writer. [a b c d e f] maps (x, y) → (a x + c y + e, b x + d y + f),
// the convention of both SVG matrix() and the PDF `cm` operator, so local transforms are emitted
// verbatim. Holds the matrix type, composition and inversion, the number formatting every emitted
// operator uses (coordinates to 1/1000, matrix coefficients to 1e-6) and the parser for SVG
// `transform` attributes. Pure functions with no PDF or XML dependency, shared by every module here.
import { unsupported } from "./errors";

export type Mat = [number, number, number, number, number, number];
export const IDENTITY: Mat = [1, 0, 0, 1, 0, 0];

/** Composes two matrices: the result applies `l` first, then `p`. */
export function mul(p: Mat, l: Mat): Mat {
  return [
    p[0] * l[0] + p[2] * l[1],
    p[1] * l[0] + p[3] * l[1],
    p[0] * l[2] + p[2] * l[3],
    p[1] * l[2] + p[3] * l[3],
    p[0] * l[4] + p[2] * l[5] + p[4],
    p[1] * l[4] + p[3] * l[5] + p[5],
  ];
}

/** The inverse matrix, or null when the matrix is singular (or not finite). */
export function invert(m: Mat): Mat | null {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  return [
    m[3] / det,
    -m[1] / det,
    -m[2] / det,
    m[0] / det,
    (m[2] * m[5] - m[3] * m[4]) / det,
    (m[1] * m[4] - m[0] * m[5]) / det,
  ];
}

/** Coordinates rounded to 1/1000 of a unit: far below a printer dot at any scale we emit. */
export function fmt(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? "0" : String(r);
}
/** A matrix as the six operands of `cm`: coefficients to 1e-6, translation like coordinates. */
export const fmtMat = (m: Mat) =>
  `${fmt6(m[0])} ${fmt6(m[1])} ${fmt6(m[2])} ${fmt6(m[3])} ${fmt(m[4])} ${fmt(m[5])}`;
// Matrix coefficients need more digits than coordinates: rotation cosines multiply large values.
function fmt6(v: number): string {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? "0" : String(r);
}

/**
 * Parses an SVG `transform` attribute into one matrix; null when absent or "none". Refuses
 * (PDF_UNSUPPORTED_SVG) anything it cannot read completely, e.g. CSS-only functions.
 */
export function parseTransform(s: string | undefined): Mat | null {
  if (!s?.trim() || s.trim() === "none") return null;
  let m: Mat = IDENTITY;
  const re = /(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g;
  let consumed = "";
  for (let hit = re.exec(s); hit; hit = re.exec(s)) {
    consumed += hit[0];
    const v = hit[2]
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (v.some((x) => !Number.isFinite(x))) throw unsupported(`transform "${s}"`);
    let t: Mat;
    switch (hit[1]) {
      case "matrix":
        if (v.length !== 6) throw unsupported(`transform "${s}"`);
        t = [v[0], v[1], v[2], v[3], v[4], v[5]];
        break;
      case "translate":
        t = [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0];
        break;
      case "scale":
        t = [v[0] ?? 1, 0, 0, v[1] ?? v[0] ?? 1, 0, 0];
        break;
      case "rotate": {
        const a = ((v[0] ?? 0) * Math.PI) / 180;
        const c = Math.cos(a);
        const sn = Math.sin(a);
        t = [c, sn, -sn, c, 0, 0];
        if (v.length === 3) t = mul(mul([1, 0, 0, 1, v[1], v[2]], t), [1, 0, 0, 1, -v[1], -v[2]]);
        break;
      }
      case "skewX":
        t = [1, 0, Math.tan(((v[0] ?? 0) * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        t = [1, Math.tan(((v[0] ?? 0) * Math.PI) / 180), 0, 1, 0, 0];
    }
    m = mul(m, t);
  }
  // Anything left over (e.g. CSS-only functions like translateX) would otherwise be ignored.
  if (s.replace(/[\s,]/g, "").length !== consumed.replace(/[\s,]/g, "").length) {
    throw unsupported(`transform "${s}"`);
  }
  return m;
}

// The SVG document model for the PDF writer. fast-xml-parser output becomes a plain `XNode` tree
// (tag, string attributes, children); `parseSvg` adds the root viewBox and an index of ids (for
// clip-path, mask, fill and <use> references). Also holds the small attribute readers that depend on
// nothing but the tree: viewBox and length parsing, `href`, and the viewBox → viewport matrix of
// preserveAspectRatio (used for nested <svg> and <image>). Malformed input is PDF_INVALID_INPUT.
import { XMLParser } from "fast-xml-parser";
import { PdfRenderError } from "./errors";
import type { Mat } from "./matrix";

export interface XNode {
  tag: string;
  attrs: Record<string, string>;
  children: XNode[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  allowBooleanAttributes: true,
  processEntities: true,
  htmlEntities: false,
});

type RawItem = Record<string, unknown>;
function toTree(items: RawItem[]): XNode[] {
  const out: XNode[] = [];
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (key === ":@" || key === "#text" || key.startsWith("?") || key.startsWith("!")) continue;
      const rawAttrs = (item[":@"] ?? {}) as Record<string, unknown>;
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
      out.push({ tag: key, attrs, children: toTree((item[key] ?? []) as RawItem[]) });
    }
  }
  return out;
}

export interface SvgDocument {
  root: XNode;
  /** minX, minY, width, height of the root user space. */
  viewBox: [number, number, number, number];
  ids: Map<string, XNode>;
}

/** A `viewBox` attribute as [minX, minY, width, height]; null when absent, PDF_INVALID_INPUT when malformed. */
export function parseViewBox(s: string | undefined): [number, number, number, number] | null {
  if (!s) return null;
  const v = s
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || v[2] <= 0 || v[3] <= 0) {
    throw new PdfRenderError("PDF_INVALID_INPUT", `viewBox không hợp lệ: "${s}"`);
  }
  return [v[0], v[1], v[2], v[3]];
}

/** A unitless or px length; null for anything else (%, em, absent). */
export function parseLength(s: string | undefined): number | null {
  if (s === undefined) return null;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(px)?\s*$/i.exec(s);
  return m ? Number(m[1]) : null;
}

function collectIds(node: XNode, ids: Map<string, XNode>) {
  const id = node.attrs.id;
  if (id) ids.set(id, node);
  for (const c of node.children) collectIds(c, ids);
}

/** Parses satori's SVG into an XNode tree with its root viewBox and an id index (PDF_INVALID_INPUT if unusable). */
export function parseSvg(svg: string): SvgDocument {
  let items: RawItem[];
  try {
    items = parser.parse(svg) as RawItem[];
  } catch (e) {
    throw new PdfRenderError("PDF_INVALID_INPUT", "SVG không đọc được.", { cause: String(e) });
  }
  const root = toTree(items).find((n) => n.tag === "svg");
  if (!root) throw new PdfRenderError("PDF_INVALID_INPUT", "Không có phần tử <svg> gốc.");
  const w = parseLength(root.attrs.width);
  const h = parseLength(root.attrs.height);
  const viewBox =
    parseViewBox(root.attrs.viewBox) ?? (w && h ? ([0, 0, w, h] as [number, number, number, number]) : null);
  if (!viewBox) throw new PdfRenderError("PDF_INVALID_INPUT", "SVG thiếu width/height hoặc viewBox.");
  const ids = new Map<string, XNode>();
  collectIds(root, ids);
  return { root, viewBox, ids };
}

/** An element's reference: `href`, or the older `xlink:href`. */
export function hrefOf(a: Record<string, string>): string | undefined {
  return a.href ?? a["xlink:href"];
}

/** The viewBox → viewport matrix of SVG's preserveAspectRatio (align + meet/slice, or none). */
export function viewBoxTransform(
  vb: [number, number, number, number],
  vp: [number, number, number, number],
  par: string | undefined,
): Mat {
  const [align = "xMidYMid", mode = "meet"] = (par ?? "xMidYMid meet").trim().split(/\s+/);
  let sx = vp[2] / vb[2];
  let sy = vp[3] / vb[3];
  if (align !== "none") {
    const s = mode === "slice" ? Math.max(sx, sy) : Math.min(sx, sy);
    sx = s;
    sy = s;
  }
  let tx = vp[0] - vb[0] * sx;
  let ty = vp[1] - vb[1] * sy;
  if (align !== "none") {
    const fx = align.startsWith("xMid") ? 0.5 : align.startsWith("xMax") ? 1 : 0;
    const fy = align.endsWith("YMid") ? 0.5 : align.endsWith("YMax") ? 1 : 0;
    tx += (vp[2] - vb[2] * sx) * fx;
    ty += (vp[3] - vb[3] * sy) * fy;
  }
  return [sx, 0, 0, sy, tx, ty];
}

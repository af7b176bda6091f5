// Satori's SVG subset → raw PDF content-stream operators. We write operators ourselves instead of
// pdf-lib's drawSvgPath: satori text arrives as thousands of path segments, and building pdf-lib
// operator objects for each costs more than the whole rest of the render. Unknown constructs throw
// PDF_UNSUPPORTED_SVG: a print file that silently lost an element is worse than no file.
import { XMLParser } from "fast-xml-parser";
import { type PDFDict, type PDFDocument, type PDFImage, PDFName, type PDFRef } from "pdf-lib";
import { colorOp, type PaletteMap, parseColor, type Rgba } from "./cmyk";
import { nodeFlateStream } from "./flate";

export type PdfRenderErrorCode = "PDF_UNSUPPORTED_SVG" | "PDF_INVALID_INPUT";

/** Same shape as RenderError (code / messageVi / details) so callers can treat both alike. */
export class PdfRenderError extends Error {
  readonly code: PdfRenderErrorCode;
  readonly messageVi: string;
  readonly details: Record<string, unknown>;
  constructor(code: PdfRenderErrorCode, messageVi: string, details: Record<string, unknown> = {}) {
    super(`${code}: ${messageVi}`);
    this.name = "PdfRenderError";
    this.code = code;
    this.messageVi = messageVi;
    this.details = details;
  }
}

const unsupported = (what: string, details: Record<string, unknown> = {}): PdfRenderError =>
  new PdfRenderError(
    "PDF_UNSUPPORTED_SVG",
    `Không xuất được PDF in: SVG có thành phần chưa hỗ trợ (${what}).`,
    {
      what,
      ...details,
    },
  );

// ---------------------------------------------------------------------------------------------
// Matrices: [a b c d e f] maps (x, y) → (a x + c y + e, b x + d y + f), the convention of both
// SVG matrix() and the PDF `cm` operator, so local transforms are emitted verbatim.
export type Mat = [number, number, number, number, number, number];
export const IDENTITY: Mat = [1, 0, 0, 1, 0, 0];

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

function invert(m: Mat): Mat | null {
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
const fmtMat = (m: Mat) =>
  `${fmt6(m[0])} ${fmt6(m[1])} ${fmt6(m[2])} ${fmt6(m[3])} ${fmt(m[4])} ${fmt(m[5])}`;
// Matrix coefficients need more digits than coordinates: rotation cosines multiply large values.
function fmt6(v: number): string {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? "0" : String(r);
}

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

// ---------------------------------------------------------------------------------------------
// Path geometry. A sink receives absolute M/L/C/Z; the emitter applies an optional matrix (used
// to union clip children with different transforms into one clip path) and tracks the bbox.
interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void;
  close(): void;
}

export class PathEmitter implements PathSink {
  readonly parts: string[] = [];
  minX = Number.POSITIVE_INFINITY;
  minY = Number.POSITIVE_INFINITY;
  maxX = Number.NEGATIVE_INFINITY;
  maxY = Number.NEGATIVE_INFINITY;
  constructor(private readonly m: Mat | null = null) {}
  private pt(x: number, y: number): string {
    const m = this.m;
    let X = x;
    let Y = y;
    if (m) {
      X = m[0] * x + m[2] * y + m[4];
      Y = m[1] * x + m[3] * y + m[5];
    }
    if (X < this.minX) this.minX = X;
    if (X > this.maxX) this.maxX = X;
    if (Y < this.minY) this.minY = Y;
    if (Y > this.maxY) this.maxY = Y;
    return `${fmt(X)} ${fmt(Y)}`;
  }
  moveTo(x: number, y: number) {
    this.parts.push(`${this.pt(x, y)} m`);
  }
  lineTo(x: number, y: number) {
    this.parts.push(`${this.pt(x, y)} l`);
  }
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number) {
    this.parts.push(`${this.pt(x1, y1)} ${this.pt(x2, y2)} ${this.pt(x, y)} c`);
  }
  close() {
    this.parts.push("h");
  }
  get empty() {
    return this.parts.length === 0;
  }
  get ops() {
    return this.parts.join("\n");
  }
  get bbox(): [number, number, number, number] | null {
    return this.empty ? null : [this.minX, this.minY, this.maxX, this.maxY];
  }
}

function arcToCurves(
  sink: PathSink,
  x1: number,
  y1: number,
  rxIn: number,
  ryIn: number,
  angleDeg: number,
  largeArc: number,
  sweep: number,
  x2: number,
  y2: number,
) {
  // Endpoint → centre parameterisation (SVG 1.1 appendix F.6.5), then ≤ 90° cubic pieces.
  if (x1 === x2 && y1 === y2) return;
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) {
    sink.lineTo(x2, y2);
    return;
  }
  const phi = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    const s = Math.sqrt(lambda);
    rx *= s;
    ry *= s;
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let coef = Math.sqrt(Math.max(0, num / den));
  if (largeArc === sweep) coef = -coef;
  const cxp = (coef * rx * y1p) / ry;
  const cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const ang = (ux: number, uy: number, vx: number, vy: number) => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  const theta1 = ang(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dtheta = ang((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dtheta > 0) dtheta -= 2 * Math.PI;
  else if (sweep && dtheta < 0) dtheta += 2 * Math.PI;
  const segs = Math.max(1, Math.ceil(Math.abs(dtheta) / (Math.PI / 2) - 1e-9));
  const delta = dtheta / segs;
  const t = (4 / 3) * Math.tan(delta / 4);
  let th = theta1;
  const map = (ex: number, ey: number): [number, number] => [
    cx + cos * rx * ex - sin * ry * ey,
    cy + sin * rx * ex + cos * ry * ey,
  ];
  for (let i = 0; i < segs; i++) {
    const c1 = Math.cos(th);
    const s1 = Math.sin(th);
    const th2 = th + delta;
    const c2 = Math.cos(th2);
    const s2 = Math.sin(th2);
    const p1 = map(c1 - t * s1, s1 + t * c1);
    const p2 = map(c2 + t * s2, s2 - t * c2);
    const p = i === segs - 1 ? ([x2, y2] as [number, number]) : map(c2, s2);
    sink.curveTo(p1[0], p1[1], p2[0], p2[1], p[0], p[1]);
    th = th2;
  }
}

/** Parses SVG path data (all commands, implicit repeats, compact arc flags) into a sink. */
export function parsePathData(d: string, sink: PathSink): void {
  const len = d.length;
  let i = 0;
  const skip = () => {
    while (i < len) {
      const c = d.charCodeAt(i);
      if (c === 32 || c === 44 || c === 9 || c === 10 || c === 13 || c === 12) i++;
      else break;
    }
  };
  const startsNumber = () => {
    skip();
    if (i >= len) return false;
    const c = d.charCodeAt(i);
    return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  };
  const num = (): number => {
    skip();
    const start = i;
    let c = d.charCodeAt(i);
    if (c === 43 || c === 45) c = d.charCodeAt(++i);
    let digits = false;
    while (c >= 48 && c <= 57) {
      c = d.charCodeAt(++i);
      digits = true;
    }
    if (c === 46) {
      c = d.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        c = d.charCodeAt(++i);
        digits = true;
      }
    }
    if (digits && (c === 101 || c === 69)) {
      const save = i;
      c = d.charCodeAt(++i);
      if (c === 43 || c === 45) c = d.charCodeAt(++i);
      if (c >= 48 && c <= 57) {
        while (c >= 48 && c <= 57) c = d.charCodeAt(++i);
      } else i = save;
    }
    if (!digits) throw unsupported(`path data near "${d.slice(start, start + 20)}"`);
    return Number(d.slice(start, i));
  };
  const flag = (): number => {
    skip();
    const c = d.charCodeAt(i);
    if (c === 48 || c === 49) {
      i++;
      return c - 48;
    }
    throw unsupported(`arc flag in path data near "${d.slice(i, i + 20)}"`);
  };

  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  // Reflection points for S/T; reset by any other command, as the spec requires.
  let lcx = 0;
  let lcy = 0;
  let lqx = 0;
  let lqy = 0;
  let prev = "";
  let cmd = "";
  let started = false;
  while (true) {
    skip();
    if (i >= len) break;
    const ch = d[i];
    const code = d.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      cmd = ch;
      i++;
    } else if (!cmd) {
      throw unsupported(`path data must start with a command: "${d.slice(0, 20)}"`);
    }
    const rel = cmd === cmd.toLowerCase();
    const up = cmd.toUpperCase();
    if (up !== "M" && !started && up !== "Z") throw unsupported("path data without initial moveto");
    switch (up) {
      case "M": {
        const x = num() + (rel ? cx : 0);
        const y = num() + (rel ? cy : 0);
        sink.moveTo(x, y);
        started = true;
        cx = sx = x;
        cy = sy = y;
        // Further pairs after M are implicit lineTos.
        cmd = rel ? "l" : "L";
        prev = "M";
        continue;
      }
      case "Z":
        sink.close();
        cx = sx;
        cy = sy;
        prev = "Z";
        cmd = "";
        // A number directly after Z is an error in SVG; a command letter must follow.
        skip();
        if (i < len && startsNumber()) throw unsupported("path data: number after Z");
        continue;
      case "L": {
        const x = num() + (rel ? cx : 0);
        const y = num() + (rel ? cy : 0);
        sink.lineTo(x, y);
        cx = x;
        cy = y;
        break;
      }
      case "H": {
        const x = num() + (rel ? cx : 0);
        sink.lineTo(x, cy);
        cx = x;
        break;
      }
      case "V": {
        const y = num() + (rel ? cy : 0);
        sink.lineTo(cx, y);
        cy = y;
        break;
      }
      case "C": {
        const ox = rel ? cx : 0;
        const oy = rel ? cy : 0;
        const x1 = num() + ox;
        const y1 = num() + oy;
        const x2 = num() + ox;
        const y2 = num() + oy;
        const x = num() + ox;
        const y = num() + oy;
        sink.curveTo(x1, y1, x2, y2, x, y);
        lcx = x2;
        lcy = y2;
        cx = x;
        cy = y;
        break;
      }
      case "S": {
        const ox = rel ? cx : 0;
        const oy = rel ? cy : 0;
        const x1 = prev === "C" || prev === "S" ? 2 * cx - lcx : cx;
        const y1 = prev === "C" || prev === "S" ? 2 * cy - lcy : cy;
        const x2 = num() + ox;
        const y2 = num() + oy;
        const x = num() + ox;
        const y = num() + oy;
        sink.curveTo(x1, y1, x2, y2, x, y);
        lcx = x2;
        lcy = y2;
        cx = x;
        cy = y;
        break;
      }
      case "Q":
      case "T": {
        const ox = rel ? cx : 0;
        const oy = rel ? cy : 0;
        let qx: number;
        let qy: number;
        if (up === "Q") {
          qx = num() + ox;
          qy = num() + oy;
        } else if (prev === "Q" || prev === "T") {
          qx = 2 * cx - lqx;
          qy = 2 * cy - lqy;
        } else {
          qx = cx;
          qy = cy;
        }
        const x = num() + ox;
        const y = num() + oy;
        sink.curveTo(
          cx + (2 / 3) * (qx - cx),
          cy + (2 / 3) * (qy - cy),
          x + (2 / 3) * (qx - x),
          y + (2 / 3) * (qy - y),
          x,
          y,
        );
        lqx = qx;
        lqy = qy;
        cx = x;
        cy = y;
        break;
      }
      case "A": {
        const rx = num();
        const ry = num();
        const rot = num();
        const large = flag();
        const sweep = flag();
        const x = num() + (rel ? cx : 0);
        const y = num() + (rel ? cy : 0);
        arcToCurves(sink, cx, cy, rx, ry, rot, large, sweep, x, y);
        cx = x;
        cy = y;
        break;
      }
      default:
        throw unsupported(`path command "${ch}"`);
    }
    prev = up;
  }
}

// ---------------------------------------------------------------------------------------------
// XML tree
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

function parseViewBox(s: string | undefined): [number, number, number, number] | null {
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

function parseLength(s: string | undefined): number | null {
  if (s === undefined) return null;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(px)?\s*$/i.exec(s);
  return m ? Number(m[1]) : null;
}

function collectIds(node: XNode, ids: Map<string, XNode>) {
  const id = node.attrs.id;
  if (id) ids.set(id, node);
  for (const c of node.children) collectIds(c, ids);
}

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

// ---------------------------------------------------------------------------------------------
// Resources shared by the page and every form XObject (one dictionary, referenced from each).
export class PdfResources {
  readonly ref: PDFRef;
  private readonly extG: PDFDict;
  private readonly xobj: PDFDict;
  private readonly shading: PDFDict;
  private n = 0;
  private readonly alphaNames = new Map<string, string>();
  constructor(readonly doc: PDFDocument) {
    const ctx = doc.context;
    this.extG = ctx.obj({});
    this.xobj = ctx.obj({});
    this.shading = ctx.obj({});
    const dict = ctx.obj({ ProcSet: ["PDF", "ImageB", "ImageC"] });
    dict.set(PDFName.of("ExtGState"), this.extG);
    dict.set(PDFName.of("XObject"), this.xobj);
    dict.set(PDFName.of("Shading"), this.shading);
    this.ref = ctx.register(dict);
  }
  private name(prefix: string) {
    this.n += 1;
    return `${prefix}${this.n}`;
  }
  alpha(fill: number, stroke: number): string {
    const key = `${fmt(fill)}:${fmt(stroke)}`;
    let name = this.alphaNames.get(key);
    if (!name) {
      name = this.name("GA");
      this.extG.set(PDFName.of(name), this.doc.context.obj({ Type: "ExtGState", ca: fill, CA: stroke }));
      this.alphaNames.set(key, name);
    }
    return name;
  }
  softMask(formRef: PDFRef, luminosity: boolean): string {
    const name = this.name("GM");
    this.extG.set(
      PDFName.of(name),
      this.doc.context.obj({
        Type: "ExtGState",
        SMask: { Type: "Mask", S: luminosity ? "Luminosity" : "Alpha", G: formRef },
      }),
    );
    return name;
  }
  xobject(ref: PDFRef, prefix = "X"): string {
    const name = this.name(prefix);
    this.xobj.set(PDFName.of(name), ref);
    return name;
  }
  shadingRef(ref: PDFRef): string {
    const name = this.name("SH");
    this.shading.set(PDFName.of(name), ref);
    return name;
  }
  form(content: string, bbox: [number, number, number, number], group: "none" | "isolated" | "mask"): PDFRef {
    const dict: Record<string, unknown> = {
      Type: "XObject",
      Subtype: "Form",
      BBox: bbox.map((v) => Math.round(v * 1000) / 1000),
      Resources: this.ref,
    };
    if (group === "mask") dict.Group = { Type: "Group", S: "Transparency", CS: "DeviceRGB" };
    if (group === "isolated") dict.Group = { Type: "Group", S: "Transparency" };
    const stream = nodeFlateStream(this.doc.context, content, dict);
    return this.doc.context.register(stream);
  }
}

// ---------------------------------------------------------------------------------------------
// Styles
type Paint = { t: "none" } | { t: "color"; c: Rgba } | { t: "url"; id: string; fallback: Paint | null };

interface Style {
  fill: Paint;
  fillOpacity: number;
  fillRule: "nonzero" | "evenodd";
  stroke: Paint;
  strokeOpacity: number;
  strokeWidth: number;
  lineCap: number;
  lineJoin: number;
  miterLimit: number;
  dash: number[] | null;
  dashOffset: number;
  color: string;
  clipRule: "nonzero" | "evenodd";
  strokeFirst: boolean;
  visible: boolean;
}

const BLACK = parseColor("#000")!;
const DEFAULT_STYLE: Style = {
  fill: { t: "color", c: BLACK },
  fillOpacity: 1,
  fillRule: "nonzero",
  stroke: { t: "none" },
  strokeOpacity: 1,
  strokeWidth: 1,
  lineCap: 0,
  lineJoin: 0,
  miterLimit: 4,
  dash: null,
  dashOffset: 0,
  color: "#000",
  clipRule: "nonzero",
  strokeFirst: false,
  visible: true,
};

// Attributes that change the rendering and that we cannot reproduce faithfully.
const REFUSED_ATTRS = [
  "filter",
  "marker",
  "marker-start",
  "marker-mid",
  "marker-end",
  "mix-blend-mode",
  "transform-origin",
  "vector-effect",
  "clip",
];

const styleCache = new WeakMap<XNode, Record<string, string>>();
/** Presentation attributes with the `style` attribute's declarations on top (CSS wins). */
function attrsOf(node: XNode): Record<string, string> {
  const hit = styleCache.get(node);
  if (hit) return hit;
  let a = node.attrs;
  if (a.style) {
    a = { ...a };
    for (const decl of node.attrs.style.split(";")) {
      const k = decl.indexOf(":");
      if (k < 0) continue;
      const name = decl.slice(0, k).trim();
      const value = decl.slice(k + 1).trim();
      if (name) a[name] = value;
    }
  }
  for (const r of REFUSED_ATTRS) {
    const v = a[r];
    if (v !== undefined && v !== "none" && v !== "normal" && v !== "auto" && v !== "") {
      throw unsupported(`${r}="${v}" on <${node.tag}>`);
    }
  }
  styleCache.set(node, a);
  return a;
}

function clamp01(v: number) {
  return v < 0 ? 0 : Math.min(v, 1);
}

function numAttr(v: string | undefined, dflt: number): number {
  if (v === undefined || v.trim() === "") return dflt;
  const t = v.trim();
  const n = t.endsWith("%") ? Number.parseFloat(t) / 100 : Number.parseFloat(t);
  if (!Number.isFinite(n)) throw unsupported(`numeric value "${v}"`);
  return n;
}

function parsePaint(v: string, color: string): Paint {
  const s = v.trim();
  if (s === "none") return { t: "none" };
  if (s === "currentColor" || s === "currentcolor") return parsePaint(color, "#000");
  const u = /^url\(\s*['"]?#([^'")]+)['"]?\s*\)\s*(.*)$/.exec(s);
  if (u) return { t: "url", id: u[1], fallback: u[2] ? parsePaint(u[2], color) : null };
  const c = parseColor(s);
  if (!c) throw unsupported(`colour "${v}"`);
  return { t: "color", c };
}

function computeStyle(parent: Style, a: Record<string, string>): Style {
  // Fast exit: satori's leaf paths carry only fill / fill-opacity.
  const s: Style = { ...parent };
  if (a.color !== undefined && a.color !== "inherit") s.color = a.color;
  if (a.fill !== undefined && a.fill !== "inherit") s.fill = parsePaint(a.fill, s.color);
  if (a.stroke !== undefined && a.stroke !== "inherit") s.stroke = parsePaint(a.stroke, s.color);
  if (a["fill-opacity"] !== undefined) s.fillOpacity = clamp01(numAttr(a["fill-opacity"], 1));
  if (a["stroke-opacity"] !== undefined) s.strokeOpacity = clamp01(numAttr(a["stroke-opacity"], 1));
  if (a["fill-rule"] !== undefined) s.fillRule = a["fill-rule"] === "evenodd" ? "evenodd" : "nonzero";
  if (a["clip-rule"] !== undefined) s.clipRule = a["clip-rule"] === "evenodd" ? "evenodd" : "nonzero";
  if (a["stroke-width"] !== undefined) s.strokeWidth = numAttr(a["stroke-width"], 1);
  if (a["stroke-linecap"] !== undefined)
    s.lineCap = a["stroke-linecap"] === "round" ? 1 : a["stroke-linecap"] === "square" ? 2 : 0;
  if (a["stroke-linejoin"] !== undefined) {
    const j = a["stroke-linejoin"];
    if (j !== "miter" && j !== "round" && j !== "bevel") throw unsupported(`stroke-linejoin="${j}"`);
    s.lineJoin = j === "round" ? 1 : j === "bevel" ? 2 : 0;
  }
  if (a["stroke-miterlimit"] !== undefined) s.miterLimit = Math.max(1, numAttr(a["stroke-miterlimit"], 4));
  if (a["stroke-dasharray"] !== undefined) {
    const v = a["stroke-dasharray"].trim();
    if (v === "none" || v === "") s.dash = null;
    else {
      let d = v
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((x) => numAttr(x, 0));
      if (d.some((x) => x < 0)) throw unsupported(`stroke-dasharray="${v}"`);
      if (d.length % 2 === 1) d = [...d, ...d];
      s.dash = d.every((x) => x === 0) ? null : d;
    }
  }
  if (a["stroke-dashoffset"] !== undefined) s.dashOffset = numAttr(a["stroke-dashoffset"], 0);
  if (a["paint-order"] !== undefined) s.strokeFirst = /^\s*stroke/.test(a["paint-order"]);
  if (a.visibility !== undefined) s.visible = a.visibility !== "hidden" && a.visibility !== "collapse";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Images
export interface RasterPlacement {
  widthPx: number;
  heightPx: number;
  placedWidthMm: number;
  placedHeightMm: number;
  effectiveDpi: number;
}

interface DataUri {
  mime: string;
  bytes: Uint8Array | null;
  text: string | null;
}

function parseDataUri(href: string): DataUri {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(href.trim());
  if (!m) throw unsupported(`image href that is not a data: URI (${href.slice(0, 40)}…)`);
  const mime = m[1].toLowerCase();
  const base64 = /;base64/i.test(m[2]);
  if (base64) {
    const bytes = new Uint8Array(Buffer.from(m[3], "base64"));
    return { mime, bytes, text: mime === "image/svg+xml" ? Buffer.from(bytes).toString("utf8") : null };
  }
  const text = decodeURIComponent(m[3]);
  return { mime, bytes: mime === "image/svg+xml" ? null : new Uint8Array(Buffer.from(text, "latin1")), text };
}

function hrefOf(a: Record<string, string>): string | undefined {
  return a.href ?? a["xlink:href"];
}

function viewBoxTransform(
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

// ---------------------------------------------------------------------------------------------
// The writer
interface Ctx {
  out: string[];
  style: Style;
  /** Local user space → root SVG user space (for bboxes of forms and raster resolution). */
  ctm: Mat;
  ids: Map<string, XNode>;
  palette: PaletteMap;
  smaskActive: boolean;
  /** Element opacity folded into fill/stroke alpha (only for single-paint leaves). */
  fold: number;
  depth: number;
}

type Effect =
  | { kind: "clip"; ops: string }
  | { kind: "smask"; gs: string }
  | { kind: "opacity"; value: number };

const SHAPES = new Set(["path", "rect", "circle", "ellipse", "line", "polyline", "polygon"]);
const DEFINITIONS = new Set([
  "defs",
  "clipPath",
  "mask",
  "pattern",
  "linearGradient",
  "radialGradient",
  "filter",
  "title",
  "desc",
  "metadata",
  "symbol",
  "marker",
]);

export interface SvgToPdfOptions {
  palette: PaletteMap;
  /** Millimetres per root SVG user unit, horizontally and vertically (for raster resolution). */
  mmPerUnit: { x: number; y: number };
}

export class SvgPdfWriter {
  readonly rasters: RasterPlacement[] = [];
  private readonly images = new Map<string, PDFImage>();
  private readonly nested = new Map<string, SvgDocument>();
  private readonly shadings = new Map<XNode, { name: string } | { solid: Rgba }>();
  private readonly patternForms = new Map<XNode, { name: string; w: number; h: number }>();
  private canvas: [number, number, number, number] = [0, 0, 1, 1];

  constructor(
    private readonly res: PdfResources,
    private readonly opts: SvgToPdfOptions,
  ) {}

  /** Operators for the document, in root SVG user units (the caller adds the page mapping). */
  async render(doc: SvgDocument): Promise<string> {
    this.canvas = doc.viewBox;
    // Raster embedding is async in pdf-lib; do it up front so the drawing walk stays synchronous.
    await this.embedRasters(doc.root, 0);
    const out: string[] = [];
    const [x, y, w, h] = doc.viewBox;
    // The root viewport clips: satori content may overhang the canvas, and must not reach the slug.
    out.push(`${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re W n`);
    const ctx: Ctx = {
      out,
      style: DEFAULT_STYLE,
      ctm: IDENTITY,
      ids: doc.ids,
      palette: this.opts.palette,
      smaskActive: false,
      fold: 1,
      depth: 0,
    };
    const rootAttrs = attrsOf(doc.root);
    this.renderChildren(doc.root, { ...ctx, style: computeStyle(DEFAULT_STYLE, rootAttrs) });
    return out.join("\n");
  }

  private nestedDoc(text: string): SvgDocument {
    let d = this.nested.get(text);
    if (!d) {
      d = parseSvg(text);
      this.nested.set(text, d);
    }
    return d;
  }

  private async embedRasters(node: XNode, depth: number): Promise<void> {
    if (depth > 8) throw unsupported("SVG images nested too deeply");
    if (node.tag === "image") {
      const href = hrefOf(node.attrs);
      if (!href) throw unsupported("<image> without href");
      if (!this.images.has(href)) {
        const uri = parseDataUri(href);
        if (uri.mime === "image/svg+xml") {
          await this.embedRasters(this.nestedDoc(uri.text ?? "").root, depth + 1);
        } else {
          const bytes = uri.bytes!;
          const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
          const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
          if (isPng) this.images.set(href, await this.res.doc.embedPng(bytes));
          else if (isJpeg) this.images.set(href, await this.res.doc.embedJpg(bytes));
          else throw unsupported(`image type ${uri.mime || "unknown"} (only PNG, JPEG and SVG)`);
        }
      }
    }
    for (const c of node.children) await this.embedRasters(c, depth);
  }

  private renderChildren(node: XNode, ctx: Ctx) {
    for (const c of node.children) this.renderElement(c, ctx);
  }

  /** Root-canvas rectangle expressed in the current local space: a safe BBox for any form. */
  private localCanvas(ctm: Mat): [number, number, number, number] | null {
    const inv = invert(ctm);
    if (!inv) return null;
    const [x, y, w, h] = this.canvas;
    const pts = [
      [x, y],
      [x + w, y],
      [x, y + h],
      [x + w, y + h],
    ].map(([px, py]) => [inv[0] * px + inv[2] * py + inv[4], inv[1] * px + inv[3] * py + inv[5]]);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }

  private renderElement(node: XNode, parent: Ctx) {
    if (DEFINITIONS.has(node.tag)) return;
    if (node.tag === "style") {
      throw unsupported("<style> element (CSS rules)");
    }
    const a = attrsOf(node);
    if (a.display === "none") return;
    if (parent.depth > 64) throw unsupported("elements nested too deeply");
    const style = computeStyle(parent.style, a);
    const local = parseTransform(a.transform);
    const ctm = local ? mul(parent.ctm, local) : parent.ctm;
    if (local && !invert(local)) return; // Degenerate transform: nothing visible.
    const effects: Effect[] = [];
    const ctx: Ctx = { ...parent, style, ctm, fold: 1, depth: parent.depth + 1 };

    const clipId = urlRef(a["clip-path"]);
    if (clipId) {
      const clip = this.clipEffect(clipId, ctx);
      if (!clip) return; // An empty clip path hides the element entirely.
      effects.push(clip);
    }
    const maskId = urlRef(a.mask);
    if (maskId) effects.push(this.maskEffect(maskId, ctx));
    const opacity = clamp01(numAttr(a.opacity, 1));
    if (opacity <= 0) return;
    if (opacity < 1) effects.push({ kind: "opacity", value: opacity });

    if (!local && effects.length === 0) {
      this.drawContent(node, a, ctx);
      return;
    }
    parent.out.push("q");
    if (local) parent.out.push(`${fmtMat(local)} cm`);
    this.withEffects(effects, 0, ctx, (c) => this.drawContent(node, a, c), node);
    parent.out.push("Q");
  }

  private withEffects(effects: Effect[], i: number, ctx: Ctx, draw: (c: Ctx) => void, node: XNode) {
    if (i === effects.length) {
      draw(ctx);
      return;
    }
    const e = effects[i];
    if (e.kind === "clip") {
      ctx.out.push(e.ops);
      this.withEffects(effects, i + 1, ctx, draw, node);
      return;
    }
    if (e.kind === "smask") {
      if (ctx.smaskActive) {
        // A soft mask in the graphics state replaces the one in force; nesting them needs the
        // inner part painted as its own transparency group, under the outer mask.
        this.asGroup(ctx, (g) => this.withEffects(effects, i, g, draw, node));
        return;
      }
      ctx.out.push(`/${e.gs} gs`);
      this.withEffects(effects, i + 1, { ...ctx, smaskActive: true }, draw, node);
      return;
    }
    // Opacity: a lone fill or lone stroke composes identically with alpha folded in; anything
    // with overlapping parts must be composited as a group first (SVG group opacity semantics).
    if (i === effects.length - 1 && this.isSinglePaintLeaf(node, ctx.style)) {
      draw({ ...ctx, fold: e.value });
      return;
    }
    ctx.out.push(`/${this.res.alpha(e.value, e.value)} gs`);
    this.asGroup(ctx, (g) => this.withEffects(effects, i + 1, g, draw, node));
  }

  private asGroup(ctx: Ctx, draw: (c: Ctx) => void) {
    const bbox = this.localCanvas(ctx.ctm);
    if (!bbox) return;
    const sub: string[] = [];
    draw({ ...ctx, out: sub, smaskActive: false });
    const ref = this.res.form(sub.join("\n"), bbox, "isolated");
    ctx.out.push(`/${this.res.xobject(ref, "FG")} Do`);
  }

  private isSinglePaintLeaf(node: XNode, s: Style): boolean {
    if (node.tag === "image") {
      const href = hrefOf(node.attrs) ?? "";
      return this.images.has(href);
    }
    if (!SHAPES.has(node.tag)) return false;
    const fills = s.fill.t !== "none" && node.tag !== "line";
    const strokes = s.stroke.t !== "none" && s.strokeWidth > 0;
    return !(fills && strokes);
  }

  private drawContent(node: XNode, a: Record<string, string>, ctx: Ctx) {
    switch (node.tag) {
      case "g":
        this.renderChildren(node, ctx);
        return;
      case "svg":
        this.drawNestedSvg(node, a, ctx);
        return;
      case "image":
        this.drawImage(node, a, ctx);
        return;
      case "use": {
        const id = (hrefOf(a) ?? "").replace(/^#/, "");
        const target = ctx.ids.get(id);
        if (!target || DEFINITIONS.has(target.tag)) throw unsupported(`<use> of "${id}"`);
        const tx = numAttr(a.x, 0);
        const ty = numAttr(a.y, 0);
        const t: Mat = [1, 0, 0, 1, tx, ty];
        ctx.out.push("q", `${fmtMat(t)} cm`);
        this.renderElement(target, { ...ctx, ctm: mul(ctx.ctm, t), depth: ctx.depth + 8 });
        ctx.out.push("Q");
        return;
      }
      default:
        if (SHAPES.has(node.tag)) {
          this.drawShape(node, a, ctx);
          return;
        }
        throw unsupported(
          `<${node.tag}>`,
          node.tag === "text" ? { hint: "satori must embed fonts as paths" } : {},
        );
    }
  }

  // ----- shapes
  private shapePath(node: XNode, a: Record<string, string>, m: Mat | null): PathEmitter | null {
    const p = new PathEmitter(m);
    switch (node.tag) {
      case "path":
        if (!a.d) return null;
        parsePathData(a.d, p);
        break;
      case "rect": {
        const x = numAttr(a.x, 0);
        const y = numAttr(a.y, 0);
        const w = numAttr(a.width, 0);
        const h = numAttr(a.height, 0);
        if (w <= 0 || h <= 0) return null;
        let rx = a.rx !== undefined ? numAttr(a.rx, 0) : a.ry !== undefined ? numAttr(a.ry, 0) : 0;
        let ry = a.ry !== undefined ? numAttr(a.ry, 0) : rx;
        rx = Math.min(Math.max(0, rx), w / 2);
        ry = Math.min(Math.max(0, ry), h / 2);
        if (rx === 0 || ry === 0) {
          p.moveTo(x, y);
          p.lineTo(x + w, y);
          p.lineTo(x + w, y + h);
          p.lineTo(x, y + h);
          p.close();
        } else {
          p.moveTo(x + rx, y);
          p.lineTo(x + w - rx, y);
          arcToCurves(p, x + w - rx, y, rx, ry, 0, 0, 1, x + w, y + ry);
          p.lineTo(x + w, y + h - ry);
          arcToCurves(p, x + w, y + h - ry, rx, ry, 0, 0, 1, x + w - rx, y + h);
          p.lineTo(x + rx, y + h);
          arcToCurves(p, x + rx, y + h, rx, ry, 0, 0, 1, x, y + h - ry);
          p.lineTo(x, y + ry);
          arcToCurves(p, x, y + ry, rx, ry, 0, 0, 1, x + rx, y);
          p.close();
        }
        break;
      }
      case "circle":
      case "ellipse": {
        const cx = numAttr(a.cx, 0);
        const cy = numAttr(a.cy, 0);
        const rx = node.tag === "circle" ? numAttr(a.r, 0) : numAttr(a.rx, 0);
        const ry = node.tag === "circle" ? rx : numAttr(a.ry, 0);
        if (rx <= 0 || ry <= 0) return null;
        p.moveTo(cx + rx, cy);
        arcToCurves(p, cx + rx, cy, rx, ry, 0, 0, 1, cx, cy + ry);
        arcToCurves(p, cx, cy + ry, rx, ry, 0, 0, 1, cx - rx, cy);
        arcToCurves(p, cx - rx, cy, rx, ry, 0, 0, 1, cx, cy - ry);
        arcToCurves(p, cx, cy - ry, rx, ry, 0, 0, 1, cx + rx, cy);
        p.close();
        break;
      }
      case "line":
        p.moveTo(numAttr(a.x1, 0), numAttr(a.y1, 0));
        p.lineTo(numAttr(a.x2, 0), numAttr(a.y2, 0));
        break;
      case "polyline":
      case "polygon": {
        const v = (a.points ?? "")
          .trim()
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number);
        if (v.some((x) => !Number.isFinite(x))) throw unsupported(`points="${a.points}"`);
        if (v.length < 4) return null;
        p.moveTo(v[0], v[1]);
        for (let i = 2; i + 1 < v.length; i += 2) p.lineTo(v[i], v[i + 1]);
        if (node.tag === "polygon") p.close();
        break;
      }
      default:
        throw unsupported(`<${node.tag}> as a shape`);
    }
    return p.empty ? null : p;
  }

  private drawShape(node: XNode, a: Record<string, string>, ctx: Ctx) {
    const s = ctx.style;
    if (!s.visible) return;
    const path = this.shapePath(node, a, null);
    if (!path) return;
    const canFill = node.tag !== "line" && s.fill.t !== "none";
    const canStroke = s.stroke.t !== "none" && s.strokeWidth > 0;
    if (!canFill && !canStroke) return;
    const out = ctx.out;
    const ops = path.ops;
    const fillAlpha = s.fillOpacity * ctx.fold * (s.fill.t === "color" ? s.fill.c.a : 1);
    const strokeAlpha = s.strokeOpacity * ctx.fold * (s.stroke.t === "color" ? s.stroke.c.a : 1);

    const strokeSetup = (): string | null => {
      if (!canStroke || strokeAlpha <= 0) return null;
      if (s.stroke.t !== "color") throw unsupported("stroke with a gradient or pattern");
      const parts = [colorOp(s.stroke.c, ctx.palette, true), `${fmt(s.strokeWidth)} w`];
      if (s.lineCap) parts.push(`${s.lineCap} J`);
      if (s.lineJoin) parts.push(`${s.lineJoin} j`);
      if (s.miterLimit !== 10) parts.push(`${fmt(s.miterLimit)} M`);
      if (s.dash) parts.push(`[${s.dash.map(fmt).join(" ")}] ${fmt(s.dashOffset)} d`);
      return parts.join(" ");
    };
    const evenOdd = s.fillRule === "evenodd";

    const solidFill = canFill && s.fill.t === "color" && fillAlpha > 0;
    const stroke = strokeSetup();
    const serverFill = canFill && s.fill.t === "url";

    if (solidFill && stroke && !s.strokeFirst && s.fill.t === "color") {
      // One path, one operator: the common bordered shape.
      out.push("q");
      if (fillAlpha < 1 || strokeAlpha < 1) out.push(`/${this.res.alpha(fillAlpha, strokeAlpha)} gs`);
      out.push(colorOp(s.fill.c, ctx.palette, false), stroke, ops, evenOdd ? "B*" : "B", "Q");
      return;
    }
    const doStroke = () => {
      if (!stroke) return;
      out.push("q");
      if (strokeAlpha < 1) out.push(`/${this.res.alpha(1, strokeAlpha)} gs`);
      out.push(stroke, ops, "S", "Q");
    };
    if (s.strokeFirst) doStroke();
    if (solidFill && s.fill.t === "color") {
      if (fillAlpha < 1) {
        out.push("q", `/${this.res.alpha(fillAlpha, 1)} gs`);
        out.push(colorOp(s.fill.c, ctx.palette, false), ops, evenOdd ? "f*" : "f", "Q");
      } else {
        out.push(colorOp(s.fill.c, ctx.palette, false), ops, evenOdd ? "f*" : "f");
      }
    } else if (serverFill && s.fill.t === "url") {
      this.paintServer(s.fill, path, evenOdd, s.fillOpacity * ctx.fold, ctx);
    }
    if (!s.strokeFirst) doStroke();
  }

  // ----- gradients and patterns
  private paintServer(
    paint: Extract<Paint, { t: "url" }>,
    path: PathEmitter,
    evenOdd: boolean,
    alpha: number,
    ctx: Ctx,
  ) {
    if (alpha <= 0) return;
    const server = ctx.ids.get(paint.id);
    if (!server) {
      if (paint.fallback?.t === "color") {
        ctx.out.push(colorOp(paint.fallback.c, ctx.palette, false), path.ops, evenOdd ? "f*" : "f");
        return;
      }
      throw unsupported(`fill reference to missing #${paint.id}`);
    }
    const bb = path.bbox!;
    const bw = bb[2] - bb[0];
    const bh = bb[3] - bb[1];
    const out = ctx.out;
    if (server.tag === "linearGradient") {
      const sa = attrsOf(server);
      const bboxUnits = (sa.gradientUnits ?? "objectBoundingBox") === "objectBoundingBox";
      if (bboxUnits && (bw <= 0 || bh <= 0)) return;
      const sh = this.linearShading(server, ctx);
      out.push("q");
      if (alpha < 1) out.push(`/${this.res.alpha(alpha, 1)} gs`);
      if ("solid" in sh) {
        out.push(colorOp(sh.solid, ctx.palette, false), path.ops, evenOdd ? "f*" : "f", "Q");
        return;
      }
      out.push(path.ops, evenOdd ? "W* n" : "W n");
      if (bboxUnits) out.push(`${fmtMat([bw, 0, 0, bh, bb[0], bb[1]])} cm`);
      const gt = parseTransform(sa.gradientTransform);
      if (gt) out.push(`${fmtMat(gt)} cm`);
      out.push(`/${sh.name} sh`, "Q");
      return;
    }
    if (server.tag === "pattern") {
      this.paintPattern(server, path, evenOdd, alpha, ctx);
      return;
    }
    throw unsupported(`fill with <${server.tag}>`);
  }

  private gradientStops(node: XNode, ids: Map<string, XNode>, depth = 0): XNode[] {
    const stops = node.children.filter((c) => c.tag === "stop");
    if (stops.length > 0 || depth > 4) return stops;
    const href = hrefOf(node.attrs);
    const target = href ? ids.get(href.replace(/^#/, "")) : undefined;
    return target ? this.gradientStops(target, ids, depth + 1) : [];
  }

  private linearShading(node: XNode, ctx: Ctx): { name: string } | { solid: Rgba } {
    const cached = this.shadings.get(node);
    if (cached && ctx.palette === this.opts.palette) return cached;
    const a = attrsOf(node);
    const spread = a.spreadMethod ?? "pad";
    if (spread !== "pad") throw unsupported(`gradient spreadMethod="${spread}"`);
    const bboxUnits = (a.gradientUnits ?? "objectBoundingBox") === "objectBoundingBox";
    const coord = (v: string | undefined, d: number) => {
      if (v?.trim().endsWith("%") && !bboxUnits) {
        throw unsupported("percentage coordinates in a userSpaceOnUse gradient");
      }
      return numAttr(v, d);
    };
    const x1 = coord(a.x1, 0);
    const y1 = coord(a.y1, 0);
    const x2 = coord(a.x2, 1);
    const y2 = coord(a.y2, 0);
    const stops: Array<{ o: number; c: Rgba }> = [];
    let last = 0;
    for (const st of this.gradientStops(node, ctx.ids)) {
      const sa = attrsOf(st);
      const c = parseColor(sa["stop-color"] ?? "#000");
      if (!c) throw unsupported(`stop-color "${sa["stop-color"]}"`);
      const op = c.a * clamp01(numAttr(sa["stop-opacity"], 1));
      // Transparent stops would need a soft-mask shading; refuse rather than print them opaque.
      if (op < 0.999) throw unsupported("gradient stop with opacity");
      const o = Math.max(last, clamp01(numAttr(sa.offset, 0)));
      last = o;
      stops.push({ o, c });
    }
    let result: { name: string } | { solid: Rgba };
    if (stops.length === 0) throw unsupported("gradient without stops");
    if (stops.length === 1 || (x1 === x2 && y1 === y2)) {
      result = { solid: stops[stops.length - 1].c };
    } else {
      if (stops[0].o > 0) stops.unshift({ o: 0, c: stops[0].c });
      if (stops[stops.length - 1].o < 1) stops.push({ o: 1, c: stops[stops.length - 1].c });
      const cmyk = stops.every((s) => ctx.palette.has(s.c.hex));
      const comps = (c: Rgba) => (cmyk ? [...ctx.palette.get(c.hex)!] : [c.r, c.g, c.b]);
      const fns = [];
      const bounds: number[] = [];
      const encode: number[] = [];
      for (let i = 0; i + 1 < stops.length; i++) {
        fns.push({ FunctionType: 2, Domain: [0, 1], C0: comps(stops[i].c), C1: comps(stops[i + 1].c), N: 1 });
        encode.push(0, 1);
        if (i > 0) bounds.push(Math.min(1, Math.max(stops[i].o, (bounds[bounds.length - 1] ?? 0) + 1e-5)));
      }
      const fn =
        fns.length === 1
          ? fns[0]
          : { FunctionType: 3, Domain: [0, 1], Functions: fns, Bounds: bounds, Encode: encode };
      const dict = this.res.doc.context.obj({
        ShadingType: 2,
        ColorSpace: cmyk ? "DeviceCMYK" : "DeviceRGB",
        Coords: [x1, y1, x2, y2],
        Domain: [0, 1],
        // biome-ignore lint/suspicious/noExplicitAny: nested literal accepted by pdf-lib
        Function: fn as any,
        Extend: [true, true],
      });
      result = { name: this.res.shadingRef(this.res.doc.context.register(dict)) };
    }
    if (ctx.palette === this.opts.palette) this.shadings.set(node, result);
    return result;
  }

  private paintPattern(node: XNode, path: PathEmitter, evenOdd: boolean, alpha: number, ctx: Ctx) {
    const a = attrsOf(node);
    if (a.viewBox) throw unsupported("pattern with viewBox");
    if ((a.patternContentUnits ?? "userSpaceOnUse") !== "userSpaceOnUse") {
      throw unsupported('patternContentUnits="objectBoundingBox"');
    }
    const bb = path.bbox!;
    const bw = bb[2] - bb[0];
    const bh = bb[3] - bb[1];
    const bboxUnits = (a.patternUnits ?? "objectBoundingBox") === "objectBoundingBox";
    let tx = numAttr(a.x, 0);
    let ty = numAttr(a.y, 0);
    let tw = numAttr(a.width, 0);
    let th = numAttr(a.height, 0);
    if (bboxUnits) {
      tx = bb[0] + tx * bw;
      ty = bb[1] + ty * bh;
      tw *= bw;
      th *= bh;
    }
    if (tw <= 0 || th <= 0) return;
    const pt = parseTransform(a.patternTransform);
    // Tile range covering the shape's bbox in pattern space.
    let region = bb;
    if (pt) {
      const inv = invert(pt);
      if (!inv) return;
      const pts = [
        [bb[0], bb[1]],
        [bb[2], bb[1]],
        [bb[0], bb[3]],
        [bb[2], bb[3]],
      ].map(([x, y]) => [inv[0] * x + inv[2] * y + inv[4], inv[1] * x + inv[3] * y + inv[5]]);
      region = [
        Math.min(...pts.map((p) => p[0])),
        Math.min(...pts.map((p) => p[1])),
        Math.max(...pts.map((p) => p[0])),
        Math.max(...pts.map((p) => p[1])),
      ];
    }
    const i0 = Math.floor((region[0] - tx) / tw + 1e-9);
    const i1 = Math.ceil((region[2] - tx) / tw - 1e-9);
    const j0 = Math.floor((region[1] - ty) / th + 1e-9);
    const j1 = Math.ceil((region[3] - ty) / th - 1e-9);
    if ((i1 - i0) * (j1 - j0) > 4096) throw unsupported("pattern with more than 4096 tiles");
    // Tile content is drawn once into a form whose BBox is the tile: the form clips it, and each
    // repetition is a single Do.
    const key = bboxUnits ? null : node;
    let form = key ? this.patternForms.get(key) : undefined;
    if (!form || form.w !== tw || form.h !== th) {
      const sub: string[] = [];
      const pctx: Ctx = {
        ...ctx,
        out: sub,
        style: computeStyle(DEFAULT_STYLE, a),
        ctm: IDENTITY,
        fold: 1,
        smaskActive: false,
        depth: ctx.depth + 1,
      };
      this.renderChildren(node, pctx);
      const ref = this.res.form(sub.join("\n"), [0, 0, tw, th], "none");
      form = { name: this.res.xobject(ref, "FP"), w: tw, h: th };
      if (key) this.patternForms.set(key, form);
    }
    const out = ctx.out;
    out.push("q");
    if (alpha < 1) out.push(`/${this.res.alpha(alpha, alpha)} gs`);
    out.push(path.ops, evenOdd ? "W* n" : "W n");
    if (pt) out.push(`${fmtMat(pt)} cm`);
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        out.push(`q 1 0 0 1 ${fmt(tx + i * tw)} ${fmt(ty + j * th)} cm /${form.name} Do Q`);
      }
    }
    out.push("Q");
  }

  // ----- clip paths and masks
  private clipEffect(id: string, ctx: Ctx): Effect | null {
    const cp = ctx.ids.get(id);
    if (cp?.tag !== "clipPath") throw unsupported(`clip-path reference #${id}`);
    const a = attrsOf(cp);
    if ((a.clipPathUnits ?? "userSpaceOnUse") !== "userSpaceOnUse")
      throw unsupported("clipPathUnits=objectBoundingBox");
    if (a["clip-path"]) throw unsupported("clipPath with its own clip-path");
    const own = parseTransform(a.transform) ?? IDENTITY;
    const cpStyle = computeStyle(DEFAULT_STYLE, a);
    const pieces: Array<{ path: PathEmitter; evenOdd: boolean }> = [];
    for (const child of cp.children) {
      if (DEFINITIONS.has(child.tag)) continue;
      let node = child;
      let m = own;
      const ca = attrsOf(child);
      if (ca.display === "none") continue;
      if (child.tag === "use") {
        const target = ctx.ids.get((hrefOf(ca) ?? "").replace(/^#/, ""));
        if (!target) throw unsupported("clipPath <use> of a missing element");
        m = mul(m, [1, 0, 0, 1, numAttr(ca.x, 0), numAttr(ca.y, 0)]);
        node = target;
      }
      const na = attrsOf(node);
      if (!SHAPES.has(node.tag)) throw unsupported(`<${node.tag}> inside clipPath`);
      if (na["clip-path"]) throw unsupported("clip-path on a clipPath child");
      const ct = parseTransform(na.transform);
      if (ct) m = mul(m, ct);
      const path = this.shapePath(node, na, m === IDENTITY ? null : m);
      if (!path) continue;
      const st = computeStyle(cpStyle, na);
      pieces.push({ path, evenOdd: st.clipRule === "evenodd" });
    }
    if (pieces.length === 0) return null;
    if (pieces.length === 1) {
      return { kind: "clip", ops: `${pieces[0].path.ops}\n${pieces[0].evenOdd ? "W* n" : "W n"}` };
    }
    // Several children clip to their union. One nonzero path would cancel where windings
    // oppose, so the union is drawn as a white-on-black luminosity mask instead.
    const bbox = this.localCanvas(ctx.ctm);
    if (!bbox) return null;
    const body = pieces.map((p) => `${p.path.ops}\n${p.evenOdd ? "f*" : "f"}`);
    const ref = this.res.form(["1 1 1 rg", ...body].join("\n"), bbox, "mask");
    return { kind: "smask", gs: this.res.softMask(ref, true) };
  }

  private maskEffect(id: string, ctx: Ctx): Effect {
    const mk = ctx.ids.get(id);
    if (mk?.tag !== "mask") throw unsupported(`mask reference #${id}`);
    const a = attrsOf(mk);
    if ((a.maskContentUnits ?? "userSpaceOnUse") !== "userSpaceOnUse") {
      throw unsupported('maskContentUnits="objectBoundingBox"');
    }
    const alphaMode = a["mask-type"] === "alpha";
    // Satori's overflow masks are a single opaque white rectangle: exactly a clip, and a clip is
    // cheaper for every RIP than a soft mask.
    const kids = mk.children.filter((c) => !DEFINITIONS.has(c.tag));
    if (kids.length === 1 && SHAPES.has(kids[0].tag) && kids[0].tag !== "line") {
      const ka = attrsOf(kids[0]);
      const st = computeStyle(computeStyle(DEFAULT_STYLE, a), ka);
      const white = st.fill.t === "color" && (alphaMode || st.fill.c.hex === "#ffffff") && st.fill.c.a === 1;
      const plain =
        !ka.mask && !ka["clip-path"] && numAttr(ka.opacity, 1) === 1 && st.fillOpacity === 1 && st.visible;
      const noStroke = st.stroke.t === "none" || st.strokeWidth <= 0;
      if (white && plain && noStroke) {
        const path = this.shapePath(kids[0], ka, parseTransform(ka.transform));
        if (!path) return { kind: "clip", ops: "0 0 0 0 re W n" };
        return { kind: "clip", ops: `${path.ops}\n${st.fillRule === "evenodd" ? "W* n" : "W n"}` };
      }
    }
    const bbox = this.localCanvas(ctx.ctm);
    if (!bbox) return { kind: "clip", ops: "0 0 0 0 re W n" };
    const sub: string[] = [];
    const mctx: Ctx = {
      ...ctx,
      out: sub,
      style: computeStyle(DEFAULT_STYLE, a),
      palette: new Map(),
      smaskActive: false,
      fold: 1,
      depth: ctx.depth + 1,
    };
    this.renderChildren(mk, mctx);
    const ref = this.res.form(sub.join("\n"), bbox, "mask");
    return { kind: "smask", gs: this.res.softMask(ref, !alphaMode) };
  }

  // ----- images and nested SVG
  private drawImage(_node: XNode, a: Record<string, string>, ctx: Ctx) {
    if (!ctx.style.visible) return;
    const href = hrefOf(a);
    if (!href) throw unsupported("<image> without href");
    const x = numAttr(a.x, 0);
    const y = numAttr(a.y, 0);
    const w = numAttr(a.width, 0);
    const h = numAttr(a.height, 0);
    if (w <= 0 || h <= 0) return;
    const img = this.images.get(href);
    const out = ctx.out;
    if (!img) {
      const uri = parseDataUri(href);
      const doc = this.nestedDoc(uri.text ?? "");
      this.drawViewport(doc.root, doc.ids, [x, y, w, h], a.preserveAspectRatio, DEFAULT_STYLE, ctx);
      return;
    }
    const vbt = viewBoxTransform([0, 0, img.width, img.height], [x, y, w, h], a.preserveAspectRatio);
    // Image space is the unit square with y up; our local space has y down.
    const m = mul(vbt, [img.width, 0, 0, -img.height, 0, img.height]);
    const slice = (a.preserveAspectRatio ?? "").includes("slice");
    out.push("q");
    if (slice) out.push(`${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re W n`);
    if (ctx.fold < 1) out.push(`/${this.res.alpha(ctx.fold, ctx.fold)} gs`);
    const name = this.res.xobject(img.ref, "IM");
    out.push(`${fmtMat(m)} cm`, `/${name} Do`, "Q");
    // Placed size in mm: the image's edge vectors through the CTM, then root units → mm.
    const full = mul(ctx.ctm, vbt);
    const mm = this.opts.mmPerUnit;
    const wMm = Math.hypot(full[0] * img.width * mm.x, full[1] * img.width * mm.y);
    const hMm = Math.hypot(full[2] * img.height * mm.x, full[3] * img.height * mm.y);
    const dpi = Math.min(img.width / (wMm / 25.4), img.height / (hMm / 25.4));
    this.rasters.push({
      widthPx: img.width,
      heightPx: img.height,
      placedWidthMm: Math.round(wMm * 100) / 100,
      placedHeightMm: Math.round(hMm * 100) / 100,
      effectiveDpi: Math.round(dpi * 10) / 10,
    });
  }

  private drawNestedSvg(node: XNode, a: Record<string, string>, ctx: Ctx) {
    const x = numAttr(a.x, 0);
    const y = numAttr(a.y, 0);
    const w = parseLength(a.width);
    const h = parseLength(a.height);
    if (w === null || h === null) throw unsupported("nested <svg> without absolute width/height");
    this.drawViewport(node, ctx.ids, [x, y, w, h], a.preserveAspectRatio, ctx.style, ctx);
  }

  private drawViewport(
    svgNode: XNode,
    ids: Map<string, XNode>,
    vp: [number, number, number, number],
    par: string | undefined,
    inherited: Style,
    ctx: Ctx,
  ) {
    if (vp[2] <= 0 || vp[3] <= 0) return;
    const sa = attrsOf(svgNode);
    const vb = parseViewBox(sa.viewBox);
    const m: Mat = vb ? viewBoxTransform(vb, vp, par ?? sa.preserveAspectRatio) : [1, 0, 0, 1, vp[0], vp[1]];
    const out = ctx.out;
    out.push("q", `${fmt(vp[0])} ${fmt(vp[1])} ${fmt(vp[2])} ${fmt(vp[3])} re W n`, `${fmtMat(m)} cm`);
    const inner: Ctx = {
      ...ctx,
      ids,
      ctm: mul(ctx.ctm, m),
      style: computeStyle(inherited, sa),
      depth: ctx.depth + 1,
    };
    if (ctx.fold < 1) {
      out.push(`/${this.res.alpha(ctx.fold, ctx.fold)} gs`);
      this.asGroup({ ...inner, fold: 1 }, (g) => this.renderChildren(svgNode, g));
    } else {
      this.renderChildren(svgNode, inner);
    }
    out.push("Q");
  }
}

function urlRef(v: string | undefined): string | null {
  if (!v || v === "none") return null;
  const m = /^\s*url\(\s*['"]?#([^'")]+)['"]?\s*\)\s*$/.exec(v);
  if (!m) throw unsupported(`reference "${v}"`);
  return m[1];
}

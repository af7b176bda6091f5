// The style cascade for the SVG→PDF writer. `attrsOf` merges an element's presentation attributes
// with its `style` declarations (CSS wins) and refuses attributes we cannot reproduce (filter,
// markers, blend modes …); `computeStyle` folds them onto the parent's `Style` (paints, opacities,
// fill and clip rules, stroke geometry, paint order, visibility). Paints parse to colours via the
// shared CSS colour parser in ../cmyk, or to `url(#id)` paint-server references resolved by the writer.
import { parseColor, type Rgba } from "../cmyk";
import { unsupported } from "./errors";
import type { XNode } from "./tree";

/** A fill or stroke: none, a colour, or a paint server reference (gradient/pattern) with fallback. */
export type Paint =
  | { t: "none" }
  | { t: "color"; c: Rgba }
  | { t: "url"; id: string; fallback: Paint | null };

/** The inherited presentation state of an element after the cascade. */
export interface Style {
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
/** SVG's initial values: black fill, no stroke. */
export const DEFAULT_STYLE: Style = {
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
export function attrsOf(node: XNode): Record<string, string> {
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

/** Clamps to [0, 1]. */
export function clamp01(v: number) {
  return v < 0 ? 0 : Math.min(v, 1);
}

/** A numeric attribute (a percentage becomes a fraction); `dflt` when absent, refused when not a number. */
export function numAttr(v: string | undefined, dflt: number): number {
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

/** The element's style: the parent's, overridden by the element's presentation attributes. */
export function computeStyle(parent: Style, a: Record<string, string>): Style {
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

/** The id in a `url(#id)` reference (clip-path, mask); null for none, refused for anything else. */
export function urlRef(v: string | undefined): string | null {
  if (!v || v === "none") return null;
  const m = /^\s*url\(\s*['"]?#([^'")]+)['"]?\s*\)\s*$/.exec(v);
  if (!m) throw unsupported(`reference "${v}"`);
  return m[1];
}

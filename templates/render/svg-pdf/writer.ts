// The SVG→PDF walker. `SvgPdfWriter.render` turns a parsed satori SVG into raw PDF content-stream
// operators, in root SVG user units (../pdf.ts adds the page mapping, boxes and marks). We write
// operators ourselves instead of pdf-lib's drawSvgPath: satori text arrives as thousands of path
// segments, and building pdf-lib operator objects for each costs more than the whole rest of the
// render. The writer holds what needs the walk's context: effects (clip, soft mask, group opacity),
// shapes and strokes, linear shadings, patterns, images and nested SVG; the pure parts live in the
// sibling modules. Unknown constructs throw PDF_UNSUPPORTED_SVG (decision 030: fail closed).
import type { PDFImage } from "pdf-lib";
import { colorOp, type PaletteMap, parseColor, type Rgba } from "../cmyk";
import { unsupported } from "./errors";
import { fmt, fmtMat, IDENTITY, invert, type Mat, mul, parseTransform } from "./matrix";
import { arcToCurves, PathEmitter, parsePathData } from "./path-data";
import { parseDataUri, type RasterPlacement } from "./raster";
import type { PdfResources } from "./resources";
import {
  attrsOf,
  clamp01,
  computeStyle,
  DEFAULT_STYLE,
  numAttr,
  type Paint,
  type Style,
  urlRef,
} from "./style";
import {
  hrefOf,
  parseLength,
  parseSvg,
  parseViewBox,
  type SvgDocument,
  viewBoxTransform,
  type XNode,
} from "./tree";

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

/** Per-document options: palette swatches (printed as CMYK) and the root unit size (for raster dpi). */
export interface SvgToPdfOptions {
  palette: PaletteMap;
  /** Millimetres per root SVG user unit, horizontally and vertically (for raster resolution). */
  mmPerUnit: { x: number; y: number };
}

/**
 * Walks a parsed satori SVG and returns its PDF content-stream operators; records each placed
 * raster in `rasters`. Throws PdfRenderError (PDF_UNSUPPORTED_SVG) on anything it cannot reproduce.
 */
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

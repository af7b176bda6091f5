import type { DOMPurify } from "dompurify";
import { sniffImage } from "../images";
import { MediaError } from "./errors";
import { SVG_MAX_BYTES } from "./limits";

// SVG logos (decision 036). An SVG is a program as much as a picture: it may carry scripts, event
// handlers, HTML in a <foreignObject>, references that make the viewer fetch from elsewhere, and
// entity declarations that expand without bound. Policy: anything of that kind is REFUSED with
// what was found (a designer who sends a logo and gets a silently altered one back is worse off
// than one told "tệp SVG có mã script"); what is merely unknown to an SVG renderer (an editor's
// metadata, Inkscape's or Illustrator's own attributes, comments) is dropped silently by DOMPurify.
// jsdom and DOMPurify are loaded on the first SVG only: most processes never see one.

const SVG_NS = "http://www.w3.org/2000/svg";
const XHTML_NS = "http://www.w3.org/1999/xhtml";
const EMBEDDING = new Set(["iframe", "embed", "object", "audio", "video", "canvas", "handler", "listener"]);
const ANIMATION = new Set(["set", "animate", "animatemotion", "animatetransform", "animatecolor"]);
/** A `data:` URI an SVG may embed: a PNG or JPEG raster, base64 (checked by its signature too). */
const DATA_RASTER = /^data:image\/(?:png|jpe?g);base64,([a-z0-9+/=\s]+)$/i;
/** CSS px per unit (96 per inch, as SVG and CSS define them). */
const PX_PER_UNIT: Record<string, number> = {
  "": 1,
  px: 1,
  pt: 96 / 72,
  pc: 16,
  mm: 96 / 25.4,
  cm: 96 / 2.54,
  in: 96,
};

export interface CleanSvg {
  /** The sanitised document, UTF-8, with an XML declaration and a viewBox. */
  bytes: Buffer;
  /** Its size in CSS px (from width/height in absolute units, else the viewBox), rounded, ≥ 1. */
  width: number;
  height: number;
  /** Elements and attributes dropped as unknown to SVG (editor metadata), for the upload's note. */
  dropped: number;
}

interface Tools {
  window: Window & typeof globalThis;
  purify: DOMPurify;
}

let tools: Promise<Tools> | null = null;

function loadTools(): Promise<Tools> {
  tools ??= (async () => {
    const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([
      import("jsdom"),
      import("dompurify"),
    ]);
    const window = new JSDOM("").window as unknown as Window & typeof globalThis;
    return { window, purify: createDOMPurify(window) };
  })();
  return tools;
}

const short = (s: string) => {
  const t = s.trim().replace(/\s+/g, " ");
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

/** Every `url(…)` target in a CSS text or a presentation attribute, quotes removed. */
function urlTargets(text: string): string[] {
  return [...text.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)].map((m) => m[2]!.trim());
}

/** Whether an href stays inside the file: a "#id" fragment, or a PNG/JPEG embedded as data. */
function isLocalRef(value: string): boolean {
  const v = value.trim();
  if (v.startsWith("#")) return true;
  const data = DATA_RASTER.exec(v);
  if (!data) return false;
  const kind = sniffImage(Buffer.from(data[1]!.replace(/\s+/g, ""), "base64"));
  return kind === "png" || kind === "jpeg";
}

/** What makes `doc` unsafe, in Vietnamese, each kind once (an empty list: nothing found). */
function dangersOf(doc: Document): string[] {
  const found = new Set<string>();
  for (const node of Array.from(doc.childNodes)) {
    // <?xml-stylesheet href="…"?> makes a browser fetch a style sheet.
    if (node.nodeType === 7)
      found.add(`chỉ thị nạp tệp ngoài (<?${(node as ProcessingInstruction).target}?>)`);
  }
  const walk = (el: Element) => {
    const name = el.localName.toLowerCase();
    if (name === "script") found.add("mã script (<script>)");
    else if (name === "foreignobject") found.add("phần tử <foreignObject> (nhúng HTML)");
    else if (EMBEDDING.has(name)) found.add(`phần tử nhúng <${el.localName}>`);
    else if (el.namespaceURI === XHTML_NS) found.add(`phần tử HTML <${el.localName}>`);
    if (
      ANIMATION.has(name) &&
      /^(?:xlink:)?href$|^on/i.test((el.getAttribute("attributeName") ?? "").trim())
    ) {
      found.add(`hoạt ảnh thay đổi liên kết (<${el.localName}>)`);
    }
    for (const attr of Array.from(el.attributes)) {
      const local = attr.localName.toLowerCase();
      if (local.startsWith("on")) found.add(`thuộc tính sự kiện (${attr.name})`);
      if (local === "href" && !isLocalRef(attr.value)) {
        found.add(`liên kết ra ngoài (${attr.name}="${short(attr.value)}")`);
      }
      if (/javascript\s*:/i.test(attr.value)) found.add("liên kết javascript:");
      for (const target of urlTargets(attr.value)) {
        if (!target.startsWith("#")) found.add(`tham chiếu ra ngoài url(${short(target)})`);
      }
      if (local === "style" && /@import/i.test(attr.value)) found.add("lệnh @import trong style");
    }
    if (name === "style") {
      const css = el.textContent ?? "";
      for (const target of urlTargets(css)) {
        if (!target.startsWith("#")) found.add(`tham chiếu ra ngoài url(${short(target)})`);
      }
      if (/@import/i.test(css)) found.add("lệnh @import trong style");
    }
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(doc.documentElement);
  return [...found];
}

function unsafe(found: string[], file?: string): MediaError {
  return new MediaError(
    "MEDIA_SVG_UNSAFE",
    `unsafe SVG: ${found.join("; ")}`,
    `Tệp SVG có ${found.join(", ")}: không nhận vì lý do an toàn. Hãy xuất lại logo dưới dạng SVG thuần (không script, không liên kết ra ngoài) hoặc PNG.`,
    { found, ...(file ? { file } : {}) },
  );
}

const unreadable = (why: string, messageVi?: string) => new MediaError("MEDIA_UNREADABLE", why, messageVi);

function parse(window: Tools["window"], text: string): Document {
  const doc = new window.DOMParser().parseFromString(text, "image/svg+xml");
  if (doc.getElementsByTagName("parsererror").length > 0) {
    throw unreadable(
      "SVG is not well-formed XML",
      "Tệp SVG bị lỗi cấu trúc (không phải XML hợp lệ). Hãy xuất lại logo.",
    );
  }
  const root = doc.documentElement;
  if (root.localName !== "svg" || root.namespaceURI !== SVG_NS) {
    throw new MediaError("MEDIA_TYPE", `root element ${root.nodeName} in ${root.namespaceURI}`);
  }
  return doc;
}

/** A length in CSS px: a number with an absolute unit (px, pt, pc, mm, cm, in) or none; else null. */
function lengthPx(raw: string | null): number | null {
  const m = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$/i.exec(raw ?? "");
  if (!m) return null;
  const px = Number(m[1]) * PX_PER_UNIT[(m[2] ?? "").toLowerCase()]!;
  return Number.isFinite(px) && px > 0 ? px : null;
}

function viewBoxOf(raw: string | null): { width: number; height: number } | null {
  const parts = (raw ?? "")
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
  const [, , width, height] = parts as [number, number, number, number];
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The drawing's size: width/height in absolute units, one of them with the viewBox's ratio, or the viewBox. */
function sizeOf(svg: Element): { width: number; height: number } {
  const box = viewBoxOf(svg.getAttribute("viewBox"));
  const w = lengthPx(svg.getAttribute("width"));
  const h = lengthPx(svg.getAttribute("height"));
  if (w && h) return { width: w, height: h };
  if (box && w) return { width: w, height: (w * box.height) / box.width };
  if (box && h) return { width: (h * box.width) / box.height, height: h };
  if (box) return box;
  throw unreadable(
    "SVG has neither a viewBox nor absolute width and height",
    "Tệp SVG không có viewBox hoặc chiều rộng/chiều cao nên không biết kích thước logo. Hãy xuất lại có viewBox.",
  );
}

/**
 * Checks and cleans an SVG logo. Refuses with MediaError: MEDIA_TOO_LARGE (over SVG_MAX_BYTES),
 * MEDIA_UNREADABLE (not UTF-8, not well-formed XML, no viewBox nor absolute width/height),
 * MEDIA_TYPE (the root is not an SVG <svg>), MEDIA_SVG_UNSAFE (a DOCTYPE with declarations, an
 * <!ENTITY>, <script>, on* attributes, <foreignObject> or other embedding, an href that is not a
 * "#id" or a data:image/png|jpeg, an external url(…) or @import in styles, a style-sheet
 * instruction; `details.found` lists them and the message names them). What passes goes through
 * DOMPurify (SVG and SVG-filter profiles, <use> allowed) and is serialised as XML again, with a
 * viewBox added when the file had none, so it scales in every renderer.
 */
export async function cleanSvg(bytes: Buffer, file?: string): Promise<CleanSvg> {
  if (bytes.length > SVG_MAX_BYTES) {
    throw new MediaError(
      "MEDIA_TOO_LARGE",
      `SVG of ${bytes.length} bytes > ${SVG_MAX_BYTES}`,
      `Tệp SVG quá lớn (${(bytes.length / 1024 / 1024).toFixed(1)} MB; tối đa 1 MB). Logo thường chỉ vài chục kB: hãy xuất lại không kèm ảnh nhúng hoặc dữ liệu của phần mềm vẽ.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unreadable("SVG is not UTF-8", "Tệp SVG không ở mã UTF-8. Hãy xuất lại logo với mã UTF-8.");
  }
  // Checked on the text, before any parser sees it: jsdom's XML parser expands internal entities.
  const declarations = [
    /<!ENTITY/i.test(text) ? "khai báo thực thể <!ENTITY>" : null,
    /<!DOCTYPE[^>[]*\[/i.test(text) ? "DOCTYPE có khai báo riêng" : null,
  ].filter((x): x is string => x !== null);
  if (declarations.length > 0) throw unsafe(declarations, file);
  const { window, purify } = await loadTools();
  const found = dangersOf(parse(window, text));
  if (found.length > 0) throw unsafe(found, file);

  const fragment = purify.sanitize(text, {
    USE_PROFILES: { svg: true, svgFilters: true },
    // <use> of a "#id" is how editors repeat a shape; external ones were refused above.
    ADD_TAGS: ["use"],
    RETURN_DOM_FRAGMENT: true,
  });
  // DOMPurify parses into an HTML body it then drops: that one is not the file's.
  const dropped = purify.removed.filter((r) => !("element" in r && r.element?.nodeName === "BODY")).length;
  const svg = Array.from(fragment.childNodes).find((n): n is Element => n.nodeType === 1);
  if (svg?.localName !== "svg") throw unreadable("nothing left after sanitising");
  const size = sizeOf(svg);
  if (!svg.hasAttribute("viewBox")) svg.setAttribute("viewBox", `0 0 ${size.width} ${size.height}`);
  const out = `<?xml version="1.0" encoding="UTF-8"?>\n${new window.XMLSerializer().serializeToString(svg)}\n`;
  // The cleaned file is read once more as the browser will: whatever slipped through is refused.
  const again = dangersOf(parse(window, out));
  if (again.length > 0) throw unsafe(again, file);
  return {
    bytes: Buffer.from(out, "utf8"),
    width: Math.max(1, Math.round(size.width)),
    height: Math.max(1, Math.round(size.height)),
    dropped,
  };
}

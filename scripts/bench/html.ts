// The HTML equivalent of an engine render, for Chromium. The design's own React tree is serialised
// as HTML, so Chromium lays out the same boxes, colours and the same fitted lines (each line is a
// no-wrap row) that satori receives; the vector overlays (stars, rules, QR) go in as inline SVG.
// The text fitting is done here in Node before timing starts, which favours Chromium.
import { contextFor } from "../../templates/context";
import { renderToStaticMarkup } from "react-dom/server";
import { loadAllFonts } from "../../fonts/registry.server";
import { getTemplate } from "../../templates/catalog";
import { canvasFor, getFormat, isPrintFormat } from "../../templates/formats";
import { cleanText } from "../../templates/text/clean";
import type { Job } from "./cases";

export type HtmlOutput =
  | { kind: "png"; width: number; height: number; scale: number }
  | { kind: "pdf"; widthMm: number; heightMm: number; scale: number };

export interface HtmlJob {
  /** The design's markup plus the overlay SVG, in canvas units. */
  html: string;
  outputs: HtmlOutput[];
}

const CSS_PX_PER_MM = 96 / 25.4;
/** Same proof size renderAssetFiles uses for print formats. */
const PROOF_PX = 2400;

/**
 * Satori treats every div as a flex container with border-box sizing; stating both keeps
 * Chromium's layout identical instead of falling back to block flow.
 */
export function shellHtml(): string {
  const faces = loadAllFonts()
    .map(
      (f) =>
        `@font-face{font-family:"${f.family.name}";font-weight:${f.weight};font-style:normal;` +
        `src:url(data:font/ttf;base64,${f.data.toString("base64")}) format("truetype")}`,
    )
    .join("\n");
  const probes = loadAllFonts()
    .map((f) => `<span style="font-family:'${f.family.name}';font-weight:${f.weight}">Ắ</span>`)
    .join("");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
${faces}
@page{margin:0}
html,body{margin:0;padding:0;overflow:hidden}
*{box-sizing:border-box}
#root{position:absolute;left:0;top:0;transform-origin:0 0}
#root div{display:flex}
#probe{position:absolute;left:-9999px}
</style></head><body><div id="root"></div><div id="probe">${probes}</div></body></html>`;
}

const cache = new Map<string, HtmlJob>();

export function htmlFor(job: Job): HtmlJob {
  const key = `${job.templateId}|${job.formatId}|${job.output}|${job.text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const template = getTemplate(job.templateId);
  const format = getFormat(job.formatId);
  const canvas = canvasFor(format);
  const design = template.design(contextFor(template, format, { text: cleanText(job.text).text }));
  const paths = design.overlays
    .map((o) => {
      const t = o.at ? ` transform="translate(${o.at.x} ${o.at.y})"` : "";
      return `<path d="${o.d}" fill="${o.fill}"${t}/>`;
    })
    .join("");
  const { width: w, height: h } = canvas;
  const html =
    `<div style="position:relative;width:${w}px;height:${h}px">${renderToStaticMarkup(design.element)}` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ` +
    `style="position:absolute;left:0;top:0">${paths}</svg></div>`;
  const outputs: HtmlOutput[] = [];
  if (isPrintFormat(format)) {
    const wMm = format.trimWidthMm + 2 * format.bleedMm;
    const hMm = format.trimHeightMm + 2 * format.bleedMm;
    if (job.output === "pdf" || job.output === "asset") {
      outputs.push({ kind: "pdf", widthMm: wMm, heightMm: hMm, scale: (wMm * CSS_PX_PER_MM) / w });
    }
    if (job.output === "asset") {
      const s = PROOF_PX / Math.max(w, h);
      outputs.push({ kind: "png", width: Math.round(w * s), height: Math.round(h * s), scale: s });
    }
  } else {
    outputs.push({ kind: "png", width: w, height: h, scale: 1 });
  }
  const out = { html, outputs };
  cache.set(key, out);
  return out;
}

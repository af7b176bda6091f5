// Where an engine render spends its time: each pipeline stage timed on its own, then a V8 CPU
// profile of the whole render folded into libraries, so a missed target points at a stage.
import { contextFor } from "../../templates/context";
import { Session } from "node:inspector/promises";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { getSatoriFonts } from "../../fonts/registry.server";
import { DESIGN_FONTS, getTemplate } from "../../templates/catalog";
import { canvasFor, getFormat, isPrintFormat } from "../../templates/formats";
import { printPdf, renderSvg, svgToPng } from "../../templates/render/index.server";
import { encodePng } from "../../templates/render/png-encode";
import { parseSvg } from "../../templates/render/svg-pdf";
import { cleanText } from "../../templates/text/clean";
import { type CaseDef, caseJobs, jobInput } from "./cases";
import { runEngine } from "./engine";
import { median } from "./stats";

export interface StageTimes {
  case: string;
  stages: { stage: string; medianMs: number }[];
  cpu: { bucket: string; ms: number; share: number }[];
  topFunctions: { fn: string; ms: number }[];
}

async function timeIt<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

const SLUG = { assetCode: "CCHC-2026-BENCH-0001", version: "v1", date: "01/01/2026" };

async function stageSplit(c: CaseDef, n: number): Promise<{ stage: string; medianMs: number }[]> {
  const acc = new Map<string, number[]>();
  const put = (k: string, ms: number) => acc.set(k, [...(acc.get(k) ?? []), ms]);
  for (const job of caseJobs(c, n)) {
    const template = getTemplate(job.templateId);
    const format = getFormat(job.formatId);
    const canvas = canvasFor(format);
    const ctx = contextFor(template, format, { text: cleanText(job.text).text }, undefined, job.photoFit);
    const [layoutMs, design] = await timeIt(() => template.design(ctx));
    put("layout + text fitting (template.design)", layoutMs);
    const [satoriMs] = await timeIt(() =>
      satori(design.element, {
        width: canvas.width,
        height: canvas.height,
        fonts: getSatoriFonts(DESIGN_FONTS),
      }),
    );
    put("satori (layout + glyphs → SVG paths)", satoriMs);
    const [svgMs, r] = await timeIt(() => renderSvg(job.templateId, job.formatId, jobInput(job)));
    put("renderSvg total (design + satori + overlays)", svgMs);
    if (!isPrintFormat(format)) {
      // Same options as svgToPng, split so parsing, rasterising and PNG encoding show separately.
      const [parseMs, resvg] = await timeIt(
        () =>
          new Resvg(r.svg, {
            fitTo: { mode: "width", value: canvas.width },
            font: { loadSystemFonts: false },
            shapeRendering: 2,
            textRendering: 2,
          }),
      );
      const [rasterMs, img] = await timeIt(() => resvg.render());
      const [encodeMs] = await timeIt(() => encodePng(img.pixels, img.width, img.height));
      put("resvg: parse SVG", parseMs);
      put("resvg: rasterise", rasterMs);
      put("PNG encode (rows + split deflate)", encodeMs);
      const [pngMs] = await timeIt(() => svgToPng(r, 10_000));
      put("svgToPng total", pngMs);
    } else {
      const [xmlMs] = await timeIt(() => parseSvg(r.svg));
      put("pdf: parse SVG XML (part of printPdf)", xmlMs);
      const [pdfMs] = await timeIt(() => printPdf(r, SLUG, new Date("2026-01-01T00:00:00Z")));
      put("printPdf total", pdfMs);
    }
    put("SVG size (kB, not ms)", r.svg.length / 1024);
  }
  return [...acc].map(([stage, v]) => ({ stage, medianMs: median(v) }));
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function bucketOf(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "V8 garbage collector";
  if (fn === "(program)") return "V8 (program: compile, IC, runtime)";
  // resvg-js is a napi addon: the profiler pins its native time on an addon symbol with no URL.
  if (url === "" && /^[a-z_]+$/.test(fn)) return "native addon code (resvg render + PNG encode)";
  if (url.startsWith("wasm://")) return "satori: yoga layout (wasm)";
  if (url.includes("node_modules/satori")) return "satori (JS)";
  if (url.includes("@resvg")) return "resvg-js (native call)";
  if (url.includes("pako")) return "pako deflate (pdf-lib streams)";
  if (url.includes("pdf-lib")) return "pdf-lib (object model, save)";
  if (url.includes("fast-xml-parser")) return "fast-xml-parser (SVG XML for PDF)";
  if (url.includes("opentype.js")) return "opentype.js (measuring)";
  if (url.includes("templates/render/svg-pdf/")) return "svg-to-pdf writer (paths → PDF ops)";
  if (url.includes("templates/render")) return "templates/render other (pdf, marks, cmyk)";
  if (url.includes("templates/")) return "templates: design + text fitting";
  if (url.includes("node_modules/react")) return "react (element creation)";
  if (url === "" || url.startsWith("node:")) return "node internals";
  return "other JS";
}

async function cpuProfile(
  c: CaseDef,
  n: number,
): Promise<{ cpu: StageTimes["cpu"]; topFunctions: StageTimes["topFunctions"] }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  for (const job of caseJobs(c, n)) await runEngine(job);
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const nodes = new Map<number, ProfileNode>();
  for (const node of profile.nodes as ProfileNode[]) nodes.set(node.id, node);
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  }
  const buckets = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const cf = nodes.get(id)!.callFrame;
    // `dispatch` is the inspector serialising the profile inside Profiler.stop, not the render.
    if (cf.functionName === "(idle)" || (cf.url === "" && cf.functionName === "dispatch")) continue;
    total += us;
    const b = bucketOf(cf.url, cf.functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const file = cf.url.replace(/^.*\/(node_modules\/|work\/main\/)/, "");
    const key = `${cf.functionName || "(anonymous)"} ${file}:${cf.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const cpu = [...buckets]
    .map(([bucket, us]) => ({ bucket, ms: us / 1000 / n, share: us / total }))
    .sort((a, b) => b.ms - a.ms);
  const topFunctions = [...fns]
    .map(([fn, us]) => ({ fn, ms: us / 1000 / n }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  return { cpu, topFunctions };
}

export async function profileCase(c: CaseDef, n = 12): Promise<StageTimes> {
  const stages = await stageSplit(c, n);
  const { cpu, topFunctions } = await cpuProfile(c, n);
  return { case: c.label, stages, cpu, topFunctions };
}

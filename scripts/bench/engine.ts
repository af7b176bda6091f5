// How the engine renders a benchmark job: the same calls the app makes. Loaded by the worker
// threads, and by the harness only after the worker phase (samples, stage profile, raster case).
import { PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { isPrintFormat } from "../../templates/formats";
import {
  printPdf,
  renderAssetFiles,
  renderSvg,
  type SlugInfo,
  svgToPng,
} from "../../templates/render/index.server";
import { type EngineResult, type Job, jobInput } from "./cases";

// Fixed so repeated runs produce identical PDFs and byte counts.
const SLUG: SlugInfo = { assetCode: "CCHC-2026-BENCH-0001", version: "v1", date: "01/01/2026" };
const CREATED = new Date("2026-01-01T00:00:00Z");
const MM_PER_IN = 25.4;
const PT_PER_MM = 72 / MM_PER_IN;
const MAX_PDF_UNITS = 14400;

/** Screens render at their true pixel size; this bound never bites for the catalogue's screens. */
const SCREEN_MAX_PX = 10_000;

async function rasterBannerPdf(job: Job, keep: boolean): Promise<EngineResult> {
  const r = await renderSvg(job.templateId, job.formatId, { text: job.text });
  const f = r.format;
  if (!isPrintFormat(f)) throw new Error("raster100 needs a print format");
  const wMm = f.trimWidthMm + 2 * f.bleedMm;
  const hMm = f.trimHeightMm + 2 * f.bleedMm;
  const wantPx = Math.round((Math.max(wMm, hMm) / MM_PER_IN) * 100);
  let png: Awaited<ReturnType<typeof svgToPng>>;
  let note = "";
  try {
    png = await svgToPng(r, wantPx);
  } catch (e) {
    // tiny-skia refuses pixmaps beyond its size limit; fall back to the widest it accepts.
    png = await svgToPng(r, 32_000);
    note = `resvg refused ${wantPx} px (${(e as Error).message}); capped at 32000 px. `;
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  const img = await doc.embedPng(png.png);
  const userUnit = Math.max(1, Math.ceil((Math.max(wMm, hMm) * PT_PER_MM) / MAX_PDF_UNITS));
  const w = (wMm * PT_PER_MM) / userUnit;
  const h = (hMm * PT_PER_MM) / userUnit;
  const page = doc.addPage([w, h]);
  if (userUnit > 1) page.node.set(PDFName.of("UserUnit"), PDFNumber.of(userUnit));
  page.drawImage(img, { x: 0, y: 0, width: w, height: h });
  const bytes = await doc.save({ useObjectStreams: true });
  const dpi = (png.width / wMm) * MM_PER_IN;
  note += `${png.width}×${png.height} px (${dpi.toFixed(1)} dpi, PNG ${(png.png.length / 1e6).toFixed(2)} MB)`;
  return { bytes: bytes.length, note, files: keep ? [{ name: "raster100.pdf", data: bytes }] : undefined };
}

export async function runEngine(job: Job, keep = false): Promise<EngineResult> {
  switch (job.output) {
    case "png": {
      const r = await renderSvg(job.templateId, job.formatId, jobInput(job));
      const png = (await svgToPng(r, SCREEN_MAX_PX)).png;
      return { bytes: png.length, files: keep ? [{ name: "engine.png", data: png }] : undefined };
    }
    case "pdf": {
      const r = await renderSvg(job.templateId, job.formatId, jobInput(job));
      const pdf = (await printPdf(r, SLUG, CREATED)).bytes;
      return { bytes: pdf.length, files: keep ? [{ name: "engine.pdf", data: pdf }] : undefined };
    }
    case "raster100":
      return rasterBannerPdf(job, keep);
    case "asset": {
      // The app's own path for a version: print PDF + PNG proof for print, true-size PNG for screens.
      const a = await renderAssetFiles(job.templateId, job.formatId, jobInput(job), SLUG, CREATED);
      const kept = a.files.filter((f) => f.kind !== "svg");
      return {
        bytes: kept.reduce((n, f) => n + f.bytes.length, 0),
        files: keep ? kept.map((f) => ({ name: `engine.${f.kind}`, data: f.bytes })) : undefined,
      };
    }
  }
}

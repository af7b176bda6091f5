// What the benchmark renders, and how the engine renders it. Shared by the main thread and the
// worker threads so both time exactly the same code path.
import { PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { getTemplate, supports } from "../../templates/catalog";
import { getFormat, isPrintFormat } from "../../templates/formats";
import {
  printPdf,
  renderAssetFiles,
  renderSvg,
  type SlugInfo,
  svgToPng,
} from "../../templates/render/index.server";
import { CONTENT_ITEMS } from "../../storage/seed/plan-data";

export type Output = "png" | "pdf" | "raster100" | "asset";

export interface Job {
  templateId: string;
  formatId: string;
  text: string;
  output: Output;
}

export interface EngineResult {
  bytes: number;
  /** Anything the report should know about this render (e.g. the raster size actually used). */
  note?: string;
  /** The rendered files, only when asked for (sample output for eyeballing). */
  files?: { name: string; data: Uint8Array }[];
}

export interface CaseDef {
  id: string;
  label: string;
  templateId: string;
  formatId: string;
  output: Output;
  iterations: number;
  warmup: number;
  /** Jobs pushed through two workers for images/s; 0 skips the throughput run. */
  throughputJobs: number;
  /** Whether Chromium renders an equivalent. */
  chromium: boolean;
}

/** Every seeded slogan, in plan order (15 content items × 2). */
export const SLOGANS: string[] = CONTENT_ITEMS.flatMap((c) => c.slogans.slice(0, 2));

export const CASES: CaseDef[] = [
  {
    id: "png-1200x630",
    label: "1200×630 PNG",
    templateId: "co-dong-truyen-thong",
    formatId: "fb-link-1200x630",
    output: "png",
    iterations: 50,
    warmup: 15,
    throughputJobs: 80,
    chromium: true,
  },
  {
    id: "png-1080x1920",
    label: "1080×1920 PNG",
    templateId: "co-dong-truyen-thong",
    formatId: "story-1080x1920",
    output: "png",
    iterations: 40,
    warmup: 12,
    throughputJobs: 60,
    chromium: true,
  },
  {
    id: "pdf-a2",
    label: "A2 poster PDF",
    templateId: "ap-phich-trang-trong",
    formatId: "a2",
    output: "pdf",
    iterations: 30,
    warmup: 8,
    throughputJobs: 40,
    chromium: true,
  },
  {
    id: "pdf-banner-1.2x10",
    label: "1.2×10 m banner PDF (vector)",
    templateId: "co-dong-truyen-thong",
    formatId: "bang-ron-1.2x10",
    output: "pdf",
    iterations: 30,
    warmup: 8,
    throughputJobs: 40,
    chromium: true,
  },
  {
    id: "pdf-banner-1.2x10-raster100",
    label: "1.2×10 m banner PDF (PNG @100 dpi)",
    templateId: "co-dong-truyen-thong",
    formatId: "bang-ron-1.2x10",
    output: "raster100",
    // One render is ~30 s and ~3 GB; it is here to show why the banner stays vector.
    iterations: 1,
    warmup: 0,
    throughputJobs: 0,
    chromium: false,
  },
];

/** Six formats across screen, poster and banner, each with a design that has a layout for it. */
export const BULK_FORMATS: { formatId: string; templateId: string }[] = [
  { formatId: "fb-link-1200x630", templateId: "co-dong-truyen-thong" },
  { formatId: "story-1080x1920", templateId: "chinh-quyen-so" },
  { formatId: "a2", templateId: "ap-phich-trang-trong" },
  { formatId: "a0", templateId: "hanh-chinh-hien-dai" },
  { formatId: "bang-ron-1.2x10", templateId: "co-dong-truyen-thong" },
  { formatId: "co-phuon-0.8x2.5", templateId: "chinh-quyen-so" },
];

/**
 * Format-major order: Chromium pays a relayout and a new compositor frame whenever the viewport
 * changes size, so grouping by format is the order a Chromium pipeline would choose; the engine
 * does not care and gets the same order.
 */
export function bulkJobs(): Job[] {
  return BULK_FORMATS.flatMap((f) => SLOGANS.map((text) => ({ ...f, text, output: "asset" as const })));
}

export function caseJobs(c: CaseDef, count: number, offset = 0): Job[] {
  return Array.from({ length: count }, (_, i) => ({
    templateId: c.templateId,
    formatId: c.formatId,
    text: SLOGANS[(offset + i) % SLOGANS.length],
    output: c.output,
  }));
}

export function checkSupported(jobs: { templateId: string; formatId: string }[]): void {
  for (const j of jobs) {
    if (!supports(getTemplate(j.templateId), getFormat(j.formatId))) {
      throw new Error(`bench: ${j.templateId} has no layout for ${j.formatId}`);
    }
  }
}

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
  let png: ReturnType<typeof svgToPng>;
  let note = "";
  try {
    png = svgToPng(r, wantPx);
  } catch (e) {
    // tiny-skia refuses pixmaps beyond its size limit; fall back to the widest it accepts.
    png = svgToPng(r, 32_000);
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
      const r = await renderSvg(job.templateId, job.formatId, { text: job.text });
      const png = svgToPng(r, SCREEN_MAX_PX).png;
      return { bytes: png.length, files: keep ? [{ name: "engine.png", data: png }] : undefined };
    }
    case "pdf": {
      const r = await renderSvg(job.templateId, job.formatId, { text: job.text });
      const pdf = (await printPdf(r, SLUG, CREATED)).bytes;
      return { bytes: pdf.length, files: keep ? [{ name: "engine.pdf", data: pdf }] : undefined };
    }
    case "raster100":
      return rasterBannerPdf(job, keep);
    case "asset": {
      // The app's own path for a version: print PDF + PNG proof for print, true-size PNG for screens.
      const a = await renderAssetFiles(job.templateId, job.formatId, { text: job.text }, SLUG, CREATED);
      const kept = a.files.filter((f) => f.kind !== "svg");
      return {
        bytes: kept.reduce((n, f) => n + f.bytes.length, 0),
        files: keep ? kept.map((f) => ({ name: `engine.${f.kind}`, data: f.bytes })) : undefined,
      };
    }
  }
}

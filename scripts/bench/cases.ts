// What the benchmark renders: plain data shared by the harness and the worker threads. The engine
// itself lives in ./engine, so the harness can hand out jobs without loading it.
import { CONTENT_ITEMS } from "../../storage/seed/plan-data";
import type { FittedPhoto } from "../../templates/photo/types";
import type { RenderInput } from "../../templates/types";

export type Output = "png" | "pdf" | "raster100" | "asset";

export interface Job {
  templateId: string;
  formatId: string;
  text: string;
  output: Output;
  /** Photo designs: the photo fitted on the harness's main thread, as the app fits it before its pool. */
  photoFit?: FittedPhoto;
}

/** What the engine is given for a job: the slogan, and the fitted photo when there is one. */
export function jobInput(job: Job): RenderInput {
  return job.photoFit ? { text: job.text, photoFit: job.photoFit } : { text: job.text };
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
  /**
   * Renders before the engine is timed. V8 keeps optimising satori's layout and path code for a
   * few hundred renders (1200×630 in a worker here: median 22 ms over renders 15–65, 18 ms over
   * 300–600), and a render service is past that within minutes, so the engine is timed warm.
   */
  engineWarmup: number;
  /** Jobs pushed through two workers for images/s; 0 skips the throughput run. */
  throughputJobs: number;
  /** Whether Chromium renders an equivalent. */
  chromium: boolean;
  /**
   * Photo cases: the design is the first with a photo slot that supports the format, found at run
   * time (`templateId` is then filled in), and `photoFit` the generated photo fitted to its slot.
   */
  photo?: boolean;
  photoFit?: FittedPhoto;
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
    engineWarmup: 200,
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
    engineWarmup: 120,
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
    engineWarmup: 60,
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
    engineWarmup: 60,
    throughputJobs: 40,
    chromium: true,
  },
  {
    id: "photo-png-1200x630",
    label: "photo design 1200×630 PNG",
    templateId: "",
    formatId: "fb-link-1200x630",
    output: "png",
    iterations: 40,
    warmup: 10,
    engineWarmup: 120,
    throughputJobs: 60,
    chromium: false,
    photo: true,
  },
  {
    id: "photo-pdf-a2",
    label: "photo design A2 poster PDF",
    templateId: "",
    formatId: "a2",
    output: "pdf",
    iterations: 30,
    warmup: 8,
    engineWarmup: 40,
    throughputJobs: 30,
    chromium: false,
    photo: true,
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
    engineWarmup: 0,
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
    ...(c.photoFit ? { photoFit: c.photoFit } : {}),
  }));
}

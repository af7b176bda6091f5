// The one entry point the app, the CLI and the benchmarks use to render.
import { isPrintFormat } from "../formats";
import { ISSUER } from "../designs/parts";
import { type PreflightReport, preflight } from "../preflight";
import type { RenderInput, TextPlacement } from "../types";
import { renderPrintPdf } from "./pdf";
import { PREVIEW_MAX_PX, svgToPng } from "./png.server";
import { type RenderedSvg, renderSvg } from "./svg.server";

export { renderSvg, svgToPng };
export type { RenderedSvg, PreflightReport };

export type PreviewAs = "png" | "svg";

export interface Preview {
  image: Buffer;
  contentType: "image/png" | "image/svg+xml";
  /** Pixels of the PNG; for SVG, the canvas size it is drawn at. */
  width: number;
  height: number;
  preflight: PreflightReport;
  texts: TextPlacement[];
}

/**
 * A preview with its preflight report. As SVG it is the master every file is made from (text as
 * paths, so the browser needs no fonts), sharp at any zoom and free of rasterising and encoding:
 * the editor's live preview uses it. As PNG it is what resvg makes of that master.
 */
export async function renderPreview(
  templateId: string,
  formatId: string,
  input: RenderInput,
  opts: { maxPx?: number; as?: PreviewAs } = {},
): Promise<Preview> {
  const r = await renderSvg(templateId, formatId, input);
  const common = { preflight: checkRendered(r), texts: r.design.texts };
  if (opts.as === "svg") {
    return {
      image: Buffer.from(r.svg, "utf8"),
      contentType: "image/svg+xml",
      width: r.canvas.width,
      height: r.canvas.height,
      ...common,
    };
  }
  const png = await svgToPng(r, opts.maxPx ?? PREVIEW_MAX_PX);
  return { image: png.png, contentType: "image/png", width: png.width, height: png.height, ...common };
}

/**
 * Preflight of a render: the design's text facts and SVG (see `preflight`), plus what cleaning
 * the input found (look-alike letters replaced, text without marks) as warnings.
 */
export function checkRendered(r: RenderedSvg, rasters: { effectiveDpi: number }[] = []): PreflightReport {
  const report = preflight({
    format: r.format,
    canvas: r.canvas,
    texts: r.design.texts,
    overlays: r.design.overlays,
    svg: r.svg,
    rasters,
  });
  report.warnings.unshift(...r.notices);
  return report;
}

export interface SlugInfo {
  assetCode: string;
  /** The version's number or name ("2"); the slug line writes "Phiên bản 2". */
  version?: string;
  /** dd/mm/yyyy */
  date: string;
  verifyCode?: string;
  verifyUrl?: string;
  approval?: string;
}

export interface RenderedFile {
  kind: "pdf" | "png" | "svg";
  bytes: Uint8Array;
  contentType: string;
}

export interface AssetFiles {
  files: RenderedFile[];
  preflight: PreflightReport;
  rendered: RenderedSvg;
}

export function printPdf(r: RenderedSvg, slug: SlugInfo, creationDate?: Date) {
  const f = r.format;
  if (!isPrintFormat(f)) throw new Error(`${f.id} is a screen format: it has no print PDF`);
  return renderPrintPdf({
    svg: r.svg,
    geometry: { trimWidthMm: f.trimWidthMm, trimHeightMm: f.trimHeightMm, bleedMm: f.bleedMm },
    palette: r.template.palette,
    slug: {
      assetCode: slug.assetCode,
      formatLabel: f.label,
      version: slug.version,
      date: slug.date,
      verifyCode: slug.verifyCode,
      verifyUrl: slug.verifyUrl,
      approval: slug.approval ?? "Chỉ in khi mã xác minh báo “Đã phát hành”",
    },
    metadata: {
      title: r.input.text,
      author: r.input.options.issuer ?? ISSUER,
      subject: `${r.template.name} — ${f.label}`,
      keywords: ["cải cách hành chính", "Lạc Phượng", "2026", slug.assetCode, f.id, r.template.id],
      creationDate,
    },
  });
}

/**
 * Every file a version keeps: print formats get the print PDF (the file decisions are bound to)
 * plus a PNG proof; screen formats get their PNG at true pixel size.
 */
export async function renderAssetFiles(
  templateId: string,
  formatId: string,
  input: RenderInput,
  slug: SlugInfo,
  creationDate?: Date,
): Promise<AssetFiles> {
  const r = await renderSvg(templateId, formatId, input);
  const files: RenderedFile[] = [];
  let rasters: { effectiveDpi: number }[] = [];
  if (isPrintFormat(r.format)) {
    const pdf = await printPdf(r, slug, creationDate);
    rasters = pdf.rasters;
    files.push({ kind: "pdf", bytes: pdf.bytes, contentType: "application/pdf" });
    files.push({ kind: "png", bytes: (await svgToPng(r, 2400)).png, contentType: "image/png" });
  } else {
    files.push({ kind: "png", bytes: (await svgToPng(r, 10_000)).png, contentType: "image/png" });
  }
  files.push({ kind: "svg", bytes: Buffer.from(r.svg, "utf8"), contentType: "image/svg+xml" });
  return { files, preflight: checkRendered(r, rasters), rendered: r };
}

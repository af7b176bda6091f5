// The one entry point the app, the CLI and the benchmarks use to render.
import { stripEmphasis } from "../text/emphasis";
import { getTemplate } from "../catalog";
import { type Format, getFormat, isPrintFormat } from "../formats";
import { type Brand, brandSwatches, DEFAULT_BRAND, issuerOf } from "../brand";
import { type PreflightReport, type RasterUse, preflight } from "../preflight";
import type { FittedPhoto } from "../photo/types";
import type { RenderInput, Template, TextPlacement } from "../types";
import { needsScaledFile, PRINT_SCALE_DENOMINATOR, renderPrintPdf } from "./pdf";
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
  const common = { preflight: checkRendered(r, [], input.photoFit), texts: r.design.texts };
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
 * Preflight of a render: the design's text facts and SVG (see `preflight`), the print PDF's
 * placed rasters, and the photo it was drawn with (`photo`: the input's photoFit) with the scrims
 * the design reported, plus what cleaning the input found (look-alike letters replaced, text
 * without marks) as warnings.
 */
export function checkRendered(
  r: RenderedSvg,
  rasters: RasterUse[] = [],
  photo?: FittedPhoto,
): PreflightReport {
  const report = preflight({
    format: r.format,
    canvas: r.canvas,
    texts: r.design.texts,
    overlays: r.design.overlays,
    svg: r.svg,
    rasters,
    photo: photo ? { fit: photo, scrims: r.design.photo?.scrims ?? [] } : undefined,
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
  /** `pdf_scaled`: the 1:10 print file of formats whose true-size page needs /UserUnit. */
  kind: "pdf" | "pdf_scaled" | "png" | "svg";
  bytes: Uint8Array;
  contentType: string;
}

export interface AssetFiles {
  files: RenderedFile[];
  preflight: PreflightReport;
  rendered: RenderedSvg;
}

/** What a print PDF is drawn from: the SVG master, its format and design, the slogan (metadata). */
export interface PrintSource {
  svg: string;
  format: Format;
  template: Pick<Template, "id" | "name">;
  input: { text: string; options: { issuer?: string } };
  /** Its palette prints as CMYK; its names go into the PDF's metadata. */
  brand: Brand;
}

/**
 * The print PDF of a rendered (or stored) SVG master: true size, or with `scale` 10 the 1:10 file.
 * Throws a plain Error for a screen format, PdfRenderError (see renderPrintPdf) otherwise.
 */
export function printPdf(r: PrintSource, slug: SlugInfo, creationDate?: Date, scale = 1) {
  const f = r.format;
  if (!isPrintFormat(f)) throw new Error(`${f.id} is a screen format: it has no print PDF`);
  return renderPrintPdf({
    svg: r.svg,
    geometry: { trimWidthMm: f.trimWidthMm, trimHeightMm: f.trimHeightMm, bleedMm: f.bleedMm },
    palette: brandSwatches(r.brand),
    scale,
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
      title: stripEmphasis(r.input.text),
      author: issuerOf(r.brand, r.input.options.issuer),
      subject: `${r.template.name} — ${f.label}`,
      keywords: [
        "cải cách hành chính",
        r.brand.shortName,
        String(r.brand.year),
        slug.assetCode,
        f.id,
        r.template.id,
      ],
      creationDate,
    },
  });
}

async function scaledFile(r: PrintSource, slug: SlugInfo, creationDate?: Date): Promise<RenderedFile> {
  const pdf = await printPdf(r, slug, creationDate, PRINT_SCALE_DENOMINATOR);
  return { kind: "pdf_scaled", bytes: pdf.bytes, contentType: "application/pdf" };
}

/** A stored version's SVG master and what its print file was made with, to draw a file again. */
export interface StoredPrintSource {
  templateId: string;
  formatId: string;
  /** The version's stored SVG: the very master its true-size PDF was drawn from. */
  svg: string;
  /** The slogan (PDF title) and the issuer option (PDF author), as stored with the version. */
  text: string;
  issuer?: string;
  /** The brand kit the version was drawn with (palette → CMYK, metadata); DEFAULT_BRAND when absent. */
  brand?: Brand;
}

/**
 * The 1:10 print file of a version made before versions kept one: drawn from its stored SVG with
 * the slug information of its true-size file. Null when the format needs none. Throws
 * RenderError (UNKNOWN_TEMPLATE, UNKNOWN_FORMAT) or PdfRenderError (an SVG that is not a render
 * of this format).
 */
export async function renderScaledPrintFile(
  src: StoredPrintSource,
  slug: SlugInfo,
  creationDate?: Date,
): Promise<RenderedFile | null> {
  const format = getFormat(src.formatId);
  if (!needsScaledFile(format)) return null;
  const source: PrintSource = {
    svg: src.svg,
    format,
    template: getTemplate(src.templateId),
    input: { text: src.text, options: { issuer: src.issuer } },
    brand: src.brand ?? DEFAULT_BRAND,
  };
  return scaledFile(source, slug, creationDate);
}

/**
 * Every file a version keeps: print formats get the print PDF (the file decisions are bound to),
 * the 1:10 PDF when the true-size page needs /UserUnit (same SVG, same slug), and a PNG proof;
 * screen formats get their PNG at true pixel size.
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
  let rasters: RasterUse[] = [];
  if (isPrintFormat(r.format)) {
    const pdf = await printPdf(r, slug, creationDate);
    rasters = pdf.rasters;
    files.push({ kind: "pdf", bytes: pdf.bytes, contentType: "application/pdf" });
    if (needsScaledFile(r.format)) files.push(await scaledFile(r, slug, creationDate));
    files.push({ kind: "png", bytes: (await svgToPng(r, 2400)).png, contentType: "image/png" });
  } else {
    files.push({ kind: "png", bytes: (await svgToPng(r, 10_000)).png, contentType: "image/png" });
  }
  files.push({ kind: "svg", bytes: Buffer.from(r.svg, "utf8"), contentType: "image/svg+xml" });
  return { files, preflight: checkRendered(r, rasters, input.photoFit), rendered: r };
}

// Print PDF: one true-size page per asset. The satori SVG becomes vector PDF paths, palette colours
// become DeviceCMYK, and MediaBox/BleedBox/TrimBox tell the print shop exactly where to cut.
// Pages beyond the PDF 14 400-unit limit (200 in, 5.08 m) get /UserUnit so a 10 m banner is still a
// true-size page rather than a scaled-down one somebody has to remember to enlarge. Poppler and many
// RIPs ignore /UserUnit, so such formats also get a 1:10 file (option `scale`): the same page drawn
// at a tenth of its size with UserUnit 1, its slug opening with the scale (decision 031).
import { PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { type Format, isPrintFormat } from "../formats";
import { buildPaletteMap, type CmykSwatch } from "./cmyk";
import { nodeFlateStream } from "./flate";
import { defaultSlugMm, MIN_SLUG_MM, printMarksOps, type SlugInfo } from "./print-marks";
import {
  type Mat,
  PdfRenderError,
  PdfResources,
  parseSvg,
  type RasterPlacement,
  SvgPdfWriter,
} from "./svg-pdf";

export type { CmykSwatch } from "./cmyk";
export { PRINT_SCALE_DENOMINATOR, scaleNoteVi } from "./print-scale";
export { PdfRenderError, type PdfRenderErrorCode } from "./svg-pdf";

export interface PrintGeometry {
  trimWidthMm: number;
  trimHeightMm: number;
  bleedMm: number;
  /** Area outside the bleed for crop marks and the slug line. Default 12 mm, up to 24 mm on banners. */
  slugMm?: number;
}

export interface PrintPdfInput {
  /** Satori output. Its viewBox (or width/height) spans TRIM + 2×BLEED exactly. */
  svg: string;
  geometry: PrintGeometry;
  /** Fills whose RGB matches a swatch print as that CMYK; other colours stay DeviceRGB. */
  palette?: CmykSwatch[];
  slug: SlugInfo;
  /**
   * Denominator of the drawing scale: 1 (default) draws the page at true size, 10 at 1:10. Every
   * box, the bleed, the marks and the slug shrink together; the slug states the scale.
   */
  scale?: number;
  metadata: { title: string; author: string; subject: string; keywords: string[]; creationDate?: Date };
}

export interface PrintPdfResult {
  bytes: Uint8Array;
  /** 1 unless the drawn page exceeds 14 400 pt on a side. */
  userUnit: number;
  /** The denominator the page is drawn at (1 = true size). */
  scale: number;
  /** Drawn page size in points (user units × UserUnit): the true size divided by `scale`. */
  pageWidthPt: number;
  pageHeightPt: number;
  /** Slug lines as printed (foot first), for tests and reports: the outlines carry no text. */
  slugLines: string[];
  /** Raster images as placed on the printed (true-size) piece. */
  rasters: RasterPlacement[];
}

/** PDF implementation limit for page dimensions, in default user units (ISO 32000-1 annex C). */
export const MAX_PAGE_UNITS = 14400;
const PT_PER_MM = 72 / 25.4;
export const PRODUCER = "Cổ động print-pdf (pdf-lib 1.17.1)";

/** Smallest integer UserUnit that keeps both page sides within 14 400 units. */
export function userUnitFor(pageWidthPt: number, pageHeightPt: number): number {
  return Math.max(1, Math.ceil(Math.max(pageWidthPt, pageHeightPt) / MAX_PAGE_UNITS - 1e-9));
}

/**
 * Page size in mm (trim + 2 × bleed + 2 × slug, the slug as renderPrintPdf defaults it) of a
 * geometry drawn at true size.
 */
export function pageSizeMm(g: PrintGeometry): { widthMm: number; heightMm: number } {
  const slugMm = g.slugMm ?? defaultSlugMm(g.trimWidthMm, g.trimHeightMm);
  return {
    widthMm: g.trimWidthMm + 2 * (g.bleedMm + slugMm),
    heightMm: g.trimHeightMm + 2 * (g.bleedMm + slugMm),
  };
}

/**
 * True when a print format's true-size page (bleed and default slug included) is over 14 400 pt
 * (5.08 m) on a side, so it needs /UserUnit, and the format also gets a 1:PRINT_SCALE_DENOMINATOR
 * file: the 1 × 7 m and 1.2 × 10 m banners and the 3 × 6 m pano (and long custom banners), not the
 * 0.8 × 5 m banner (a 5.068 m page), posters or screen formats. Cheap: no fonts, no rendering.
 */
export function needsScaledFile(f: Format): boolean {
  if (!isPrintFormat(f)) return false;
  const { widthMm, heightMm } = pageSizeMm(f);
  return userUnitFor(widthMm * PT_PER_MM, heightMm * PT_PER_MM) > 1;
}

const invalid = (msg: string, details: Record<string, unknown> = {}) =>
  new PdfRenderError("PDF_INVALID_INPUT", msg, details);

function checkGeometry(g: PrintGeometry) {
  const ok = (v: number) => Number.isFinite(v) && v > 0;
  if (!ok(g.trimWidthMm) || !ok(g.trimHeightMm))
    throw invalid("Kích thước thành phẩm không hợp lệ.", { ...g });
  if (!Number.isFinite(g.bleedMm) || g.bleedMm < 0 || g.bleedMm > 100)
    throw invalid("Tràn lề không hợp lệ.", { ...g });
  if (g.slugMm !== undefined && (!Number.isFinite(g.slugMm) || g.slugMm < MIN_SLUG_MM || g.slugMm > 200)) {
    throw invalid(`Lề thông tin (slug) phải từ ${MIN_SLUG_MM} đến 200 mm.`, { ...g });
  }
}

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) {
    throw invalid("Tỷ lệ thu nhỏ file in phải là số nguyên từ 1 đến 100.", { scale });
  }
}

const round = (v: number, d = 6) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * One print page from a satori SVG: MediaBox (page), BleedBox, TrimBox, crop marks, the slug line
 * and verify QR outside the bleed. Lengths in the geometry are millimetres of the printed piece;
 * with `scale` 10 everything is drawn at a tenth of that. Throws PdfRenderError: PDF_INVALID_INPUT
 * (geometry, scale, an SVG whose aspect is not the format's), PDF_UNSUPPORTED_SVG.
 */
export async function renderPrintPdf(input: PrintPdfInput): Promise<PrintPdfResult> {
  const g = input.geometry;
  checkGeometry(g);
  const scale = input.scale ?? 1;
  checkScale(scale);
  const slugMm = g.slugMm ?? defaultSlugMm(g.trimWidthMm, g.trimHeightMm);
  const canvasW = g.trimWidthMm + 2 * g.bleedMm;
  const canvasH = g.trimHeightMm + 2 * g.bleedMm;
  const { widthMm: pageWmm, heightMm: pageHmm } = pageSizeMm({ ...g, slugMm });

  const svg = parseSvg(input.svg);
  const [vbX, vbY, vbW, vbH] = svg.viewBox;
  // The SVG must have been rendered for this format: a wrong aspect means the wrong template
  // size, and stretching it onto the page would print a distorted design at the right size.
  const aspectError = Math.abs(vbW / vbH / (canvasW / canvasH) - 1);
  if (aspectError > 0.005) {
    throw invalid("Tỉ lệ SVG không khớp khổ in (thành phẩm + tràn lề).", {
      svgWidth: vbW,
      svgHeight: vbH,
      canvasWidthMm: canvasW,
      canvasHeightMm: canvasH,
    });
  }

  // Everything below is laid out in millimetres of the printed piece; k alone carries the scale.
  const userUnit = userUnitFor((pageWmm * PT_PER_MM) / scale, (pageHmm * PT_PER_MM) / scale);
  const k = PT_PER_MM / scale / userUnit; // user units per mm of the printed piece
  const W = pageWmm * k;
  const H = pageHmm * k;

  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([W, H]);
  if (userUnit !== 1) page.node.set(PDFName.of("UserUnit"), PDFNumber.of(userUnit));
  page.setMediaBox(0, 0, W, H);
  page.setBleedBox(slugMm * k, slugMm * k, canvasW * k, canvasH * k);
  page.setTrimBox((slugMm + g.bleedMm) * k, (slugMm + g.bleedMm) * k, g.trimWidthMm * k, g.trimHeightMm * k);

  const resources = new PdfResources(doc);
  page.node.set(PDFName.of("Resources"), resources.ref);
  const palette = buildPaletteMap(input.palette);
  const writer = new SvgPdfWriter(resources, {
    palette,
    mmPerUnit: { x: canvasW / vbW, y: canvasH / vbH },
  });
  const svgOps = await writer.render(svg);

  // Root SVG units → page user units: scale, flip y, and place the canvas at (slug, slug).
  const sx = (canvasW / vbW) * k;
  const sy = (canvasH / vbH) * k;
  const base: Mat = [sx, 0, 0, -sy, slugMm * k - vbX * sx, (slugMm + canvasH) * k + vbY * sy];
  const marks = printMarksOps(
    { trimWidthMm: g.trimWidthMm, trimHeightMm: g.trimHeightMm, bleedMm: g.bleedMm, slugMm },
    { ...input.slug, scale },
    k,
    (ops, bbox) => resources.xobject(resources.form(ops, bbox, "none"), "GL"),
  );
  const content = [`q\n${base.map((v) => round(v)).join(" ")} cm`, svgOps, "Q", marks.ops].join("\n");
  const contentRef = doc.context.register(nodeFlateStream(doc.context, content));
  page.node.set(PDFName.of("Contents"), contentRef);

  const md = input.metadata;
  const date = md.creationDate ?? new Date();
  // The viewer's title bar says it too: the scale must not rest on the slug alone.
  const scaled = scale > 1 ? ` — tỷ lệ 1:${scale}` : "";
  doc.setTitle(md.title.normalize("NFC") + scaled, { showInWindowTitleBar: true });
  doc.setAuthor(md.author.normalize("NFC"));
  doc.setSubject(md.subject.normalize("NFC") + scaled);
  const keywords = md.keywords.map((kw) => kw.normalize("NFC"));
  doc.setKeywords(scale > 1 ? [...keywords, `tỷ lệ 1:${scale}`] : keywords);
  doc.setCreator("Cổ động");
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage("vi-VN");

  const bytes = await doc.save({ useObjectStreams: true, addDefaultPage: false });
  return {
    bytes,
    userUnit,
    scale,
    pageWidthPt: round(W * userUnit, 4),
    pageHeightPt: round(H * userUnit, 4),
    slugLines: marks.lines,
    rasters: writer.rasters,
  };
}

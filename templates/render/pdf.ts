// Print PDF: one true-size page per asset. The satori SVG becomes vector PDF paths, palette colours
// become DeviceCMYK, and MediaBox/BleedBox/TrimBox tell the print shop exactly where to cut.
// Pages beyond the PDF 14 400-unit limit (200 in, 5.08 m) get /UserUnit so a 10 m banner is still a
// true-size page rather than a scaled-down one somebody has to remember to enlarge.
import { PDFDocument, PDFName, PDFNumber } from "pdf-lib";
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
  metadata: { title: string; author: string; subject: string; keywords: string[]; creationDate?: Date };
}

export interface PrintPdfResult {
  bytes: Uint8Array;
  /** 1 unless the page exceeds 14 400 pt on a side. */
  userUnit: number;
  /** Physical page size in points (user units × UserUnit). */
  pageWidthPt: number;
  pageHeightPt: number;
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

const round = (v: number, d = 6) => Math.round(v * 10 ** d) / 10 ** d;

export async function renderPrintPdf(input: PrintPdfInput): Promise<PrintPdfResult> {
  const g = input.geometry;
  checkGeometry(g);
  const slugMm = g.slugMm ?? defaultSlugMm(g.trimWidthMm, g.trimHeightMm);
  const canvasW = g.trimWidthMm + 2 * g.bleedMm;
  const canvasH = g.trimHeightMm + 2 * g.bleedMm;
  const pageWmm = canvasW + 2 * slugMm;
  const pageHmm = canvasH + 2 * slugMm;

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

  const userUnit = userUnitFor(pageWmm * PT_PER_MM, pageHmm * PT_PER_MM);
  const k = PT_PER_MM / userUnit; // user units per mm
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
    input.slug,
    k,
    (ops, bbox) => resources.xobject(resources.form(ops, bbox, "none"), "GL"),
  );
  const content = [`q\n${base.map((v) => round(v)).join(" ")} cm`, svgOps, "Q", marks.ops].join("\n");
  const contentRef = doc.context.register(nodeFlateStream(doc.context, content));
  page.node.set(PDFName.of("Contents"), contentRef);

  const md = input.metadata;
  const date = md.creationDate ?? new Date();
  doc.setTitle(md.title.normalize("NFC"), { showInWindowTitleBar: true });
  doc.setAuthor(md.author.normalize("NFC"));
  doc.setSubject(md.subject.normalize("NFC"));
  doc.setKeywords(md.keywords.map((kw) => kw.normalize("NFC")));
  doc.setCreator("Cổ động");
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage("vi-VN");

  const bytes = await doc.save({ useObjectStreams: true, addDefaultPage: false });
  return {
    bytes,
    userUnit,
    pageWidthPt: round(W * userUnit, 4),
    pageHeightPt: round(H * userUnit, 4),
    rasters: writer.rasters,
  };
}

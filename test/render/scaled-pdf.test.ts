// The 1:10 print file of formats over 5.08 m (issue 13 §2, decision 031): poppler (and many RIPs)
// ignore /UserUnit and read the 1.2 × 10 m banner's true-size page as half its size; the 1:10
// file is the same page at a tenth of the size with UserUnit 1, which every reader measures alike.
// Checked with poppler's pdfinfo and qpdf, not only with pdf-lib.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { RenderPool } from "../../templates/render/pool.server";
import { FORMATS, getFormat, isPrintFormat, type PrintFormat } from "../../templates/formats";
import {
  printPdf,
  type RenderedFile,
  type RenderedSvg,
  renderAssetFiles,
  renderScaledPrintFile,
  renderSvg,
  type SlugInfo,
} from "../../templates/render/index.server";
import {
  needsScaledFile,
  PdfRenderError,
  pageSizeMm,
  PRINT_SCALE_DENOMINATOR,
  renderPrintPdf,
  scaleNoteVi,
} from "../../templates/render/pdf";

const MM_PER_PT = 25.4 / 72;
const ROAD_BANNER = "bang-ron-1.2x10";
const TEMPLATE = "co-dong-truyen-thong";
const INPUT = { text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi" };
const SLUG: SlugInfo = {
  assetCode: "CCHC-2026-1.12-0007",
  version: "1",
  date: "02/03/2026",
  verifyCode: "7K3M9PQR",
  verifyUrl: "https://xa.example.vn/verify/7K3M9PQR",
};
const CREATED = new Date("2026-03-02T03:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "scaled-pdf-"));

interface PdfInfo {
  text: string;
  size: { wMm: number; hMm: number };
  bleed: { wMm: number; hMm: number };
  trim: { wMm: number; hMm: number };
}

/** What poppler reads: page size and boxes, converted from its points to millimetres. */
function pdfinfo(bytes: Uint8Array, name: string): PdfInfo {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const text = execFileSync("pdfinfo", ["-box", path], { encoding: "utf8" });
  const box = (label: string) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`, "m").exec(text);
    if (!m) throw new Error(`pdfinfo printed no ${label}:\n${text}`);
    const [x0, y0, x1, y1] = m.slice(1).map(Number);
    return { wMm: (x1 - x0) * MM_PER_PT, hMm: (y1 - y0) * MM_PER_PT };
  };
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(text);
  if (!size) throw new Error(`pdfinfo printed no page size:\n${text}`);
  return {
    text,
    size: { wMm: Number(size[1]) * MM_PER_PT, hMm: Number(size[2]) * MM_PER_PT },
    bleed: box("BleedBox"),
    trim: box("TrimBox"),
  };
}

async function userUnitOf(bytes: Uint8Array): Promise<unknown> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPage(0).node.get(PDFName.of("UserUnit"))?.toString();
}

const file = (files: RenderedFile[], kind: RenderedFile["kind"]) => files.find((f) => f.kind === kind);

describe("which formats get a 1:10 file", () => {
  it("exactly the print formats whose true-size page is over 14 400 pt (5.08 m) on a side", () => {
    const scaled = FORMATS.filter(needsScaledFile).map((f) => f.id);
    expect(scaled).toEqual(["bang-ron-1x7", "bang-ron-1.2x10", "pano-3x6"]);
    for (const f of FORMATS.filter(isPrintFormat)) {
      const { widthMm, heightMm } = pageSizeMm(f);
      expect(needsScaledFile(f), f.id).toBe(Math.max(widthMm, heightMm) / MM_PER_PT > 14_400);
    }
    // The 0.8 × 5 m banner's page (5 068 mm with bleed and slug) stays just under the limit.
    expect(pageSizeMm(getFormat("bang-ron-0.8x5") as PrintFormat).widthMm).toBeLessThan(5080);
    expect(needsScaledFile(getFormat("custom-banner-1200x11000"))).toBe(true);
    expect(PRINT_SCALE_DENOMINATOR).toBe(10);
  });
});

describe("the 1.2 × 10 m road banner", () => {
  let files: RenderedFile[];
  let r: RenderedSvg;
  let format: PrintFormat;
  let trueSize: PdfInfo;
  let scaled: PdfInfo;

  beforeAll(async () => {
    format = getFormat(ROAD_BANNER) as PrintFormat;
    ({ files, rendered: r } = await renderAssetFiles(TEMPLATE, ROAD_BANNER, INPUT, SLUG, CREATED));
    trueSize = pdfinfo(file(files, "pdf")!.bytes, "true-size.pdf");
    scaled = pdfinfo(file(files, "pdf_scaled")!.bytes, "scaled.pdf");
  });

  it("keeps the true-size file as the version's first file and adds pdf_scaled beside it", () => {
    expect(files.map((f) => f.kind)).toEqual(["pdf", "pdf_scaled", "png", "svg"]);
    expect(file(files, "pdf_scaled")!.contentType).toBe("application/pdf");
  });

  it("poppler misreads the true-size page (it ignores /UserUnit): the very problem", async () => {
    const page = pageSizeMm(format);
    expect(await userUnitOf(file(files, "pdf")!.bytes)).toBe("2");
    // pdfinfo reports half the size: about 5 × 0.6 m for a 10 × 1.2 m banner.
    expect(trueSize.size.wMm).toBeCloseTo(page.widthMm / 2, 0);
    expect(trueSize.size.hMm).toBeCloseTo(page.heightMm / 2, 0);
  });

  it("the 1:10 file measures a tenth of the true size in pdfinfo, with no /UserUnit", async () => {
    const page = pageSizeMm(format);
    expect(await userUnitOf(file(files, "pdf_scaled")!.bytes)).toBeUndefined();
    expect(Math.abs(scaled.size.wMm - page.widthMm / 10)).toBeLessThan(0.5);
    expect(Math.abs(scaled.size.hMm - page.heightMm / 10)).toBeLessThan(0.5);
    // Trim 1000 × 120 mm, bleed box (trim + 2 × 10 mm) at 1:10 too.
    expect(Math.abs(scaled.trim.wMm - format.trimWidthMm / 10)).toBeLessThan(0.5);
    expect(Math.abs(scaled.trim.hMm - format.trimHeightMm / 10)).toBeLessThan(0.5);
    expect(Math.abs(scaled.bleed.wMm - (format.trimWidthMm + 2 * format.bleedMm) / 10)).toBeLessThan(0.5);
    expect(Math.abs(scaled.bleed.hMm - (format.trimHeightMm + 2 * format.bleedMm) / 10)).toBeLessThan(0.5);
    // Its title, in any viewer's title bar, says the scale as well.
    expect(scaled.text).toMatch(/^Title:.*tỷ lệ 1:10$/m);
    expect(trueSize.text).not.toMatch(/tỷ lệ/);
  });

  it("passes qpdf's structural check", () => {
    const r = spawnSync("qpdf", ["--check", join(dir, "scaled.pdf")], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("No syntax or stream encoding errors found");
  });

  it("its slug line opens with the scale; the shipped file is byte for byte that render", async () => {
    // The slug is glyph outlines (pdftotext finds no text), so the lines come from the writer,
    // and the version's file is compared with the render that reported them.
    const again = await printPdf(r, SLUG, CREATED, PRINT_SCALE_DENOMINATOR);
    expect(again.slugLines[0]).toMatch(/^TỶ LỆ 1:10 — phóng 1000% khi in {2}· {2}CCHC-2026-1\.12-0007/);
    expect(again.slugLines.join(" ")).toContain("Mã xác minh 7K3M9PQR");
    expect(again.userUnit).toBe(1);
    expect(again.scale).toBe(10);
    expect(Buffer.from(again.bytes).equals(Buffer.from(file(files, "pdf_scaled")!.bytes))).toBe(true);
    const plain = await printPdf(r, SLUG, CREATED);
    expect(plain.slugLines.join(" ")).not.toContain("TỶ LỆ");
    expect(scaleNoteVi(10)).toBe("TỶ LỆ 1:10 — phóng 1000% khi in");
  });

  it("redrawn from the stored SVG (older versions), it is the very same file", async () => {
    const svg = new TextDecoder().decode(file(files, "svg")!.bytes);
    const redrawn = await renderScaledPrintFile(
      { templateId: TEMPLATE, formatId: ROAD_BANNER, svg, text: INPUT.text },
      SLUG,
      CREATED,
    );
    expect(Buffer.from(redrawn!.bytes).equals(Buffer.from(file(files, "pdf_scaled")!.bytes))).toBe(true);
  });

  it("a render worker thread draws the same bytes (the publisher's path), and refuses alike", async () => {
    const svg = new TextDecoder().decode(file(files, "svg")!.bytes);
    const source = { templateId: TEMPLATE, formatId: ROAD_BANNER, svg, text: INPUT.text };
    const pool = new RenderPool(1);
    try {
      const { file: drawn } = await pool.scaled(source, SLUG, CREATED);
      expect(drawn?.kind).toBe("pdf_scaled");
      expect(Buffer.from(drawn!.bytes).equals(Buffer.from(file(files, "pdf_scaled")!.bytes))).toBe(true);
      await expect(pool.scaled({ ...source, svg: "<svg/>" }, SLUG)).rejects.toBeInstanceOf(PdfRenderError);
    } finally {
      await pool.close();
    }
  });

  it("a stored SVG of another format is refused, not stretched", async () => {
    const poster = await renderSvg("chinh-quyen-so", "a3", INPUT);
    await expect(
      renderScaledPrintFile(
        { templateId: TEMPLATE, formatId: ROAD_BANNER, svg: poster.svg, text: INPUT.text },
        SLUG,
      ),
    ).rejects.toMatchObject({ code: "PDF_INVALID_INPUT" });
  });
});

describe("formats without a 1:10 file", () => {
  it("an A3 poster gets its true-size PDF only; a redraw answers null", async () => {
    const { files } = await renderAssetFiles("chinh-quyen-so", "a3", INPUT, SLUG, CREATED);
    expect(files.map((f) => f.kind)).toEqual(["pdf", "png", "svg"]);
    const svg = new TextDecoder().decode(file(files, "svg")!.bytes);
    expect(
      await renderScaledPrintFile(
        { templateId: "chinh-quyen-so", formatId: "a3", svg, text: INPUT.text },
        SLUG,
      ),
    ).toBeNull();
  });

  it("a scale that is not a whole number from 1 to 100 is refused", async () => {
    const r = await renderSvg("chinh-quyen-so", "a3", INPUT);
    const f = r.format as PrintFormat;
    for (const scale of [0, 1.5, 101]) {
      await expect(
        renderPrintPdf({
          svg: r.svg,
          geometry: { trimWidthMm: f.trimWidthMm, trimHeightMm: f.trimHeightMm, bleedMm: f.bleedMm },
          slug: { assetCode: "X", formatLabel: f.label, date: "02/03/2026" },
          scale,
          metadata: { title: "t", author: "a", subject: "s", keywords: [] },
        }),
      ).rejects.toBeInstanceOf(PdfRenderError);
    }
  });
});

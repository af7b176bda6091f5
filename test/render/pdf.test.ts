// Print PDF: real satori output through the writer, then checked by pdf-lib, qpdf and poppler.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { decodePDFRawStream, PDFDocument, PDFName, PDFNumber, type PDFPage, PDFRawStream } from "pdf-lib";
import QRCode from "qrcode";
import React from "react";
import satori from "satori";
import { beforeAll, describe, expect, it } from "vitest";
import { DESIGN_FONTS } from "../../templates/catalog";
import { getSatoriFonts } from "../../fonts/registry.server";
import { type PrintPdfInput, type PrintPdfResult, renderPrintPdf } from "../../templates/render/pdf";
import { defaultSlugMm, markMetrics, printMarksOps } from "../../templates/render/print-marks";
import { qrMatrix, qrSvgPath } from "../../templates/render/qr";

const h = React.createElement;
const MM_PER_PT = 25.4 / 72;
const dir = mkdtempSync(join(tmpdir(), "pdf-test-"));
const RED = "#c8102e";
const YELLOW = "#ffde00";
const PALETTE = [
  { rgb: "#C8102E", cmyk: [0, 1, 0.85, 0.1] as [number, number, number, number] },
  { rgb: YELLOW, cmyk: [0, 0.1, 0.9, 0] as [number, number, number, number] },
];
const SLOGAN = "CHUNG TAY XÂY DỰNG NÔNG THÔN MỚI — ỆỘỮẶẪ VĂN MINH, ĐẸP GIÀU NĂM 2026";

async function satoriSvg(width: number, height: number, children: React.ReactNode, extra = {}) {
  return satori(
    h(
      "div",
      {
        style: {
          display: "flex",
          width: "100%",
          height: "100%",
          background: RED,
          alignItems: "center",
          justifyContent: "center",
          ...extra,
        },
      },
      children,
    ) as React.ReactElement,
    // biome-ignore lint/suspicious/noExplicitAny: registry's font type matches satori's at runtime
    { width, height, fonts: getSatoriFonts(DESIGN_FONTS) as any },
  );
}

function slogan(fontSize: number) {
  return h(
    "div",
    { style: { display: "flex", fontFamily: "Oswald", fontWeight: 700, fontSize, color: YELLOW } },
    SLOGAN,
  );
}

function baseInput(svg: string, geometry: PrintPdfInput["geometry"]): PrintPdfInput {
  return {
    svg,
    geometry,
    palette: PALETTE,
    slug: {
      assetCode: "LP-2026-0042",
      formatLabel: "Băng rôn 1,2 × 10 m",
      version: "3",
      date: "05/06/2026",
      approval: "Đã duyệt: Chủ tịch UBND xã",
      verifyCode: "7KQ2-9XZM",
      verifyUrl: "https://xa.example.vn/v/7KQ2-9XZM",
    },
    metadata: {
      title: "Chung tay xây dựng nông thôn mới",
      author: "UBND xã Lạc Phượng",
      subject: "Băng rôn tuyên truyền",
      keywords: ["cổ động", "2026"],
      creationDate: new Date("2026-06-05T08:00:00Z"),
    },
  };
}

function save(name: string, bytes: Uint8Array) {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const toMm = (b: Box, uu: number) => ({
  x: b.x * uu * MM_PER_PT,
  y: b.y * uu * MM_PER_PT,
  w: b.width * uu * MM_PER_PT,
  h: b.height * uu * MM_PER_PT,
});

function userUnitOf(page: PDFPage): number | undefined {
  const v = page.node.get(PDFName.of("UserUnit"));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

/** Decoded page content plus every form XObject, as text. */
function allContent(doc: PDFDocument): string {
  const parts: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream) {
      const sub = obj.dict.get(PDFName.of("Subtype"));
      if (sub === PDFName.of("Image")) continue;
      parts.push(Buffer.from(decodePDFRawStream(obj).decode()).toString("latin1"));
    }
  }
  return parts.join("\n");
}

/** Every object's dictionary as PDF syntax (object streams are compressed, so raw bytes won't do). */
function objectsText(doc: PDFDocument): string {
  const parts: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    parts.push(obj instanceof PDFRawStream ? obj.dict.toString() : obj.toString());
  }
  return parts.join("\n");
}

function imageXObjects(doc: PDFDocument): PDFRawStream[] {
  const out: PDFRawStream[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of("Subtype")) === PDFName.of("Image"))
      out.push(obj);
  }
  return out;
}

function pdfinfoBoxes(path: string) {
  const txt = execFileSync("pdfinfo", ["-box", path], { encoding: "utf8" });
  const box = (name: string) => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`, "m").exec(txt);
    if (!m) throw new Error(`pdfinfo printed no ${name}:\n${txt}`);
    const [x0, y0, x1, y1] = m.slice(1).map(Number);
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  };
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(txt);
  return {
    text: txt,
    media: box("MediaBox"),
    bleed: box("BleedBox"),
    trim: box("TrimBox"),
    size: { w: Number(size?.[1]), h: Number(size?.[2]) },
  };
}

function qpdfCheck(path: string) {
  const r = spawnSync("qpdf", ["--check", path], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

interface Case {
  name: string;
  trimW: number;
  trimH: number;
  bleed: number;
  /** satori pixels per mm of canvas */
  pxPerMm: number;
  fontSize: number;
  expectUserUnit: number | undefined;
}

const CASES: Case[] = [
  {
    name: "A2 poster",
    trimW: 420,
    trimH: 594,
    bleed: 3,
    pxPerMm: 2,
    fontSize: 40,
    expectUserUnit: undefined,
  },
  {
    name: "1.2 × 10 m banner",
    trimW: 10000,
    trimH: 1200,
    bleed: 0,
    pxPerMm: 0.5,
    fontSize: 250,
    expectUserUnit: 2,
  },
  {
    name: "3 × 6 m pano",
    trimW: 6000,
    trimH: 3000,
    bleed: 10,
    pxPerMm: 0.25,
    fontSize: 110,
    expectUserUnit: 2,
  },
];

describe.each(CASES)("$name", (c) => {
  let result: PrintPdfResult;
  let doc: PDFDocument;
  let path: string;
  const canvasW = c.trimW + 2 * c.bleed;
  const canvasH = c.trimH + 2 * c.bleed;
  const slug = defaultSlugMm(c.trimW, c.trimH);

  beforeAll(async () => {
    const svg = await satoriSvg(
      Math.round(canvasW * c.pxPerMm),
      Math.round(canvasH * c.pxPerMm),
      slogan(c.fontSize),
    );
    result = await renderPrintPdf(
      baseInput(svg, { trimWidthMm: c.trimW, trimHeightMm: c.trimH, bleedMm: c.bleed }),
    );
    path = save(`${c.name.replace(/\W+/g, "_")}.pdf`, result.bytes);
    doc = await PDFDocument.load(result.bytes);
  });

  it("has MediaBox = trim + 2·bleed + 2·slug, BleedBox and TrimBox exact to 0.1 mm", () => {
    const page = doc.getPage(0);
    const uu = userUnitOf(page) ?? 1;
    const media = toMm(page.getMediaBox(), uu);
    const bleed = toMm(page.getBleedBox(), uu);
    const trim = toMm(page.getTrimBox(), uu);
    expect(media.x).toBeCloseTo(0, 1);
    expect(media.w).toBeCloseTo(canvasW + 2 * slug, 1);
    expect(media.h).toBeCloseTo(canvasH + 2 * slug, 1);
    expect(bleed.x).toBeCloseTo(slug, 1);
    expect(bleed.y).toBeCloseTo(slug, 1);
    expect(bleed.w).toBeCloseTo(canvasW, 1);
    expect(bleed.h).toBeCloseTo(canvasH, 1);
    expect(trim.x).toBeCloseTo(slug + c.bleed, 1);
    expect(trim.y).toBeCloseTo(slug + c.bleed, 1);
    expect(trim.w).toBeCloseTo(c.trimW, 1);
    expect(trim.h).toBeCloseTo(c.trimH, 1);
  });

  it("sets /UserUnit exactly when the page is over 200 in, keeping sides within 14400 units", () => {
    const page = doc.getPage(0);
    expect(userUnitOf(page)).toBe(c.expectUserUnit);
    expect(result.userUnit).toBe(c.expectUserUnit ?? 1);
    const { width, height } = page.getSize();
    expect(Math.max(width, height)).toBeLessThanOrEqual(14400);
    const truePt = (Math.max(canvasW, canvasH) + 2 * slug) / MM_PER_PT;
    expect(truePt > 14400).toBe(c.expectUserUnit !== undefined);
    // The result reports the physical size (units × UserUnit).
    expect(result.pageWidthPt * MM_PER_PT).toBeCloseTo(canvasW + 2 * slug, 1);
  });

  it("passes qpdf --check", () => {
    const r = qpdfCheck(path);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/No syntax or stream encoding errors/);
  });

  it("agrees with pdfinfo -box (which prints user units and ignores UserUnit)", () => {
    const info = pdfinfoBoxes(path);
    // Poppler's pdfinfo prints MediaBox values as "pts" without multiplying by UserUnit, so the
    // physical size is its figure × UserUnit.
    const uu = c.expectUserUnit ?? 1;
    const mm = (v: number) => v * uu * MM_PER_PT;
    expect(Math.abs(mm(info.size.w) - (canvasW + 2 * slug))).toBeLessThan(0.1);
    expect(Math.abs(mm(info.size.h) - (canvasH + 2 * slug))).toBeLessThan(0.1);
    expect(Math.abs(mm(info.trim.x) - (slug + c.bleed))).toBeLessThan(0.1);
    expect(Math.abs(mm(info.trim.width) - c.trimW)).toBeLessThan(0.1);
    expect(Math.abs(mm(info.trim.height) - c.trimH)).toBeLessThan(0.1);
    expect(Math.abs(mm(info.bleed.x) - slug)).toBeLessThan(0.1);
    expect(Math.abs(mm(info.bleed.width) - canvasW)).toBeLessThan(0.1);
    expect(Math.abs(mm(info.media.width) - (canvasW + 2 * slug))).toBeLessThan(0.1);
  });

  it("draws text as vector paths: no fonts, no images, compressed content", () => {
    const content = allContent(doc);
    expect(content.match(/ c\n/g)?.length ?? 0).toBeGreaterThan(200);
    expect(content).toMatch(/ m\n/);
    const objects = objectsText(doc);
    expect(objects).toMatch(/\/Resources/);
    expect(objects).not.toMatch(/\/Font\b/);
    expect(imageXObjects(doc)).toHaveLength(0);
    const contents = doc.getPage(0).node.Contents();
    expect(contents).toBeInstanceOf(PDFRawStream);
    expect((contents as PDFRawStream).dict.get(PDFName.of("Filter"))).toBe(PDFName.of("FlateDecode"));
  });

  it("prints palette colours as DeviceCMYK", () => {
    const content = allContent(doc);
    expect(content).toContain("0 1 0.85 0.1 k"); // the red ground
    expect(content).toContain("0 0.1 0.9 0 k"); // the yellow slogan
    expect(content).not.toMatch(/0\.7843 0\.0627 0\.1804 rg/);
  });
});

describe("crop marks and slug", () => {
  it("keeps every crop mark outside the bleed and inside the page, scaled for big formats", () => {
    for (const [w, hgt, bleed] of [
      [420, 594, 3],
      [10000, 1200, 0],
      [6000, 3000, 10],
    ]) {
      const slugMm = defaultSlugMm(w, hgt);
      const g = { trimWidthMm: w, trimHeightMm: hgt, bleedMm: bleed, slugMm };
      const k = 1; // 1 unit = 1 mm makes the operators readable as millimetres
      const ops = printMarksOps(g, baseInput("", g).slug, k).ops;
      const marks = ops.slice(0, ops.indexOf("S\n"));
      const lines = [...marks.matchAll(/([\d.-]+) ([\d.-]+) m ([\d.-]+) ([\d.-]+) l/g)].map((m) =>
        m.slice(1).map(Number),
      );
      expect(lines).toHaveLength(8);
      const bl = { x0: slugMm, y0: slugMm, x1: slugMm + w + 2 * bleed, y1: slugMm + hgt + 2 * bleed };
      const pageW = w + 2 * bleed + 2 * slugMm;
      const pageH = hgt + 2 * bleed + 2 * slugMm;
      for (const [x1, y1, x2, y2] of lines) {
        for (const [x, y] of [
          [x1, y1],
          [x2, y2],
        ]) {
          const insideBleed = x >= bl.x0 - 2.9 && x <= bl.x1 + 2.9 && y >= bl.y0 - 2.9 && y <= bl.y1 + 2.9;
          expect(insideBleed, `mark point ${x},${y}`).toBe(false);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(pageW);
          expect(y).toBeLessThanOrEqual(pageH);
        }
      }
      const m = markMetrics(g);
      if (w >= 6000) {
        expect(m.lengthMm).toBeGreaterThan(10);
        expect(m.lineWidthPt).toBeGreaterThan(0.5);
        expect(m.capHeightMm).toBeGreaterThanOrEqual(0.3 * slugMm);
      } else {
        expect(m.lineWidthPt).toBeCloseTo(0.25, 5);
        expect(m.capHeightMm).toBeGreaterThanOrEqual(2.5);
      }
    }
  });

  it("writes the slug line NFC-normalised with every field", () => {
    const g = { trimWidthMm: 10000, trimHeightMm: 1200, bleedMm: 0, slugMm: 24 };
    const slug = { ...baseInput("", g).slug, approval: "Đã duyệt".normalize("NFD") };
    const r = printMarksOps(g, slug, 1);
    const text = r.lines.join(" | ");
    expect(text).toContain("LP-2026-0042");
    expect(text).toContain("Băng rôn 1,2 × 10 m");
    expect(text).toContain("Phiên bản 3");
    expect(text).toContain("05/06/2026");
    expect(text).toContain("Đã duyệt".normalize("NFC"));
    expect(text).toContain("7KQ2-9XZM");
    expect(r.qr).not.toBeNull();
    // The QR code sits in the bottom strip, below the bleed.
    expect(r.qr!.yMm + r.qr!.sideMm).toBeLessThan(24);
    expect(r.capHeightMm).toBeCloseTo(7.2, 5);
  });
});

describe("vector QR", () => {
  it("merged rectangles cover exactly the dark modules", () => {
    const text = "https://xa.example.vn/v/7KQ2-9XZM";
    const q = QRCode.create(text, { errorCorrectionLevel: "M" });
    const m = qrMatrix(text);
    const grid = new Uint8Array(m.size * m.size);
    for (const r of m.rects) {
      for (let y = r.y; y < r.y + r.h; y++) {
        for (let x = r.x; x < r.x + r.w; x++) grid[y * m.size + x] += 1;
      }
    }
    expect(m.size).toBe(q.modules.size);
    expect([...grid]).toEqual([...q.modules.data].map((v) => (v ? 1 : 0)));
    expect(m.rects.length).toBeLessThan([...q.modules.data].filter(Boolean).length / 2);
  });

  it("qrSvgPath renders to the same modules (with a 4-module quiet zone)", () => {
    const text = "https://xa.example.vn/v/ABC";
    const { d, size } = qrSvgPath(text, 370);
    expect(size).toBe(370);
    const n = qrMatrix(text).size;
    const png = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${n + 8}" height="${n + 8}" viewBox="0 0 370 370"><rect width="370" height="370" fill="#fff"/><path d="${d}" fill="#000"/></svg>`,
    ).render();
    const px = png.pixels;
    const q = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
    for (let y = 0; y < n + 8; y++) {
      for (let x = 0; x < n + 8; x++) {
        const dark = px[(y * (n + 8) + x) * 4] < 128;
        const inside = x >= 4 && y >= 4 && x < n + 4 && y < n + 4;
        expect(dark).toBe(inside ? Boolean(q.get(y - 4, x - 4)) : false);
      }
    }
  });
});

describe("SVG features", () => {
  const geom = { trimWidthMm: 420, trimHeightMm: 594, bleedMm: 3 };
  const W = 852;
  const H = 1200;

  it("embeds a PNG data-URI image and reports its effective resolution", async () => {
    const png = new Resvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#0a7"/></svg>',
    )
      .render()
      .asPng();
    const src = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
    // 200 svg units across at 2 units per mm = 100 mm → 300 px / (100 / 25.4 in) = 76.2 dpi.
    const svg = await satoriSvg(W, H, h("img", { src, width: 200, height: 133.333 }));
    const r = await renderPrintPdf(baseInput(svg, geom));
    expect(r.rasters).toHaveLength(1);
    expect(r.rasters[0].widthPx).toBe(300);
    expect(r.rasters[0].heightPx).toBe(200);
    expect(r.rasters[0].placedWidthMm).toBeCloseTo(100, 0);
    expect(r.rasters[0].effectiveDpi).toBeGreaterThan(75.7);
    expect(r.rasters[0].effectiveDpi).toBeLessThan(76.7);
    const doc = await PDFDocument.load(r.bytes);
    expect(imageXObjects(doc)).toHaveLength(1);
    expect(qpdfCheck(save("image.pdf", r.bytes)).status).toBe(0);
  });

  it("keeps an inline <svg> (satori emits it as an svg+xml image) as vector paths", async () => {
    const qr = qrSvgPath("https://xa.example.vn/v/ABC", 100);
    const svg = await satoriSvg(
      W,
      H,
      h(
        "svg",
        { width: 200, height: 200, viewBox: `0 0 ${qr.size} ${qr.size}` },
        h("rect", { width: qr.size, height: qr.size, fill: "#fff" }),
        h("path", { d: qr.d, fill: "#000" }),
      ),
    );
    expect(svg).toContain("data:image/svg+xml");
    const r = await renderPrintPdf(baseInput(svg, geom));
    const doc = await PDFDocument.load(r.bytes);
    expect(imageXObjects(doc)).toHaveLength(0);
    expect(r.rasters).toHaveLength(0);
    expect(allContent(doc)).toMatch(/0 0 0 rg\n[\d. -]+ m/);
  });

  it("applies border-radius / overflow clips, borders, opacity and a linear gradient", async () => {
    const svg = await satoriSvg(
      W,
      H,
      h(
        "div",
        {
          style: {
            display: "flex",
            width: 400,
            height: 300,
            borderRadius: 40,
            border: "8px solid #ffffff",
            overflow: "hidden",
            backgroundImage: `linear-gradient(90deg, ${RED}, ${YELLOW})`,
          },
        },
        h(
          "div",
          { style: { display: "flex", fontSize: 80, color: "#ffffff", opacity: 0.5, fontFamily: "Oswald" } },
          "ỆỘỮ",
        ),
      ),
    );
    const r = await renderPrintPdf(baseInput(svg, geom));
    const doc = await PDFDocument.load(r.bytes);
    const content = allContent(doc);
    expect(content).toMatch(/W n/); // clip
    expect(content).toMatch(/\/SH\d+ sh/); // axial shading
    expect(content).toMatch(/\nS\n|\nB\n/); // stroked border
    const raw = objectsText(doc);
    expect(raw).toMatch(/\/ShadingType 2/);
    // Both stops are palette colours, so the shading is built in CMYK.
    expect(raw).toMatch(/\/ColorSpace \/DeviceCMYK/);
    expect(raw).toMatch(/\/ca 0\.5/);
    expect(qpdfCheck(save("features.pdf", r.bytes)).status).toBe(0);
  });

  it("matches palette colours written as #rgb, rgb() or any case; others stay DeviceRGB", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="852" height="1200" viewBox="0 0 852 1200">
      <rect width="852" height="1200" fill="rgb(200, 16, 46)"/>
      <path d="M10 10h100v100z" fill="#C8102E"/>
      <circle cx="300" cy="300" r="50" fill="#fd0" stroke="#123456" stroke-width="4"/>
      <g transform="translate(100 100) rotate(30)"><polygon points="0,0 50,0 25,40" fill="#00ff00" fill-opacity="0.4"/></g>
    </svg>`;
    const r = await renderPrintPdf({
      ...baseInput(svg, geom),
      palette: [...PALETTE, { rgb: "#fd0", cmyk: [0, 0.15, 1, 0] }],
    });
    const content = allContent(await PDFDocument.load(r.bytes));
    expect(content.match(/0 1 0\.85 0\.1 k/g)?.length).toBe(2);
    expect(content).toContain("0 0.15 1 0 k");
    expect(content).toMatch(/0\.0706 0\.2039 0\.3373 RG/);
    expect(content).toMatch(/0\.866025 0\.5 -0\.5 0\.866025 100 100 cm/);
    expect(content).toMatch(/0 1 0 rg/);
  });

  it("throws PDF_UNSUPPORTED_SVG for elements it cannot reproduce", async () => {
    const text = `<svg xmlns="http://www.w3.org/2000/svg" width="852" height="1200"><text x="10" y="10">Xin chào</text></svg>`;
    await expect(renderPrintPdf(baseInput(text, geom))).rejects.toMatchObject({
      code: "PDF_UNSUPPORTED_SVG",
    });
    // satori's box-shadow needs an SVG filter.
    const shadow = await satoriSvg(
      W,
      H,
      h("div", {
        style: {
          display: "flex",
          width: 100,
          height: 100,
          background: "#fff",
          boxShadow: "4px 4px 8px #000",
        },
      }),
    );
    await expect(renderPrintPdf(baseInput(shadow, geom))).rejects.toMatchObject({
      code: "PDF_UNSUPPORTED_SVG",
    });
    const radial = `<svg xmlns="http://www.w3.org/2000/svg" width="852" height="1200"><defs><radialGradient id="g"><stop offset="0" stop-color="#fff"/></radialGradient></defs><rect width="10" height="10" fill="url(#g)"/></svg>`;
    await expect(renderPrintPdf(baseInput(radial, geom))).rejects.toMatchObject({
      code: "PDF_UNSUPPORTED_SVG",
    });
  });

  it("refuses an SVG whose aspect does not match trim + bleed", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000"><rect width="1000" height="1000"/></svg>`;
    await expect(renderPrintPdf(baseInput(svg, geom))).rejects.toMatchObject({ code: "PDF_INVALID_INPUT" });
  });

  it("writes metadata and is byte-identical for the same input", async () => {
    const svg = await satoriSvg(W, H, slogan(40));
    const input = baseInput(svg, geom);
    const a = await renderPrintPdf(input);
    const b = await renderPrintPdf(input);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const doc = await PDFDocument.load(a.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe(input.metadata.title);
    expect(doc.getAuthor()).toBe("UBND xã Lạc Phượng");
    expect(doc.getSubject()).toBe("Băng rôn tuyên truyền");
    expect(doc.getKeywords()).toBe("cổ động 2026");
    expect(doc.getCreator()).toBe("Cổ động");
    expect(doc.getProducer()).toMatch(/pdf-lib/);
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-06-05T08:00:00.000Z");
    expect(doc.getModificationDate()?.toISOString()).toBe("2026-06-05T08:00:00.000Z");
    const info = execFileSync("pdfinfo", [save("meta.pdf", a.bytes)], { encoding: "utf8" });
    expect(info).toMatch(/Creator:\s+Cổ động/);
  });

  it("draws what resvg draws (pixel comparison at low resolution)", async () => {
    const svg = await satoriSvg(W, H, slogan(60), { background: "#1a4d8f" });
    const r = await renderPrintPdf({ ...baseInput(svg, geom), palette: [] });
    const p = save("compare.pdf", r.bytes);
    // Render only the BleedBox area (the canvas) at 2 svg units per px and compare with resvg.
    const slugMm = defaultSlugMm(420, 594);
    const dpi = 25.4; // 1 px per mm → canvas 426 × 600 px
    execFileSync("pdftoppm", [
      "-r",
      String(dpi),
      "-x",
      String(Math.round(slugMm)),
      "-y",
      String(Math.round(slugMm)),
      "-W",
      "426",
      "-H",
      "600",
      "-png",
      "-singlefile",
      p,
      join(dir, "compare"),
    ]);
    const pdfPng = new Uint8Array(readFileSync(join(dir, "compare.png")));
    const ours = new Resvg(svg, { fitTo: { mode: "width", value: 426 } }).render().pixels;
    // Decode the poppler PNG through resvg (an <image> of it) to get raw pixels without a PNG lib.
    const wrapped = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="426" height="600"><image width="426" height="600" href="data:image/png;base64,${Buffer.from(pdfPng).toString("base64")}"/></svg>`,
    ).render().pixels;
    let diff = 0;
    for (let i = 0; i < ours.length; i += 4) {
      const d =
        Math.abs(ours[i] - wrapped[i]) +
        Math.abs(ours[i + 1] - wrapped[i + 1]) +
        Math.abs(ours[i + 2] - wrapped[i + 2]);
      if (d > 120) diff++;
    }
    // Only anti-aliased glyph edges may differ.
    expect(diff / (ours.length / 4)).toBeLessThan(0.02);
  });
});

// `npm run sheet:typography`: the contact sheet of issue 10 — dense-mark slogans on the formats
// that get printed and posted — written to docs/screenshots/typography.png. Print formats go
// through their print PDF and poppler's pdftoppm, so the sheet shows what a print shop receives.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { isPrintFormat } from "../templates/formats";
import { printPdf, renderSvg, svgToPng } from "../templates/render/index.server";

const OUT = join(import.meta.dirname, "../docs/screenshots/typography.png");
const DENSE = "Lạc Phượng đoàn kết, đổi mới, phát triển bền vững";
const MANH = "Đẩy mạnh cải cách hành chính";
const FLAG = "Cải cách hành chính vì nhân dân phục vụ";
const PHONE = "Gọi 0225 3842 123 để phản ánh về thủ tục hành chính tại xã Lạc Phượng, TP. Hải Phòng";

const ROWS: [template: string, format: string, text: string][][] = [
  [
    ["hanh-chinh-hien-dai", "a3", DENSE],
    ["hanh-chinh-hien-dai", "a2", MANH],
    ["ap-phich-trang-trong", "a3", MANH],
    ["ap-phich-trang-trong", "a2", DENSE],
    ["chinh-quyen-so", "a3", PHONE],
    ["co-dong-truyen-thong", "co-phuon-0.8x2.5", FLAG],
    ["co-dong-truyen-thong", "co-phuon-0.6x2", DENSE],
  ],
  [
    ["hanh-chinh-hien-dai", "square-1080", DENSE],
    ["ap-phich-trang-trong", "square-1080", MANH],
    ["co-dong-truyen-thong", "square-1080", DENSE],
    ["chinh-quyen-so", "square-1080", PHONE],
    ["hanh-chinh-hien-dai", "fb-link-1200x630", MANH],
  ],
  [
    ["co-dong-truyen-thong", "bang-ron-0.8x5", DENSE],
    ["co-dong-truyen-thong", "bang-ron-1.2x10", PHONE],
  ],
];
const ROW_H = [620, 420, 260];
const GAP = 16;

const work = mkdtempSync(join(tmpdir(), "typography-"));
async function picture(templateId: string, formatId: string, text: string, height: number) {
  const r = await renderSvg(templateId, formatId, { text });
  let png: Buffer;
  if (isPrintFormat(r.format)) {
    const pdf = join(work, "p.pdf");
    writeFileSync(pdf, (await printPdf(r, { assetCode: "CCHC-2026-MAU", date: "30/11/2026" })).bytes);
    // Scaled to the row height at the trim box: the sheet shows the print file, marks and all.
    execFileSync("pdftoppm", [
      "-png",
      "-singlefile",
      "-scale-to-y",
      String(height),
      "-scale-to-x",
      "-1",
      pdf,
      join(work, "p"),
    ]);
    png = readFileSync(join(work, "p.png"));
  } else {
    png = Buffer.from((await svgToPng(r, height * 2)).png);
  }
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  return { png, width: Math.round((w * height) / h), height };
}

const parts: string[] = [];
let y = GAP;
let sheetW = 0;
for (const [i, row] of ROWS.entries()) {
  let x = GAP;
  for (const [t, f, text] of row) {
    const p = await picture(t, f, text, ROW_H[i]);
    parts.push(
      `<image x="${x}" y="${y}" width="${p.width}" height="${p.height}" href="data:image/png;base64,${p.png.toString("base64")}"/>`,
    );
    x += p.width + GAP;
  }
  sheetW = Math.max(sheetW, x);
  y += ROW_H[i] + GAP;
}
rmSync(work, { recursive: true, force: true });
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${sheetW}" height="${y}"><rect width="100%" height="100%" fill="#d6d3d1"/>${parts.join("")}</svg>`;
writeFileSync(OUT, new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng());
console.error(`Đã ghi ${OUT} (${sheetW}×${y})`);

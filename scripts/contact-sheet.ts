// `npm run sheet:designs`: every design with a photo slot × every format it supports, drawn with a
// photo made here (test/support/photo-fixture, nothing fetched) and a sample emblem, composed into
// docs/screenshots/designs.png, one row per design, each tile labelled with its format. Print
// formats go through their print PDF and poppler's pdftoppm, so the sheet shows what a print shop
// receives. A last row shows the designs' other palette variants, alignments and fonts.
// The sheet is quantised to 256 colours: a quarter of the bytes, no visible banding at this size.
// `-- --dump DIR` also writes each render's PNG (1600 px) to DIR for a closer look.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { createElement as h } from "react";
import satori from "satori";
import sharp, { type OverlayOptions } from "sharp";
import { getSatoriFonts } from "../fonts/registry.server";
import { formatsFor, TEMPLATES } from "../templates/catalog";
import { isPrintFormat } from "../templates/formats";
import { fitPhotoInput } from "../templates/photo/fit.server";
import { checkRendered, printPdf, renderSvg, svgToPng } from "../templates/render/index.server";
import type { RenderInput, Template, TemplateOptions } from "../templates/types";
import { makeTestPhoto, TEST_PHOTO_SUBJECT } from "../test/support/photo-fixture";
import { brandWithLogo } from "../test/support/photo-designs-logo";

const OUT = join(import.meta.dirname, "../docs/screenshots/designs.png");
const TILE_H = 360;
const GAP = 24;
const LABEL_H = 46;
const HEAD_H = 52;
const SANS = "Be Vietnam Pro";

/** What each design is shown with: a slogan and subtitle it was made for. */
const SAMPLES: Record<string, Pick<RenderInput, "text" | "subtitle">> = {
  "photo-social": {
    text: "Một cửa thân thiện, *người dân hài lòng*",
    subtitle: "Nộp hồ sơ trực tuyến tại dichvucong.gov.vn",
  },
  "photo-honour": {
    text: "Tận tụy phục vụ, người dân hài lòng",
    subtitle: "Đồng chí Nguyễn Văn An — Công chức Văn phòng - Thống kê UBND xã",
  },
  "photo-backdrop": {
    text: "Hội thi tìm hiểu *cải cách hành chính* năm 2026",
    subtitle: "Hội trường UBND xã Lạc Phượng, ngày 15 tháng 5 năm 2026",
  },
};

const dumpAt = process.argv.indexOf("--dump");
const dump = dumpAt > 0 ? process.argv[dumpAt + 1] : undefined;
if (dump) mkdirSync(dump, { recursive: true });

const work = mkdtempSync(join(tmpdir(), "designs-"));
// Enough pixels for the A0 portrait (150 ppi) and the 3 × 6 m pano's panel (30 ppi), so no tile
// shows a resolution error. The scene is drawn small and enlarged: its noise filter takes minutes
// at full size.
const scene = await makeTestPhoto({ width: 1600, height: 1200 });
const photo = {
  bytes: new Uint8Array(await sharp(scene).resize(4800, 3600).jpeg({ quality: 88 }).toBuffer()),
  focus: TEST_PHOTO_SUBJECT,
};
const brand = brandWithLogo();

/** One line (or two) of text as a PNG, drawn by satori in the designs' own font: no system fonts. */
async function label(text: string, width: number, size: number, weight: 500 | 700): Promise<Buffer> {
  const height = Math.ceil(size * 2.6);
  const svg = await satori(
    h(
      "div",
      {
        style: {
          display: "flex",
          width,
          height,
          fontFamily: SANS,
          fontWeight: weight,
          fontSize: size,
          lineHeight: 1.25,
          color: "#1f2937",
        },
      },
      text,
    ),
    { width, height, fonts: getSatoriFonts([{ family: SANS, weight }]) },
  );
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng());
}

/** The designer's other choices, one tile each: [design, format, options]. */
const VARIANTS: [string, string, TemplateOptions][] = [
  ["photo-social", "square-1080", { palette: "do-vang", align: "center" }],
  ["photo-social", "portrait-1080x1350", { palette: "sang-do", font: "montserrat" }],
  ["photo-honour", "portrait-1080x1350", { palette: "xanh-kem", font: "lora" }],
  ["photo-backdrop", "phong-4x2", { palette: "xanh-vang", align: "left", font: "oswald" }],
];

async function tile(t: Template, formatId: string, options: TemplateOptions = {}) {
  const input = await fitPhotoInput(t.id, formatId, { ...SAMPLES[t.id], options, brand, photo });
  const r = await renderSvg(t.id, formatId, input);
  const report = checkRendered(r, [], input.photoFit);
  for (const e of report.errors) console.error(`  ${t.id} × ${formatId}: ${e.code} ${e.messageVi}`);
  for (const w of report.warnings)
    console.error(`  ${t.id} × ${formatId}: (cảnh báo) ${w.code} ${w.messageVi}`);
  if (dump) writeFileSync(join(dump, `${t.id}--${formatId}.png`), (await svgToPng(r, 1600)).png);
  let png: Buffer;
  if (isPrintFormat(r.format)) {
    const pdf = await printPdf(r, { assetCode: "CCHC-2026-MAU", date: "30/11/2026" });
    const file = join(work, "p.pdf");
    writeFileSync(file, pdf.bytes);
    console.error(`  ${t.id} × ${formatId}: PDF ${(pdf.bytes.length / 1024).toFixed(0)} KB`);
    if (dump) writeFileSync(join(dump, `${t.id}--${formatId}.pdf`), pdf.bytes);
    execFileSync("pdftoppm", [
      "-png",
      "-singlefile",
      "-scale-to-y",
      String(TILE_H),
      "-scale-to-x",
      "-1",
      file,
      join(work, "p"),
    ]);
    png = readFileSync(join(work, "p.png"));
  } else {
    png = (await svgToPng(r, TILE_H * 2)).png;
    png = await sharp(png).resize({ height: TILE_H }).png().toBuffer();
  }
  const meta = await sharp(png).metadata();
  return { png, width: meta.width ?? 0, format: r.format.label };
}

/** What a variant tile is labelled with: the design, its palette, alignment and font by their Vietnamese names. */
function variantLabel(t: Template, o: TemplateOptions): string {
  const c = t.controls;
  const parts = [
    t.name,
    c.palettes.find((p) => p.id === o.palette)?.name,
    o.align === "left" ? "căn trái" : o.align === "center" ? "căn giữa" : undefined,
    c.fonts?.find((f) => f.id === o.font)?.name,
  ];
  return parts.filter(Boolean).join(" · ");
}

const layers: OverlayOptions[] = [];
let y = GAP;
let sheetW = 0;
/** One row: a heading, then the tiles side by side, each labelled under it. */
async function row(
  heading: string,
  tiles: (() => Promise<{ png: Buffer; width: number; label: string }>)[],
  minWidth = 160,
) {
  layers.push({ input: await label(heading, 1200, 26, 700), left: GAP, top: y });
  y += HEAD_H;
  let x = GAP;
  for (const make of tiles) {
    const p = await make();
    const w = Math.max(p.width, minWidth);
    layers.push({ input: p.png, left: x, top: y });
    layers.push({ input: await label(p.label, w, 15, 500), left: x, top: y + TILE_H + 6 });
    x += w + GAP;
  }
  sheetW = Math.max(sheetW, x);
  y += TILE_H + LABEL_H + GAP;
}
for (const t of TEMPLATES.filter((x) => x.photo)) {
  await row(
    t.name,
    formatsFor(t).map((f) => async () => {
      const p = await tile(t, f.id);
      return { ...p, label: p.format };
    }),
  );
}
await row(
  "Phối màu, căn lề, phông chữ khác",
  VARIANTS.map(([id, formatId, options]) => async () => {
    const t = TEMPLATES.find((x) => x.id === id)!;
    const p = await tile(t, formatId, options);
    return { ...p, label: `${variantLabel(t, options)} — ${p.format}` };
  }),
  340,
);
rmSync(work, { recursive: true, force: true });
await sharp({ create: { width: sheetW, height: y, channels: 3, background: "#e7e5e4" } })
  .composite(layers)
  .png({ palette: true, quality: 95, effort: 10, compressionLevel: 9 })
  .toFile(OUT);
console.error(`Đã ghi ${OUT} (${sheetW}×${y})`);

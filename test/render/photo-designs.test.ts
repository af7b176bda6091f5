// The designs with a photo slot (decision 038): every design × format it supports, with the
// generated photo at focal points in the corners and the centre, through the same path the app
// takes (fitPhotoInput → renderSvg → checkRendered), plus the logo, the scrim and the print file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrandColorKey, type BrandLogo, DEFAULT_BRAND } from "../../templates/brand";
import { formatsFor, getTemplate, TEMPLATES } from "../../templates/catalog";
import { contextFor } from "../../templates/context";
import { nameAndRole } from "../../templates/designs/photo-honour";
import { canvasFor, getFormat } from "../../templates/formats";
import { contrastOnPhoto } from "../../templates/photo/contrast";
import { focusInside, focusOnCanvas } from "../../templates/photo/crop";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import type { FocalPoint } from "../../templates/photo/types";
import { drawnLinesByPlacement, textPaths } from "../../templates/preflight";
import { checkRendered, printPdf, renderSvg } from "../../templates/render/index.server";
import type { Box, RenderInput } from "../../templates/types";
import { makeTestPhoto, TEST_PHOTO_SUBJECT } from "../support/photo-fixture";
import { withTestPhoto } from "../support/photo-designs-input";
import { brandWithLogo, sampleLogo } from "../support/photo-designs-logo";

const PHOTO_DESIGNS = ["photo-social", "photo-honour", "photo-backdrop"];
const SAMPLES: Record<string, Pick<RenderInput, "text" | "subtitle">> = {
  "photo-social": {
    text: "Một cửa thân thiện, người dân hài lòng",
    subtitle: "Nộp hồ sơ trực tuyến tại dichvucong.gov.vn",
  },
  "photo-honour": {
    text: "Tận tụy phục vụ, người dân hài lòng",
    subtitle: "Đồng chí Nguyễn Văn An — Công chức Văn phòng - Thống kê UBND xã",
  },
  "photo-backdrop": {
    text: "Hội thi tìm hiểu cải cách hành chính năm 2026",
    subtitle: "Hội trường UBND xã Lạc Phượng, ngày 15 tháng 5 năm 2026",
  },
};
const FOCI: FocalPoint[] = [
  { x: 0.5, y: 0.5 },
  { x: 0.02, y: 0.02 },
  { x: 0.98, y: 0.02 },
  { x: 0.02, y: 0.98 },
  { x: 0.98, y: 0.98 },
];
const MIN = 4.5;

/** A photo for screens, and one with pixels enough for the A0 portrait (150 ppi) and the pano's panel (30 ppi). */
let small: Uint8Array;
let large: Uint8Array;
let work: string;
beforeAll(async () => {
  const scene = await makeTestPhoto({ width: 1600, height: 1200 });
  small = new Uint8Array(scene);
  // Drawn small (the scene's noise filter is slow at full size) and enlarged.
  large = new Uint8Array(await sharp(scene).resize(4800, 3600).jpeg({ quality: 85 }).toBuffer());
  work = mkdtempSync(join(tmpdir(), "photo-designs-"));
});
const bytesFor = (format: string) => (getFormat(format).kind === "screen" ? small : large);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const within = (inner: Box, outer: Box, tol = 0.5) =>
  inner.x >= outer.x - tol &&
  inner.y >= outer.y - tol &&
  inner.x + inner.width <= outer.x + outer.width + tol &&
  inner.y + inner.height <= outer.y + outer.height + tol;
const holds = (b: Box, p: { x: number; y: number }) =>
  p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/** The photo prepared and drawn as the app does it (preview-sized photo, same crop and sample). */
async function render(
  template: string,
  format: string,
  extra: Partial<RenderInput> = {},
  maxPx: number | null = 600,
) {
  const input = await fitPhotoInput(
    template,
    format,
    { ...SAMPLES[template], photo: { bytes: bytesFor(format), focus: TEST_PHOTO_SUBJECT }, ...extra },
    maxPx ? { maxPx } : {},
  );
  const r = await renderSvg(template, format, input);
  return { r, fit: input.photoFit!, report: checkRendered(r, [], input.photoFit) };
}

describe("the photo designs are in the catalogue", () => {
  it("each declares a required photo slot, ≥ 2 palette variants and formats native to it", () => {
    expect(TEMPLATES.filter((t) => t.photo).map((t) => t.id)).toEqual(PHOTO_DESIGNS);
    const offered = Object.fromEntries(
      PHOTO_DESIGNS.map((id) => [id, formatsFor(getTemplate(id)).map((f) => f.id)]),
    );
    expect(offered).toEqual({
      "photo-social": [
        "fb-link-1200x630",
        "square-1080",
        "portrait-1080x1350",
        "story-1080x1920",
        "youtube-1280x720",
        "led-1920x1080",
      ],
      "photo-honour": ["a3", "a2", "a1", "a0", "portrait-1080x1350", "story-1080x1920"],
      "photo-backdrop": ["pano-3x6", "phong-4x2"],
    });
    for (const id of PHOTO_DESIGNS) {
      const t = getTemplate(id);
      expect(t.photo?.required).toBe(true);
      expect(t.controls.palettes.length).toBeGreaterThanOrEqual(2);
      for (const p of t.controls.palettes) expect(p.colors.emphasis, `${id} ${p.id}`).toBeDefined();
    }
    expect(getTemplate("photo-honour").contentItems).toContain("1.7");
    expect(getTemplate("photo-backdrop").contentItems).toContain("1.15");
  });
});

describe("every photo design × format × focal point", () => {
  const cases = PHOTO_DESIGNS.flatMap((t) => formatsFor(getTemplate(t)).map((f) => [t, f.id] as const));
  it.each(cases)("%s × %s", async (template, format) => {
    const canvas = canvasFor(getFormat(format));
    const whole: Box = { x: 0, y: 0, width: canvas.width, height: canvas.height };
    for (const focus of FOCI) {
      const { r, fit, report } = await render(template, format, {
        photo: { bytes: bytesFor(format), focus },
      });
      const where = `${template} × ${format} at ${focus.x},${focus.y}`;
      expect(report.errors, where).toEqual([]);
      // The slot the photo was fitted to is the one the design drew, and sits where the layout says.
      expect(r.design.photo?.slot, where).toEqual(fit.slot);
      expect(within(fit.slot, whole), where).toBe(true);
      if (template === "photo-social") expect(fit.slot).toEqual(whole);
      if (template === "photo-honour") expect(within(fit.slot, canvas.safe), where).toBe(true);
      if (template === "photo-backdrop") {
        // A panel running off the right, top and bottom edges into the bleed, its left edge inside the trim.
        expect(fit.slot.x).toBeGreaterThan(canvas.trim.x + canvas.trim.width / 2);
        expect(fit.slot.x + fit.slot.width).toBeCloseTo(canvas.width, 6);
        expect(fit.slot.y).toBe(0);
        expect(fit.slot.height).toBeCloseTo(canvas.height, 6);
      }
      // The crop keeps the focal point, and it lands inside the slot.
      expect(focusInside(fit.source, fit.focus, fit.crop), where).toBe(true);
      const at = focusOnCanvas(fit.source, fit.focus, fit.crop, fit.slot);
      expect(holds(fit.slot, at), where).toBe(true);
      for (const t of r.design.texts) {
        const overPhoto =
          t.box.x < fit.slot.x + fit.slot.width &&
          fit.slot.x < t.box.x + t.box.width &&
          t.box.y < fit.slot.y + fit.slot.height &&
          fit.slot.y < t.box.y + t.box.height;
        if (template !== "photo-social") {
          // The portrait and the panel are never written on.
          expect(overPhoto, `${where}: ${t.label}`).toBe(false);
          continue;
        }
        const ratio = contrastOnPhoto(fit, t.box, t.color, r.design.photo!.scrims).minRatio;
        expect(ratio, `${where}: ${t.label}`).toBeGreaterThanOrEqual(MIN);
      }
      if (template === "photo-social") {
        // The band keeps off the subject.
        expect(holds(r.design.photo!.scrims[0].box, at), where).toBe(false);
        const emphasis = contextFor(getTemplate(template), getFormat(format), SAMPLES[template]).colors
          .emphasis;
        const slogan = r.design.texts.find((t) => t.role === "primary")!;
        expect(
          contrastOnPhoto(fit, slogan.box, emphasis, r.design.photo!.scrims).minRatio,
        ).toBeGreaterThanOrEqual(MIN);
      }
    }
  });
});

describe("layouts native to their shape", () => {
  it("a story keeps its chip and slogan out of the platform's bars (top and bottom 12 %)", async () => {
    for (const focus of FOCI) {
      const { r } = await render("photo-social", "story-1080x1920", { photo: { bytes: small, focus } });
      for (const t of r.design.texts) {
        expect(t.box.y, t.label).toBeGreaterThan(1920 * 0.12);
        expect(t.box.y + t.box.height, t.label).toBeLessThan(1920 * 0.88);
      }
    }
  });

  it("a social band runs off the bottom edge, or off the top when the subject is low", async () => {
    const low = await render("photo-social", "square-1080", {
      photo: { bytes: small, focus: { x: 0.5, y: 0.95 } },
    });
    const high = await render("photo-social", "square-1080", {
      photo: { bytes: small, focus: { x: 0.5, y: 0.1 } },
    });
    expect(low.r.design.photo!.scrims[0].box.y).toBe(0);
    const band = high.r.design.photo!.scrims[0].box;
    expect(band.y + band.height).toBeCloseTo(1080, 6);
    expect(band.y).toBeGreaterThan(1080 * 0.5);
  });

  it("the honour poster sets the subtitle as a name line and a role line", async () => {
    expect(nameAndRole("Đồng chí Nguyễn Văn A — Công chức Văn phòng - Thống kê")).toEqual({
      name: "Đồng chí Nguyễn Văn A",
      role: "Công chức Văn phòng - Thống kê",
    });
    expect(nameAndRole("Tập thể Bộ phận Một cửa")).toEqual({ name: "Tập thể Bộ phận Một cửa" });
    const { r, report } = await render("photo-honour", "a3");
    expect(report.errors).toEqual([]);
    const labels = r.design.texts.map((t) => t.label);
    expect(labels).toContain("Tên người được biểu dương");
    expect(labels).toContain("Chức danh, đơn vị");
    const name = r.design.texts.find((t) => t.label === "Tên người được biểu dương")!;
    expect(name.lines).toEqual(["ĐỒNG CHÍ NGUYỄN VĂN AN"]);
    // Name and slogan below the portrait, on the solid ground.
    expect(name.box.y).toBeGreaterThan(r.design.photo!.slot.y + r.design.photo!.slot.height);
  });

  it("every palette variant, alignment and font renders as chosen without a preflight error, with and without a subtitle", async () => {
    const sample: Record<string, string> = {
      "photo-social": "square-1080",
      "photo-honour": "portrait-1080x1350",
      "photo-backdrop": "phong-4x2",
    };
    const rgb = (key: BrandColorKey) => DEFAULT_BRAND.palette[key].rgb;
    for (const id of PHOTO_DESIGNS) {
      const t = getTemplate(id);
      const fonts = t.controls.fonts ?? [];
      for (const [k, p] of t.controls.palettes.entries()) {
        for (const align of t.controls.aligns ?? ["center"]) {
          for (const subtitle of [SAMPLES[id].subtitle, undefined]) {
            // Each font once across the variants.
            const font = fonts[k % fonts.length];
            const options = { palette: p.id, align, font: font?.id };
            const { r, report } = await render(id, sample[id], { subtitle, options });
            const where = `${id} ${p.id} ${align} ${font?.id} ${subtitle ?? "—"}`;
            expect(report.errors, where).toEqual([]);
            const slogan = r.design.texts.find((x) => x.role === "primary")!;
            expect(slogan.family, where).toBe(font?.family);
            // The variant's colours are the ones drawn: the band's scrim, or the solid ground.
            if (id === "photo-social")
              expect(r.design.photo!.scrims[0].color, where).toBe(rgb(p.colors.scrim));
            else expect(slogan.background, where).toBe(rgb(p.colors.ground));
            // Drawn lines start at the box's left edge, or centre on it.
            const i = r.design.texts.indexOf(slogan);
            const b = slogan.box;
            for (const line of drawnLinesByPlacement(r.design.texts, textPaths(r.svg))[i]) {
              const off = align === "left" ? line.x - b.x : line.x + line.width / 2 - (b.x + b.width / 2);
              expect(Math.abs(off), where).toBeLessThan(slogan.fontSize * 0.12);
            }
          }
        }
      }
    }
  });
});

describe("the scrim is computed from the photo", () => {
  async function flat(color: string) {
    return new Uint8Array(
      await sharp({ create: { width: 1200, height: 1200, channels: 3, background: color } })
        .jpeg()
        .toBuffer(),
    );
  }

  it("a bright photo gets a denser scrim than a dark one, drawn at that alpha, and both read at 4.5:1", async () => {
    const alphas: number[] = [];
    for (const color of ["#f4f4f0", "#101418"]) {
      const photo = { bytes: await flat(color) };
      const { r, fit, report } = await render("photo-social", "square-1080", { photo });
      expect(report.errors).toEqual([]);
      const scrim = r.design.photo!.scrims[0];
      alphas.push(scrim.alpha);
      expect(r.svg).toContain(`fill-opacity="${scrim.alpha}"`);
      const slogan = r.design.texts.find((t) => t.role === "primary")!;
      expect(
        contrastOnPhoto(fit, slogan.box, slogan.color, r.design.photo!.scrims).minRatio,
      ).toBeGreaterThanOrEqual(MIN);
      // Without the scrim the white slogan on the bright photo would not be readable.
      if (color === "#f4f4f0")
        expect(contrastOnPhoto(fit, slogan.box, slogan.color, []).minRatio).toBeLessThan(MIN);
    }
    expect(alphas[0]).toBeGreaterThan(alphas[1]);
    // A dark photo keeps the band's own floor: the band still reads as a band.
    expect(alphas[1]).toBe(0.35);
  });
});

describe("the logo", () => {
  const images = (svg: string) => [...svg.matchAll(/<image [^>]*>/g)].map((m) => m[0]);

  it.each(PHOTO_DESIGNS)("%s draws without a logo (no empty box) and with one", async (id) => {
    const format = formatsFor(getTemplate(id))[0].id;
    const without = await render(id, format, { brand: DEFAULT_BRAND });
    const withLogo = await render(id, format, { brand: brandWithLogo() });
    expect(without.report.errors).toEqual([]);
    expect(withLogo.report.errors).toEqual([]);
    expect(images(without.r.svg)).toHaveLength(1);
    const drawn = images(withLogo.r.svg);
    expect(drawn).toHaveLength(2);
    expect(drawn.some((i) => i.includes(sampleLogo().dataUri))).toBe(true);
    // Without a logo the issuer line starts where the logo would have been.
    const issuer = (x: typeof without) => x.r.design.texts.find((t) => t.label === "Dòng cơ quan")!;
    expect(issuer(withLogo).box.x).toBeGreaterThan(issuer(without).box.x);
  });

  it("a PNG logo keeps its aspect", async () => {
    const png = await sharp({ create: { width: 300, height: 150, channels: 4, background: "#da251d" } })
      .png()
      .toBuffer();
    const logo: BrandLogo = {
      mime: "image/png",
      dataUri: `data:image/png;base64,${png.toString("base64")}`,
      width: 300,
      height: 150,
      sha256: "0".repeat(64),
    };
    const { r, report } = await render("photo-backdrop", "phong-4x2", { brand: { ...DEFAULT_BRAND, logo } });
    expect(report.errors).toEqual([]);
    const img = images(r.svg).find((i) => i.includes("data:image/png"))!;
    const w = Number(/ width="([\d.]+)"/.exec(img)![1]);
    const h = Number(/ height="([\d.]+)"/.exec(img)![1]);
    // satori sets boxes in whole units: within one unit of the 2:1 logo.
    expect(Math.abs(w - 2 * h)).toBeLessThanOrEqual(1);
  });
});

describe("a photo design without a photo", () => {
  it.each(PHOTO_DESIGNS)("%s refuses to render: PHOTO_REQUIRED", async (id) => {
    const format = formatsFor(getTemplate(id))[0].id;
    await expect(renderSvg(id, format, { text: "Cải cách hành chính" })).rejects.toMatchObject({
      code: "PHOTO_REQUIRED",
    });
  });
});

describe("withTestPhoto, for tests that render every design", () => {
  it("gives a photo design its fitted photo and leaves other designs' input alone", async () => {
    const input = { text: "Một cửa" };
    expect(await withTestPhoto("co-dong-truyen-thong", "square-1080", input)).toBe(input);
    const ready = await withTestPhoto("photo-honour", "a3", input);
    expect(ready.photo).toBeUndefined();
    expect(ready.photoFit?.slot).toEqual(
      getTemplate("photo-honour").photo!.box(contextFor(getTemplate("photo-honour"), getFormat("a3"), input)),
    );
    const r = await renderSvg("photo-honour", "a3", ready);
    expect(checkRendered(r, [], ready.photoFit).errors).toEqual([]);
  });
});

describe("print files embed the photo as JPEG", () => {
  it.each([
    ["photo-honour", "a2"],
    ["photo-backdrop", "phong-4x2"],
  ])("%s × %s", async (template, format) => {
    const { r, fit } = await render(template, format, { brand: brandWithLogo() }, null);
    const pdf = await printPdf(r, { assetCode: "CCHC-2026-TEST", date: "30/11/2026" });
    const report = checkRendered(r, pdf.rasters, fit);
    expect(report.errors).toEqual([]);
    const file = join(work, `${template}-${format}.pdf`);
    writeFileSync(file, pdf.bytes);
    const rows = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    // One image: the photo, as DCT at its fitted size; the SVG logo stays vector.
    expect(rows).toHaveLength(1);
    const [, , type, width, height, color, , , enc] = rows[0];
    expect({ type, width: Number(width), height: Number(height), color, enc }).toEqual({
      type: "image",
      width: fit.widthPx,
      height: fit.heightPx,
      color: "rgb",
      enc: "jpeg",
    });
    expect(fit.effectivePpi).toBeGreaterThanOrEqual(fit.requiredPpi!);
    const jpegBytes = Buffer.from(fit.dataUri.split(",")[1], "base64").length;
    console.log(
      `${template} × ${format}: PDF ${pdf.bytes.length} bytes, photo JPEG ${jpegBytes} bytes (${fit.widthPx} × ${fit.heightPx} px, ${fit.effectivePpi} ppi)`,
    );
    // The photo is most of the file, and it is in once: vector pages of these designs are small.
    expect(pdf.bytes.length).toBeGreaterThan(jpegBytes);
    expect(pdf.bytes.length).toBeLessThan(jpegBytes + 400_000);
  });
});

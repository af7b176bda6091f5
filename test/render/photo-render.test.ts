// A photo through the engine: fitted on this thread (fitPhotoInput), drawn by satori, embedded in
// the print PDF as JPEG (DCTDecode) at the fitted size, and checked by preflight (resolution in
// ppi, contrast on the photo's pixels with the design's scrims).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES, supports } from "../../templates/catalog";
import { getFormat } from "../../templates/formats";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import { checkRendered, printPdf, renderPreview, renderSvg } from "../../templates/render/index.server";
import type { RenderInput } from "../../templates/types";
import { TEST_PHOTO_SUBJECT, makeTestPhoto, makeTinyPhoto } from "../support/photo-fixture";

const dir = mkdtempSync(join(tmpdir(), "photo-render-"));
const TEXT = "Chính quyền thân thiện, phục vụ nhân dân";
const SLUG = { assetCode: "TEST-ANH", date: "01/06/2026" };

/** The first design with a photo slot that supports `formatId`: the designs are looked up, not named. */
function photoDesignFor(formatId: string): string {
  const t = TEMPLATES.find((x) => x.photo && supports(x, getFormat(formatId)));
  if (!t) throw new Error(`no photo design supports ${formatId}`);
  return t.id;
}
const textDesign = TEMPLATES.find((t) => !t.photo && supports(t, getFormat("a2")))!.id;

let photo: Buffer;
beforeAll(async () => {
  photo = await makeTestPhoto({ width: 3000, height: 2000, seed: 11 });
});

describe("fitPhotoInput", () => {
  it("fits the photo to the design's slot and leaves only the prepared JPEG in the input", async () => {
    const id = photoDesignFor("fb-link-1200x630");
    const input: RenderInput = { text: TEXT, photo: { bytes: photo, focus: TEST_PHOTO_SUBJECT } };
    const out = await fitPhotoInput(id, "fb-link-1200x630", input);
    expect("photo" in out).toBe(false);
    expect(out.text).toBe(TEXT);
    expect(out.photoFit?.focus).toEqual(TEST_PHOTO_SUBJECT);
    expect(out.photoFit?.dataUri.startsWith("data:image/jpeg;base64,")).toBe(true);
    expect(input.photo).toBeDefined(); // the caller's input is not changed
    const r = await renderSvg(id, "fb-link-1200x630", out);
    expect(r.design.photo?.slot).toEqual(out.photoFit?.slot);
    expect(r.svg).toContain(out.photoFit!.dataUri.slice(0, 200));
  });

  it("leaves an input without a photo alone and refuses a photo for a design without a slot", async () => {
    const plain = { text: TEXT };
    expect(await fitPhotoInput(textDesign, "a2", plain)).toBe(plain);
    await expect(
      fitPhotoInput(textDesign, "a2", { text: TEXT, photo: { bytes: photo } }),
    ).rejects.toMatchObject({
      code: "PHOTO_NOT_TAKEN",
    });
  });

  it("a render thread refuses a photo that was not fitted", async () => {
    const id = photoDesignFor("fb-link-1200x630");
    await expect(
      renderSvg(id, "fb-link-1200x630", { text: TEXT, photo: { bytes: photo } }),
    ).rejects.toMatchObject({
      code: "PHOTO_UNREADABLE",
    });
  });
});

describe("the print PDF", () => {
  it("embeds the photo as one DCTDecode JPEG at the fitted size, without bloat", async () => {
    const id = photoDesignFor("a2");
    const input = await fitPhotoInput(id, "a2", {
      text: TEXT,
      photo: { bytes: photo, focus: TEST_PHOTO_SUBJECT },
    });
    const fit = input.photoFit!;
    const r = await renderSvg(id, "a2", input);
    const pdf = await printPdf(r, SLUG);
    const path = join(dir, "a2.pdf");
    writeFileSync(path, pdf.bytes);
    const list = execFileSync("pdfimages", ["-list", path], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    // page num type width height color comp bpc enc …
    const photos = list.filter((c) => c[2] === "image" && c[8] === "jpeg");
    expect(photos.length).toBe(1);
    expect([Number(photos[0][3]), Number(photos[0][4])]).toEqual([fit.widthPx, fit.heightPx]);
    expect(photos[0][5]).toBe("rgb");
    const jpegBytes = Buffer.from(fit.dataUri.slice(fit.dataUri.indexOf(",") + 1), "base64").length;
    const without = await printPdf(await renderSvg(textDesign, "a2", { text: TEXT }), SLUG);
    // The JPEG is stored as it is (no re-encoding, no base64): the file grows by about its size.
    expect(pdf.bytes.length).toBeLessThan(jpegBytes + without.bytes.length * 2 + 50_000);
    expect(pdf.bytes.length).toBeGreaterThan(jpegBytes);
    // The writer reports the placement; checkRendered takes it with the photo and does not count it twice.
    const placed = pdf.rasters.find((x) => x.widthPx === fit.widthPx && x.heightPx === fit.heightPx);
    expect(placed).toBeDefined();
    expect(placed!.effectiveDpi).toBeGreaterThan(140);
    const report = checkRendered(r, pdf.rasters, fit);
    expect(report.errors).toEqual([]);
    expect(report.photo?.effectivePpi).toBe(fit.effectivePpi);
    expect(report.photo?.requiredPpi).toBe(150);
  });
});

describe("preflight of a photo", () => {
  it("a 600 × 400 photo on an A2 poster is an error with both numbers in ppi", async () => {
    const id = photoDesignFor("a2");
    const input = await fitPhotoInput(id, "a2", { text: TEXT, photo: { bytes: await makeTinyPhoto() } });
    const fit = input.photoFit!;
    expect(fit.effectivePpi).toBeLessThan(150);
    const p = await renderPreview(id, "a2", input, { as: "svg" });
    const low = p.preflight.errors.find((e) => e.code === "LOW_RESOLUTION");
    expect(low).toBeDefined();
    expect(low!.messageVi).toContain(`${Math.floor(fit.effectivePpi!)} ppi`);
    expect(low!.messageVi).toContain("cần ít nhất 150 ppi");
    expect(low!.details).toMatchObject({ effectivePpi: fit.effectivePpi, requiredPpi: 150 });
    expect(p.preflight.photo?.effectivePpi).toBe(fit.effectivePpi);
  });

  it("a screen slot filled from a tiny crop warns that it is enlarged", async () => {
    const id = photoDesignFor("led-1920x1080");
    const input = await fitPhotoInput(id, "led-1920x1080", {
      text: TEXT,
      photo: { bytes: await makeTinyPhoto() },
    });
    const p = await renderPreview(id, "led-1920x1080", input, { as: "svg" });
    const soft = p.preflight.warnings.find((w) => w.code === "LOW_RESOLUTION");
    expect(soft).toBeDefined();
    expect(p.preflight.photo!.upscale).toBeGreaterThan(1.5);
  });

  it("checks text over the photo on its pixels: a photo the slogan's own colour fails without the design's scrims", async () => {
    const id = photoDesignFor("fb-link-1200x630");
    const flat = (color: string) =>
      sharp({ create: { width: 1600, height: 1000, channels: 3, background: color } })
        .jpeg({ quality: 100 })
        .toBuffer();
    const first = await fitPhotoInput(id, "fb-link-1200x630", {
      text: TEXT,
      photo: { bytes: await flat("#808080") },
    });
    const primary = (await renderSvg(id, "fb-link-1200x630", first)).design.texts.find(
      (t) => t.role === "primary",
    )!;
    // A photo in the slogan's own colour: unreadable unless the design's scrim lifts it.
    const input = await fitPhotoInput(id, "fb-link-1200x630", {
      text: TEXT,
      photo: { bytes: await flat(primary.color) },
    });
    const r = await renderSvg(id, "fb-link-1200x630", input);
    const slot = input.photoFit!.slot;
    const over = r.design.texts.find((t) => t.role === "primary")!;
    expect(over.box.x < slot.x + slot.width && slot.x < over.box.x + over.box.width).toBe(true);
    expect(over.box.y < slot.y + slot.height && slot.y < over.box.y + over.box.height).toBe(true);
    expect(checkRendered(r, [], input.photoFit).errors).toEqual([]);
    const bare = { ...r, design: { ...r.design, photo: { slot, scrims: [] } } };
    const report = checkRendered(bare, [], input.photoFit);
    const low = report.errors.find((e) => e.code === "LOW_CONTRAST");
    expect(low).toBeDefined();
    expect(low!.details).toMatchObject({ onPhoto: true });
    expect((low!.details as { ratio: number }).ratio).toBeLessThan(1.2);
  });
});

describe("where sharp runs", () => {
  /** Every module a file reaches through relative imports (static, dynamic, type-only excluded), and the packages they name. */
  function reach(entry: string): { files: Set<string>; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const todo = [resolve(entry)];
    while (todo.length) {
      const f = todo.pop()!;
      if (files.has(f)) continue;
      files.add(f);
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(
        /^(?!import type)[^\n]*?(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)["']([^"']+)["']/gm,
      )) {
        const spec = m[1];
        if (!spec.startsWith(".")) {
          packages.add(spec);
          continue;
        }
        const base = join(dirname(f), spec);
        const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find(
          (c) => existsSync(c) && !c.endsWith("/") && /\.(ts|tsx)$/.test(c),
        );
        if (hit) todo.push(hit);
      }
    }
    return { files, packages };
  }

  it("the render worker never loads sharp or the photo fitting: photos are fitted before a job is queued", () => {
    const { files, packages } = reach("templates/render/render-worker.ts");
    expect(files.size).toBeGreaterThan(20); // the scan follows the engine's imports
    expect([...files].some((f) => f.endsWith("templates/preflight.ts"))).toBe(true);
    expect([...files].filter((f) => f.endsWith("fit.server.ts"))).toEqual([]);
    expect(packages.has("sharp")).toBe(false);
    expect(packages.has("satori")).toBe(true);
  });
});

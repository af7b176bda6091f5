// fitPhoto and the contrast functions on a generated photo: sizes for print and screen, the
// effective resolution arithmetic, the sample, scrims that make white text on a pale sky pass.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { canvasFor, getFormat } from "../../templates/formats";
import { contrastOnPhoto, scrimFor } from "../../templates/photo/contrast";
import { focusInside } from "../../templates/photo/crop";
import { fitPhoto } from "../../templates/photo/fit.server";
import type { FittedPhoto } from "../../templates/photo/types";
import type { Box } from "../../templates/types";
import {
  TEST_PHOTO_SKY_BOTTOM,
  TEST_PHOTO_SUBJECT,
  makeTestPhoto,
  makeTinyPhoto,
} from "../support/photo-fixture";

let photo: Buffer;
let tiny: Buffer;
beforeAll(async () => {
  photo = await makeTestPhoto({ width: 2400, height: 1600, seed: 7 });
  tiny = await makeTinyPhoto();
});

const jpegOf = (f: FittedPhoto) => Buffer.from(f.dataUri.slice(f.dataUri.indexOf(",") + 1), "base64");

describe("fitPhoto", () => {
  it("sizes a screen slot to its pixels, crops around the subject and strips metadata", async () => {
    const format = getFormat("fb-link-1200x630");
    const canvas = canvasFor(format);
    const slot: Box = { x: 0, y: 0, width: 600, height: 630 };
    const f = await fitPhoto({ bytes: photo, focus: TEST_PHOTO_SUBJECT }, slot, format, canvas);
    expect(f.widthPx).toBe(600);
    expect(f.heightPx).toBe(630);
    expect(f.effectivePpi).toBeNull();
    expect(f.requiredPpi).toBeNull();
    expect(f.source).toEqual({ width: 2400, height: 1600 });
    expect(f.crop.height).toBe(1600);
    expect(f.crop.width).toBe(Math.round((1600 * 600) / 630));
    expect(focusInside(f.source, TEST_PHOTO_SUBJECT, f.crop)).toBe(true);
    expect(f.dataUri.startsWith("data:image/jpeg;base64,")).toBe(true);
    const meta = await sharp(jpegOf(f)).metadata();
    expect([meta.format, meta.width, meta.height, meta.space, meta.channels]).toEqual([
      "jpeg",
      600,
      630,
      "srgb",
      3,
    ]);
    expect(meta.exif).toBeUndefined();
    expect(meta.isProgressive).toBe(false); // baseline, for every RIP
    expect(meta.icc).toBeUndefined();
    // The sample covers the crop, at most 160 px on its long side, in the slot's proportions.
    expect(f.sample.height).toBe(160);
    expect(f.sample.width).toBe(Math.round((160 * 600) / 630));
    expect(f.sample.rgb.length).toBe(f.sample.width * f.sample.height * 3);
  });

  it("downsamples a print slot to the format's resolution and records the crop's effective ppi", async () => {
    const format = getFormat("a2"); // posters need 150 ppi
    const canvas = canvasFor(format);
    // A slot 100 mm wide and 50 mm high: 100 / 25.4 × 150 = 591 px across are needed.
    const slot: Box = {
      x: canvas.trim.x,
      y: canvas.trim.y,
      width: 100 * canvas.unitsPerMm,
      height: 50 * canvas.unitsPerMm,
    };
    const f = await fitPhoto({ bytes: photo }, slot, format, canvas);
    expect(f.crop).toEqual({ x: 0, y: 200, width: 2400, height: 1200 });
    expect(f.widthPx).toBe(Math.ceil((100 / 25.4) * 150));
    expect(f.heightPx).toBe(Math.round(f.widthPx / 2));
    expect(f.requiredPpi).toBe(150);
    expect(f.effectivePpi).toBeCloseTo(2400 / (100 / 25.4), 1); // 609.6
    const meta = await sharp(jpegOf(f)).metadata();
    expect([meta.width, meta.height]).toEqual([f.widthPx, f.heightPx]);
  });

  it("never enlarges: a 1200 px crop in a 420 mm slot keeps its pixels at 72.6 ppi", async () => {
    const format = getFormat("a2");
    const canvas = canvasFor(format);
    const bytes = await makeTestPhoto({ width: 1200, height: 800, seed: 2 });
    const slot: Box = {
      x: canvas.trim.x,
      y: canvas.trim.y,
      width: 420 * canvas.unitsPerMm,
      height: 280 * canvas.unitsPerMm,
    };
    const f = await fitPhoto({ bytes }, slot, format, canvas);
    expect(f.crop.width).toBe(1200);
    expect(f.widthPx).toBe(1200);
    expect(f.heightPx).toBe(800);
    expect(f.effectivePpi).toBe(72.6);
    expect(f.requiredPpi).toBe(150);
  });

  it("sizes a preview for the canvas it is drawn at, with the same crop, ppi and sample", async () => {
    const format = getFormat("a2");
    const canvas = canvasFor(format);
    const slot: Box = {
      x: canvas.trim.x,
      y: canvas.trim.y,
      width: canvas.trim.width,
      height: canvas.trim.height / 2,
    };
    const full = await fitPhoto({ bytes: photo, focus: TEST_PHOTO_SUBJECT }, slot, format, canvas);
    const preview = await fitPhoto({ bytes: photo, focus: TEST_PHOTO_SUBJECT }, slot, format, canvas, {
      maxPx: 800,
    });
    expect(preview.widthPx).toBe(Math.ceil((slot.width * 800) / canvas.height));
    expect(preview.widthPx).toBeLessThan(full.widthPx);
    expect(preview.crop).toEqual(full.crop);
    expect(preview.effectivePpi).toBe(full.effectivePpi);
    expect(Buffer.from(preview.sample.rgb)).toEqual(Buffer.from(full.sample.rgb));
  });

  it("returns the cached fit for the same photo, focus and slot", async () => {
    const format = getFormat("square-1080");
    const canvas = canvasFor(format);
    const slot: Box = { x: 0, y: 0, width: 1080, height: 540 };
    const a = await fitPhoto({ bytes: tiny, focus: { x: 0.3, y: 0.3 } }, slot, format, canvas);
    const b = await fitPhoto(
      { bytes: Buffer.from(tiny), focus: { x: 0.3, y: 0.3 } },
      { ...slot, y: 540 },
      format,
      canvas,
    );
    expect(b.dataUri).toBe(a.dataUri); // same string object from the cache: not encoded again
    expect(b.slot.y).toBe(540);
    const c = await fitPhoto({ bytes: tiny, focus: { x: 0.3, y: 0.8 } }, slot, format, canvas);
    expect(c.crop.y).toBeGreaterThan(a.crop.y);
  });

  it("refuses bytes that are not an image with PHOTO_UNREADABLE", async () => {
    const format = getFormat("square-1080");
    const slot: Box = { x: 0, y: 0, width: 100, height: 100 };
    await expect(
      fitPhoto({ bytes: Buffer.from("<?php echo 1; ?>") }, slot, format, canvasFor(format)),
    ).rejects.toMatchObject({ code: "PHOTO_UNREADABLE" });
    const truncated = photo.subarray(0, 2000);
    await expect(fitPhoto({ bytes: truncated }, slot, format, canvasFor(format))).rejects.toMatchObject({
      code: "PHOTO_UNREADABLE",
    });
  });
});

describe("text over the photo", () => {
  const format = getFormat("fb-link-1200x630");
  const canvas = canvasFor(format);
  const slot: Box = { x: 0, y: 0, width: 1200, height: 630 };
  let f: FittedPhoto;
  beforeAll(async () => {
    f = await fitPhoto({ bytes: photo, focus: { x: 0.5, y: 0.5 } }, slot, format, canvas);
  });

  it("a white slogan on the pale sky fails bare, passes with the scrim scrimFor gives", () => {
    // The sky spans the photo's top 40%; the crop keeps the full height, so the slot's too.
    const text: Box = { x: 60, y: 30, width: 1080, height: 630 * TEST_PHOTO_SKY_BOTTOM - 60 };
    const bare = contrastOnPhoto(f, text, "#ffffff", []);
    expect(bare.minRatio).toBeLessThan(1.5);
    expect(bare.worstPixel).not.toBeNull();
    const scrim = scrimFor(f, text, "#ffffff");
    expect(scrim.color).toBe("#000000");
    expect(scrim.alpha).toBeGreaterThan(0);
    expect(Math.round(scrim.alpha * 20)).toBeCloseTo(scrim.alpha * 20, 9);
    expect(contrastOnPhoto(f, text, "#ffffff", [scrim]).minRatio).toBeGreaterThanOrEqual(4.5);
    // It is the least such alpha: one step less fails.
    const less = { ...scrim, alpha: scrim.alpha - 0.05 };
    expect(contrastOnPhoto(f, text, "#ffffff", [less]).minRatio).toBeLessThan(4.5);
    expect(contrastOnPhoto(f, text, "#ffffff", [{ ...scrim, alpha: 0 }]).minRatio).toBeLessThan(4.5);
  });

  it("needs no scrim for dark text on the sky, and a white one for dark text on the field", () => {
    const sky: Box = { x: 640, y: 10, width: 500, height: 90 }; // right of the building
    expect(scrimFor(f, sky, "#1a1a1a").alpha).toBe(0);
    const field: Box = { x: 0, y: 630 * 0.75, width: 1200, height: 630 * 0.25 };
    const s = scrimFor(f, field, "#111111");
    expect(s.color).toBe("#ffffff");
    expect(s.alpha).toBeGreaterThan(0);
    expect(contrastOnPhoto(f, field, "#111111", [s]).minRatio).toBeGreaterThanOrEqual(4.5);
    expect(scrimFor(f, sky, "#1a1a1a", { floorAlpha: 0.22 }).alpha).toBe(0.25);
  });

  it("composites only the scrims over each pixel, in order, and ignores text off the photo", () => {
    const text: Box = { x: 0, y: 0, width: 1200, height: 200 };
    const left = scrimFor(f, { x: 0, y: 0, width: 600, height: 200 }, "#ffffff");
    // A scrim over the left half only: the right half's pixels stay bare and fail.
    const half = contrastOnPhoto(f, text, "#ffffff", [left]);
    expect(half.minRatio).toBeLessThan(4.5);
    expect(half.worstPixel!.x).toBeGreaterThan(600);
    // A white scrim laid after a black one undoes it.
    const washed = contrastOnPhoto(f, text, "#ffffff", [
      { box: text, color: "#000000", alpha: 1 },
      { box: text, color: "#ffffff", alpha: 1 },
    ]);
    expect(washed.minRatio).toBe(1);
    expect(contrastOnPhoto(f, { x: 1300, y: 0, width: 50, height: 50 }, "#ffffff", []).minRatio).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it("checks a tiny box smaller than one sample pixel on the pixel under it", () => {
    const r = contrastOnPhoto(f, { x: 300.2, y: 100.1, width: 0.5, height: 0.5 }, "#ffffff", []);
    expect(Number.isFinite(r.minRatio)).toBe(true);
    expect(r.worstPixel!.x).toBeGreaterThan(295);
    expect(r.worstPixel!.x).toBeLessThan(306);
  });
});

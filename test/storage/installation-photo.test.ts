/** One installation photo made fit to keep: type by its bytes, limits, EXIF read then stripped, upright. */
import { pngHeaderOnly } from "../support/png-header";
import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  isInstallationError,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_EDGE_PX,
  preparePhoto,
  sniffImage,
} from "../../storage/installations";
import { rejection } from "../support/errors";
import { phonePhoto } from "../support/installation-fixtures";

const HAI_PHONG = { lat: 20.8527, lng: 106.6201 };

const codeOf = async (bytes: Buffer, keepLocation = false) =>
  (await rejection(() => preparePhoto(bytes, { keepLocation }), isInstallationError)).code;

/** The 'ftyp' box an iPhone's HEIC starts with, then filler. */
function heicLike(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from("ftypheic", "latin1"),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from("mif1heic", "latin1"),
  ]);
  return Buffer.concat([ftyp, Buffer.alloc(2000, 7)]);
}

describe("sniffImage", () => {
  it("reads the type from the signature, not from what the bytes are called", async () => {
    expect(sniffImage(await phonePhoto())).toBe("jpeg");
    expect(
      sniffImage(
        await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
          .png()
          .toBuffer(),
      ),
    ).toBe("png");
    expect(
      sniffImage(
        await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
          .webp()
          .toBuffer(),
      ),
    ).toBe("webp");
    expect(sniffImage(heicLike())).toBe("heif");
    expect(sniffImage(Buffer.from("<?php system($_GET['c']); ?>"))).toBeNull();
    expect(sniffImage(Buffer.from("GIF89a"))).toBeNull();
  });
});

describe("preparePhoto refuses", () => {
  it("a PHP file named .jpg: PHOTO_TYPE", async () => {
    expect(await codeOf(Buffer.from("<?php echo 'hi'; ?>\n"))).toBe("PHOTO_TYPE");
  });

  it("a JPEG signature in front of garbage: PHOTO_UNREADABLE", async () => {
    expect(await codeOf(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 1)]))).toBe(
      "PHOTO_UNREADABLE",
    );
  });

  it("a HEIC photo, with how to send JPEG from an iPhone: PHOTO_HEIC", async () => {
    const e = await rejection(() => preparePhoto(heicLike(), { keepLocation: false }), isInstallationError);
    expect(e.code).toBe("PHOTO_HEIC");
    expect(e.messageVi).toContain("Tương thích nhất");
    expect(e.messageVi).toContain("JPEG");
  });

  it("a 60 MP PNG by its header, without decoding it: PHOTO_TOO_MANY_PIXELS", async () => {
    const png = pngHeaderOnly(10_000, 6_000);
    expect(png.length).toBeLessThan(200);
    expect(await codeOf(png)).toBe("PHOTO_TOO_MANY_PIXELS");
    // The same few bytes claiming a small size are refused as damaged, so the refusal above came from the header.
    expect(await codeOf(pngHeaderOnly(100, 60))).toBe("PHOTO_UNREADABLE");
  });

  it("more bytes than PHOTO_MAX_BYTES: PHOTO_TOO_LARGE", async () => {
    const big = Buffer.concat([await phonePhoto(), Buffer.alloc(PHOTO_MAX_BYTES)]);
    expect(await codeOf(big)).toBe("PHOTO_TOO_LARGE");
  });
});

describe("preparePhoto keeps", () => {
  it("a JPEG without any EXIF (no GPS, no serial), the capture time as a field, no position unless ticked", async () => {
    const original = await phonePhoto({ gps: HAI_PHONG });
    // The test photo really carries what must go.
    const before = exifReader((await sharp(original).metadata()).exif!);
    expect(before.GPSInfo?.GPSLatitude).toBeDefined();
    expect(before.Photo?.BodySerialNumber).toBe("SN-SECRET-12345");

    const p = await preparePhoto(original, { keepLocation: false });
    expect(p.contentType).toBe("image/jpeg");
    expect(sniffImage(p.bytes)).toBe("jpeg");
    const meta = await sharp(p.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(p.bytes.includes(Buffer.from("Exif\0"))).toBe(false);
    expect(p.bytes.includes(Buffer.from("SN-SECRET"))).toBe(false);
    expect(p.capturedAt).toBe("2026-03-05T14:22:10");
    expect(p.lat).toBeNull();
    expect(p.lng).toBeNull();
    expect(p.size).toBe(p.bytes.length);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the position as fields only when the uploader ticks it (the file still has none)", async () => {
    const p = await preparePhoto(await phonePhoto({ gps: HAI_PHONG }), { keepLocation: true });
    expect(p.lat).toBeCloseTo(HAI_PHONG.lat, 4);
    expect(p.lng).toBeCloseTo(HAI_PHONG.lng, 4);
    expect((await sharp(p.bytes).metadata()).exif).toBeUndefined();
    const south = await preparePhoto(await phonePhoto({ gps: { lat: -33.8688, lng: -70.5 } }), {
      keepLocation: true,
    });
    expect(south.lat).toBeCloseTo(-33.8688, 4);
    expect(south.lng).toBeCloseTo(-70.5, 4);
  });

  it("a photo taken upright (EXIF orientation 6) ends up portrait, with no orientation tag left", async () => {
    const sideways = await phonePhoto({ width: 1200, height: 900, orientation: 6 });
    const m = await sharp(sideways).metadata();
    expect([m.width, m.height, m.orientation]).toEqual([1200, 900, 6]);
    const p = await preparePhoto(sideways, { keepLocation: false });
    expect([p.width, p.height]).toEqual([900, 1200]);
    const out = await sharp(p.bytes).metadata();
    expect([out.width, out.height, out.orientation]).toEqual([900, 1200, undefined]);
  });

  it("a large photo shrunk to the long edge limit; PNG and WebP become JPEG", async () => {
    const big = await phonePhoto({ width: 4000, height: 3000 });
    const p = await preparePhoto(big, { keepLocation: false });
    expect([p.width, p.height]).toEqual([PHOTO_MAX_EDGE_PX, PHOTO_MAX_EDGE_PX * 0.75]);
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const fromPng = await preparePhoto(png, { keepLocation: false });
    expect([fromPng.sourceType, sniffImage(fromPng.bytes), fromPng.capturedAt]).toEqual([
      "png",
      "jpeg",
      null,
    ]);
    // Transparent areas are laid on white, not black.
    const { data } = await sharp(fromPng.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
    const webp = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#0a0" } })
      .webp()
      .toBuffer();
    expect((await preparePhoto(webp, { keepLocation: false })).sourceType).toBe("webp");
  });
});

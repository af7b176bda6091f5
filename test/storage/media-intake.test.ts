/** The media library's intake (decision 036): type by the bytes, limits, re-encoding, SVG policy, focal point. */
import { pngHeaderOnly } from "../support/png-header";
import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { looksLikeSvg, sniffImage } from "../../storage/images";
import {
  cleanSvg,
  isMediaError,
  LOGO_MIN_EDGE_PX,
  MEDIA_MAX_PIXELS,
  type MediaKind,
  prepareMedia,
  SVG_MAX_BYTES,
} from "../../storage/media";
import { rejection } from "../support/errors";
import { phonePhoto } from "../support/installation-fixtures";

const refused = (bytes: Buffer, kind: MediaKind = "photo") =>
  rejection(() => prepareMedia(bytes, kind), isMediaError);
const svgOf = (body: string, attrs = 'viewBox="0 0 100 50"') =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`,
  );

describe("what a file is, by its bytes", () => {
  it("recognises an SVG by its root element after the prolog, and nothing else as one", () => {
    const prolog = `\ufeff<?xml version="1.0"?>\n<!-- Illustrator -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n`;
    expect(looksLikeSvg(Buffer.from(`${prolog}<svg xmlns="http://www.w3.org/2000/svg"/>`))).toBe(true);
    expect(looksLikeSvg(svgOf(""))).toBe(true);
    expect(looksLikeSvg(Buffer.from('<?xml version="1.0"?><html><svg/></html>'))).toBe(false);
    expect(looksLikeSvg(Buffer.from("<svgx/>"))).toBe(false);
    expect(looksLikeSvg(Buffer.from("<?php echo '<svg>'; ?>"))).toBe(false);
    expect(sniffImage(svgOf(""))).toBeNull();
  });
});

describe("prepareMedia refuses", () => {
  it("a PHP file named .jpg: MEDIA_TYPE", async () => {
    const e = await refused(Buffer.from("<?php system($_GET['c']); ?>\n"));
    expect(e.code).toBe("MEDIA_TYPE");
    expect(e.messageVi).toContain("không phải ảnh JPEG, PNG, WebP");
  });

  it("a 60-megapixel PNG by its header, before decoding: MEDIA_TOO_MANY_PIXELS with both sizes", async () => {
    // A real one, solid colour and compressed, so it is small on the wire.
    const png = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#2a6" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(png.length).toBeLessThan(2 * 1024 * 1024);
    const e = await refused(png);
    expect(e.code).toBe("MEDIA_TOO_MANY_PIXELS");
    expect(e.messageVi).toContain("10\u202f000 × 6\u202f000 điểm ảnh (60 megapixel)");
    expect(e.messageVi).toContain(`tối đa ${MEDIA_MAX_PIXELS / 1e6} megapixel`);
    // The same header over no pixel data is refused the same way; claiming a small size, it is damage.
    expect((await refused(pngHeaderOnly(10_000, 6_000))).code).toBe("MEDIA_TOO_MANY_PIXELS");
    expect((await refused(pngHeaderOnly(100, 60))).code).toBe("MEDIA_UNREADABLE");
  });

  it("a HEIC photo, with how to send JPEG: MEDIA_HEIC", async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from("ftypheic\0\0\0\0mif1heic"),
      Buffer.alloc(900),
    ]);
    const e = await refused(heic);
    expect(e.code).toBe("MEDIA_HEIC");
    expect(e.messageVi).toContain("Tương thích nhất");
  });

  it("a PNG logo under 500 px on its long side, with both numbers; a JPEG as a logo", async () => {
    const small = await sharp({ create: { width: 420, height: 300, channels: 4, background: "#0000" } })
      .png()
      .toBuffer();
    const e = await refused(small, "logo");
    expect(e.code).toBe("MEDIA_LOGO_TOO_SMALL");
    expect(e.messageVi).toContain(`chỉ có 420 điểm ảnh`);
    expect(e.messageVi).toContain(`ít nhất ${LOGO_MIN_EDGE_PX} điểm ảnh`);
    expect((await refused(await phonePhoto(), "logo")).code).toBe("MEDIA_TYPE");
  });

  it("an SVG over 1 MB: MEDIA_TOO_LARGE", async () => {
    const big = svgOf(`<desc>${"x".repeat(SVG_MAX_BYTES)}</desc>`);
    expect((await refused(big, "logo")).code).toBe("MEDIA_TOO_LARGE");
  });
});

describe("an SVG logo is refused when it could act or reach out (MEDIA_SVG_UNSAFE, naming what was found)", () => {
  const unsafe = async (body: string, attrs?: string) => {
    const e = await rejection(() => cleanSvg(svgOf(body, attrs)), isMediaError);
    expect(e.code).toBe("MEDIA_SVG_UNSAFE");
    return e.messageVi;
  };

  it("a <script>", async () => {
    expect(await unsafe('<script>fetch("/account")</script><rect width="10" height="10"/>')).toContain(
      "Tệp SVG có mã script",
    );
  });

  it("an onload= (on the root too) and other event attributes", async () => {
    expect(await unsafe("<rect/>", 'viewBox="0 0 1 1" onload="alert(1)"')).toContain(
      "thuộc tính sự kiện (onload)",
    );
    expect(await unsafe('<rect onclick="x()"/>')).toContain("onclick");
  });

  it("an external href, xlink:href, <image> and <use>; javascript: links", async () => {
    expect(await unsafe('<image href="https://evil.example/x.png" width="10" height="10"/>')).toContain(
      'liên kết ra ngoài (href="https://evil.example/x.png")',
    );
    expect(await unsafe('<use xlink:href="other.svg#logo"/>')).toContain("liên kết ra ngoài (xlink:href=");
    expect(await unsafe('<a href="javascript:alert(1)"><rect/></a>')).toContain("javascript:");
    // A data URI that says PNG but is an SVG (which could script) is not a raster.
    const svgAsPng = Buffer.from("<svg onload='x()'/>").toString("base64");
    expect(await unsafe(`<image href="data:image/png;base64,${svgAsPng}"/>`)).toContain("liên kết ra ngoài");
  });

  it("a <foreignObject>, an external url() in a style, @import, an <!ENTITY>", async () => {
    expect(
      await unsafe('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
    ).toContain("foreignObject");
    expect(await unsafe('<rect style="fill:url(https://evil.example/p.svg#g)"/>')).toContain(
      "url(https://evil",
    );
    expect(await unsafe("<style>@import url(//evil.example/a.css);</style>")).toContain("@import");
    expect(await unsafe('<rect fill="url(http://evil.example/#g)"/>')).toContain("tham chiếu ra ngoài");
    const bomb = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
    );
    const e = await rejection(() => cleanSvg(bomb), isMediaError);
    expect([e.code, e.messageVi.includes("<!ENTITY>")]).toEqual(["MEDIA_SVG_UNSAFE", true]);
  });
});

describe("an SVG logo that is only a drawing", () => {
  it("is kept as a drawing: gradients, <use> of a local symbol and embedded PNGs stay; editor metadata goes", async () => {
    const png = (
      await sharp({ create: { width: 2, height: 2, channels: 3, background: "#fff" } })
        .png()
        .toBuffer()
    ).toString("base64");
    const inkscape = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  width="60mm" height="30mm">
  <sodipodi:namedview pagecolor="#ffffff"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#b3121b"/></linearGradient><symbol id="star"><path d="M0 0L5 5"/></symbol></defs>
  <rect inkscape:label="nền" width="100" height="50" fill="url(#g)"/>
  <use xlink:href="#star" x="10"/>
  <image href="data:image/png;base64,${png}" width="4" height="4"/>
  <text x="5" y="40">UBND xã Lạc Phượng</text>
</svg>`);
    const clean = await cleanSvg(inkscape);
    const text = clean.bytes.toString("utf8");
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    expect(text).toContain('fill="url(#g)"');
    expect(text).toContain('xlink:href="#star"');
    expect(text).toContain("data:image/png;base64,");
    expect(text).toContain("UBND xã Lạc Phượng");
    expect(text).not.toContain("sodipodi");
    expect(text).not.toContain("inkscape:label");
    expect(clean.dropped).toBeGreaterThan(0);
    // 60 × 30 mm at 96 px per inch, and a viewBox added so it scales.
    expect([clean.width, clean.height]).toEqual([227, 113]);
    expect(text).toMatch(/viewBox="0 0 226\.77\d* 113\.38\d*"/);
    // The result is a drawing sharp (librsvg) reads, at the same proportions.
    const meta = await sharp(clean.bytes).metadata();
    expect(meta.format).toBe("svg");
    expect(meta.width! / meta.height!).toBeCloseTo(2, 1);
  });

  it("is a logo whatever the form said; without a viewBox or size it is unreadable", async () => {
    const p = await prepareMedia(svgOf('<circle r="10"/>'), "photo");
    expect([p.kind, p.contentType, p.ext, p.width, p.height]).toEqual([
      "logo",
      "image/svg+xml",
      "svg",
      100,
      50,
    ]);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    const e = await rejection(() => cleanSvg(svgOf("<rect/>", 'width="100%"')), isMediaError);
    expect([e.code, e.messageVi.includes("viewBox")]).toEqual(["MEDIA_UNREADABLE", true]);
    expect((await rejection(() => cleanSvg(Buffer.from("<svg><rect></svg>")), isMediaError)).code).toBe(
      "MEDIA_UNREADABLE",
    );
  });
});

describe("a photo is re-encoded for print", () => {
  it("turned upright by EXIF orientation 6, then without any EXIF (no GPS, no camera serial)", async () => {
    const sideways = await phonePhoto({
      width: 1200,
      height: 900,
      orientation: 6,
      gps: { lat: 20.85, lng: 106.62 },
    });
    const before = await sharp(sideways).metadata();
    expect([before.width, before.height, before.orientation]).toEqual([1200, 900, 6]);
    expect(exifReader(before.exif!).Photo?.BodySerialNumber).toBe("SN-SECRET-12345");
    expect(exifReader(before.exif!).GPSInfo?.GPSLatitude).toBeDefined();

    const p = await prepareMedia(sideways, "photo");
    expect([p.kind, p.contentType, p.sourceType, p.ext]).toEqual(["photo", "image/jpeg", "jpeg", "jpg"]);
    expect([p.width, p.height]).toEqual([900, 1200]);
    const after = await sharp(p.bytes).metadata();
    expect([after.format, after.width, after.height, after.orientation]).toEqual([
      "jpeg",
      900,
      1200,
      undefined,
    ]);
    expect([after.exif, after.xmp, after.iptc, after.icc]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(p.bytes.includes(Buffer.from("SN-SECRET"))).toBe(false);
    expect(p.bytes.includes(Buffer.from("Exif\0"))).toBe(false);
  });

  it("a 24 MP camera photo keeps its size (print source, not a phone proof); WebP and PNG become JPEG", async () => {
    const camera = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: "#467" } })
      .jpeg()
      .toBuffer();
    const p = await prepareMedia(camera, "photo");
    expect([p.width, p.height]).toEqual([6000, 4000]);
    const webp = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#0a0" } })
      .webp()
      .toBuffer();
    const fromWebp = await prepareMedia(webp, "photo");
    expect([fromWebp.sourceType, sniffImage(fromWebp.bytes)]).toEqual(["webp", "jpeg"]);
  });

  it("a PNG logo keeps its transparency", async () => {
    const logo = await sharp({
      create: { width: 800, height: 600, channels: 4, background: { r: 179, g: 18, b: 27, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const p = await prepareMedia(logo, "logo");
    expect([p.kind, p.contentType, p.ext, p.width, p.height]).toEqual(["logo", "image/png", "png", 800, 600]);
    const meta = await sharp(p.bytes).metadata();
    expect([meta.format, meta.hasAlpha]).toEqual(["png", true]);
    const { data } = await sharp(p.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
  });
});

describe("the default focal point", () => {
  it("is smartcrop's subject, within [0, 1]: a bright face-toned disc at the left third is found there", async () => {
    const scene = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
      <rect width="1600" height="900" fill="#5d6b78"/>
      <circle cx="400" cy="300" r="150" fill="#d9a07f"/><circle cx="400" cy="300" r="50" fill="#2b1d16"/></svg>`);
    const p = await prepareMedia(await sharp(scene).jpeg().toBuffer(), "photo");
    for (const v of [p.focus.x, p.focus.y]) expect(v >= 0 && v <= 1).toBe(true);
    // The left third, the upper half: nowhere near the centre's (0.5, 0.5).
    expect(p.focus.x).toBeLessThan(0.4);
    expect(p.focus.y).toBeLessThan(0.5);
  });
});

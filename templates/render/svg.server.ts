import { SUBTITLE_MAX_CHARS } from "../../domain/limits";
import { createHash } from "node:crypto";
import satori from "satori";
import { getSatoriFonts } from "../../fonts/registry.server";
import { RenderError } from "../errors";
import { type Canvas, type Format, canvasFor, getFormat } from "../formats";
import { DESIGN_FONTS, declaresFont, getTemplate, supports } from "../catalog";
import { fixedLayersSvg } from "./fixed-layers.server";
import { type TextNotice, cleanText } from "../text/clean";
import { type Brand, DEFAULT_BRAND } from "../brand";
import { contextFor } from "../context";
import type { Design, Overlay, RenderInput, Template, TemplateOptions } from "../types";

export interface RenderedSvg {
  svg: string;
  /** `svg` without the fixed text layers, for rasterising with their cached pixels. */
  base: string;
  /** Names the fixed layers and the overlays drawn over them; absent when there are none. */
  fixedKey?: string;
  template: Template;
  format: Format;
  canvas: Canvas;
  design: Design;
  input: { text: string; subtitle?: string; options: TemplateOptions };
  /** The brand kit it was drawn with (its palette prints as CMYK). */
  brand: Brand;
  /** What cleaning the input found and fixed (look-alike letters, text typed without marks). */
  notices: TextNotice[];
}

function normalizeOptions(o: TemplateOptions, notices: TextNotice[]): TemplateOptions {
  // The designer's choices are ids the design checks itself (templates/controls.ts).
  const out: TemplateOptions = {
    ...(o.palette ? { palette: o.palette } : {}),
    ...(o.align ? { align: o.align } : {}),
    ...(o.font ? { font: o.font } : {}),
  };
  const clean = (raw: string, opts: Parameters<typeof cleanText>[1]) => {
    const c = cleanText(raw, opts);
    notices.push(...c.notices);
    return c.text;
  };
  if (o.issuer) out.issuer = clean(o.issuer, { field: "Dòng cơ quan", maxChars: 80 });
  if (o.hotline) out.hotline = clean(o.hotline, { field: "Đường dây nóng", maxChars: 80, checkMarks: false });
  if (o.footer) out.footer = clean(o.footer, { field: "Chân trang", maxChars: 120 });
  if (o.qrUrl) {
    let url: URL;
    try {
      url = new URL(o.qrUrl);
    } catch {
      throw new RenderError("INVALID_OPTIONS", "Địa chỉ cho mã QR không hợp lệ.", { qrUrl: o.qrUrl });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new RenderError("INVALID_OPTIONS", "Mã QR chỉ dẫn tới địa chỉ http(s).", { qrUrl: o.qrUrl });
    }
    out.qrUrl = url.toString();
  }
  if (o.bullets) {
    const bullets = o.bullets
      .map((b) => clean(b, { field: "Ý chính", maxChars: 120, allowEmpty: true }))
      .filter(Boolean);
    if (bullets.length > 5)
      throw new RenderError("INVALID_OPTIONS", "Áp phích có tối đa 5 ý chính.", { count: bullets.length });
    out.bullets = bullets;
  }
  return out;
}

/** A design's vector overlays as SVG paths, drawn over everything satori set. */
export function overlaysSvg(overlays: Overlay[]): string {
  return overlays
    .map((o) => {
      const t = o.at ? ` transform="translate(${o.at.x.toFixed(3)} ${o.at.y.toFixed(3)})"` : "";
      return `<path d="${o.d}" fill="${o.fill}"${t}/>`;
    })
    .join("");
}

/** template + text + format → satori SVG with the design's vector overlays; text drawn as paths. */
export async function renderSvg(
  templateId: string,
  formatId: string,
  raw: RenderInput,
): Promise<RenderedSvg> {
  // resvg's pixmaps live outside the V8 heap and are freed by finalizers that only run once the
  // event loop turns; back-to-back renders (bulk, workers) otherwise pile them up past 1 GB RSS.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const template = getTemplate(templateId);
  const format = getFormat(formatId);
  if (!supports(template, format)) {
    throw new RenderError(
      "FORMAT_NOT_SUPPORTED",
      `Mẫu "${template.name}" không dùng cho khổ "${format.label}".`,
      { template: template.id, format: format.id, kinds: template.kinds },
    );
  }
  const text = cleanText(raw.text);
  const notices = [...text.notices];
  const subtitle = raw.subtitle
    ? cleanText(raw.subtitle, { field: "Dòng phụ", maxChars: SUBTITLE_MAX_CHARS, allowEmpty: true })
    : undefined;
  if (subtitle) notices.push(...subtitle.notices);
  const input = {
    text: text.text,
    subtitle: subtitle?.text || undefined,
    options: normalizeOptions(raw.options ?? {}, notices),
  };
  const canvas = canvasFor(format);
  const brand = raw.brand ?? DEFAULT_BRAND;
  if (raw.photo && !raw.photoFit) {
    // Decoding and cropping happen before a job reaches a render thread (templates/photo).
    throw new RenderError("PHOTO_UNREADABLE", "Ảnh chưa được chuẩn bị cho khổ này.", {
      template: template.id,
    });
  }
  if (raw.photoFit && !template.photo) {
    throw new RenderError("PHOTO_NOT_TAKEN", `Mẫu "${template.name}" không có chỗ đặt ảnh.`, {
      template: template.id,
    });
  }
  if (template.photo?.required && !raw.photoFit) {
    throw new RenderError("PHOTO_REQUIRED", `Mẫu "${template.name}" cần một ảnh: chọn ảnh trong thư viện.`, {
      template: template.id,
    });
  }
  const design = template.design(contextFor(template, format, input, brand, raw.photoFit));
  // satori would quietly set a font it was not given in another: a design bug, caught here.
  const stray = design.texts.find((t) => !declaresFont(template, t.family, t.weight));
  if (stray) {
    throw new Error(
      `${template.id} sets "${stray.label}" in ${stray.family} ${stray.weight}, not in its fonts`,
    );
  }
  const drawn = await satori(design.element, {
    width: canvas.width,
    height: canvas.height,
    fonts: getSatoriFonts(DESIGN_FONTS),
  });
  const fixed = await fixedLayersSvg(design.fixed, canvas);
  const overlays = overlaysSvg(design.overlays);
  const close = (tail: string) => (tail ? drawn.replace(/<\/svg>\s*$/, () => `${tail}</svg>`) : drawn);
  const svg = close(fixed + overlays);
  const base = fixed ? close(overlays) : svg;
  const fixedKey = fixed
    ? `${canvas.width}×${canvas.height} ${createHash("sha1").update(fixed).update(overlays).digest("base64")}`
    : undefined;
  return { svg, base, fixedKey, template, format, canvas, design, input, brand, notices };
}

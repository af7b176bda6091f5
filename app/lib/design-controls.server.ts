import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import { brandKitStamp, brandOfKit, getBrandKit, type StoreRef } from "../../storage/brand";
import type { DbHandle } from "../../storage/db";
import type { BrandColor, BrandColorKey } from "../../templates/brand";
import { formatsFor, TEMPLATES } from "../../templates/catalog";
import { FORMATS, isPrintFormat } from "../../templates/formats";
import type { Template } from "../../templates/types";
import type { ControlsView, EditorDesignData } from "../components/design-controls";
import { pickerItems } from "./media.server";
import { renderPreview } from "./render.server";

// What the editor shows of each design besides its name: the controls it offers (with the brand
// kit's colours) and a small picture of it, made once per design and brand kit through the
// preview path and kept in memory.

/** Chips a palette swatch shows besides its ground: enough to tell variants apart. */
const SWATCH_CHIPS = 3;

/**
 * A design's controls as the editor shows them: each palette variant with its colours from the
 * brand kit's `palette` (distinct "#rrggbb", its ground first, then up to SWATCH_CHIPS others);
 * alignments and fonts only when there is more than one to choose; the photo slot's label.
 */
export function controlsView(t: Template, palette: Record<BrandColorKey, BrandColor>): ControlsView {
  const c = t.controls;
  const aligns = c.aligns ?? [];
  const fonts = c.fonts ?? [];
  return {
    palettes: c.palettes.map((p) => {
      const keys = [...(p.colors.ground ? [p.colors.ground] : []), ...Object.values(p.colors)];
      const colors = [...new Set(keys.map((k) => palette[k].rgb))];
      return { id: p.id, name: p.name, colors: colors.slice(0, SWATCH_CHIPS + 1) };
    }),
    aligns: aligns.length > 1 ? [...aligns] : [],
    fonts: fonts.length > 1 ? fonts.map((f) => ({ id: f.id, name: f.name })) : [],
    photo: t.photo ? { label: t.photo.label, required: t.photo.required } : null,
  };
}

// Thumbnails are drawn by this process's code: a restart may bring new designs, so it busts caches.
const BOOT = Date.now().toString(36);

/**
 * The editor's design data: every design's controls with the stored brand kit's colours, every
 * format's trim proportions (mm, or px for screens), the thumbnails' cache key (brand kit stamp
 * and server start), and the library's photos for the photo picker (`contentItemId`'s first).
 */
export function editorDesignData(handle: DbHandle, contentItemId?: string): EditorDesignData {
  const palette = getBrandKit(handle).palette;
  return {
    controls: Object.fromEntries(TEMPLATES.map((t) => [t.id, controlsView(t, palette)])),
    shapes: Object.fromEntries(
      FORMATS.map((f) => [
        f.id,
        isPrintFormat(f)
          ? { width: f.trimWidthMm, height: f.trimHeightMm }
          : { width: f.widthPx, height: f.heightPx },
      ]),
    ),
    thumbVersion: `${brandKitStamp(handle) ?? "0"}.${BOOT}`,
    photos: pickerItems(handle, contentItemId),
  };
}

/** Formats a thumbnail is drawn in, first supported wins: one picture shape for most cards. */
const THUMB_FORMATS = ["fb-link-1200x630", "a3", "pano-3x6"];
/** A sample slogan with an emphasised run, so the picture also shows the design's accent. */
export const THUMB_TEXT = "Xây dựng *chính quyền số*, phục vụ Nhân dân";
/** Long side of a thumbnail, px: sharp on a 2× phone screen at a card's width. */
export const THUMB_PX = 480;

/** The format a design's thumbnail shows. */
export function thumbnailFormat(t: Template): string {
  const offered = formatsFor(t);
  return (THUMB_FORMATS.map((id) => offered.find((f) => f.id === id)).find(Boolean) ?? offered[0]).id;
}

let placeholder: Promise<Uint8Array> | null = null;

/**
 * A photo for the thumbnails of designs with a photo slot, drawn here (a sky, a sun, hills and a
 * hall) rather than taken from anyone's library or fetched: JPEG, 1200 × 800 px.
 */
export function placeholderPhoto(): Promise<Uint8Array> {
  placeholder ??= sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
        <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stop-color="#7fb8e6"/><stop offset="1" stop-color="#f4d9a8"/>
        </linearGradient></defs>
        <rect width="1200" height="800" fill="url(#s)"/>
        <circle cx="930" cy="190" r="80" fill="#ffd36b"/>
        <path d="M0 560 Q300 420 620 540 T1200 500 V800 H0 Z" fill="#5f8f4e"/>
        <path d="M0 640 Q380 560 760 650 T1200 620 V800 H0 Z" fill="#3f6d3a"/>
        <rect x="430" y="430" width="340" height="200" fill="#f1ede4"/>
        <path d="M410 440 L600 340 L790 440 Z" fill="#a5342b"/>
        <rect x="570" y="530" width="60" height="100" fill="#6b4a2f"/>
        <rect x="470" y="480" width="60" height="50" fill="#8fb3cf"/>
        <rect x="670" y="480" width="60" height="50" fill="#8fb3cf"/>
      </svg>`,
    ),
  )
    .jpeg({ quality: 82 })
    .toBuffer()
    .then((b) => new Uint8Array(b));
  return placeholder;
}

// Keyed by the design and the kit's content, and drawn with exactly the kit the key was made from:
// another node may save the kit at any moment, and an entry must never answer for a kit it was not
// drawn with. (A kit names its logo by media id, and a media row's bytes never change.)
const thumbs = new LRUCache<string, Promise<Uint8Array>>({ max: 64 });

/**
 * A design's thumbnail: a PNG (at most THUMB_PX a side) of THUMB_TEXT in `thumbnailFormat`, drawn
 * with the stored brand kit through the preview path (designs with a photo slot get
 * `placeholderPhoto`), made once per design and brand kit and kept in memory. `t` must be a
 * catalogue design. Errors: renderPreview's and loadBrand's (the cache keeps no failure).
 */
export function templateThumbnail(
  handle: Pick<DbHandle, "conn" | "db">,
  store: StoreRef,
  t: Template,
): Promise<Uint8Array> {
  const kit = getBrandKit(handle);
  const key = `${t.id}|${createHash("sha256").update(JSON.stringify(kit)).digest("base64url")}`;
  let png = thumbs.get(key);
  if (!png) {
    png = (async () => {
      const [brand, photo] = await Promise.all([
        brandOfKit(handle, store, kit),
        t.photo ? placeholderPhoto() : undefined,
      ]);
      const p = await renderPreview(
        t.id,
        thumbnailFormat(t),
        {
          text: THUMB_TEXT,
          brand,
          ...(photo ? { photo: { bytes: photo, focus: { x: 0.5, y: 0.55 } } } : {}),
        },
        { maxPx: THUMB_PX, as: "png" },
      );
      return new Uint8Array(p.image);
    })();
    png.catch(() => thumbs.delete(key));
    thumbs.set(key, png);
  }
  return png;
}

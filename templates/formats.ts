import { RenderError } from "./errors";

export type FormatKind = "banner" | "poster" | "screen";

interface BaseFormat {
  id: string;
  kind: FormatKind;
  /** Vietnamese label for the UI and the print slug. */
  label: string;
  group: string;
}

export interface PrintFormat extends BaseFormat {
  kind: "banner" | "poster";
  trimWidthMm: number;
  trimHeightMm: number;
  bleedMm: number;
  /** Keep text and marks this far inside the trim; for banners it includes hems and grommets. */
  safeMarginMm: number;
  /** Lost to the hem/pole pocket on fabric; part of the safe margin, listed for the spec sheet. */
  hemMm: number;
  viewingDistanceM: number;
  /** Minimum capital height for that distance (see docs/decisions/003-legibility-rule.md). */
  minCapHeightMm: number;
  materialHint: string;
}

export interface ScreenFormat extends BaseFormat {
  kind: "screen";
  widthPx: number;
  heightPx: number;
  safeMarginPx: number;
  /** Capitals smaller than this get lost in a feed thumbnail or from the back of a hall. */
  minCapHeightPx: number;
  platform: string;
}

export type Format = PrintFormat | ScreenFormat;

/**
 * Legibility rule: capital height ≥ viewing distance / 250 (a legibility index of ~21 ft per inch,
 * at the conservative end of the US Sign Council tables for bold upper-case sans on a plain ground).
 */
export const DISTANCE_PER_CAP_HEIGHT = 250;

export function minCapHeightForDistance(viewingDistanceM: number): number {
  return Math.round(((viewingDistanceM * 1000) / DISTANCE_PER_CAP_HEIGHT) * 10) / 10;
}

function banner(
  id: string,
  label: string,
  group: string,
  w: number,
  h: number,
  distance: number,
  hem: number,
  material: string,
): PrintFormat {
  return {
    id,
    kind: "banner",
    label,
    group,
    trimWidthMm: w,
    trimHeightMm: h,
    bleedMm: 10,
    hemMm: hem,
    safeMarginMm: hem + Math.round(Math.min(w, h) * 0.04),
    viewingDistanceM: distance,
    minCapHeightMm: minCapHeightForDistance(distance),
    materialHint: material,
  };
}

function poster(id: string, label: string, w: number, h: number, distance: number): PrintFormat {
  return {
    id,
    kind: "poster",
    label,
    group: "Áp phích",
    trimWidthMm: w,
    trimHeightMm: h,
    bleedMm: 3,
    hemMm: 0,
    safeMarginMm: Math.round(Math.min(w, h) * 0.05),
    viewingDistanceM: distance,
    minCapHeightMm: minCapHeightForDistance(distance),
    materialHint: "Giấy couché 150–200 g/m², in offset hoặc in kỹ thuật số",
  };
}

function screen(
  id: string,
  label: string,
  platform: string,
  w: number,
  h: number,
  minCap: number,
): ScreenFormat {
  return {
    id,
    kind: "screen",
    label,
    group: "Màn hình, mạng xã hội",
    widthPx: w,
    heightPx: h,
    safeMarginPx: Math.round(Math.min(w, h) * 0.06),
    minCapHeightPx: minCap,
    platform,
  };
}

const FLEX = "Bạt hiflex hoặc vải silk, may viền, đóng khoen";

export const FORMATS: readonly Format[] = [
  banner("bang-ron-0.8x5", "Băng rôn 0,8 × 5 m", "Băng rôn ngang", 5000, 800, 25, 30, FLEX),
  banner("bang-ron-1x7", "Băng rôn 1 × 7 m", "Băng rôn ngang", 7000, 1000, 35, 30, FLEX),
  banner("bang-ron-1.2x10", "Băng rôn 1,2 × 10 m", "Băng rôn ngang", 10000, 1200, 45, 40, FLEX),
  banner(
    "co-phuon-0.6x2",
    "Cờ phướn 0,6 × 2 m",
    "Cờ phướn dọc",
    600,
    2000,
    8,
    60,
    "Vải silk, may túi luồn cán",
  ),
  banner(
    "co-phuon-0.8x2.5",
    "Cờ phướn 0,8 × 2,5 m",
    "Cờ phướn dọc",
    800,
    2500,
    10,
    60,
    "Vải silk, may túi luồn cán",
  ),
  banner("pano-3x6", "Pano 3 × 6 m", "Pano", 6000, 3000, 60, 50, "Bạt hiflex căng khung sắt"),
  // A stage backdrop is read across a hall or a yard, not from a passing road.
  banner(
    "phong-4x2",
    "Phông sân khấu 4 × 2 m",
    "Phông sân khấu",
    4000,
    2000,
    12,
    30,
    "Bạt hiflex căng khung, nẹp viền",
  ),
  poster("a3", "Áp phích A3 (297 × 420 mm)", 297, 420, 2),
  poster("a2", "Áp phích A2 (420 × 594 mm)", 420, 594, 3),
  poster("a1", "Áp phích A1 (594 × 841 mm)", 594, 841, 4),
  poster("a0", "Áp phích A0 (841 × 1189 mm)", 841, 1189, 6),
  screen("fb-link-1200x630", "Ảnh chia sẻ Facebook/Zalo 1200 × 630", "Facebook, Zalo OA", 1200, 630, 22),
  screen("square-1080", "Bài đăng vuông 1080 × 1080", "Facebook, Zalo, Instagram", 1080, 1080, 26),
  screen("portrait-1080x1350", "Bài đăng dọc 1080 × 1350", "Facebook, Zalo", 1080, 1350, 26),
  screen("story-1080x1920", "Story 1080 × 1920", "Facebook/Zalo story", 1080, 1920, 34),
  screen("youtube-1280x720", "Ảnh bìa video YouTube 1280 × 720", "YouTube", 1280, 720, 26),
  screen(
    "led-1920x1080",
    "Màn hình LED, trình chiếu 1920 × 1080",
    "Màn hình LED, hội trường",
    1920,
    1080,
    40,
  ),
  screen(
    "web-banner-1920x400",
    "Banner Cổng thông tin 1920 × 400",
    "Cổng Thông tin điện tử xã",
    1920,
    400,
    24,
  ),
];

const BY_ID = new Map(FORMATS.map((f) => [f.id, f]));

export function getFormat(id: string): Format {
  const custom = parseCustomFormatId(id);
  if (custom) return custom;
  const f = BY_ID.get(id);
  if (!f) {
    throw new RenderError("UNKNOWN_FORMAT", `Không có khổ "${id}". Chọn một khổ trong danh mục.`, { id });
  }
  return f;
}

export function isPrintFormat(f: Format): f is PrintFormat {
  return f.kind !== "screen";
}

// Custom sizes: what a print shop can still produce and a commune would still hang.
const CUSTOM_LIMITS = {
  banner: { min: 300, max: 12000, maxRatio: 20 },
  poster: { min: 100, max: 1500, maxRatio: 4 },
};

/** `custom-banner-1500x6000` (width × height in mm) → a banner or poster format within sane bounds. */
export function parseCustomFormatId(id: string): PrintFormat | null {
  const m = /^custom-(banner|poster)-(\d{2,5})x(\d{2,5})$/.exec(id);
  if (!m) return null;
  return customFormat(m[1] as "banner" | "poster", Number(m[2]), Number(m[3]));
}

export function customFormat(kind: "banner" | "poster", widthMm: number, heightMm: number): PrintFormat {
  const lim = CUSTOM_LIMITS[kind];
  const ratio = Math.max(widthMm, heightMm) / Math.min(widthMm, heightMm);
  if (
    !Number.isFinite(widthMm) ||
    !Number.isFinite(heightMm) ||
    Math.min(widthMm, heightMm) < lim.min ||
    Math.max(widthMm, heightMm) > lim.max ||
    ratio > lim.maxRatio
  ) {
    throw new RenderError(
      "INVALID_CUSTOM_SIZE",
      `Kích thước tự chọn ${widthMm} × ${heightMm} mm không hợp lệ: mỗi cạnh từ ${lim.min} đến ${lim.max} mm, tỉ lệ dài/rộng không quá ${lim.maxRatio}.`,
      { widthMm, heightMm, ...lim },
    );
  }
  const id = `custom-${kind}-${widthMm}x${heightMm}`;
  const label = `${kind === "banner" ? "Băng rôn" : "Áp phích"} tự chọn ${widthMm} × ${heightMm} mm`;
  if (kind === "banner") {
    const distance = Math.max(10, Math.round(Math.max(widthMm, heightMm) / 220));
    return banner(id, label, "Tự chọn", widthMm, heightMm, distance, 30, FLEX);
  }
  const distance = Math.max(1.5, Math.round(Math.max(widthMm, heightMm) / 250));
  return poster(id, label, widthMm, heightMm, distance);
}

/** Canvas geometry in render units: print formats are laid out in mm × `unitsPerMm`, with bleed. */
export interface Canvas {
  width: number;
  height: number;
  /** Canvas units per mm (print) or 1 (screen). */
  unitsPerMm: number;
  /** The trim rectangle and the safe rectangle inside it, in canvas units. */
  trim: { x: number; y: number; width: number; height: number };
  safe: { x: number; y: number; width: number; height: number };
  minCapHeight: number;
}

export function canvasFor(f: Format): Canvas {
  if (f.kind === "screen") {
    const m = f.safeMarginPx;
    return {
      width: f.widthPx,
      height: f.heightPx,
      unitsPerMm: 1,
      trim: { x: 0, y: 0, width: f.widthPx, height: f.heightPx },
      safe: { x: m, y: m, width: f.widthPx - 2 * m, height: f.heightPx - 2 * m },
      minCapHeight: f.minCapHeightPx,
    };
  }
  // About 2400 units on the long side keeps satori's path coordinates precise without bloating them.
  const longest = Math.max(f.trimWidthMm, f.trimHeightMm) + 2 * f.bleedMm;
  const u = Math.max(0.25, Math.min(8, 2400 / longest));
  const b = f.bleedMm * u;
  const m = f.safeMarginMm * u;
  const tw = f.trimWidthMm * u;
  const th = f.trimHeightMm * u;
  return {
    width: tw + 2 * b,
    height: th + 2 * b,
    unitsPerMm: u,
    trim: { x: b, y: b, width: tw, height: th },
    safe: { x: b + m, y: b + m, width: tw - 2 * m, height: th - 2 * m },
    minCapHeight: f.minCapHeightMm * u,
  };
}

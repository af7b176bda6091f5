// Colour parsing and the palette → CMYK lookup. Print shops get exact ink values for brand colours
// (a party red must not drift through an ICC guess); anything the palette does not name stays
// DeviceRGB and is left to the RIP's conversion.

export interface Rgba {
  r: number; // 0..1
  g: number;
  b: number;
  a: number;
  /** "#rrggbb" lowercase, the palette lookup key. */
  hex: string;
}

export interface CmykSwatch {
  rgb: string;
  cmyk: [number, number, number, number];
}

export type PaletteMap = ReadonlyMap<string, readonly [number, number, number, number]>;

// CSS named colours that templates and satori realistically emit; an unknown name is an error
// upstream rather than a silent black.
const NAMED: Record<string, string> = {
  black: "#000000",
  white: "#ffffff",
  red: "#ff0000",
  green: "#008000",
  lime: "#00ff00",
  blue: "#0000ff",
  yellow: "#ffff00",
  orange: "#ffa500",
  gold: "#ffd700",
  gray: "#808080",
  grey: "#808080",
  silver: "#c0c0c0",
  maroon: "#800000",
  navy: "#000080",
  purple: "#800080",
  teal: "#008080",
  aqua: "#00ffff",
  cyan: "#00ffff",
  fuchsia: "#ff00ff",
  magenta: "#ff00ff",
  olive: "#808000",
  darkred: "#8b0000",
  crimson: "#dc143c",
  brown: "#a52a2a",
  pink: "#ffc0cb",
  lightgray: "#d3d3d3",
  lightgrey: "#d3d3d3",
  darkgray: "#a9a9a9",
  darkgrey: "#a9a9a9",
  darkgreen: "#006400",
  darkblue: "#00008b",
};

const hex2 = (n: number) =>
  Math.round(Math.min(1, Math.max(0, n)) * 255)
    .toString(16)
    .padStart(2, "0");

function make(r: number, g: number, b: number, a: number): Rgba {
  return { r, g, b, a, hex: `#${hex2(r)}${hex2(g)}${hex2(b)}` };
}

function channel(s: string): number {
  const t = s.trim();
  if (t.endsWith("%")) return Number.parseFloat(t) / 100;
  return Number.parseFloat(t) / 255;
}

function alpha(s: string | undefined): number {
  if (s === undefined) return 1;
  const t = s.trim();
  const v = t.endsWith("%") ? Number.parseFloat(t) / 100 : Number.parseFloat(t);
  return Math.min(1, Math.max(0, v));
}

/**
 * Parses #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() (comma or space syntax), `transparent` and
 * common names. Returns null for anything else so callers can raise a typed error.
 */
export function parseColor(input: string): Rgba | null {
  const s = input.trim().toLowerCase();
  if (s === "transparent") return make(0, 0, 0, 0);
  const named = NAMED[s];
  if (named) return parseColor(named);
  if (s.startsWith("#")) {
    const h = s.slice(1);
    if (!/^[0-9a-f]+$/.test(h)) return null;
    if (h.length === 3 || h.length === 4) {
      const v = [...h].map((c) => Number.parseInt(c + c, 16) / 255);
      return make(v[0], v[1], v[2], h.length === 4 ? v[3] : 1);
    }
    if (h.length === 6 || h.length === 8) {
      const v = [0, 2, 4, 6].map((i) => Number.parseInt(h.slice(i, i + 2), 16) / 255);
      return make(v[0], v[1], v[2], h.length === 8 ? v[3] : 1);
    }
    return null;
  }
  const m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const [rgbPart, aPart] = m[1].split("/");
    const parts = rgbPart.split(/[\s,]+/).filter(Boolean);
    if (aPart === undefined && parts.length === 4) {
      return make(channel(parts[0]), channel(parts[1]), channel(parts[2]), alpha(parts[3]));
    }
    if (parts.length !== 3) return null;
    if (parts.some((p) => Number.isNaN(Number.parseFloat(p)))) return null;
    return make(channel(parts[0]), channel(parts[1]), channel(parts[2]), alpha(aPart));
  }
  return null;
}

/** Palette keyed by normalised "#rrggbb"; CMYK values are validated because a typo prints. */
export function buildPaletteMap(palette: readonly CmykSwatch[] | undefined): PaletteMap {
  const map = new Map<string, readonly [number, number, number, number]>();
  for (const sw of palette ?? []) {
    const c = parseColor(sw.rgb);
    if (!c) throw new RangeError(`Palette colour is not a colour: ${sw.rgb}`);
    if (sw.cmyk.length !== 4 || sw.cmyk.some((v) => !(v >= 0 && v <= 1))) {
      throw new RangeError(`Palette CMYK for ${sw.rgb} must be four numbers in 0..1`);
    }
    map.set(c.hex, [sw.cmyk[0], sw.cmyk[1], sw.cmyk[2], sw.cmyk[3]]);
  }
  return map;
}

const n4 = (v: number) => {
  const s = v.toFixed(4);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
};

/** PDF colour-setting operator for fill (`k`/`rg`) or stroke (`K`/`RG`). */
export function colorOp(c: Rgba, palette: PaletteMap, stroke: boolean): string {
  const cmyk = palette.get(c.hex);
  if (cmyk) return `${cmyk.map(n4).join(" ")} ${stroke ? "K" : "k"}`;
  return `${n4(c.r)} ${n4(c.g)} ${n4(c.b)} ${stroke ? "RG" : "rg"}`;
}

/** Registration colour for crop marks: 100 % of every plate, so marks appear on each separation. */
export const REGISTRATION_FILL = "1 1 1 1 k";
export const REGISTRATION_STROKE = "1 1 1 1 K";

// Fonts are read and parsed once per process: the satori font list keeps one identity (satori
// caches its parsed fonts by that array), and opentype.js fonts for measuring are memoised.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import opentype from "opentype.js";
import { FONT_FAMILIES, type FontFamily, type FontWeight, findFamily, fontFileRelative } from "./families";

const require = createRequire(import.meta.url);

export interface LoadedFont {
  family: FontFamily;
  weight: FontWeight;
  path: string;
  data: Buffer;
}

export interface SatoriFont {
  name: string;
  data: Buffer;
  weight: FontWeight;
  style: "normal";
}

let loaded: LoadedFont[] | null = null;
const satoriFonts = new Map<string, SatoriFont[]>();
const parsed = new Map<string, opentype.Font>();

export function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function loadAllFonts(): LoadedFont[] {
  if (loaded) return loaded;
  const out: LoadedFont[] = [];
  for (const family of FONT_FAMILIES) {
    const dir = packageDir(family.pkg);
    for (const weight of family.weights) {
      const path = join(dir, fontFileRelative(family, weight));
      out.push({ family, weight, path, data: readFileSync(path) });
    }
  }
  loaded = out;
  return out;
}

/**
 * satori's font list for exactly these fonts, one array per set (satori parses a list once per
 * array). Throws for a font the registry does not have.
 */
export function getSatoriFonts(fonts: readonly { family: string; weight: number }[]): SatoriFont[] {
  const wanted = new Set(fonts.map((f) => `${findFamily(f.family)?.name ?? f.family}|${f.weight}`));
  const key = [...wanted].sort().join(",");
  let list = satoriFonts.get(key);
  if (!list) {
    const all = loadAllFonts();
    const missing = [...wanted].filter((k) => !all.some((f) => `${f.family.name}|${f.weight}` === k));
    if (missing.length) throw new Error(`No such font: ${missing.join(", ")}`);
    list = all
      .filter((f) => wanted.has(`${f.family.name}|${f.weight}`))
      .map((f) => ({ name: f.family.name, data: f.data, weight: f.weight, style: "normal" as const }));
    satoriFonts.set(key, list);
  }
  return list;
}

function nearestWeight(family: FontFamily, weight: number): FontWeight {
  return family.weights.reduce((best, w) => (Math.abs(w - weight) < Math.abs(best - weight) ? w : best));
}

export function getFontFile(familyIdOrName: string, weight: number): LoadedFont {
  const family = findFamily(familyIdOrName);
  if (!family) throw new Error(`Unknown font family: ${familyIdOrName}`);
  const w = nearestWeight(family, weight);
  const hit = loadAllFonts().find((f) => f.family.id === family.id && f.weight === w);
  if (!hit) throw new Error(`Font file missing: ${family.name} ${w}`);
  return hit;
}

/** opentype.js font for measuring text exactly as satori will lay it out. */
export function getOpentypeFont(familyIdOrName: string, weight: number): opentype.Font {
  const file = getFontFile(familyIdOrName, weight);
  const key = `${file.family.id}:${file.weight}`;
  let font = parsed.get(key);
  if (!font) {
    const b = file.data;
    // lowMemory reads a glyph's outline only when it is asked for: a full parse holds every glyph
    // of the font as objects (~4 MB of heap per file, ~90 MB for the whole library per thread),
    // for slogans that touch a few hundred glyphs. Advances and kerning come out the same.
    font = opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, {
      lowMemory: true,
    });
    parsed.set(key, font);
  }
  return font;
}

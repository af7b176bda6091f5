import type opentype from "opentype.js";

// Widths are measured from the font's own advances and kerning at size 1 and cached, because the
// fitter tries many sizes and line breaks for the same words. Characters are mapped one by one:
// opentype.js 2 throws on the ccmp lookups of some of our fonts when shaping whole strings.
// The cache is bounded: a server measures every slogan anyone types, so it would otherwise grow
// for the life of the process.
const cache = new WeakMap<opentype.Font, Map<string, number>>();
const MAX_CACHED_PER_FONT = 20_000;

export function measureEm(font: opentype.Font, text: string, letterSpacingEm = 0): number {
  let perFont = cache.get(font);
  if (!perFont) {
    perFont = new Map();
    cache.set(font, perFont);
  }
  const key = `${letterSpacingEm}|${text}`;
  const hit = perFont.get(key);
  if (hit !== undefined) return hit;
  const upm = font.unitsPerEm;
  let width = 0;
  let prev: opentype.Glyph | null = null;
  let count = 0;
  for (const ch of text) {
    const glyph = font.charToGlyph(ch);
    width += glyph.advanceWidth ?? 0;
    if (prev) {
      try {
        width += font.getKerningValue(prev, glyph);
      } catch {
        // fonts without a usable kern lookup: advances alone
      }
    }
    prev = glyph;
    count++;
  }
  const em = width / upm + letterSpacingEm * count;
  if (perFont.size >= MAX_CACHED_PER_FONT) perFont.clear();
  perFont.set(key, em);
  return em;
}

export function capHeightEm(font: opentype.Font): number {
  const os2 = font.tables.os2 as { sCapHeight?: number } | undefined;
  const cap = os2?.sCapHeight;
  if (cap && cap > 0) return cap / font.unitsPerEm;
  const h = font.charToGlyph("H").getBoundingBox();
  return h.y2 / font.unitsPerEm;
}

/** Characters with no glyph in the font (mapped to .notdef). */
export function missingGlyphs(font: opentype.Font, text: string): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    if (font.charToGlyphIndex(ch) === 0) missing.add(ch);
  }
  return [...missing];
}

// Characters whose outlines reach furthest above and below in Vietnamese text.
const TALL = "ẪẴẲỖỔỮỬỄỂẨẤẦẬỆỘẶÁẢÃỦỸỶÝĐ";
const DEEP = "ỤỌỊẸẠỰỢỴgjpqyỵ";
const inkCache = new WeakMap<
  opentype.Font,
  { ascEm: number; descEm: number; topEm: number; bottomEm: number }
>();

/** The font's line metrics and the real ink reach of stacked marks and dots below, in em. */
export function verticalMetrics(font: opentype.Font) {
  const hit = inkCache.get(font);
  if (hit) return hit;
  const upm = font.unitsPerEm;
  let top = 0;
  let bottom = 0;
  for (const ch of TALL) top = Math.max(top, font.charToGlyph(ch).getBoundingBox().y2);
  for (const ch of DEEP) bottom = Math.max(bottom, -font.charToGlyph(ch).getBoundingBox().y1);
  const m = {
    ascEm: font.ascender / upm,
    descEm: -font.descender / upm,
    topEm: top / upm,
    bottomEm: bottom / upm,
  };
  inkCache.set(font, m);
  return m;
}

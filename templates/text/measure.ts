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

const glyphInk = new WeakMap<opentype.Font, Map<string, { top: number; bottom: number }>>();

/**
 * The real vertical ink of a line set in `font`, in em from the baseline: `topEm` is the highest
 * point of any outline (a stacked mark such as the hook of Ổ or the tilde of Ẫ), `bottomEm` the
 * lowest point below the baseline as a positive depth (the dot of Ạ, Ợ, Ự; descenders). Measured
 * from the glyph outlines the font maps each character to; 0/0 for a line of spaces.
 */
export function lineInk(font: opentype.Font, line: string): { topEm: number; bottomEm: number } {
  let perFont = glyphInk.get(font);
  if (!perFont) {
    perFont = new Map();
    glyphInk.set(font, perFont);
  }
  let top = 0;
  let bottom = 0;
  for (const ch of line) {
    let ink = perFont.get(ch);
    if (!ink) {
      const glyph = font.charToGlyph(ch);
      // Spaces and empty glyphs have no outline: opentype.js reports a zero box for them.
      const box = glyph.getBoundingBox();
      ink = { top: Math.max(0, box.y2), bottom: Math.max(0, -box.y1) };
      perFont.set(ch, ink);
    }
    if (ink.top > top) top = ink.top;
    if (ink.bottom > bottom) bottom = ink.bottom;
  }
  return { topEm: top / font.unitsPerEm, bottomEm: bottom / font.unitsPerEm };
}

/** The font's own line metrics (hhea ascender and descender, as satori places the baseline), in em. */
export function lineMetrics(font: opentype.Font): { ascEm: number; descEm: number } {
  return { ascEm: font.ascender / font.unitsPerEm, descEm: -font.descender / font.unitsPerEm };
}

import { contextFor } from "../../templates/context";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FONT_FAMILIES } from "../../fonts/families";
import { DESIGN_FONTS, supports, TEMPLATES } from "../../templates/catalog";
import { canvasFor, FORMATS } from "../../templates/formats";
import { getOpentypeFont, getSatoriFonts, loadAllFonts, packageDir } from "../../fonts/registry.server";

// Every Vietnamese letter, built from base vowels × tone marks so no letter can be forgotten.
const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const LETTERS = [
  ...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize("NFC"))),
  "đ",
  ..."bcdghklmnpqrstvx",
];
const ALL = [...LETTERS, ...LETTERS.map((l) => l.toLocaleUpperCase("vi"))];
const PUNCT = [..."“”‘’–—…;:!?%/.,()-", ..."0123456789"];

describe("font coverage, read from each font's cmap", () => {
  it("builds the full precomposed Vietnamese alphabet (134 letters)", () => {
    expect(new Set(ALL).size).toBe(2 * (12 * 6 + 1 + 16));
    for (const l of ALL) expect([...l].length).toBe(1);
  });

  for (const family of FONT_FAMILIES) {
    for (const weight of family.weights) {
      it(`${family.name} ${weight} maps every Vietnamese letter and slogan punctuation to a glyph`, () => {
        const font = getOpentypeFont(family.id, weight);
        const missing = [...ALL, ...PUNCT].filter((ch) => font.charToGlyphIndex(ch) === 0);
        expect(missing).toEqual([]);
      });
    }
    it(`${family.name} is a static instance with its OFL licence beside it`, () => {
      const font = getOpentypeFont(family.id, family.weights[0]);
      expect(font.tables.fvar).toBeUndefined();
      const licence = join(packageDir(family.pkg), "LICENSE_FONT");
      expect(existsSync(licence)).toBe(true);
      expect(readFileSync(licence, "utf8")).toMatch(/SIL Open Font License/);
    });
  }

  it("has at least five families, loaded once per process", () => {
    expect(FONT_FAMILIES.length).toBeGreaterThanOrEqual(5);
    expect(loadAllFonts()).toBe(loadAllFonts());
    const a = [
      { family: "Oswald", weight: 700 },
      { family: "Be Vietnam Pro", weight: 800 },
    ];
    expect(getSatoriFonts(a)).toBe(getSatoriFonts([a[1], { family: "oswald", weight: 700 }]));
    expect(getOpentypeFont("oswald", 700)).toBe(getOpentypeFont("Oswald", 700));
  });
});

describe("fonts given to satori", () => {
  it("are exactly the fonts asked for", () => {
    const fonts = getSatoriFonts([
      { family: "Oswald", weight: 700 },
      { family: "Noto Serif", weight: 400 },
    ]);
    expect(fonts.map((f) => `${f.name} ${f.weight}`).sort()).toEqual(["Noto Serif 400", "Oswald 700"]);
    expect(() => getSatoriFonts([{ family: "Oswald", weight: 900 }])).toThrow(/Oswald\|900/);
  });

  it("cover every font a design sets text in, across all formats, with and without a subtitle", () => {
    const given = new Set(getSatoriFonts(DESIGN_FONTS).map((f) => `${f.name} ${f.weight}`));
    let checked = 0;
    for (const t of TEMPLATES) {
      for (const f of FORMATS.filter((x) => supports(t, x))) {
        const _canvas = canvasFor(f);
        for (const subtitle of [undefined, "Dòng phụ"]) {
          let d: ReturnType<typeof t.design>;
          try {
            d = t.design(contextFor(t, f, { text: "Một cửa", subtitle }));
          } catch (e) {
            // A subtitle too long for the smallest banners is refused by the fitter, not a font question.
            if ((e as { code?: string }).code === "TEXT_DOES_NOT_FIT" && subtitle) continue;
            throw e;
          }
          for (const p of d.texts) {
            expect(t.fonts[p.family], `${t.id} ${f.id} ${p.label}`).toContain(p.weight);
            expect(given.has(`${p.family} ${p.weight}`)).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

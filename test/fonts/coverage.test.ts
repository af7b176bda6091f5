import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FONT_FAMILIES } from "../../fonts/families";
import { DESIGN_FONT_FAMILIES, supports, TEMPLATES } from "../../templates/catalog";
import { shapeOf } from "../../templates/designs/parts";
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
    expect(getSatoriFonts(["Oswald", "Be Vietnam Pro"])).toBe(getSatoriFonts(["Be Vietnam Pro", "oswald"]));
    expect(getOpentypeFont("oswald", 700)).toBe(getOpentypeFont("Oswald", 700));
  });
});

describe("fonts given to satori", () => {
  it("are every weight of the families asked for, and nothing else", () => {
    const fonts = getSatoriFonts(["Oswald", "Noto Serif"]);
    const want = FONT_FAMILIES.filter((f) => f.name === "Oswald" || f.name === "Noto Serif");
    expect(fonts.map((f) => `${f.name} ${f.weight}`).sort()).toEqual(
      want.flatMap((f) => f.weights.map((w) => `${f.name} ${w}`)).sort(),
    );
    expect(() => getSatoriFonts(["Comic Sans"])).toThrow(/Comic Sans/);
  });

  it("cover every family a design sets text in, across all formats", () => {
    const given = new Set(getSatoriFonts(DESIGN_FONT_FAMILIES).map((f) => f.name));
    for (const t of TEMPLATES) {
      for (const f of FORMATS.filter((x) => supports(t, x))) {
        const canvas = canvasFor(f);
        const d = t.design({ format: f, canvas, shape: shapeOf(canvas), text: "Một cửa", options: {} });
        for (const p of d.texts) expect(t.families, `${t.id} ${f.id} ${p.label}`).toContain(p.family);
      }
      for (const fam of t.families) expect(given.has(fam)).toBe(true);
    }
  });
});

import { createRequire } from "node:module";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getFontFile } from "../../fonts/registry.server";
import { embedDocumentFonts } from "../../templates/documents/document-fonts";
import { padTrueTypeGlyphs } from "../../templates/documents/glyph-padding";
import { pdfPagePng, pdfText } from "./pdf-tools";

// Decision 032: the documents embed Noto Serif as subsets. fontkit's subsetter shifts every glyph
// after one of odd length, so the font is padded first; these tests hold the subset to the full
// font, glyph for glyph and pixel for pixel.

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
const fontkit = createRequire(import.meta.url)("@pdf-lib/fontkit") as Fontkit;

const LINE = "Cộng hòa xã hội chủ nghĩa Việt Nam — Lạc Phượng, Nguyễn, ữ ỹ ự ẫ ĩ Ĩ Đ đ ơ ư fi";

describe("padTrueTypeGlyphs", () => {
  const original = new Uint8Array(getFontFile("noto-serif", 400).data);
  const padded = padTrueTypeGlyphs(original);

  it("pads every glyph of Noto Serif to an even length and keeps every outline", () => {
    const before = fontkit.create(original) as unknown as FontkitFont;
    const after = fontkit.create(padded) as unknown as FontkitFont;
    expect(after.numGlyphs).toBe(before.numGlyphs);
    const offsets = after.loca.offsets;
    expect(offsets.some((o, i) => i > 0 && (o - offsets[i - 1]) % 2 === 1)).toBe(false);
    expect(before.loca.offsets.some((o, i) => i > 0 && (o - before.loca.offsets[i - 1]) % 2 === 1)).toBe(
      true,
    );
    for (const ch of [..."ẫĩĨĐơưỹA1"]) {
      const g0 = before.glyphForCodePoint(ch.codePointAt(0)!);
      const g1 = after.glyphForCodePoint(ch.codePointAt(0)!);
      expect(g1.id).toBe(g0.id);
      expect(g1.path.toSVG()).toBe(g0.path.toSVG());
      expect(g1.advanceWidth).toBe(g0.advanceWidth);
    }
  });

  it("returns a font with no odd glyph as it is", () => {
    expect(padTrueTypeGlyphs(padded)).toBe(padded);
  });
});

interface FontkitFont {
  numGlyphs: number;
  loca: { offsets: number[] };
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number; path: { toSVG(): string } };
}

describe("the embedded subset", () => {
  async function draw(subset: boolean): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    let font: Awaited<ReturnType<PDFDocument["embedFont"]>>;
    if (subset) font = (await embedDocumentFonts(doc)).regular;
    else {
      doc.registerFontkit(fontkit);
      font = await doc.embedFont(getFontFile("noto-serif", 400).data, { subset: false });
    }
    doc.addPage([600, 80]).drawText(LINE, { x: 10, y: 35, size: 14, font });
    return doc.save();
  }

  it("draws exactly what the whole font draws, pixel for pixel, at a fraction of the size", async () => {
    const sub = await draw(true);
    const whole = await draw(false);
    expect(sub.length).toBeLessThan(whole.length / 10);
    const pixels = async (pdf: Uint8Array) => sharp(pdfPagePng(pdf, 150)).raw().toBuffer();
    const [a, b] = await Promise.all([pixels(sub), pixels(whole)]);
    expect(a.length).toBe(b.length);
    expect(a.equals(b)).toBe(true);
    // and the page is not blank
    expect(a.some((v) => v < 128)).toBe(true);
  });

  it("keeps the text selectable: pdftotext reads the line back, NFC", async () => {
    expect(pdfText(await draw(true)).trim()).toBe(LINE.normalize("NFC"));
  });
});

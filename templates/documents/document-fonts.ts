import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { PDFDocument, PDFFont } from "pdf-lib";
import { findFamily } from "../../fonts/families";
import { getFontFile, packageDir } from "../../fonts/registry.server";
import { padTrueTypeGlyphs } from "./glyph-padding";

// The faces of the A4 documents (decision 032): Noto Serif — a text serif with every Vietnamese
// letter precomposed, close to the Times New Roman of administrative paper — in regular, bold and
// italic, and Roboto Condensed for hashes and file names (tabular digits, 64 hex characters on one
// line of a table cell). Embedded as subsets with a ToUnicode map, so the text stays real,
// selectable and searchable. Font bytes are read and padded once per process.

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

// @pdf-lib/fontkit ships a UMD bundle whose types declare named exports only; require() gives
// the object pdf-lib expects whatever module system the server build runs under.
const fontkit = createRequire(import.meta.url)("@pdf-lib/fontkit") as Fontkit;

export type FontRole = "regular" | "bold" | "italic" | "mono";
export type DocumentFonts = Record<FontRole, PDFFont>;

let bytes: Record<FontRole, Uint8Array> | null = null;

function italicSerifFile(): Buffer {
  // The registry lists the upright weights the designs use; the package also ships the italic,
  // which the date line of Decree 30 calls for.
  const family = findFamily("noto-serif")!;
  return readFileSync(join(packageDir(family.pkg), "400Regular_Italic", "NotoSerif_400Regular_Italic.ttf"));
}

function fontBytes(): Record<FontRole, Uint8Array> {
  bytes ??= {
    regular: padTrueTypeGlyphs(getFontFile("noto-serif", 400).data),
    bold: padTrueTypeGlyphs(getFontFile("noto-serif", 700).data),
    italic: padTrueTypeGlyphs(italicSerifFile()),
    mono: padTrueTypeGlyphs(getFontFile("roboto-condensed", 400).data),
  };
  return bytes;
}

/**
 * Embeds the four document faces into `doc` as subsets (only the glyphs drawn end up in the file).
 * Throws what the font registry throws for a missing font package.
 */
export async function embedDocumentFonts(doc: PDFDocument): Promise<DocumentFonts> {
  // A parsed fontkit font is not shared between documents: fontkit caches glyph objects with the
  // code points of their first use, and a glyph first met as a component while subsetting would
  // reach the next document without its ToUnicode entry.
  doc.registerFontkit(fontkit);
  const b = fontBytes();
  const [regular, bold, italic, mono] = await Promise.all(
    (["regular", "bold", "italic", "mono"] as const).map((role) => doc.embedFont(b[role], { subset: true })),
  );
  return { regular, bold, italic, mono };
}

import { strFromU8, unzipSync } from "fflate";

// Reads back what a .docx says, for tests: it is a zip of WordprocessingML. Only the few elements
// the report writes are looked at (paragraph text, tables, section page size and margins, fonts).

export interface DocxSection {
  pageMm: { width: number; height: number; orient: string };
  marginMm: { top: number; bottom: number; left: number; right: number };
  /** Page width minus the left and right margins. */
  textWidthMm: number;
  /** Every w:rFonts ascii name used in the section's runs. */
  fonts: string[];
  /** Width of each table (sum of its grid columns). */
  tableWidthsMm: number[];
}

export interface DocxParts {
  /** One line per paragraph, in document order (table cells included). */
  text: string;
  /** Each table as rows of cell texts (a cell's paragraphs joined by "\n"). */
  tables: string[][][];
  sections: DocxSection[];
  defaults: { font: string | null; sizePt: number | null };
}

const mm = (twips: number) => Math.round((twips / 1440) * 25.4 * 10) / 10;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/w:(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("")),
  );
}

function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((tbl) =>
    [...tbl[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => paragraphs(tc[0]).join("\n")),
    ),
  );
}

function section(content: string, sectPr: string): DocxSection {
  const size = attrs(/<w:pgSz[^>]*>/.exec(sectPr)?.[0] ?? "");
  const margin = attrs(/<w:pgMar[^>]*>/.exec(sectPr)?.[0] ?? "");
  const width = Math.round(mm(Number(size.w)));
  const left = mm(Number(margin.left));
  const right = mm(Number(margin.right));
  return {
    pageMm: { width, height: Math.round(mm(Number(size.h))), orient: size.orient ?? "portrait" },
    marginMm: { top: mm(Number(margin.top)), bottom: mm(Number(margin.bottom)), left, right },
    textWidthMm: Math.round((mm(Number(size.w)) - left - right) * 10) / 10,
    fonts: [...content.matchAll(/<w:rFonts[^>]*>/g)].map((m) => attrs(m[0]).ascii).filter(Boolean),
    tableWidthsMm: [...content.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((g) =>
      mm([...g[1].matchAll(/w:w="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0)),
    ),
  };
}

/** The parts of a .docx file the tests check. */
export function docxParts(bytes: Uint8Array): DocxParts {
  const zip = unzipSync(bytes);
  const doc = strFromU8(zip["word/document.xml"]);
  const styles = zip["word/styles.xml"] ? strFromU8(zip["word/styles.xml"]) : "";
  const sections: DocxSection[] = [];
  let from = 0;
  for (const m of doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)) {
    sections.push(section(doc.slice(from, m.index), m[0]));
    from = m.index! + m[0].length;
  }
  const rPrDefault = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(styles)?.[1] ?? "";
  const sz = /<w:sz w:val="(\d+)"/.exec(rPrDefault)?.[1];
  return {
    text: paragraphs(doc).join("\n"),
    tables: tables(doc),
    sections,
    defaults: {
      font: attrs(/<w:rFonts[^>]*>/.exec(rPrDefault)?.[0] ?? "").ascii ?? null,
      sizePt: sz ? Number(sz) / 2 : null,
    },
  };
}

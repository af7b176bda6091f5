import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, type RGB, rgb } from "pdf-lib";
import { qrMatrix, QR_QUIET_ZONE } from "../render/qr";
import { type DocumentFonts, embedDocumentFonts, type FontRole } from "./document-fonts";
import { upperVi } from "./vn-text";

// The A4 toolkit both documents draw with (decision 032): a portrait page with the margins of
// Decree 30/2020/NĐ-CP, a cursor that flows top to bottom and opens a new page when the next piece
// does not fit, text wrapped by measured width, tables whose cells wrap (the header row repeats on
// each page), the national motto header, signature places, pictures and QR codes. Every string is
// NFC-normalised before it is measured or drawn. Units: PDF points (1/72 in) unless a name says mm.

export const PT_PER_MM = 72 / 25.4;
/** Millimetres to points. */
export const mm = (v: number): number => v * PT_PER_MM;
export const A4_WIDTH_PT = 595.28;
export const A4_HEIGHT_PT = 841.89;
/**
 * Decree 30/2020 (Appendix I): top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The narrow
 * end of each range: the approval minute must hold its history on one page.
 */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.38, 0.38, 0.38);
export const LIGHT = rgb(0.92, 0.92, 0.92);
export const RED = rgb(0.72, 0.05, 0.05);
export const WHITE = rgb(1, 1, 1);

export type Align = "left" | "center" | "right";

export interface TextStyle {
  font?: FontRole;
  /** Points; default 11. */
  size?: number;
  color?: RGB;
  /** Line height as a multiple of the size; default 1.3. */
  leading?: number;
}

/** One paragraph: wrapped to the width it is given, "\n" starts a new line. */
export interface Para {
  text: string;
  style?: TextStyle;
  align?: Align;
}

/** A table cell: plain text in the table's style, or paragraphs of their own styles. */
export type Cell = string | Para | Para[];

export interface Column {
  header?: string;
  /** Share of the table's width; the shares are normalised to add up to 1. */
  share: number;
  align?: Align;
}

/** A row: one cell per column, or one cell across the whole table. */
export type Row = Cell[] | { full: Cell; fill?: RGB };

export interface TableOptions {
  x?: number;
  width?: number;
  /** Style of plain-text cells; default regular 10. */
  style?: TextStyle;
  /** Cell borders; default true. */
  borders?: boolean;
  /** Draw the column headers (and repeat them on each page); default true when any column has one. */
  header?: boolean;
  /** Points inside each cell; default 3. */
  padding?: number;
}

/** A place to sign: text above, room to sign (and seal), text below; centred in its column. */
export interface SignatureBlock {
  above: Para[];
  /** Room for the signature (and seal), mm; default 0. */
  spaceMm?: number;
  below?: Para[];
}

/** Decree 30's header: the issuing body at the left, the national name and motto at the right. */
export interface DocumentHeader {
  /** The body above the issuer ("ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG" above a department), if any. */
  parent?: string;
  /** The issuing body; printed in capitals, bold, underlined. */
  issuer: string;
  /** Under the issuer: "Số: …" or the document's code. */
  reference?: string;
  /** Under the motto, in italics: "Lạc Phượng, ngày 05 tháng 3 năm 2026". */
  placeDate?: string;
}

export interface DocumentMeta {
  title: string;
  subject: string;
  keywords: string[];
  author: string;
  /** ISO instant: the document's creation and modification date. */
  createdAt: string;
  /** Left of the page count at the foot of every page ("Phiếu đặt in DI-2026-001"). */
  footer: string;
}

interface LaidPara {
  lines: string[];
  font: PDFFont;
  size: number;
  color: RGB;
  lineHeight: number;
  align: Align;
}

const DEFAULT_SIZE = 11;
const DEFAULT_LEADING = 1.3;

function asParas(cell: Cell): Para[] {
  if (typeof cell === "string") return [{ text: cell }];
  return Array.isArray(cell) ? cell : [cell];
}

export class A4Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** Top of the free space on the current page, points from the page's bottom edge. */
  y = 0;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: DocumentFonts,
    private readonly meta: DocumentMeta,
  ) {}

  /** A new document with its first page open and its metadata (title, author, language vi-VN) set. */
  static async create(meta: DocumentMeta): Promise<A4Writer> {
    const doc = await PDFDocument.create();
    const at = new Date(meta.createdAt);
    doc.setTitle(meta.title.normalize("NFC"), { showInWindowTitleBar: true });
    doc.setSubject(meta.subject.normalize("NFC"));
    doc.setAuthor(meta.author.normalize("NFC"));
    doc.setKeywords(meta.keywords.map((k) => k.normalize("NFC")));
    doc.setCreator("Cổ động");
    doc.setProducer("Cổ động (pdf-lib)");
    doc.setLanguage("vi-VN");
    doc.setCreationDate(at);
    doc.setModificationDate(at);
    const writer = new A4Writer(doc, await embedDocumentFonts(doc), meta);
    writer.newPage();
    return writer;
  }

  get left(): number {
    return mm(MARGINS_MM.left);
  }
  get right(): number {
    return A4_WIDTH_PT - mm(MARGINS_MM.right);
  }
  get width(): number {
    return this.right - this.left;
  }
  get top(): number {
    return A4_HEIGHT_PT - mm(MARGINS_MM.top);
  }
  get bottom(): number {
    return mm(MARGINS_MM.bottom);
  }
  /** Points left above the bottom margin on this page. */
  get room(): number {
    return this.y - this.bottom;
  }

  /** Adds a blank A4 page and puts the cursor at its top margin. */
  newPage(): void {
    this.page = this.doc.addPage([A4_WIDTH_PT, A4_HEIGHT_PT]);
    this.pages.push(this.page);
    this.y = this.top;
  }

  /** Opens a new page unless `height` points fit here (or this page is still empty). */
  ensure(height: number): void {
    if (height > this.room && this.y < this.top - 0.01) this.newPage();
  }

  /** Moves the cursor down `pt` points (no page break: the next piece's `ensure` makes it). */
  gap(pt: number): void {
    this.y -= pt;
  }

  /** The embedded face of a style (regular by default). */
  font(style: TextStyle = {}): PDFFont {
    return this.fonts[style.font ?? "regular"];
  }

  /** Points from one baseline to the next in `style`. */
  lineHeight(style: TextStyle = {}): number {
    return (style.size ?? DEFAULT_SIZE) * (style.leading ?? DEFAULT_LEADING);
  }

  // Shaping a string (fontkit's layout) is the slow part of measuring: each word is shaped once
  // per font, and a line's width is the sum of its words and spaces (kerning across a space is
  // nil in these faces).
  private readonly widths = new Map<PDFFont, Map<string, number>>();

  private unitWidth(font: PDFFont, text: string): number {
    let cache = this.widths.get(font);
    if (!cache) {
      cache = new Map();
      this.widths.set(font, cache);
    }
    let w = cache.get(text);
    if (w === undefined) {
      w = font.widthOfTextAtSize(text, 1);
      cache.set(text, w);
    }
    return w;
  }

  private lineWidth(font: PDFFont, line: string, size: number): number {
    const words = line.split(" ");
    const spaces = (words.length - 1) * this.unitWidth(font, " ");
    return (words.reduce((sum, word) => sum + this.unitWidth(font, word), 0) + spaces) * size;
  }

  /** Width in points of `text` on one line in `style`. */
  textWidth(text: string, style: TextStyle = {}): number {
    return this.lineWidth(this.font(style), text.normalize("NFC"), style.size ?? DEFAULT_SIZE);
  }

  /**
   * `text` broken into lines no wider than `width` points: at spaces, and inside a word only when
   * the word alone is wider (a SHA-256, a long URL). "\n" always breaks. Never returns no lines.
   */
  wrap(text: string, style: TextStyle, width: number): string[] {
    const font = this.font(style);
    const size = style.size ?? DEFAULT_SIZE;
    const fits = (s: string) => this.lineWidth(font, s, size) <= width;
    const out: string[] = [];
    for (const paragraph of text.normalize("NFC").split("\n")) {
      let line = "";
      for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (fits(candidate)) {
          line = candidate;
          continue;
        }
        if (line) out.push(line);
        line = "";
        let rest = word;
        while (!fits(rest)) {
          let cut = 1;
          const chars = [...rest];
          while (cut < chars.length && fits(chars.slice(0, cut + 1).join(""))) cut++;
          out.push(chars.slice(0, cut).join(""));
          rest = chars.slice(cut).join("");
        }
        line = rest;
      }
      out.push(line);
    }
    return out;
  }

  private layParas(paras: Para[], width: number, base: TextStyle = {}): LaidPara[] {
    return paras.map((p) => {
      const style = { ...base, ...p.style };
      return {
        lines: this.wrap(p.text, style, width),
        font: this.font(style),
        size: style.size ?? DEFAULT_SIZE,
        color: style.color ?? BLACK,
        lineHeight: this.lineHeight(style),
        align: p.align ?? "left",
      };
    });
  }

  private static height(laid: LaidPara[]): number {
    return laid.reduce((h, p) => h + p.lines.length * p.lineHeight, 0);
  }

  /** Height in points of `paras` wrapped to `width`. */
  measure(paras: Para[], width: number, base: TextStyle = {}): number {
    return A4Writer.height(this.layParas(paras, width, base));
  }

  private drawLine(line: string, p: LaidPara, x: number, top: number, width: number): void {
    const w = this.lineWidth(p.font, line, p.size);
    const dx = p.align === "center" ? (width - w) / 2 : p.align === "right" ? width - w : 0;
    // The baseline sits so that capitals and lower case centre in the line box.
    const baseline = top - p.lineHeight / 2 - 0.33 * p.size;
    this.page.drawText(line, { x: x + dx, y: baseline, size: p.size, font: p.font, color: p.color });
  }

  /** Draws laid-out paragraphs from `top` down, without moving the cursor; returns their height. */
  private drawLaid(laid: LaidPara[], x: number, top: number, width: number): number {
    let y = top;
    for (const p of laid) {
      for (const line of p.lines) {
        this.drawLine(line, p, x, y, width);
        y -= p.lineHeight;
      }
    }
    return top - y;
  }

  /** Draws `paras` at a fixed place (the cursor stays); returns their height. */
  drawAt(paras: Para[], x: number, top: number, width: number, base: TextStyle = {}): number {
    return this.drawLaid(this.layParas(paras, width, base), x, top, width);
  }

  /** Flows paragraphs at the cursor across the content width (or `x`/`width`), line by line across pages. */
  flow(paras: Para[], opts: { x?: number; width?: number; base?: TextStyle } = {}): void {
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.width;
    for (const p of this.layParas(paras, width, opts.base)) {
      for (const line of p.lines) {
        this.ensure(p.lineHeight);
        this.drawLine(line, p, x, this.y, width);
        this.y -= p.lineHeight;
      }
    }
  }

  /** The largest size ≤ `size` (down to `min`) at which `text` fits `width` on one line. */
  fitSize(text: string, style: TextStyle, width: number, min: number): number {
    const natural = this.textWidth(text, { ...style, size: 1 });
    // 1 % slack: the size must fit again when the wrapped line is measured at it.
    return Math.max(min, Math.min(style.size ?? DEFAULT_SIZE, (width * 0.99) / natural));
  }

  /** A horizontal rule from `x1` to `x2` at height `y` (points). */
  hline(x1: number, x2: number, y: number, thickness = 0.6, color: RGB = BLACK): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color });
  }

  /**
   * The header of Decree 30/2020 (Appendix I, items 1–4): at the left the parent body, the issuing
   * body in bold capitals over a short rule, and the reference; at the right "CỘNG HÒA XÃ HỘI CHỦ
   * NGHĨA VIỆT NAM", the motto in bold over a rule as long as the motto, and the place and date in
   * italics. Moves the cursor below the taller side.
   */
  header(h: DocumentHeader): void {
    const top = this.y;
    const leftW = this.width * 0.42;
    const rightX = this.left + leftW;
    const rightW = this.width - leftW;

    // Each name on one line where a slightly smaller size allows it; wrapped only below 9.5 pt.
    const oneLine = (text: string, style: TextStyle): Para => ({
      text,
      align: "center",
      style: { ...style, size: this.fitSize(text, style, leftW, 9.5) },
    });
    let ly = top;
    if (h.parent) ly -= this.drawAt([oneLine(upperVi(h.parent), { size: 11.5 })], this.left, ly, leftW);
    const issuer = oneLine(upperVi(h.issuer), { font: "bold", size: 11.5 });
    const issuerLines = this.layParas([issuer], leftW);
    ly -= this.drawLaid(issuerLines, this.left, ly, leftW);
    const widest = Math.max(...issuerLines[0].lines.map((l) => this.textWidth(l, issuer.style)));
    const ruleW = widest * 0.4;
    this.hline(this.left + (leftW - ruleW) / 2, this.left + (leftW + ruleW) / 2, ly - 2);
    ly -= 8;
    if (h.reference) ly -= this.drawAt([{ text: h.reference, align: "center" }], this.left, ly, leftW);

    let ry = top;
    const nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    const nationSize = this.fitSize(nation, { font: "bold", size: 11.5 }, rightW, 9);
    ry -= this.drawAt(
      [{ text: nation, align: "center", style: { font: "bold", size: nationSize } }],
      rightX,
      ry,
      rightW,
    );
    const motto = "Độc lập - Tự do - Hạnh phúc";
    const mottoStyle: TextStyle = { font: "bold", size: 12.5 };
    ry -= this.drawAt([{ text: motto, align: "center", style: mottoStyle }], rightX, ry, rightW);
    const mottoW = this.textWidth(motto, mottoStyle);
    this.hline(rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, ry - 1);
    ry -= 10;
    if (h.placeDate) {
      ry -= this.drawAt(
        [{ text: h.placeDate, align: "center", style: { font: "italic", size: 11.5 } }],
        rightX,
        ry,
        rightW,
      );
    }
    this.y = Math.min(ly, ry);
  }

  private layCell(cell: Cell, width: number, base: TextStyle, align: Align | undefined): LaidPara[] {
    const paras = asParas(cell).map((p) => ({ ...p, align: p.align ?? align }));
    return this.layParas(paras, width, base);
  }

  private columnWidths(columns: Column[], width: number): number[] {
    const sum = columns.reduce((s, c) => s + c.share, 0);
    return columns.map((c) => (width * c.share) / sum);
  }

  private layRow(row: Row, columns: Column[], widths: number[], o: Required<TableOptions>) {
    const inner = (w: number) => w - 2 * o.padding;
    const cells = Array.isArray(row)
      ? row.map((cell, i) => this.layCell(cell, inner(widths[i]), o.style, columns[i].align))
      : [this.layCell(row.full, inner(o.width), o.style, "left")];
    const height = Math.max(...cells.map((c) => A4Writer.height(c))) + 2 * o.padding;
    return { cells, height };
  }

  private tableOptions(columns: Column[], opts: TableOptions): Required<TableOptions> {
    return {
      x: opts.x ?? this.left,
      width: opts.width ?? this.width,
      style: { size: 10, ...opts.style },
      borders: opts.borders ?? true,
      header: opts.header ?? columns.some((c) => c.header),
      padding: opts.padding ?? 3,
    };
  }

  private headerRow(columns: Column[]): Row {
    return columns.map((c) => ({ text: c.header ?? "", align: "center" as const, style: { font: "bold" } }));
  }

  /** Heights in points of the header row (0 without one) and of each row, as `table` draws them. */
  rowHeights(columns: Column[], rows: Row[], opts: TableOptions = {}): { header: number; rows: number[] } {
    const o = this.tableOptions(columns, opts);
    const widths = this.columnWidths(columns, o.width);
    return {
      header: o.header ? this.layRow(this.headerRow(columns), columns, widths, o).height : 0,
      rows: rows.map((r) => this.layRow(r, columns, widths, o).height),
    };
  }

  /** Height in points of the table as `table` would draw it on one page. */
  measureTable(columns: Column[], rows: Row[], opts: TableOptions = {}): number {
    const h = this.rowHeights(columns, rows, opts);
    return h.rows.reduce((sum, r) => sum + r, h.header);
  }

  /**
   * Draws a table at the cursor. A row is never split: one that does not fit starts a new page,
   * where the header row is drawn again. Cells wrap; full-width rows span every column.
   */
  table(columns: Column[], rows: Row[], opts: TableOptions = {}): void {
    const o = this.tableOptions(columns, opts);
    const widths = this.columnWidths(columns, o.width);
    const header = o.header ? this.layRow(this.headerRow(columns), columns, widths, o) : null;
    const drawRow = (laid: ReturnType<A4Writer["layRow"]>, row: Row, fill?: RGB) => {
      const spans = Array.isArray(row) ? widths : [o.width];
      let x = o.x;
      laid.cells.forEach((cell, i) => {
        const w = spans[i];
        if (fill)
          this.page.drawRectangle({ x, y: this.y - laid.height, width: w, height: laid.height, color: fill });
        if (o.borders) {
          this.page.drawRectangle({
            x,
            y: this.y - laid.height,
            width: w,
            height: laid.height,
            borderColor: BLACK,
            borderWidth: 0.5,
          });
        }
        this.drawLaid(cell, x + o.padding, this.y - o.padding, w - 2 * o.padding);
        x += w;
      });
      this.y -= laid.height;
    };
    const drawHeader = () => {
      if (header) drawRow(header, this.headerRow(columns), LIGHT);
    };
    this.ensure((header?.height ?? 0) + (rows[0] ? this.layRow(rows[0], columns, widths, o).height : 0));
    drawHeader();
    for (const row of rows) {
      const laid = this.layRow(row, columns, widths, o);
      if (laid.height > this.room) {
        this.newPage();
        drawHeader();
      }
      drawRow(laid, row, Array.isArray(row) ? undefined : row.fill);
    }
  }

  /** Height in points of signature places side by side. */
  measureSignatures(blocks: SignatureBlock[], width = this.width): number {
    const w = width / blocks.length;
    return Math.max(
      ...blocks.map(
        (b) => this.measure(b.above, w - 6) + mm(b.spaceMm ?? 0) + this.measure(b.below ?? [], w - 6),
      ),
    );
  }

  /**
   * Signature places side by side in equal columns, kept together on one page: the text above,
   * the room to sign and seal, the name below.
   */
  signatures(blocks: SignatureBlock[]): void {
    const w = this.width / blocks.length;
    this.ensure(this.measureSignatures(blocks));
    const top = this.y;
    blocks.forEach((b, i) => {
      const x = this.left + i * w + 3;
      let y = top - this.drawAt(b.above, x, top, w - 6);
      y -= mm(b.spaceMm ?? 0);
      this.drawAt(b.below ?? [], x, y, w - 6);
    });
    this.y = top - this.measureSignatures(blocks);
  }

  /** `png` embedded in the document, or null when the bytes are not a PNG pdf-lib can read. */
  async embedPng(png: Uint8Array): Promise<PDFImage | null> {
    try {
      return await this.doc.embedPng(png);
    } catch {
      return null;
    }
  }

  /**
   * Draws an embedded picture scaled to fit `maxW` × `maxH` points (never enlarged past 2 pt per
   * pixel), its top at `top` and centred horizontally in `maxW` from `x`, with a hairline frame.
   * Returns the drawn size.
   */
  picture(
    image: PDFImage,
    x: number,
    top: number,
    maxW: number,
    maxH: number,
  ): { width: number; height: number } {
    const scale = Math.min(maxW / image.width, maxH / image.height, 2);
    const width = image.width * scale;
    const height = image.height * scale;
    const left = x + (maxW - width) / 2;
    this.page.drawImage(image, { x: left, y: top - height, width, height });
    this.page.drawRectangle({
      x: left,
      y: top - height,
      width,
      height,
      borderColor: GREY,
      borderWidth: 0.4,
    });
    return { width, height };
  }

  /** A QR code of `text`, `side` points square including its quiet zone, top-left at (`x`, `top`); vector. */
  qr(text: string, x: number, top: number, side: number): void {
    const m = qrMatrix(text);
    const unit = side / (m.size + 2 * QR_QUIET_ZONE);
    this.page.drawRectangle({ x, y: top - side, width: side, height: side, color: WHITE });
    for (const r of m.rects) {
      this.page.drawRectangle({
        x: x + (r.x + QR_QUIET_ZONE) * unit,
        y: top - (r.y + QR_QUIET_ZONE + r.h) * unit,
        width: r.w * unit,
        height: r.h * unit,
        color: BLACK,
      });
    }
  }

  /**
   * Writes the foot of every page ("<footer> — trang 2/3"), which tells a print shop holding loose
   * sheets whether one is missing, and returns the PDF bytes.
   */
  async finish(): Promise<Uint8Array> {
    const n = this.pages.length;
    const style: TextStyle = { size: 8, color: GREY };
    this.pages.forEach((page, i) => {
      this.page = page;
      this.drawAt(
        [{ text: `${this.meta.footer} — trang ${i + 1}/${n}`, align: "right", style }],
        this.left,
        this.bottom - 4,
        this.width,
      );
    });
    return this.doc.save();
  }
}

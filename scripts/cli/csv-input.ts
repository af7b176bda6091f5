/**
 * Bytes of a CSV file → text the renderer can trust (decision 070).
 *
 * `decodeCsv(bytes: Uint8Array): DecodedCsv` where
 * `DecodedCsv = { text: string (NFC, no BOM), encoding: CsvEncoding, bom: boolean }` and
 * `CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258"`. In order:
 *   1. BOM EF BB BF → UTF-8; FF FE → UTF-16 LE; FE FF → UTF-16 BE (Excel's "Unicode text").
 *      Decoded strictly (`TextDecoder(..., { fatal: true })`); a broken sequence is CSV_ENCODING.
 *   2. No BOM: strict UTF-8 (plain ASCII is UTF-8).
 *   3. Not UTF-8: Windows-1258 (Excel's "CSV (Comma delimited)" on Vietnamese Windows), decoded with
 *      iconv-lite and NFC-composed (cp1258 writes tone marks as combining characters), and kept only
 *      if it reads as Vietnamese: every non-ASCII character is a Vietnamese letter or common
 *      punctuation (`“ ” – … ₫` …), and there is at least one Vietnamese letter.
 *   4. Anything else is refused whole.
 * Throws CsvInputError (`code`, `messageVi`, `details`): code "CSV_ENCODING" — not UTF-8/UTF-16 with
 * BOM/Windows-1258, a NUL byte (UTF-16 without BOM, a binary file), or an .xlsx workbook; the
 * message says how to save the file from Excel as CSV UTF-8.
 *
 * U+FFFD ("�") that survives decoding (a file damaged before it was saved) is not decided here:
 * the renderer's text pipeline (`cleanText`) refuses it as TEXT_INVALID_CHAR, so `bulk` fails
 * only that row.
 *
 * `detectDelimiter(text, columns)`: "," , ";" (Excel where the list separator is ";", as in
 * Vietnamese regional settings) or "\t" (Excel's "Unicode text"): the one whose split of the first
 * line holds all `columns`; "," when none does.
 */
import iconv from "iconv-lite";
import { DomainError, type ErrorDetails } from "../../domain/errors";

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258";

export interface DecodedCsv {
  /** NFC, without the BOM. */
  text: string;
  encoding: CsvEncoding;
  bom: boolean;
}

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1258": "Windows-1258",
};

const HOW_TO_FIX =
  "Trong Excel, mở tệp rồi chọn Tệp > Lưu thành > CSV UTF-8 (Phân cách bằng dấu phẩy) (*.csv) và chạy lại.";

export class CsvInputError extends DomainError {
  readonly code = "CSV_ENCODING";
  constructor(messageVi: string, details: ErrorDetails = {}) {
    super(messageVi, `CSV_ENCODING: ${messageVi}`, details);
    this.name = "CsvInputError";
  }
}

// Vietnamese letters: the 12 vowels (with their own marks) × 6 tones, both cases, and đ/Đ.
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
const VOWELS = "aăâeêioôơuưy";
const VIETNAMESE_LETTERS = new Set<string>(["đ", "Đ"]);
for (const v of VOWELS + VOWELS.toUpperCase())
  for (const t of TONES) VIETNAMESE_LETTERS.add(`${v}${t}`.normalize("NFC"));
for (const c of VIETNAMESE_LETTERS) if (c.charCodeAt(0) < 0x80) VIETNAMESE_LETTERS.delete(c);

/** Punctuation and symbols Windows-1258 has that a Vietnamese slogan sheet plausibly contains. */
const PLAUSIBLE_SYMBOLS = new Set([..."\u00A0‘’“”‚„–—…•·«»‹›°§©®™±×÷²³½€₫"]);

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A character as a person can find it: itself when visible, else its code point. */
function shown(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) && ch !== "\uFFFD" ? `“${ch}” (${code})` : code;
}

function strict(label: "utf-8" | "utf-16le", bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function refuseNul(text: string, encoding: string): void {
  const i = text.indexOf("\u0000");
  if (i >= 0) {
    throw new CsvInputError(
      `tệp có ký tự NUL ở dòng ${lineOf(text, i)} khi đọc theo ${encoding}: đây không phải tệp CSV văn bản (có thể là UTF-16 không có BOM hoặc tệp nhị phân). ${HOW_TO_FIX}`,
      { encoding, line: lineOf(text, i) },
    );
  }
}

/**
 * The first character of `text` (decoded as Windows-1258, NFC) that Vietnamese text would not
 * contain, or null when every character is plausible and at least one Vietnamese letter is present.
 */
export function implausibleForVietnamese(text: string): { index: number; char: string } | null {
  let letters = 0;
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp < 0x7f)) {
      index += ch.length;
      continue;
    }
    if (VIETNAMESE_LETTERS.has(ch)) letters++;
    else if (!PLAUSIBLE_SYMBOLS.has(ch)) return { index, char: ch };
    index += ch.length;
  }
  return letters > 0 ? null : { index: 0, char: "" };
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  const body = bytes.subarray(2);
  let text: string | null = null;
  if (body.length % 2 === 0) {
    let le = body;
    if (encoding === "utf-16be") {
      le = new Uint8Array(body.length);
      for (let i = 0; i < body.length; i += 2) {
        le[i] = body[i + 1];
        le[i + 1] = body[i];
      }
    }
    text = strict("utf-16le", le);
  }
  if (text === null) {
    throw new CsvInputError(
      `tệp bắt đầu bằng dấu ${ENCODING_LABELS[encoding]} (BOM) nhưng nội dung không phải ${ENCODING_LABELS[encoding]} hợp lệ. ${HOW_TO_FIX}`,
      { encoding },
    );
  }
  return text;
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) {
    const text = decodeUtf16(bytes, "utf-16le");
    refuseNul(text, "UTF-16 LE");
    return { text: text.normalize("NFC"), encoding: "utf-16le", bom: true };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    const text = decodeUtf16(bytes, "utf-16be");
    refuseNul(text, "UTF-16 BE");
    return { text: text.normalize("NFC"), encoding: "utf-16be", bom: true };
  }
  const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const utf8 = strict("utf-8", body);
  if (utf8 !== null) {
    refuseNul(utf8, "UTF-8");
    return { text: utf8.normalize("NFC"), encoding: "utf-8", bom };
  }
  if (bom) {
    throw new CsvInputError(
      `tệp bắt đầu bằng dấu UTF-8 (BOM) nhưng có đoạn không phải UTF-8 hợp lệ. ${HOW_TO_FIX}`,
      { encoding: "utf-8" },
    );
  }
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03) {
    throw new CsvInputError(`đây là sổ tính Excel (.xlsx), không phải tệp CSV. ${HOW_TO_FIX}`, {
      encoding: "xlsx",
    });
  }
  const cp1258 = iconv.decode(body, "windows-1258").normalize("NFC");
  refuseNul(cp1258, "Windows-1258");
  const bad = implausibleForVietnamese(cp1258);
  if (bad) {
    const where = bad.char ? ` (dòng ${lineOf(cp1258, bad.index)}: ${shown(bad.char)})` : "";
    throw new CsvInputError(
      `tệp CSV không phải UTF-8, cũng không phải tiếng Việt theo bảng mã Windows-1258${where}: đọc tiếp thì chữ sẽ thành “�”. ${HOW_TO_FIX}`,
      { encoding: "unknown" },
    );
  }
  return { text: cp1258, encoding: "windows-1258", bom: false };
}

/** The delimiter whose split of the first line holds every required column; "," otherwise. */
export function detectDelimiter(text: string, columns: readonly string[]): "," | ";" | "\t" {
  const first = text.slice(0, text.search(/\r?\n|$/));
  for (const d of [",", ";", "\t"] as const) {
    const names = first.split(d).map((s) =>
      s
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim(),
    );
    if (columns.every((c) => names.includes(c))) return d;
  }
  return ",";
}

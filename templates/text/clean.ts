import { SLOGAN_MAX_CHARS } from "../../domain/limits";
import { RenderError } from "../errors";

// The one text pipeline every input path runs (editor, slogan form, CLI render and bulk, preview
// API, comments and reasons): what a clerk pastes from Word, Zalo or Excel becomes text the
// renderer sets exactly, or a refusal that names the character and where it stands.

/** Advisory findings: the text is used, the person is told. */
export type TextNoticeCode = "TEXT_LOOKALIKE_REPLACED" | "TEXT_NO_DIACRITICS";

export interface TextNotice {
  code: TextNoticeCode;
  messageVi: string;
  details: Record<string, unknown>;
}

export interface CleanText {
  /** NFC, one "\n" per forced line break, single spaces, no-break joins kept. */
  text: string;
  notices: TextNotice[];
}

export interface CleanOptions {
  /** Vietnamese name of the field, used in messages ("Khẩu hiệu", "Lý do"). */
  field?: string;
  /** Limit in code points after cleaning (default SLOGAN_MAX_CHARS). */
  maxChars?: number;
  allowEmpty?: boolean;
  /** Keep forced line breaks (default); false folds them into spaces (names, one-line fields). */
  multiline?: boolean;
  /** Warn when several words carry no Vietnamese mark at all (default true). */
  checkMarks?: boolean;
}

// No-break joins (UAX #14 class GL / WJ): a clerk types them inside "0225 3842 123" on purpose.
export const NO_BREAK_SPACES = "\u00A0\u202F\u2007";
export const WORD_JOINER = "\u2060";

// Line and paragraph separators from Word (U+000B is Word's Shift+Enter), old Mac and Unicode.
const LINE_BREAKS = /\r\n|[\r\u000B\u000C\u0085\u2028\u2029]/g;
// Spaces of other widths: set as an ordinary, breakable space.
const OTHER_SPACES = /[\t\u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]/g;
// Everything that draws nothing or reorders text: controls, format characters (bidi controls,
// zero-width space and joiners, BOM, soft hyphen), private use, unassigned, lone surrogates.
// Tested per code point, after the joins above are let through.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u;

const CHAR_NAMES: Record<number, string> = {
  173: "gạch nối mềm",
  1564: "dấu định hướng chữ Ả Rập",
  8203: "khoảng trắng độ rộng 0",
  8204: "ký tự không nối độ rộng 0",
  8205: "ký tự nối độ rộng 0",
  8206: "dấu định hướng trái-sang-phải",
  8207: "dấu định hướng phải-sang-trái",
  8234: "ký tự điều khiển hướng chữ",
  8235: "ký tự điều khiển hướng chữ",
  8236: "ký tự điều khiển hướng chữ",
  8237: "ký tự ép hướng chữ",
  8238: "ký tự đảo hướng chữ",
  65279: "dấu thứ tự byte (BOM)",
  65533: "ký tự lỗi mã hóa “�” — văn bản đã bị đọc sai bảng mã",
};

/**
 * Letters that look like Vietnamese ones but are others: Icelandic eth and African D for Đ/đ,
 * caron for breve, and the Cyrillic and Greek capitals and small letters drawn like Latin ones.
 * A fullwidth Latin letter (from CJK input methods) maps to its ASCII form separately.
 */
const LOOKALIKES: Record<string, { to: string; nameVi: string }> = {
  "\u00D0": { to: "Đ", nameVi: "chữ Eth tiếng Iceland" },
  "\u00F0": { to: "đ", nameVi: "chữ eth tiếng Iceland" },
  "\u0189": { to: "Đ", nameVi: "chữ D châu Phi" },
  "\u0256": { to: "đ", nameVi: "chữ d đuôi móc" },
  "\u01CD": { to: "Ă", nameVi: "chữ A có dấu móc ngược (caron)" },
  "\u01CE": { to: "ă", nameVi: "chữ a có dấu móc ngược (caron)" },
  ...Object.fromEntries(
    [..."АВЕКМНОРСТХаеорсухіјѕІЈЅ"].map((c, i) => [
      c,
      { to: "ABEKMHOPCTXaeopcyxijsIJS"[i], nameVi: "chữ Kirin (Nga)" },
    ]),
  ),
  ...Object.fromEntries(
    [..."ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο"].map((c, i) => [c, { to: "ABEZHIKMNOPTYXo"[i], nameVi: "chữ Hy Lạp" }]),
  ),
};

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

function invalidChar(field: string, ch: string, position: number, what?: string): RenderError {
  const cp = ch.codePointAt(0)!;
  const name = what ?? CHAR_NAMES[cp] ?? "ký tự điều khiển không hiển thị được";
  return new RenderError(
    "TEXT_INVALID_CHAR",
    `${field} có ký tự không dùng được ở vị trí ${position}: ${hex(cp)} (${name}). Hãy xóa ký tự đó và gõ lại đoạn ấy.`,
    { codePoint: hex(cp), position, field },
  );
}

// Vietnamese letters outside ASCII: any base letter with a combining mark, or đ/Đ.
const VIETNAMESE_MARKED = /[\u0300-\u036F\u0110\u0111]/u;
const LATIN_WORD = /^[A-Za-z]{2,}$/;

/**
 * Cleans one field of raw input: `raw` (any string) → `{ text, notices }`.
 * Steps: refuse lone surrogates; NFC; CR, CRLF, U+000B/U+000C/U+0085/U+2028/U+2029 → one "\n"
 * (or a space when `multiline` is false); other space widths → " "; no-break spaces
 * (U+00A0 U+202F U+2007) and the word joiner U+2060 are kept as joins; look-alike letters are
 * replaced by the Vietnamese letter (notice TEXT_LOOKALIKE_REPLACED); spaces folded, lines trimmed.
 * Throws RenderError: TEXT_INVALID_CHAR (controls, bidi and zero-width characters, U+FFFD, private
 * use, unassigned, lone surrogates; details: codePoint "U+XXXX", 1-based position in the input),
 * TEXT_EMPTY, TEXT_TOO_LONG (details: length, max; code points).
 * Notice TEXT_NO_DIACRITICS when three or more Latin words carry no Vietnamese mark at all.
 */
export function cleanText(raw: string, opts: CleanOptions = {}): CleanText {
  const field = opts.field ?? "Khẩu hiệu";
  const max = opts.maxChars ?? SLOGAN_MAX_CHARS;
  const notices: TextNotice[] = [];
  // Positions are counted in the input as typed, before NFC composes marks.
  let position = 0;
  for (const ch of raw) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) throw invalidChar(field, ch, position, "nửa cặp mã UTF-16 bị lẻ");
  }
  const separated = raw.normalize("NFC").replace(LINE_BREAKS, "\n").replace(OTHER_SPACES, " ");
  const replaced = new Map<string, { to: string; nameVi: string; count: number }>();
  let out = "";
  position = 0;
  for (const ch of separated) {
    position++;
    if (ch === "\n" || ch === WORD_JOINER) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd || INVISIBLE.test(ch)) throw invalidChar(field, ch, position);
    const look = LOOKALIKES[ch];
    if (look) {
      const r = replaced.get(ch) ?? { ...look, count: 0 };
      r.count++;
      replaced.set(ch, r);
      out += look.to;
    } else if (cp >= 0xff01 && cp <= 0xff5e) {
      const r = replaced.get(ch) ?? {
        to: String.fromCodePoint(cp - 0xfee0),
        nameVi: "chữ độ rộng toàn phần",
        count: 0,
      };
      r.count++;
      replaced.set(ch, r);
      out += r.to;
    } else out += ch;
  }
  for (const [from, r] of replaced) {
    notices.push({
      code: "TEXT_LOOKALIKE_REPLACED",
      messageVi: `${field}: đã thay “${from}” (${hex(from.codePointAt(0)!)}, ${r.nameVi}) bằng chữ “${r.to}” của tiếng Việt.`,
      details: { from: hex(from.codePointAt(0)!), to: hex(r.to.codePointAt(0)!), count: r.count },
    });
  }
  const lines = out
    .normalize("NFC")
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .filter((line) => line.length > 0);
  const text = opts.multiline === false ? lines.join(" ") : lines.join("\n");
  if (!text && !opts.allowEmpty) {
    throw new RenderError("TEXT_EMPTY", `${field} không được để trống.`, { field });
  }
  const length = [...text].length;
  if (length > max) {
    throw new RenderError("TEXT_TOO_LONG", `${field} quá dài: ${length} ký tự, tối đa ${max} ký tự.`, {
      length,
      max,
      field,
    });
  }
  if (opts.checkMarks !== false && lacksMarks(text)) {
    notices.push({
      code: "TEXT_NO_DIACRITICS",
      messageVi: `${field} không có dấu tiếng Việt nào. Hãy kiểm tra bộ gõ (Unikey, EVKey: kiểu gõ Telex hoặc VNI, bảng mã Unicode) rồi gõ lại có dấu.`,
      details: { field },
    });
  }
  return { text, notices };
}

/** Three or more ordinary Latin words (not all-capital abbreviations) and not one mark anywhere. */
function lacksMarks(text: string): boolean {
  if (VIETNAMESE_MARKED.test(text.normalize("NFD"))) return false;
  const words = text.split(/[^\p{L}]+/u).filter((w) => LATIN_WORD.test(w) && w !== w.toUpperCase());
  return words.length >= 3;
}

/**
 * A line as it is drawn: the joins did their work in line breaking, so no-break spaces become
 * ordinary spaces (every design font has one; not all have U+202F) and word joiners go.
 */
export function forDrawing(line: string): string {
  return line.replace(/[\u00A0\u202F\u2007]/g, " ").replaceAll(WORD_JOINER, "");
}

/** Vietnamese-locale capitals, re-composed: "đường" → "ĐƯỜNG", never a stray combining mark. */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase("vi-VN").normalize("NFC");
}

import { RenderError } from "../errors";

export const MAX_SLOGAN_CHARS = 160;
export const MAX_SUBTITLE_CHARS = 200;

// C0/C1 controls (tab and newline allowed, folded below), bidi overrides and zero-width
// characters that render as nothing or reorder text: pasted from Word they hide real errors.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export interface NormalizeOptions {
  maxChars?: number;
  field?: string;
  allowEmpty?: boolean;
}

/**
 * NFC first, so text typed on macOS or pasted from Word (decomposed marks) renders byte-identical
 * to composed input; then fold whitespace. A single "\n" is kept as a designer's forced line break.
 */
export function normalizeText(input: string, opts: NormalizeOptions = {}): string {
  const field = opts.field ?? "Khẩu hiệu";
  const max = opts.maxChars ?? MAX_SLOGAN_CHARS;
  const nfc = input.normalize("NFC");
  const bad = nfc.match(FORBIDDEN);
  if (bad) {
    const cp = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw new RenderError(
      "TEXT_CONTROL_CHARS",
      `${field} chứa ký tự điều khiển không hiển thị được (U+${cp}).`,
      {
        codePoint: `U+${cp}`,
        index: bad.index,
      },
    );
  }
  const text = nfc
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[\t \u00A0\u2000-\u200A\u3000]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
  if (!text && !opts.allowEmpty) {
    throw new RenderError("TEXT_EMPTY", `${field} không được để trống.`);
  }
  const length = [...text].length;
  if (length > max) {
    throw new RenderError("TEXT_TOO_LONG", `${field} quá dài: ${length} ký tự, tối đa ${max} ký tự.`, {
      length,
      max,
    });
  }
  return text;
}

/** Vietnamese-locale capitals, re-composed: "đường" → "ĐƯỜNG", never a stray combining mark. */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase("vi-VN").normalize("NFC");
}

import { isRenderError } from "../templates/errors";
import { type CleanOptions, type CleanText, cleanText } from "../templates/text/clean";
import { WorkflowError, type WorkflowErrorCode } from "../domain/workflow-error";

// Stored text (slogans, comments, reasons, notes, names) runs the renderer's own cleaning, so what
// the database keeps is refused or accepted exactly as a render would be: no control, bidi or
// zero-width characters, NFC, one "\n" per line break, single spaces.

export interface FieldOptions extends CleanOptions {
  /** Code for a text over `maxChars` (default INVALID_INPUT; comments use COMMENT_TOO_LONG). */
  tooLongCode?: WorkflowErrorCode;
}

/**
 * `cleanText` with its refusals as WorkflowError: code INVALID_INPUT (or `tooLongCode`), the
 * cleaner's Vietnamese message (it names the field, the character and its position) as messageVi,
 * and the cleaner's own code in `details.textCode` (TEXT_INVALID_CHAR, TEXT_EMPTY, TEXT_TOO_LONG).
 */
export function cleanField(raw: string, opts: FieldOptions = {}): CleanText {
  const { tooLongCode, ...clean } = opts;
  try {
    return cleanText(raw, clean);
  } catch (e) {
    if (!isRenderError(e)) throw e;
    const code = e.code === "TEXT_TOO_LONG" && tooLongCode ? tooLongCode : "INVALID_INPUT";
    throw new WorkflowError(code, e.message, { textCode: e.code, ...e.details }, e.messageVi);
  }
}

/**
 * People's own words (comments, reasons, notes): line breaks kept, may be empty (""), marks not
 * checked (an abbreviation-only note is fine).
 */
export function cleanNote(
  raw: string,
  field: string,
  maxChars: number,
  tooLongCode?: WorkflowErrorCode,
): string {
  return cleanField(raw, { field, maxChars, allowEmpty: true, checkMarks: false, tooLongCode }).text;
}

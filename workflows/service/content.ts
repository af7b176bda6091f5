import { SUBTITLE_MAX_CHARS } from "../../domain/limits";
import { WorkflowError } from "../../domain/workflow-error";
import { primaryFile, type RenderedFiles, sha256Hex } from "../../storage/assets";
import { cleanField } from "../../storage/text";

const PDF_MAGIC = Buffer.from("%PDF-");
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function startsWith(bytes: Uint8Array, magic: Buffer): boolean {
  return bytes.byteLength >= magic.length && Buffer.from(bytes.subarray(0, magic.length)).equals(magic);
}

/**
 * Returns the hash decisions bind to (SHA-256 hex): the print PDF's, or for screen formats the
 * PNG's. Errors: INVALID_INPUT when there is neither, or a PDF/PNG whose bytes are not one.
 */
export function checkFiles(files: RenderedFiles): string {
  const primary = files ? primaryFile(files) : null;
  if (!primary) throw new WorkflowError("INVALID_INPUT", "a print PDF or a screen PNG is required");
  if (files.pdf && !startsWith(files.pdf, PDF_MAGIC)) {
    throw new WorkflowError("INVALID_INPUT", "pdf bytes do not start with %PDF-");
  }
  if (files.png && !startsWith(files.png, PNG_MAGIC)) {
    throw new WorkflowError("INVALID_INPUT", "png bytes are not a PNG");
  }
  return sha256Hex(primary.bytes);
}

/**
 * The version's text as the renderer sets it: the same cleaning (and limits) the render ran, so
 * the stored text is what the file shows. Returns `{ text, subtitle }`, subtitle null when empty.
 * Errors: INVALID_INPUT (a refused character, an empty text, a subtitle over SUBTITLE_MAX_CHARS).
 */
export function versionText(input: { text: string; subtitle?: string | null }): {
  text: string;
  subtitle: string | null;
} {
  const text = cleanField(input.text).text;
  const subtitle = input.subtitle
    ? cleanField(input.subtitle, { field: "Dòng phụ", maxChars: SUBTITLE_MAX_CHARS, allowEmpty: true }).text
    : "";
  return { text, subtitle: subtitle || null };
}

import { DomainError, type ErrorDetails } from "../domain/errors";

// One error type for everything a render can refuse: programs read `code`, the UI shows `messageVi`.

export type RenderErrorCode =
  | "TEXT_EMPTY"
  | "TEXT_INVALID_CHAR"
  | "TEXT_TOO_LONG"
  | "TEXT_DOES_NOT_FIT"
  /** A `*` opening an emphasised run with no `*` closing it, or a pair around nothing. */
  | "EMPHASIS_UNBALANCED"
  | "GLYPH_MISSING"
  | "UNKNOWN_TEMPLATE"
  | "UNKNOWN_FORMAT"
  | "FORMAT_NOT_SUPPORTED"
  | "INVALID_CUSTOM_SIZE"
  | "INVALID_OPTIONS"
  /** A design with a required photo slot was rendered without a photo. */
  | "PHOTO_REQUIRED"
  /** A photo was given to a design without a photo slot. */
  | "PHOTO_NOT_TAKEN"
  /** The photo's bytes do not decode, or it was not fitted before rendering. */
  | "PHOTO_UNREADABLE";

export class RenderError extends DomainError {
  readonly code: RenderErrorCode;

  constructor(code: RenderErrorCode, messageVi: string, details: ErrorDetails = {}) {
    super(messageVi, `${code}: ${messageVi}`, details);
    this.name = "RenderError";
    this.code = code;
  }
}

export function isRenderError(e: unknown): e is RenderError {
  return e instanceof RenderError;
}

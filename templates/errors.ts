// One error type for everything a render can refuse: programs read `code`, the UI shows `messageVi`.

export type RenderErrorCode =
  | "TEXT_EMPTY"
  | "TEXT_INVALID_CHAR"
  | "TEXT_TOO_LONG"
  | "TEXT_DOES_NOT_FIT"
  | "GLYPH_MISSING"
  | "UNKNOWN_TEMPLATE"
  | "UNKNOWN_FORMAT"
  | "FORMAT_NOT_SUPPORTED"
  | "INVALID_CUSTOM_SIZE"
  | "INVALID_OPTIONS";

export class RenderError extends Error {
  readonly code: RenderErrorCode;
  readonly messageVi: string;
  readonly details: Record<string, unknown>;

  constructor(code: RenderErrorCode, messageVi: string, details: Record<string, unknown> = {}) {
    super(`${code}: ${messageVi}`);
    this.name = "RenderError";
    this.code = code;
    this.messageVi = messageVi;
    this.details = details;
  }
}

export function isRenderError(e: unknown): e is RenderError {
  return e instanceof RenderError;
}

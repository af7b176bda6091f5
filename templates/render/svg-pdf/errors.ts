import { DomainError, type ErrorDetails } from "../../../domain/errors";

// The SVG→PDF writer's one error type. `PdfRenderError` carries a stable code and a Vietnamese
// message (a DomainError, like RenderError); `unsupported()` builds the
// PDF_UNSUPPORTED_SVG refusal every other module in this folder throws when it meets a construct
// it cannot reproduce (decision 030: fail closed — a print file that silently lost an element is
// worse than no file). It lives on its own so every module can import it without pulling in the rest.

export type PdfRenderErrorCode = "PDF_UNSUPPORTED_SVG" | "PDF_INVALID_INPUT";

/** A DomainError like RenderError, so callers (worker protocol, app, CLI) treat both alike. */
export class PdfRenderError extends DomainError {
  readonly code: PdfRenderErrorCode;
  constructor(code: PdfRenderErrorCode, messageVi: string, details: ErrorDetails = {}) {
    super(messageVi, `${code}: ${messageVi}`, details);
    this.name = "PdfRenderError";
    this.code = code;
  }
}

/** The fail-closed refusal: an SVG construct this writer cannot reproduce faithfully. */
export const unsupported = (what: string, details: Record<string, unknown> = {}): PdfRenderError =>
  new PdfRenderError(
    "PDF_UNSUPPORTED_SVG",
    `Không xuất được PDF in: SVG có thành phần chưa hỗ trợ (${what}).`,
    {
      what,
      ...details,
    },
  );

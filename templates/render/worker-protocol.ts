// Messages between the render pool and its worker threads. Everything here survives structured
// clone: class instances (RenderError, Template) do not, so errors travel as plain data.
import { RenderError, type RenderErrorCode, isRenderError } from "../errors";
import type { RenderInput } from "../types";
import type { PreflightReport } from "../preflight";
import type { Preview, PreviewAs, RenderedFile, SlugInfo } from "./index.server";

export type RenderJob =
  | {
      kind: "preview";
      templateId: string;
      formatId: string;
      input: RenderInput;
      maxPx?: number;
      as?: PreviewAs;
    }
  | {
      kind: "files";
      templateId: string;
      formatId: string;
      input: RenderInput;
      slug: SlugInfo;
      /** epoch ms: PDF dates are part of the bytes whose hash a version is bound to */
      creationDate?: number;
    };

/** What an asset version keeps; the RenderedSvg (with its template functions) stays in the worker. */
export interface FileSet {
  files: RenderedFile[];
  preflight: PreflightReport;
}

export type JobResult<J extends RenderJob> = J extends { kind: "preview" } ? Preview : FileSet;

export interface WireError {
  renderError: boolean;
  code?: string;
  messageVi?: string;
  details?: Record<string, unknown>;
  message: string;
}

export type ToWorker = { id: number; job: RenderJob };
export type FromWorker =
  | { ready: true }
  | { id: number; ok: true; result: Preview | FileSet }
  | { id: number; ok: false; error: WireError };

export function toWire(e: unknown): WireError {
  if (isRenderError(e)) {
    return {
      renderError: true,
      code: e.code,
      messageVi: e.messageVi,
      details: e.details,
      message: e.message,
    };
  }
  return { renderError: false, message: String((e as Error)?.stack ?? e) };
}

export function fromWire(w: WireError): Error {
  if (w.renderError && w.code) {
    return new RenderError(w.code as RenderErrorCode, w.messageVi ?? "", w.details ?? {});
  }
  return new Error(w.message);
}

/** The ArrayBuffers a result can hand over without copying. */
export function transferables(r: Preview | FileSet): ArrayBuffer[] {
  const bytes = "image" in r ? [r.image] : r.files.map((f) => f.bytes);
  const out = new Set<ArrayBuffer>();
  for (const b of bytes)
    if (b.buffer instanceof ArrayBuffer && b.byteLength === b.buffer.byteLength) out.add(b.buffer);
  return [...out];
}

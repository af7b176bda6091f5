// Messages between the render pool and its worker threads. Everything here survives structured
// clone: class instances (RenderError, Template) do not, so errors travel as plain data and are
// rebuilt as their own class on the pool's side.
import { type WireDomainError, isDomainError, toWireError } from "../../domain/errors";
import { RenderError, type RenderErrorCode } from "../errors";
import { PdfRenderError, type PdfRenderErrorCode } from "./svg-pdf/errors";
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

/** What a render worker thread is started with (its `workerData`). */
export interface RenderWorkerData {
  /** Process RSS, in MB, above which the thread collects after a job (see memory-budget.ts). */
  rssBudgetMb: number;
}

/** What an asset version keeps; the RenderedSvg (with its template functions) stays in the worker. */
export interface FileSet {
  files: RenderedFile[];
  preflight: PreflightReport;
}

export type JobResult<J extends RenderJob> = J extends { kind: "preview" } ? Preview : FileSet;

/** A domain error the worker raised (`domain` set), or anything else as its stack text. */
export interface WireError {
  domain?: WireDomainError;
  message: string;
}

export type ToWorker = { id: number; job: RenderJob };
export type FromWorker =
  | { ready: true }
  | { id: number; ok: true; result: Preview | FileSet }
  | { id: number; ok: false; error: WireError };

export function toWire(e: unknown): WireError {
  if (isDomainError(e)) return { domain: toWireError(e), message: e.message };
  return { message: String((e as Error)?.stack ?? e) };
}

/**
 * The error as the pool's caller sees it: RenderError and PdfRenderError come back as themselves
 * (same code, messageVi and details), so the app shows a PDF-writer refusal like any render
 * refusal; anything else is a plain Error with the worker's stack text.
 */
export function fromWire(w: WireError): Error {
  const d = w.domain;
  if (d?.name === "PdfRenderError")
    return new PdfRenderError(d.code as PdfRenderErrorCode, d.messageVi, d.details);
  if (d) return new RenderError(d.code as RenderErrorCode, d.messageVi, d.details);
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

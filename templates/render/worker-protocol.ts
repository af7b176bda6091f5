// Messages between the render pool and its worker threads. Everything here survives structured
// clone: class instances (RenderError, Template) do not, so errors travel as plain data and are
// rebuilt as their own class on the pool's side.
import { type WireDomainError, isDomainError, toWireError } from "../../domain/errors";
import { RenderError, type RenderErrorCode } from "../errors";
import { PdfRenderError, type PdfRenderErrorCode } from "./svg-pdf/errors";
import type { RenderInput } from "../types";
import type { PreflightReport } from "../preflight";
import type { Preview, PreviewAs, RenderedFile, SlugInfo, StoredPrintSource } from "./index.server";

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
    }
  | {
      /** The 1:10 print file of a stored version, drawn from its SVG (renderScaledPrintFile). */
      kind: "scaled";
      source: StoredPrintSource;
      slug: SlugInfo;
      /** epoch ms, the true-size file's creation date */
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

/** A scaled job's answer: the file, or null when the format needs none. */
export interface ScaledFile {
  file: RenderedFile | null;
}

export type RenderResult = Preview | FileSet | ScaledFile;

export type JobResult<J extends RenderJob> = J extends { kind: "preview" }
  ? Preview
  : J extends { kind: "files" }
    ? FileSet
    : ScaledFile;

/** A domain error the worker raised (`domain` set), or anything else as its stack text. */
export interface WireError {
  domain?: WireDomainError;
  message: string;
}

export type ToWorker = { id: number; job: RenderJob };
export type FromWorker =
  | { ready: true }
  | { id: number; ok: true; result: RenderResult }
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
export function transferables(r: RenderResult): ArrayBuffer[] {
  let bytes: Uint8Array[];
  if ("image" in r) bytes = [r.image];
  else if ("files" in r) bytes = r.files.map((f) => f.bytes);
  else bytes = r.file ? [r.file.bytes] : [];
  const out = new Set<ArrayBuffer>();
  for (const b of bytes)
    if (b.buffer instanceof ArrayBuffer && b.byteLength === b.buffer.byteLength) out.add(b.buffer);
  return [...out];
}

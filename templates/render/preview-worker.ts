import { parentPort } from "node:worker_threads";
import { isRenderError } from "../errors";
import type { RenderInput } from "../types";
import { renderPreview } from "./index.server";

export interface PreviewJob {
  id: number;
  templateId: string;
  formatId: string;
  input: RenderInput;
  maxPx?: number;
}

export type PreviewReply =
  | {
      id: number;
      ok: true;
      png: ArrayBuffer;
      width: number;
      height: number;
      preflight: unknown;
      texts: unknown;
    }
  | {
      id: number;
      ok: false;
      error: { renderError: boolean; code?: string; messageVi?: string; details?: unknown; message: string };
    };

const port = parentPort;
if (!port) throw new Error("preview-worker must run in a worker thread");

port.on("message", async (job: PreviewJob) => {
  try {
    const p = await renderPreview(job.templateId, job.formatId, job.input, { maxPx: job.maxPx });
    // Copy into a fresh ArrayBuffer we can transfer instead of cloning.
    const png = p.png.buffer.slice(p.png.byteOffset, p.png.byteOffset + p.png.byteLength) as ArrayBuffer;
    const reply: PreviewReply = {
      id: job.id,
      ok: true,
      png,
      width: p.width,
      height: p.height,
      preflight: p.preflight,
      texts: p.texts,
    };
    port.postMessage(reply, [png]);
  } catch (e) {
    const err = e as Error & { code?: string; messageVi?: string; details?: unknown };
    const reply: PreviewReply = {
      id: job.id,
      ok: false,
      error: {
        renderError: isRenderError(e),
        code: err.code,
        messageVi: err.messageVi,
        details: err.details,
        message: String(err?.message ?? e),
      },
    };
    port.postMessage(reply);
  }
});
port.postMessage({ ready: true });

// Rendering runs on worker threads: it is CPU-bound and would otherwise block the server's event
// loop (every page waits while someone types or a bulk run renders), and one thread uses one core.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RenderInput } from "../types";
import type { Preview, PreviewAs, RenderedFile, SlugInfo, StoredPrintSource } from "./index.server";
import { DEFAULT_RSS_BUDGET_MB } from "./memory-budget";
import {
  type FileSet,
  type FromWorker,
  fromWire,
  type RenderJob,
  type RenderResult,
  type RenderWorkerData,
  type ScaledFile,
  type ToWorker,
} from "./worker-protocol";

export type { FileSet, RenderedFile, ScaledFile, StoredPrintSource };

// The engine itself (satori, resvg, fonts) is imported only when rendering in this thread, so a
// server with workers keeps none of it in its main thread.
const engine = () => import("./index.server");

/**
 * From source (tsx, vitest) the worker is the TypeScript body behind a loader shim; in the built
 * server this module is bundled into build/server/index.js and the worker is the bundle the build
 * wrote beside it (no TypeScript loader in production: it cost ~30 MB per thread).
 */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (/\.tsx?$/.test(here)) return join(dirname(here), "render-worker.mjs");
  // The bundler may put this code in build/server/ or in a chunk under build/server/assets/.
  const candidates = [dirname(here), dirname(dirname(here))].map((d) => join(d, "render-worker.mjs"));
  const built = candidates.find((c) => existsSync(c));
  if (!built) throw new Error(`render worker bundle missing: ${candidates[0]} (run npm run build)`);
  return built;
}

/**
 * A small young generation makes V8 collect often, which is what frees resvg's pixmaps (held
 * outside the heap by finalizers): 2 workers under 20 users peaked at 754 MB RSS with the default,
 * 452 MB with 4 MB, at the same throughput. The benchmark's workers use the same limits.
 */
export const RENDER_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 192 } as const;

interface Pending {
  id: number;
  job: RenderJob;
  resolve: (r: RenderResult) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  ready: boolean;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The render was cancelled", "AbortError");
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /**
   * `size` worker threads. `script` is for tests: a worker file other than the render worker.
   * `rssBudgetMb`: process RSS in MB above which a thread collects after a job.
   */
  constructor(
    readonly size: number,
    private readonly script = workerScript(),
    private readonly rssBudgetMb: number = DEFAULT_RSS_BUDGET_MB,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const workerData: RenderWorkerData = { rssBudgetMb: this.rssBudgetMb };
    const worker = new Worker(this.script, { resourceLimits: RENDER_WORKER_LIMITS, workerData });
    const slot: Slot = { worker, busy: null, ready: false };
    worker.on("message", (m: FromWorker) => {
      if ("ready" in m) slot.ready = true;
      else this.onReply(slot, m);
      this.pump();
    });
    worker.on("error", (e) => this.onCrash(slot, e));
    worker.on("exit", (code) => {
      if (!this.closed) this.onCrash(slot, new Error(`render worker exited with code ${code}`));
    });
    return slot;
  }

  private onCrash(slot: Slot, e: unknown) {
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return; // already replaced ('error' is followed by 'exit')
    slot.busy?.reject(e);
    slot.busy = null;
    if (slot.ready) {
      this.slots[i] = this.spawn();
    } else {
      // A worker that dies before it is ready (a broken bundle, no memory) would die again at
      // once: fail what waits instead of letting it hang, and try again a second later.
      for (const p of this.queue.splice(0)) p.reject(e);
      this.slots.splice(i, 1);
      setTimeout(() => {
        if (!this.closed) this.slots.push(this.spawn());
      }, 1000).unref();
    }
    this.holdProcess();
  }

  private onReply(slot: Slot, m: Exclude<FromWorker, { ready: true }>) {
    const p = slot.busy;
    slot.busy = null;
    if (!p || m.id !== p.id) return;
    if (m.ok) {
      const r = m.result;
      // Transferred bytes arrive as Uint8Array views; callers expect Buffers.
      if ("image" in r) {
        p.resolve({ ...r, image: Buffer.from(r.image.buffer, r.image.byteOffset, r.image.byteLength) });
      } else p.resolve(r);
    } else p.reject(fromWire(m.error));
  }

  private pump() {
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (slot.busy || !slot.ready) continue;
      const p = this.queue.shift()!;
      slot.busy = p;
      slot.worker.postMessage({ id: p.id, job: p.job } satisfies ToWorker);
    }
    this.holdProcess();
  }

  /**
   * Pending work keeps the process alive; an idle pool must not (a server given SIGTERM would
   * otherwise never exit). Listening for messages refs a worker again, so this runs after each change.
   */
  private holdProcess() {
    const waiting = this.queue.length > 0;
    for (const slot of this.slots) {
      if (slot.busy || waiting || !slot.ready) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  /**
   * Queue a job. An aborted signal drops a job still waiting in the queue: while someone types,
   * only their latest preview is worth rendering. A job already on a worker runs to the end.
   */
  run(job: RenderJob, signal?: AbortSignal): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error("render pool closed"));
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const p: Pending = { id: this.nextId++, job, resolve, reject, signal };
      signal?.addEventListener(
        "abort",
        () => {
          const i = this.queue.indexOf(p);
          if (i < 0) return;
          this.queue.splice(i, 1);
          this.holdProcess();
          reject(abortError(signal));
        },
        { once: true },
      );
      // Previews go ahead of queued version files: someone is watching a preview as they type,
      // while a bulk run's files can wait a few hundred milliseconds without anyone noticing.
      const behind = job.kind === "preview" ? this.queue.findIndex((q) => q.job.kind !== "preview") : -1;
      if (behind < 0) this.queue.push(p);
      else this.queue.splice(behind, 0, p);
      this.pump();
    });
  }

  preview(
    templateId: string,
    formatId: string,
    input: RenderInput,
    opts: { maxPx?: number; as?: PreviewAs; signal?: AbortSignal } = {},
  ): Promise<Preview> {
    const job: RenderJob = { kind: "preview", templateId, formatId, input, maxPx: opts.maxPx, as: opts.as };
    return this.run(job, opts.signal) as Promise<Preview>;
  }

  files(
    templateId: string,
    formatId: string,
    input: RenderInput,
    slug: SlugInfo,
    creationDate?: Date,
  ): Promise<FileSet> {
    const job: RenderJob = {
      kind: "files",
      templateId,
      formatId,
      input,
      slug,
      creationDate: creationDate?.getTime(),
    };
    return this.run(job) as Promise<FileSet>;
  }

  scaled(source: StoredPrintSource, slug: SlugInfo, creationDate?: Date): Promise<ScaledFile> {
    const job: RenderJob = { kind: "scaled", source, slug, creationDate: creationDate?.getTime() };
    return this.run(job) as Promise<ScaledFile>;
  }

  /** Jobs waiting for a free worker (not counting those being rendered). */
  get queued(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("render pool closed"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

const KEY = Symbol.for("co-dong.render-pool");
const g = globalThis as { [KEY]?: RenderPool | null };

/** Largest RENDER_WORKERS the server takes. */
export const MAX_RENDER_WORKERS = 16;

/**
 * Workers per process when RENDER_WORKERS is unset: one per core but one, at least one and at most
 * four: the server's own thread keeps a core for pages, so leadership approving on a phone is not
 * kept waiting by a bulk run. On the 2-core reference machine that is one worker: 345–393 MB peak
 * RSS under load instead of 529 MB with two, and the editor's preview still meets its latency
 * target (decision 008).
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(4, Math.max(1, cores - 1));
}

export interface RenderPoolOptions {
  /** Worker threads, 0–16 (RENDER_WORKERS); 0 renders in the calling thread. Default defaultPoolSize(). */
  workers?: number;
  /** Process RSS in MB above which a thread collects after a job (RENDER_RSS_BUDGET_MB). Default 400. */
  rssBudgetMb?: number;
}

function processPool(options: RenderPoolOptions = {}): RenderPool | null {
  if (g[KEY] === undefined) {
    const size = options.workers ?? defaultPoolSize();
    g[KEY] = size > 0 ? new RenderPool(size, undefined, options.rssBudgetMb) : null;
  }
  return g[KEY];
}

/**
 * Starts the process's pool with `options` now (the server does at boot) instead of on the first
 * render. Once per process: the first call, or else the first render (with the defaults), makes
 * the pool; later calls change nothing.
 */
export function startRenderPool(options: RenderPoolOptions = {}): void {
  processPool(options);
}

/** A preview through the process's pool (made on first use), or in this thread when it is off. */
export function previewInPool(
  templateId: string,
  formatId: string,
  input: RenderInput,
  opts: { maxPx?: number; as?: PreviewAs; signal?: AbortSignal } = {},
): Promise<Preview> {
  const pool = processPool();
  if (pool) return pool.preview(templateId, formatId, input, opts);
  return engine().then((e) =>
    e.renderPreview(templateId, formatId, input, { maxPx: opts.maxPx, as: opts.as }),
  );
}

/** An asset version's files through the process's pool, or in this thread when it is off. */
export async function filesInPool(
  templateId: string,
  formatId: string,
  input: RenderInput,
  slug: SlugInfo,
  creationDate?: Date,
): Promise<FileSet> {
  const pool = processPool();
  if (pool) return pool.files(templateId, formatId, input, slug, creationDate);
  const { files, preflight } = await (await engine()).renderAssetFiles(
    templateId,
    formatId,
    input,
    slug,
    creationDate,
  );
  return { files, preflight };
}

/**
 * The 1:10 print file of a stored version (see renderScaledPrintFile) through the process's pool,
 * or in this thread when it is off: `file` is null when the format needs none. Errors as
 * renderScaledPrintFile's (RenderError, PdfRenderError), rebuilt on this side of the thread.
 */
export async function scaledFileInPool(
  source: StoredPrintSource,
  slug: SlugInfo,
  creationDate?: Date,
): Promise<ScaledFile> {
  const pool = processPool();
  if (pool) return pool.scaled(source, slug, creationDate);
  return { file: await (await engine()).renderScaledPrintFile(source, slug, creationDate) };
}

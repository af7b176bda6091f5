// Two render workers fed from one queue: whichever finishes first takes the next job, so a mixed
// bulk run (tiny PNGs next to 10 m banners) keeps both cores busy until the end.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { RENDER_WORKER_LIMITS } from "../../templates/render/pool.server";
import type { Job } from "./cases";
import type { EngineWorkerData, FromWorker, ToWorker } from "./engine-worker";

/**
 * The benchmark's 400 MB target less what one files job can add before its thread collects
 * (templates/render/memory-budget.ts; the server's own budget is set against its 500 MB target).
 */
export const BENCH_RSS_BUDGET_MB = 320;

export interface PoolRun {
  wallMs: number;
  perJobMs: number[];
  bytes: number[];
}

function once(w: Worker, type: FromWorker["type"]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: FromWorker) => {
      if (m.type === type) {
        w.off("message", onMsg);
        resolve();
      }
    };
    w.on("message", onMsg);
    w.once("error", reject);
  });
}

export class EnginePool {
  private constructor(private readonly workers: Worker[]) {}

  /** Workers run the bundled engine with the server's heap limits: what a render service holds. */
  static async start(size: number): Promise<EnginePool> {
    // scripts/bench/build.ts writes the worker beside the harness bundle this code runs from.
    const script = fileURLToPath(new URL("./engine-worker.mjs", import.meta.url));
    if (!existsSync(script)) throw new Error(`${script} missing: run the benchmark with npm run bench`);
    const workerData: EngineWorkerData = { rssBudgetMb: BENCH_RSS_BUDGET_MB };
    const workers = Array.from(
      { length: size },
      () => new Worker(script, { resourceLimits: RENDER_WORKER_LIMITS, workerData }),
    );
    await Promise.all(workers.map((w) => once(w, "ready")));
    return new EnginePool(workers);
  }

  async warm(jobs: Job[]): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        const done = once(w, "warmed");
        w.postMessage({ type: "warm", jobs } satisfies ToWorker);
        return done;
      }),
    );
  }

  /** `lanes` = 1 times one job at a time in one worker (latency); all workers for throughput. */
  run(jobs: Job[], lanes = this.workers.length): Promise<PoolRun> {
    const workers = this.workers.slice(0, lanes);
    return new Promise((resolve, reject) => {
      const perJobMs: number[] = new Array(jobs.length);
      const bytes: number[] = new Array(jobs.length);
      let next = 0;
      let finished = 0;
      const t0 = performance.now();
      const listeners: [Worker, (m: FromWorker) => void][] = [];
      const cleanup = () => {
        for (const [w, l] of listeners) w.off("message", l);
      };
      const feed = (w: Worker) => {
        if (next >= jobs.length) return;
        const id = next++;
        w.postMessage({ type: "job", id, job: jobs[id] } satisfies ToWorker);
      };
      for (const w of workers) {
        const l = (m: FromWorker) => {
          if (m.type === "failed") {
            cleanup();
            reject(new Error(`worker job ${m.id} failed: ${m.error}`));
          } else if (m.type === "done") {
            perJobMs[m.id] = m.ms;
            bytes[m.id] = m.bytes;
            finished++;
            if (finished === jobs.length) {
              cleanup();
              resolve({ wallMs: performance.now() - t0, perJobMs, bytes });
            } else feed(w);
          }
        };
        listeners.push([w, l]);
        w.on("message", l);
      }
      for (const w of workers) feed(w);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

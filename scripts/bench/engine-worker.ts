// One render worker: fonts are loaded once here (the registry memoises per thread), then jobs are
// rendered one at a time as the main thread hands them out.
import { parentPort, workerData } from "node:worker_threads";
import { DESIGN_FONTS } from "../../templates/catalog";
import { getSatoriFonts } from "../../fonts/registry.server";
import { collectIfOverBudget } from "../../templates/render/memory-budget";
import type { RenderWorkerData } from "../../templates/render/worker-protocol";
import type { Job } from "./cases";
import { runEngine } from "./engine";

/** What the pool starts a worker with: the same budget field as the server's render workers. */
export type EngineWorkerData = RenderWorkerData;

export type ToWorker =
  | { type: "warm"; jobs: Job[] }
  | { type: "job"; id: number; job: Job }
  | { type: "exit" };
export type FromWorker =
  | { type: "ready" }
  | { type: "warmed" }
  | { type: "done"; id: number; ms: number; bytes: number }
  | { type: "failed"; id: number; error: string };

const port = parentPort;
if (!port) throw new Error("engine-worker must run as a worker thread");
const send = (m: FromWorker) => port.postMessage(m);

getSatoriFonts(DESIGN_FONTS);

port.on("message", async (m: ToWorker) => {
  if (m.type === "exit") {
    port.close();
    return;
  }
  if (m.type === "warm") {
    for (const job of m.jobs) await runEngine(job);
    send({ type: "warmed" });
    return;
  }
  const t0 = performance.now();
  try {
    const r = await runEngine(m.job);
    send({ type: "done", id: m.id, ms: performance.now() - t0, bytes: r.bytes });
  } catch (e) {
    send({ type: "failed", id: m.id, error: (e as Error).stack ?? String(e) });
  }
  // As the server's render worker does: a collection lands in a run's wall time (images/s, bulk),
  // not in one image's latency.
  collectIfOverBudget((workerData as EngineWorkerData).rssBudgetMb);
});
send({ type: "ready" });

// A render worker thread: fonts are parsed once per thread, then jobs run one at a time.
import { parentPort, workerData } from "node:worker_threads";
import { supports, TEMPLATES } from "../catalog";
import { FORMATS } from "../formats";
import { renderAssetFiles, renderPreview, renderScaledPrintFile } from "./index.server";
import { collectIfOverBudget } from "./memory-budget";
import {
  type FromWorker,
  type RenderResult,
  type RenderWorkerData,
  type ToWorker,
  toWire,
  transferables,
} from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("render-worker must run in a worker thread");
// The pool passes its budget in; a thread started without one keeps the default.
const rssBudgetMb = (workerData as Partial<RenderWorkerData> | null)?.rssBudgetMb;

async function run({ job }: ToWorker): Promise<RenderResult> {
  if (job.kind === "preview") {
    return renderPreview(job.templateId, job.formatId, job.input, { maxPx: job.maxPx, as: job.as });
  }
  const creation = job.creationDate === undefined ? undefined : new Date(job.creationDate);
  if (job.kind === "scaled") return { file: await renderScaledPrintFile(job.source, job.slug, creation) };
  const { files, preflight } = await renderAssetFiles(
    job.templateId,
    job.formatId,
    job.input,
    job.slug,
    creation,
  );
  return { files, preflight };
}

port.on("message", async (m: ToWorker) => {
  let reply: FromWorker;
  try {
    const result = await run(m);
    reply = { id: m.id, ok: true, result };
    port.postMessage(reply, transferables(result));
  } catch (e) {
    reply = { id: m.id, ok: false, error: toWire(e) };
    port.postMessage(reply);
  }
  // After the answer is on its way: the caller does not wait for the collection.
  collectIfOverBudget(rssBudgetMb);
});
/** Parse the fonts and compile the hot paths before taking jobs, so no one's first preview waits. */
async function warmUp() {
  for (const t of TEMPLATES) {
    const f = FORMATS.find((x) => supports(t, x));
    if (f) await renderPreview(t.id, f.id, { text: "Khởi động" }, { maxPx: 200 }).catch(() => undefined);
  }
}

await warmUp();
port.postMessage({ ready: true } satisfies FromWorker);

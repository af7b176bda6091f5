import { type DbHandle, getDb } from "../../storage/db/connection";
import { getObjectStore } from "../../storage/objects/index.server";
import type { ObjectStore } from "../../storage/objects/types";
import { errorText, type PublisherLog } from "./context";
import { defaultWorkerId, runPublisherOnce } from "./run";

// The background loop of the web process (started by app/lib/publisher.server.ts).

interface PublisherHandle {
  timer: ReturnType<typeof setInterval>;
  running: Promise<unknown> | null;
  stopped: boolean;
}

// On globalThis so that Vite's dev server, which re-evaluates modules on every change, still ends
// up with a single loop per process.
const GLOBAL_KEY = Symbol.for("co-dong.publisher");
type WithPublisher = typeof globalThis & { [GLOBAL_KEY]?: PublisherHandle };

export interface StartPublisherOptions {
  intervalMs?: number;
  db?: () => DbHandle;
  store?: () => ObjectStore;
  log?: PublisherLog;
}

const consoleLog: PublisherLog = (level, message) => {
  if (level === "error") console.error(`[publisher] ${message}`);
  else if (level === "warn") console.warn(`[publisher] ${message}`);
  else console.info(`[publisher] ${message}`);
};

/** Starts the background loop once per process (later calls are no-ops); runs a pass right away. */
export function startPublisher(options: StartPublisherOptions = {}): void {
  const g = globalThis as WithPublisher;
  if (g[GLOBAL_KEY] && !g[GLOBAL_KEY].stopped) return;
  const log = options.log ?? consoleLog;
  const workerId = defaultWorkerId();
  const tick = () => {
    const h = g[GLOBAL_KEY];
    if (!h || h.stopped || h.running) return;
    h.running = (async () => {
      // Both getters can throw (bad MINIO_* config, unwritable DATA_DIR): log and try next tick.
      const db = (options.db ?? getDb)();
      const store = (options.store ?? getObjectStore)();
      const res = await runPublisherOnce({ db, store, workerId, log });
      if (res.failed) log("warn", `${res.failed} job(s) failed, ${res.pending} waiting`);
    })()
      .catch((err: unknown) => log("error", `pass failed: ${errorText(err)}`))
      .finally(() => {
        h.running = null;
      });
  };
  const timer = setInterval(tick, Math.max(1000, options.intervalMs ?? 15_000));
  // The web server keeps the process alive; the publisher alone must not (scripts, tests).
  timer.unref?.();
  g[GLOBAL_KEY] = { timer, running: null, stopped: false };
  setImmediate(tick);
}

/** Stops the loop and waits for a pass in progress to finish. */
export async function stopPublisher(): Promise<void> {
  const g = globalThis as WithPublisher;
  const h = g[GLOBAL_KEY];
  if (!h) return;
  h.stopped = true;
  clearInterval(h.timer);
  await h.running;
  if (g[GLOBAL_KEY] === h) delete g[GLOBAL_KEY];
}

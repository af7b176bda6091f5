import type { DbHandle } from "../../storage/db/connection";
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

/** Time between passes when none is given, in ms. */
export const DEFAULT_PUBLISHER_INTERVAL_MS = 15_000;
/** Shortest time between passes, in ms: a shorter interval is raised to it. */
export const MIN_PUBLISHER_INTERVAL_MS = 1000;

export interface StartPublisherOptions {
  /** Time between passes, in ms (PUBLISHER_INTERVAL_MS); default 15000, at least 1000. */
  intervalMs?: number;
  /** The database and the store, asked for at each pass; either may throw (logged, retried next pass). */
  db: () => DbHandle;
  store: () => ObjectStore;
  /** Days uploaded files stay locked (PUBLISH_RETENTION_DAYS); see PublisherOptions.retentionDays. */
  retentionDays?: number;
  log?: PublisherLog;
}

const consoleLog: PublisherLog = (level, message) => {
  if (level === "error") console.error(`[publisher] ${message}`);
  else if (level === "warn") console.warn(`[publisher] ${message}`);
  else console.info(`[publisher] ${message}`);
};

/** Starts the background loop once per process (later calls are no-ops); runs a pass right away. */
export function startPublisher(options: StartPublisherOptions): void {
  const g = globalThis as WithPublisher;
  if (g[GLOBAL_KEY] && !g[GLOBAL_KEY].stopped) return;
  const log = options.log ?? consoleLog;
  const workerId = defaultWorkerId();
  const tick = () => {
    const h = g[GLOBAL_KEY];
    if (!h || h.stopped || h.running) return;
    h.running = (async () => {
      // Both getters can throw (a store that refuses its config, an unwritable DATA_DIR): log and try next tick.
      const db = options.db();
      const store = options.store();
      const res = await runPublisherOnce({ db, store, workerId, log, retentionDays: options.retentionDays });
      if (res.failed) log("warn", `${res.failed} job(s) failed, ${res.pending} waiting`);
    })()
      .catch((err: unknown) => log("error", `pass failed: ${errorText(err)}`))
      .finally(() => {
        h.running = null;
      });
  };
  const timer = setInterval(
    tick,
    Math.max(MIN_PUBLISHER_INTERVAL_MS, options.intervalMs ?? DEFAULT_PUBLISHER_INTERVAL_MS),
  );
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

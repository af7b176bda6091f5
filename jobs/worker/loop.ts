import { errorText, type JobLog } from "./log";

// The background loop of an outbox worker in the web process: one per process and name, a pass
// right away and then every interval, never two passes at once, and a pass that throws is logged
// and tried again next time instead of stopping the loop.

interface LoopHandle {
  timer: ReturnType<typeof setInterval>;
  running: Promise<unknown> | null;
  stopped: boolean;
  onStop?: () => void;
}

// On globalThis so that Vite's dev server, which re-evaluates modules on every change, still ends
// up with a single loop per process.
const keyFor = (name: string) => Symbol.for(`co-dong.${name}`);
type WithLoops = typeof globalThis & Record<symbol, LoopHandle | undefined>;

export interface JobLoopOptions {
  /** Names the loop ("publisher", "notifier"): one loop per name per process. */
  name: string;
  /** Between passes, ms; raised to `minIntervalMs`. */
  intervalMs: number;
  /** Shortest interval, ms (default 1000). */
  minIntervalMs?: number;
  /** One pass; may throw (logged as "pass failed", the loop goes on). */
  pass: () => Promise<void>;
  log: JobLog;
  /** Called once the loop has stopped and its last pass ended (close connections). */
  onStop?: () => void;
}

/** Starts the loop unless one of that name runs (then a no-op, returning false). */
export function startJobLoop(o: JobLoopOptions): boolean {
  const g = globalThis as WithLoops;
  const key = keyFor(o.name);
  if (g[key] && !g[key].stopped) return false;
  const tick = () => {
    const h = g[key];
    if (!h || h.stopped || h.running) return;
    h.running = o
      .pass()
      .catch((err: unknown) => o.log("error", `pass failed: ${errorText(err)}`))
      .finally(() => {
        h.running = null;
      });
  };
  const timer = setInterval(tick, Math.max(o.minIntervalMs ?? 1000, o.intervalMs));
  // The web server keeps the process alive; a worker loop alone must not (scripts, tests).
  timer.unref?.();
  g[key] = { timer, running: null, stopped: false, onStop: o.onStop };
  setImmediate(tick);
  return true;
}

/** Stops the named loop, waits for a pass in progress to end, then runs its onStop. */
export async function stopJobLoop(name: string): Promise<void> {
  const g = globalThis as WithLoops;
  const key = keyFor(name);
  const h = g[key];
  if (!h) return;
  h.stopped = true;
  clearInterval(h.timer);
  await h.running;
  h.onStop?.();
  if (g[key] === h) delete g[key];
}

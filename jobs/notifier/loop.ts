import type { DbHandle } from "../../storage/db/connection";
import type { NotificationChannel } from "./channel";
import { errorText, type NotifierLog } from "./context";
import { defaultWorkerId, runNotifierOnce } from "./run";
import { channelsFrom, type NotifierSettings } from "./settings";

// The background loop of the web process, like the publisher's: one per process, a pass every few
// seconds, logging instead of throwing.

interface NotifierHandle {
  timer: ReturnType<typeof setInterval>;
  running: Promise<unknown> | null;
  stopped: boolean;
  channels: readonly NotificationChannel[];
}

// On globalThis so that Vite's dev server, which re-evaluates modules on every change, still ends
// up with a single loop per process.
const GLOBAL_KEY = Symbol.for("co-dong.notifier");
type WithNotifier = typeof globalThis & { [GLOBAL_KEY]?: NotifierHandle };

/** Milliseconds between passes when the caller gives none. */
export const DEFAULT_NOTIFIER_INTERVAL_MS = 5_000;

export interface StartNotifierOptions extends NotifierSettings {
  /** Between passes, ms (default 5 000, at least 1 000): how long a new notice waits for the inbox. */
  intervalMs?: number;
  /** The database, asked for at each pass (the app passes its `appDb`); may throw (logged, retried next pass). */
  db: () => DbHandle;
  log?: NotifierLog;
  /** Channels instead of the ones the settings make (tests, a future Zalo OA channel). */
  channels?: readonly NotificationChannel[];
}

const consoleLog: NotifierLog = (level, message) => {
  if (level === "error") console.error(`[notifier] ${message}`);
  else if (level === "warn") console.warn(`[notifier] ${message}`);
  else console.info(`[notifier] ${message}`);
};

/**
 * Starts the background loop once per process (later calls are no-ops) and runs a pass right away.
 * Logs whether e-mail is on or off. Throws NotifierConfigError at once for malformed settings
 * (SMTP_URL, MAIL_FROM, PUBLIC_ORIGIN, digest time or zone), so a typo shows at start-up.
 */
export function startNotifier(options: StartNotifierOptions): void {
  const g = globalThis as WithNotifier;
  if (g[GLOBAL_KEY] && !g[GLOBAL_KEY].stopped) return;
  const log = options.log ?? consoleLog;
  const channels = options.channels ?? channelsFrom(options, log);
  const workerId = defaultWorkerId();
  const tick = () => {
    const h = g[GLOBAL_KEY];
    if (!h || h.stopped || h.running) return;
    h.running = (async () => {
      const db = options.db();
      const res = await runNotifierOnce({ ...options, db, channels, workerId, log });
      if (res.failed) log("warn", `${res.failed} job(s) failed, ${res.pending} waiting`);
    })()
      .catch((err: unknown) => log("error", `pass failed: ${errorText(err)}`))
      .finally(() => {
        h.running = null;
      });
  };
  const timer = setInterval(tick, Math.max(1000, options.intervalMs ?? DEFAULT_NOTIFIER_INTERVAL_MS));
  // The web server keeps the process alive; the notifier alone must not (scripts, tests).
  timer.unref?.();
  g[GLOBAL_KEY] = { timer, running: null, stopped: false, channels };
  setImmediate(tick);
}

/** Stops the loop, waits for a pass in progress, and closes the channels' connections. */
export async function stopNotifier(): Promise<void> {
  const g = globalThis as WithNotifier;
  const h = g[GLOBAL_KEY];
  if (!h) return;
  h.stopped = true;
  clearInterval(h.timer);
  await h.running;
  for (const c of h.channels) c.close();
  if (g[GLOBAL_KEY] === h) delete g[GLOBAL_KEY];
}

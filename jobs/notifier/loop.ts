import type { DbHandle } from "../../storage/db/connection";
import type { NotificationChannel } from "./channel";
import { consoleJobLog, defaultWorkerId, startJobLoop, stopJobLoop } from "../worker";
import type { NotifierLog } from "./context";
import { runNotifierOnce } from "./run";
import { channelsFrom, type NotifierSettings } from "./settings";

// The background loop of the web process, like the publisher's: one per process, a pass every few
// seconds, logging instead of throwing.

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

/**
 * Starts the background loop once per process (later calls are no-ops) and runs a pass right away.
 * Logs whether e-mail is on or off. Throws NotifierConfigError at once for malformed settings
 * (SMTP_URL, MAIL_FROM, PUBLIC_ORIGIN, digest time or zone), so a typo shows at start-up.
 */
export function startNotifier(options: StartNotifierOptions): void {
  const log = options.log ?? consoleJobLog("notifier");
  const channels = options.channels ?? channelsFrom(options, log);
  const workerId = defaultWorkerId();
  const started = startJobLoop({
    name: "notifier",
    intervalMs: options.intervalMs ?? DEFAULT_NOTIFIER_INTERVAL_MS,
    log,
    pass: async () => {
      const db = options.db();
      const res = await runNotifierOnce({ ...options, db, channels, workerId, log });
      if (res.failed) log("warn", `${res.failed} job(s) failed, ${res.pending} waiting`);
    },
    onStop: () => {
      for (const c of channels) c.close();
    },
  });
  // A loop already running keeps its own channels; close the ones made for nothing.
  if (!started && !options.channels) for (const c of channels) c.close();
}

/** Stops the loop, waits for a pass in progress, and closes the channels' connections. */
export function stopNotifier(): Promise<void> {
  return stopJobLoop("notifier");
}

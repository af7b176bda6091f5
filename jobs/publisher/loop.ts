import type { DbHandle } from "../../storage/db/connection";
import type { ObjectStore } from "../../storage/objects/types";
import { consoleJobLog, defaultWorkerId, startJobLoop, stopJobLoop } from "../worker";
import type { PublisherLog } from "./context";
import { runPublisherOnce } from "./run";

// The background loop of the web process (started by app/lib/publisher.server.ts).

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
  /** Where print files' verify QR codes link to; see PublisherOptions.publicOrigin. */
  publicOrigin?: string | null;
  log?: PublisherLog;
}

/** Starts the background loop once per process (later calls are no-ops); runs a pass right away. */
export function startPublisher(options: StartPublisherOptions): void {
  const log = options.log ?? consoleJobLog("publisher");
  const workerId = defaultWorkerId();
  startJobLoop({
    name: "publisher",
    intervalMs: options.intervalMs ?? DEFAULT_PUBLISHER_INTERVAL_MS,
    minIntervalMs: MIN_PUBLISHER_INTERVAL_MS,
    log,
    pass: async () => {
      // Both getters can throw (a store that refuses its config, an unwritable DATA_DIR): logged, tried next pass.
      const db = options.db();
      const store = options.store();
      const res = await runPublisherOnce({
        db,
        store,
        workerId,
        log,
        retentionDays: options.retentionDays,
        publicOrigin: options.publicOrigin,
      });
      if (res.failed) log("warn", `${res.failed} job(s) failed, ${res.pending} waiting`);
    },
  });
}

/** Stops the loop and waits for a pass in progress to finish. */
export function stopPublisher(): Promise<void> {
  return stopJobLoop("publisher");
}

import { settings } from "../../config/env.server";
import { startPublisher } from "../../jobs/publisher";
import { publicOrigin } from "./http.server";
import { appDb, appObjectStore } from "./stores.server";

/**
 * The background loop that uploads approved print files and marks assets published, every
 * PUBLISHER_INTERVAL_MS with PUBLISH_RETENTION_DAYS of object lock. Idempotent per process;
 * PUBLISHER=0 turns it off (e.g. when a separate worker runs it). Throws ConfigError
 * (CONFIG_INVALID) for bad settings.
 */
export function startPublisherOnce(): void {
  const { publisher } = settings();
  if (!publisher.enabled) return;
  startPublisher({
    intervalMs: publisher.intervalMs,
    retentionDays: publisher.retentionDays,
    db: appDb,
    store: appObjectStore,
    // A 1:10 file drawn at publish time (versions made before it existed) carries the verify QR.
    publicOrigin: publicOrigin(),
  });
}

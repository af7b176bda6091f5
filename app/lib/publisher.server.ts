import { startPublisher } from "../../jobs/publisher";

/**
 * The background loop that uploads approved print files and marks assets published. It is
 * idempotent per process; PUBLISHER=0 turns it off (e.g. when a separate worker runs it).
 */
export function startPublisherOnce(): void {
  if (process.env.PUBLISHER === "0") return;
  const ms = Number(process.env.PUBLISHER_INTERVAL_MS);
  startPublisher(Number.isFinite(ms) && ms > 0 ? { intervalMs: ms } : {});
}

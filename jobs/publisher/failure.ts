import { ObjectStoreError } from "../../storage/objects/index.server";
import type { OutboxJob } from "../../storage/outbox";
import { isBusyDatabase, recordJobFailure } from "../worker";
import type { PublisherContext } from "./context";

/** Failures that say nothing about the job itself: an outage, a busy database, a concurrent write. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ObjectStoreError) return err.retryable || err.code === "NO_BUCKET";
  // Another connection holding the write lock past busy_timeout: nothing wrong with the job.
  if (isBusyDatabase(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  // The workflow refuses a concurrent write with CONFLICT; the next attempt re-reads the row.
  return (err as { name?: unknown } | null)?.name === "WorkflowError" && code === "CONFLICT";
}

/**
 * Records a failed attempt. A retryable failure (store down, slow, bucket missing) never exhausts
 * the job's attempts: an outage over a weekend would otherwise leave an approved asset unpublished
 * for good. False when this worker no longer held the claim (nothing was recorded).
 */
export function recordFailure(ctx: PublisherContext, job: OutboxJob, err: unknown): boolean {
  return recordJobFailure(ctx, job, err, isRetryable(err));
}

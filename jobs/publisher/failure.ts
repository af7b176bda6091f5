import { ObjectStoreError } from "../../storage/objects/index.server";
import { failOutbox, keepRetrying, type OutboxJob } from "../../storage/outbox";
import { errorText, type PublisherContext } from "./context";

/** Failures that say nothing about the job itself: an outage, a busy database, a concurrent write. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ObjectStoreError) return err.retryable || err.code === "NO_BUCKET";
  const code = (err as { code?: unknown } | null)?.code;
  // Another connection holding the write lock past busy_timeout: nothing wrong with the job.
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return true;
  // The workflow refuses a concurrent write with CONFLICT; the next attempt re-reads the row.
  return (err as { name?: unknown } | null)?.name === "WorkflowError" && code === "CONFLICT";
}

/**
 * Records a failed attempt. A retryable failure (store down, slow, bucket missing) never exhausts
 * the job's attempts: an outage over a weekend would otherwise leave an approved asset unpublished
 * for good. False when this worker no longer held the claim (nothing was recorded).
 */
export function recordFailure(ctx: PublisherContext, job: OutboxJob, err: unknown): boolean {
  const message = errorText(err);
  const retryable = isRetryable(err);
  if (retryable) keepRetrying(ctx.db, job.id, ctx.workerId);
  const res = failOutbox(ctx.db, job.id, ctx.workerId, message, ctx.clock());
  ctx.log(
    retryable ? "warn" : "error",
    `${job.kind} job ${job.id} (attempt ${job.attempts}) failed: ${message}` +
      (res ? ` → ${res.status}, next attempt ${res.availableAt}` : " (claim already lost)"),
  );
  return res !== null;
}

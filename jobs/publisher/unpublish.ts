import { immediate } from "../../storage/db/sync";
import type { OutboxJob, UnpublishPayload } from "../../storage/outbox";
import { withdrawPublishedObjects } from "../../storage/published-objects";
import { completeOrLose, type PublisherContext } from "./context";

/**
 * One unpublish_asset job. Objects stay in the store as the audit copy (and retention forbids
 * deleting them anyway); print access refuses withdrawn rows, so no new link is issued for them.
 */
export function unpublishJob(ctx: PublisherContext, job: OutboxJob<UnpublishPayload>): void {
  const now = ctx.clock();
  // Logged after the commit: PostgreSQL may run the block more than once.
  const n = immediate(ctx.db.conn, () => {
    const withdrawn = withdrawPublishedObjects(
      ctx.db.conn,
      job.payload.assetId,
      now.toISOString(),
      "revoked",
    );
    completeOrLose(ctx, job, now);
    return withdrawn;
  });
  ctx.log("info", `${job.payload.code}: print access withdrawn (${n} object(s))`);
}

import type { DbHandle } from "../../storage/db/connection";
import type { ObjectStore } from "../../storage/objects/types";
import {
  countOutstanding,
  PUBLISH_KIND,
  type PublishPayload,
  UNPUBLISH_KIND,
  type UnpublishPayload,
} from "../../storage/outbox";
import { type Claim, defaultWorkerId, withLeases } from "../worker";
import { type PublisherContext, PublishError, type PublisherLog } from "./context";
import { recordFailure } from "./failure";
import { publishJob } from "./publish";
import { unpublishJob } from "./unpublish";

// Approved print files travel SQLite → object store through the outbox: the APPROVE transaction
// enqueued the job, so the only thing that can go wrong here is the trip itself. Everything is
// safe to repeat: uploads are skipped when the key already holds the same bytes, and the
// "published" transition, the object rows and the job completion commit together or not at all.
// See docs/decisions/060-publisher.md.

/** Five years of 365.25 days: the archive period the commune keeps approved material for. */
export const DEFAULT_RETENTION_DAYS = 1826;
/**
 * A claim lasts this long unless its worker is alive to renew it: a live worker renews every
 * third of it (see `renewOutboxLease`), so a slow upload keeps its job, and a job of a killed
 * process is taken over within this time after a restart.
 */
export const DEFAULT_LEASE_MS = 30_000;

export interface PublisherOptions {
  db: DbHandle;
  store: ObjectStore;
  /** Fixed clock for tests; otherwise the wall clock is read at each step. */
  now?: Date;
  workerId?: string;
  /** Jobs per run (default 10). */
  limit?: number;
  leaseMs?: number;
  /** Days after approval the uploaded files stay undeletable (the server passes PUBLISH_RETENTION_DAYS); default 1826; 0 = none. */
  retentionDays?: number;
  /**
   * The origin print files' verify QR codes link to (the app's `publicOrigin()`), for the 1:10
   * files of older versions drawn at publish time; without it they carry the verify code but no QR.
   */
  publicOrigin?: string | null;
  log?: PublisherLog;
}

export interface PublisherRunResult {
  /** Jobs that ended with the asset published (or found already published). */
  published: number;
  /** Jobs that failed this run and were rescheduled (or given up, for non-retryable errors). */
  failed: number;
  /** Publish jobs still outstanding after the run (pending or claimed). */
  pending: number;
  /** Publish jobs closed without publishing (asset revoked meanwhile, job no longer current). */
  skipped: number;
  /** Revoke jobs applied (print-shop access withdrawn). */
  withdrawn: number;
}

/**
 * One pass: applies due revokes, then uploads and publishes due approvals. Never throws for a job;
 * throws TypeError for a `publicOrigin` that is not a URL.
 */
export async function runPublisherOnce(opts: PublisherOptions): Promise<PublisherRunResult> {
  const ctx: PublisherContext = {
    db: opts.db,
    store: opts.store,
    workerId: opts.workerId ?? defaultWorkerId(),
    clock: () => opts.now ?? new Date(),
    retentionDays: opts.retentionDays ?? DEFAULT_RETENTION_DAYS,
    publicOrigin: opts.publicOrigin ? new URL(opts.publicOrigin).origin : null,
    log: opts.log ?? (() => {}),
    bucketReady: null,
  };
  const limit = opts.limit ?? 10;
  return withLeases(ctx, opts.leaseMs ?? DEFAULT_LEASE_MS, (claim, held) =>
    runClaimed(ctx, claim, held, limit),
  );
}

async function runClaimed(
  ctx: PublisherContext,
  claim: Claim,
  held: Set<number>,
  limit: number,
): Promise<PublisherRunResult> {
  const result: PublisherRunResult = { published: 0, failed: 0, pending: 0, skipped: 0, withdrawn: 0 };
  // Revokes first, so a revoke that is already due wins over an upload in the same pass.
  for (const job of claim<UnpublishPayload>([UNPUBLISH_KIND], limit)) {
    try {
      unpublishJob(ctx, job);
      result.withdrawn++;
    } catch (err) {
      if (err instanceof PublishError && err.code === "LEASE_LOST") continue;
      recordFailure(ctx, job, err);
    } finally {
      held.delete(job.id);
    }
  }
  for (const job of claim<PublishPayload>([PUBLISH_KIND], limit)) {
    try {
      const outcome = await publishJob(ctx, job);
      result[outcome]++;
    } catch (err) {
      if (err instanceof PublishError && err.code === "LEASE_LOST") {
        ctx.log("warn", `publish job ${job.id}: lease lost to another worker; its result stands`);
        continue;
      }
      // A worker that lost its claim records nothing: the job's current holder owns the outcome.
      if (recordFailure(ctx, job, err)) result.failed++;
    } finally {
      held.delete(job.id);
    }
  }
  result.pending = countOutstanding(ctx.db, PUBLISH_KIND);
  return result;
}

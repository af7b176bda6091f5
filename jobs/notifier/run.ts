import type { DbHandle } from "../../storage/db/connection";
import {
  type CommentNotifyPayload,
  countOutstanding,
  type DigestPayload,
  NOTIFY_COMMENT_KIND,
  NOTIFY_DIGEST_KIND,
  NOTIFY_KIND,
  type NotifyPayload,
  type OutboxJob,
} from "../../storage/outbox";
import { ChannelError, type NotificationChannel } from "./channel";
import { type Claim, defaultWorkerId, isBusyDatabase, recordJobFailure, withLeases } from "../worker";
import { LeaseLostError, type NotifierContext, type NotifierLog } from "./context";
import { enqueueDueReminders } from "../reminders/scan";
import { digestJob, scheduleDigest } from "./digest";
import { noticeJob } from "./notice";
import type { DownChannels } from "./send";
import { channelsFrom, type NotifierSettings, resolveSettings } from "./settings";

// The notifier works the `notify`, `notify_comment` and `notify_digest` outbox jobs (decision 080):
// claim → inbox entries and deliveries → send → complete, or fail → retried with backoff. The
// decision that enqueued a job committed long before; nothing here can delay or undo it.

/** A claim lasts this long unless renewed; a live worker renews every third of it. */
export const DEFAULT_NOTIFIER_LEASE_MS = 30_000;

export interface NotifierOptions extends NotifierSettings {
  db: DbHandle;
  /**
   * The channels to send on. Default: built from the settings for this pass and closed after it
   * (the loop builds them once instead). [] = inbox only.
   */
  channels?: readonly NotificationChannel[];
  /** Fixed clock for tests; otherwise the wall clock is read at each step. */
  now?: Date;
  workerId?: string;
  /** Jobs claimed per kind per pass (default 20). */
  limit?: number;
  /** Lease of a claim, ms (default 30 000). */
  leaseMs?: number;
  log?: NotifierLog;
}

export interface NotifierRunResult {
  /** Notify jobs finished this pass. */
  notices: number;
  /** Inbox entries written this pass. */
  entries: number;
  /** Messages handed to a channel this pass (instant notices and digests). */
  sent: number;
  /** Digest jobs finished this pass. */
  digests: number;
  /** Jobs that failed this pass and were rescheduled with backoff. */
  failed: number;
  /** Notify jobs (decisions, comments) still outstanding after the pass; the scheduled digest is not counted. */
  pending: number;
}

/** A channel that is down, a busy database: nothing is wrong with the job itself. */
function isRetryable(err: unknown): boolean {
  if (err instanceof ChannelError) return err.retryable;
  return isBusyDatabase(err);
}

/**
 * One pass: schedules the next digest, enqueues due reminders (jobs/reminders), then works due
 * notify / notify_comment jobs, then a due digest. Never throws for a job (failures are recorded on it); throws NotifierConfigError for
 * malformed settings.
 */
export async function runNotifierOnce(opts: NotifierOptions): Promise<NotifierRunResult> {
  const log = opts.log ?? (() => {});
  const settings = resolveSettings(opts);
  const own = opts.channels === undefined;
  const channels = opts.channels ?? channelsFrom(opts, log);
  const ctx: NotifierContext = {
    db: opts.db,
    channels,
    workerId: opts.workerId ?? defaultWorkerId(),
    clock: () => opts.now ?? new Date(),
    ...settings,
    log,
  };
  try {
    return await withLeases(ctx, opts.leaseMs ?? DEFAULT_NOTIFIER_LEASE_MS, (claim, held) =>
      runClaimed(ctx, claim, held, opts.limit ?? 20),
    );
  } finally {
    if (own) for (const c of channels) c.close();
  }
}

async function runClaimed(
  ctx: NotifierContext,
  claim: Claim,
  held: Set<number>,
  limit: number,
): Promise<NotifierRunResult> {
  const result: NotifierRunResult = { notices: 0, entries: 0, sent: 0, digests: 0, failed: 0, pending: 0 };
  // A channel that failed retryably is not tried again this pass: the remaining jobs still write
  // their inbox entries at once, and wait for the next attempt for their sends.
  const down: DownChannels = new Map();
  const run = async (job: OutboxJob, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      if (err instanceof LeaseLostError) {
        ctx.log("warn", `${job.kind} job ${job.id}: lease lost to another worker; its result stands`);
      } else if (recordJobFailure(ctx, job, err, isRetryable(err))) result.failed++;
    } finally {
      held.delete(job.id);
    }
  };
  if (ctx.channels.length > 0) scheduleDigest(ctx);
  // Reminders go through the same notify jobs, so they are claimed in this very pass.
  enqueueDueReminders(ctx.db, ctx.clock());
  for (const job of claim<NotifyPayload | CommentNotifyPayload>([NOTIFY_KIND, NOTIFY_COMMENT_KIND], limit)) {
    await run(job, async () => {
      const out = await noticeJob(ctx, job, down);
      result.notices++;
      result.entries += out.created;
      result.sent += out.sent;
    });
  }
  for (const job of claim<DigestPayload>([NOTIFY_DIGEST_KIND], limit)) {
    await run(job, async () => {
      result.sent += await digestJob(ctx, job, down);
      result.digests++;
    });
  }
  result.pending = countOutstanding(ctx.db, NOTIFY_KIND) + countOutstanding(ctx.db, NOTIFY_COMMENT_KIND);
  return result;
}

import { immediate } from "../../storage/db/sync";
import { closeDeliveries, type PendingDelivery, pendingDeliveries } from "../../storage/notifications";
import {
  completeOutbox,
  countOutstanding,
  type DigestPayload,
  digestDedupeKey,
  enqueueOutbox,
  NOTIFY_DIGEST_KIND,
  type OutboxJob,
} from "../../storage/outbox";
import type { DigestContent } from "./channel";
import { LeaseLostError, type NotifierContext } from "./context";
import { nextDigestAt } from "./local-time";
import { type DownChannels, recipientOf, sendOnce, skipReason } from "./send";

// The daily digest: people who chose "digest" get one e-mail a day listing what waited for them.
// It is an outbox job like the others, so exactly one node sends it and an SMTP outage only delays
// it. At most one digest job is outstanding at a time: the next is enqueued (for the next local
// digest time) only once the last one is done, so two digests never race over the same rows.

/**
 * Enqueues the next digest job unless one is waiting or running. Returns its payload, or null when
 * there was one already. Safe on every pass of every node (the day's dedupe key).
 */
export function scheduleDigest(ctx: NotifierContext): DigestPayload | null {
  const now = ctx.clock();
  return immediate(ctx.db.conn, () => {
    if (countOutstanding(ctx.db, NOTIFY_DIGEST_KIND) > 0) return null;
    const next = nextDigestAt(now, ctx.digestTime, ctx.timeZone);
    const payload: DigestPayload = { date: next.date, dueAt: next.dueAt.toISOString() };
    enqueueOutbox(
      ctx.db,
      { kind: NOTIFY_DIGEST_KIND, payload, dedupeKey: digestDedupeKey(next.date), availableAt: next.dueAt },
      now,
    );
    return payload;
  });
}

function byUser(rows: PendingDelivery[]): PendingDelivery[][] {
  const groups = new Map<string, PendingDelivery[]>();
  for (const d of rows) {
    const g = groups.get(d.userId);
    if (g) g.push(d);
    else groups.set(d.userId, [d]);
  }
  return [...groups.values()];
}

/** Sends every person's waiting digest items, one message each; returns how many were sent. */
export async function digestJob(
  ctx: NotifierContext,
  job: OutboxJob<DigestPayload>,
  down: DownChannels,
): Promise<number> {
  let sent = 0;
  const scope = { ctx, job, down };
  for (const channel of ctx.channels) {
    for (const rows of byUser(pendingDeliveries(ctx.db, { channel: channel.id, batch: "digest" }))) {
      const first = rows[0];
      const why = skipReason(channel, first);
      if (why) {
        closeDeliveries(
          ctx.db,
          rows.map((d) => d.id),
          { status: "skipped", why, now: ctx.clock() },
        );
        continue;
      }
      const to = recipientOf(channel, first);
      const digest: DigestContent = {
        date: job.payload.date,
        items: rows.map((d) => ({
          title: d.title,
          summary: d.summary,
          url: `${ctx.publicOrigin}${d.linkPath}`,
          at: d.notificationCreatedAt,
        })),
      };
      const key = `cd.digest.${job.payload.date}.${first.userId}`;
      if (await sendOnce(scope, channel, to, rows, () => channel.sendDigest(to, digest, key))) sent++;
    }
  }
  if (!completeOutbox(ctx.db, job.id, ctx.workerId, ctx.clock())) throw new LeaseLostError(job.id);
  return sent;
}

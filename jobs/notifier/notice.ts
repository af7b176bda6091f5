import { immediate } from "../../storage/db/sync";
import {
  addDelivery,
  addNotification,
  closeDeliveries,
  commentSource,
  decisionSource,
  pendingDeliveries,
  resolveRecipients,
} from "../../storage/notifications";
import {
  type CommentNotifyPayload,
  completeOutbox,
  NOTIFY_COMMENT_KIND,
  type NotifyPayload,
  type OutboxJob,
} from "../../storage/outbox";
import type { NoticeContent } from "./channel";
import { LeaseLostError, type NotifierContext } from "./context";
import { type DownChannels, recipientOf, sendOnce, skipReason } from "./send";
import { describeComment, describeDecision, describeReminder } from "./wording";

// One notify (decision) or notify_comment job: who should hear, their inbox entries and delivery
// rows in one transaction (unique keys make a rerun write nothing new), then the instant sends,
// then the job is done. A failed send fails the job, which the outbox retries with backoff; the
// inbox entries stay, and only the deliveries still pending are sent next time.

export interface NoticeOutcome {
  /** Inbox entries written by this run (0 on a rerun). */
  created: number;
  /** Messages handed to a channel by this run. */
  sent: number;
}

interface Resolved {
  content: NoticeContent;
  source: { auditId: number } | { commentId: string };
  recipients: ReturnType<typeof resolveRecipients>;
}

function resolve(
  ctx: NotifierContext,
  job: OutboxJob<NotifyPayload | CommentNotifyPayload>,
): Resolved | null {
  if (job.kind === NOTIFY_COMMENT_KIND) {
    const p = job.payload as CommentNotifyPayload;
    const s = commentSource(ctx.db, p.commentId);
    if (!s) return null;
    return {
      content: describeComment(s, ctx.publicOrigin),
      source: { commentId: s.commentId },
      recipients: resolveRecipients(ctx.db, {
        roles: p.notifyRoles ?? [],
        userIds: p.notifyUserIds ?? [],
        exclude: s.authorId,
      }),
    };
  }
  const p = job.payload as NotifyPayload;
  const s = decisionSource(ctx.db, p.auditId);
  if (!s) return null;
  if (p.reminder) {
    return {
      content: describeReminder(s, p.reminder.workingDays, ctx.publicOrigin),
      source: { auditId: s.auditId },
      recipients: resolveRecipients(ctx.db, {
        roles: p.notifyRoles ?? [],
        userIds: p.notifyUserIds ?? [],
        exclude: null,
      }),
    };
  }
  return {
    content: describeDecision(s, ctx.publicOrigin),
    source: { auditId: s.auditId },
    // The actor is read from the audit row: the payload names whom to tell, the record who acted.
    recipients: resolveRecipients(ctx.db, {
      roles: p.notifyRoles ?? [],
      userIds: p.notifyUserIds ?? [],
      exclude: s.actorUserId,
    }),
  };
}

function complete(ctx: NotifierContext, job: OutboxJob): void {
  if (!completeOutbox(ctx.db, job.id, ctx.workerId, ctx.clock())) throw new LeaseLostError(job.id);
}

export async function noticeJob(
  ctx: NotifierContext,
  job: OutboxJob<NotifyPayload | CommentNotifyPayload>,
  down: DownChannels,
): Promise<NoticeOutcome> {
  const r = resolve(ctx, job);
  if (!r) {
    complete(ctx, job);
    ctx.log("warn", `${job.kind} job ${job.id}: its audit row or comment is gone; nothing to tell`);
    return { created: 0, sent: 0 };
  }
  const now = ctx.clock();
  let created = 0;
  const ids: number[] = [];
  immediate(ctx.db.conn, () => {
    // PostgreSQL may run this block again after a conflict: count only the run that commits.
    created = 0;
    ids.length = 0;
    for (const person of r.recipients) {
      const entry = addNotification(ctx.db, {
        userId: person.userId,
        assetId: r.content.assetId,
        ...r.source,
        kind: r.content.kind,
        title: r.content.title,
        summary: r.content.summary,
        linkPath: r.content.linkPath,
        now,
      });
      ids.push(entry.id);
      if (!entry.created) continue;
      created++;
      for (const channel of ctx.channels) {
        const reach = channel.reach(person);
        if (reach)
          addDelivery(ctx.db, { notificationId: entry.id, channel: channel.id, batch: reach.batch, now });
      }
    }
    // Inbox only: done in the same transaction, so the entries and the job's end are one fact.
    if (ctx.channels.length === 0) complete(ctx, job);
  });
  if (ctx.channels.length === 0) return { created, sent: 0 };

  let sent = 0;
  const scope = { ctx, job, down };
  for (const channel of ctx.channels) {
    for (const d of pendingDeliveries(ctx.db, {
      channel: channel.id,
      batch: "instant",
      notificationIds: ids,
    })) {
      const why = skipReason(channel, d);
      if (why) {
        closeDeliveries(ctx.db, [d.id], { status: "skipped", why, now: ctx.clock() });
        continue;
      }
      const to = recipientOf(channel, d);
      const key = `cd.notice.${d.notificationId}.${r.content.assetId}`;
      if (await sendOnce(scope, channel, to, [d], () => channel.sendNotice(to, r.content, key))) sent++;
    }
  }
  complete(ctx, job);
  return { created, sent };
}

import {
  closeDeliveries,
  markDeliveriesSent,
  noteDeliveryError,
  type PendingDelivery,
  startDeliveryAttempt,
} from "../../storage/notifications";
import { getOutboxJob, type OutboxJob } from "../../storage/outbox";
import { ChannelError, type ChannelRecipient, type NotificationChannel, type SendReceipt } from "./channel";
import { errorText } from "../worker";
import { LeaseLostError, type NotifierContext } from "./context";

// Handing deliveries to a channel, once. Order per delivery: count the attempt (only while the row
// is pending and this worker still holds its job), send, mark sent. A crash between the channel
// accepting and the mark is the one window left; the retry then sends again under the same
// Message-ID, which mail clients and servers use to recognise the copy (decision 080).

/** Channels that failed retryably in this pass: later jobs of the pass skip them (no timeouts on a dead server). */
export type DownChannels = Map<string, ChannelError>;

export interface SendScope {
  ctx: NotifierContext;
  job: OutboxJob;
  down: DownChannels;
}

function holdsJob(scope: SendScope): boolean {
  const j = getOutboxJob(scope.ctx.db, scope.job.id);
  return j?.status === "processing" && j.lockedBy === scope.ctx.workerId;
}

/** Why a pending delivery should not go out any more, or null when it should. */
export function skipReason(channel: NotificationChannel, d: PendingDelivery): string | null {
  if (!d.active) return "user is inactive";
  const reach = channel.reach({
    userId: d.userId,
    displayName: d.displayName,
    email: d.email,
    emailNotify: d.emailNotify,
  });
  return reach ? null : `user has no ${channel.id} address or turned ${channel.id} off`;
}

export function recipientOf(channel: NotificationChannel, d: PendingDelivery): ChannelRecipient {
  const reach = channel.reach({
    userId: d.userId,
    displayName: d.displayName,
    email: d.email,
    emailNotify: d.emailNotify,
  });
  return { userId: d.userId, displayName: d.displayName, address: reach?.address ?? "" };
}

/**
 * Sends one message standing for `deliveries` (one notice, or one digest of several) and records
 * the outcome on all of them. Returns true when sent, false when it was not this worker's to send
 * (rows no longer pending). Throws LeaseLostError (job taken over), or the channel's retryable
 * ChannelError after noting it on the rows; a refusal for good closes the rows as failed.
 */
export async function sendOnce(
  scope: SendScope,
  channel: NotificationChannel,
  to: ChannelRecipient,
  deliveries: readonly PendingDelivery[],
  send: () => Promise<SendReceipt>,
): Promise<boolean> {
  const { ctx } = scope;
  const ids = deliveries.map((d) => d.id);
  const down = scope.down.get(channel.id);
  if (down) {
    noteDeliveryError(ctx.db, ids, down.message, ctx.clock());
    throw down;
  }
  if (!startDeliveryAttempt(ctx.db, ids, { jobId: scope.job.id, workerId: ctx.workerId }, ctx.clock())) {
    if (!holdsJob(scope)) throw new LeaseLostError(scope.job.id);
    return false;
  }
  let receipt: SendReceipt;
  try {
    receipt = await send();
  } catch (err) {
    const e =
      err instanceof ChannelError
        ? err
        : new ChannelError("SEND_FAILED", true, errorText(err), { cause: err });
    if (!e.retryable) {
      closeDeliveries(ctx.db, ids, {
        status: "failed",
        why: e.message,
        address: to.address,
        now: ctx.clock(),
      });
      ctx.log("error", `${channel.id} to ${to.address} refused for good: ${e.message}`);
      return false;
    }
    noteDeliveryError(ctx.db, ids, e.message, ctx.clock());
    scope.down.set(channel.id, e);
    throw e;
  }
  markDeliveriesSent(ctx.db, ids, { address: to.address, messageId: receipt.messageId, now: ctx.clock() });
  return true;
}
